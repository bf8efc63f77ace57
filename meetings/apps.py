from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from meetings import dashboard, permissions, search, sitemaps
        from meetings.models import PapersBundle
        from rwg_portal.registry import register_job, register_nav, register_panel, register_sitemap

        register_nav(_("Meetings"), "meetings:meeting_list", permissions.can_view_meetings, order=20)
        register_nav(_("Meetings"), "meetings_public:calendar", lambda user: not user.is_authenticated, order=20)
        register_nav(_("Action items"), "meetings:action_item_list", permissions.can_view_action_items, order=21)
        register_nav(_("Decisions for the RCM"), "meetings:rcm_decisions", dashboard.shows_rcm_nav, order=22)
        register_nav(_("Decisions"), "meetings:decision_register", dashboard.shows_public_decisions_nav, order=23)
        register_panel(dashboard.three_a_year_panel, order=15, shared=dashboard.secretariat_scope, apps=("meetings",))
        register_panel(dashboard.my_meetings_panel, order=25)
        register_panel(dashboard.rcm_decisions_panel, order=26, shared=dashboard.rcm_scope, apps=("meetings",))
        search.register()
        register_sitemap("calendar", sitemaps.CalendarSitemap)
        register_sitemap("meetings", sitemaps.MeetingSitemap)
        register_job("bundles", PapersBundle)
