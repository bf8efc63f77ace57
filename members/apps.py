from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _anonymous(user) -> bool:
    return not user.is_authenticated


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Members")

    def ready(self):
        from members import dashboard, permissions, search, services, sitemaps
        from members.choices import DesignationRole, Role
        from members.models import Agency
        from rwg_portal.registry import register_hook, register_nav, register_panel, register_sitemap

        register_nav(_("Agencies"), "members:directory", permissions.can_view_directory, order=10)
        register_nav(_("People"), "members:people", permissions.can_manage_people, order=15)
        register_nav(_("Messages"), "members:contact_messages", permissions.can_read_contact_messages, order=16)
        register_nav(_("Stakeholders"), "members:proposals", permissions.can_moderate_stakeholders, order=17)
        # The Group in public, for visitors (signed-in people reach the same pages from its About page).
        register_nav(_("About the Group"), "members_public:about", _anonymous, order=5)
        register_nav(_("Contact"), "members_public:contact", _anonymous, order=95)
        register_nav(_("Consultations"), "members_public:consultations", _anonymous, order=94)
        register_nav(_("My account"), "members:my_account", lambda user: user.is_authenticated, order=90)
        register_panel(dashboard.secretariat_panel, order=10, shared=dashboard.secretariat_scope, apps=("members",))
        register_panel(dashboard.moderation_panel, order=12, shared=dashboard.secretariat_scope,
                       apps=("members", "reports"))
        register_panel(dashboard.my_agency_panel, order=20, shared=dashboard.my_agency_scope, apps=("members",))
        search.register()
        register_sitemap("about", sitemaps.AboutSitemap)
        register_sitemap("agencies", sitemaps.AgencySitemap)
        register_sitemap("consultations", sitemaps.ConsultationSitemap)
        # What the shell asks of the accounts (it imports no app: rwg_portal.registry).
        register_hook("is_secretariat", permissions.is_secretariat)
        register_hook("needs_two_factor", permissions.needs_two_factor)
        register_hook("user_set_language", services.user_set_language)
        register_hook("role_label", lambda code: Role(code).label if code in Role.values else code)
        register_hook("designation_role_label",
                      lambda code: str(DesignationRole(code).label).lower() if code in DesignationRole.values else code)
        register_hook("agency_acronyms",
                      lambda ids: dict(Agency.objects.filter(pk__in=ids).values_list("pk", "acronym")))
