from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Members")

    def ready(self):
        from members import dashboard, permissions
        from rwg_portal.registry import register_nav, register_panel

        register_nav(_("Agencies"), "members:directory", permissions.can_view_directory, order=10)
        register_nav(_("People"), "members:people", permissions.can_manage_people, order=15)
        register_nav(_("My account"), "members:my_account", lambda user: user.is_authenticated, order=90)
        register_panel(dashboard.secretariat_panel, order=10)
        register_panel(dashboard.my_agency_panel, order=20)
