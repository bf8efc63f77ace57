from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _anonymous(user) -> bool:
    return not user.is_authenticated


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Members")

    def ready(self):
        from members import dashboard, permissions, search
        from rwg_portal.registry import register_nav, register_panel

        register_nav(_("Agencies"), "members:directory", permissions.can_view_directory, order=10)
        register_nav(_("People"), "members:people", permissions.can_manage_people, order=15)
        register_nav(_("Messages"), "members:contact_messages", permissions.can_read_contact_messages, order=16)
        # The Group in public, for visitors (signed-in people reach the same pages from its About page).
        register_nav(_("About the Group"), "members_public:about", _anonymous, order=5)
        register_nav(_("Contact"), "members_public:contact", _anonymous, order=95)
        register_nav(_("My account"), "members:my_account", lambda user: user.is_authenticated, order=90)
        register_panel(dashboard.secretariat_panel, order=10)
        register_panel(dashboard.my_agency_panel, order=20)
        search.register()
