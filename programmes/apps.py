from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "programmes"
    verbose_name = _("Programmes")

    def ready(self):
        from programmes import dashboard, permissions, search, services
        from rwg_portal.registry import register_hook, register_nav, register_panel

        register_nav(_("Programmes"), "programmes:activity_list", permissions.can_view_catalogue, order=30)
        register_nav(_("Good practices"), "programmes:practice_list", lambda user: True, order=35)
        register_panel(dashboard.secretariat_panel, order=30, shared=dashboard.secretariat_scope,
                       apps=("members", "programmes"))
        register_panel(dashboard.my_agency_panel, order=31, shared=dashboard.my_agency_scope,
                       apps=("members", "programmes"))
        register_panel(dashboard.good_practices_panel, order=60, shared=dashboard.everyone_scope,
                       apps=("members", "programmes"))
        search.register()
        register_hook("practice_save", services.practice_save)  # members' stakeholders accept proposals
