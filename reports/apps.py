from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from members.permissions import is_rcm_delegate
        from reports import dashboard, permissions, search, selectors, sitemaps
        from reports.models import Build
        from rwg_portal.registry import register_hook, register_job, register_nav, register_panel, register_sitemap

        register_nav(_("Reports"), "reports:index", permissions.can_view_workspace, order=50)
        register_nav(_("Library"), "reports:library_list", permissions.can_view_library_workspace, order=52)
        register_nav(_("Published reports"), "reports:downloads", is_rcm_delegate, order=55)
        register_nav(_("Publications"), "reports_public:publications", lambda user: not user.is_authenticated, order=90)
        register_panel(dashboard.secretariat_panel, order=50, shared=dashboard.secretariat_scope,
                       apps=("members", "reports"))
        register_panel(dashboard.authors_panel, order=55, shared=dashboard.authors_scope, apps=("members", "reports"))
        register_panel(dashboard.downloads_panel, order=60, shared=dashboard.rcm_scope, apps=("reports",))
        register_panel(dashboard.public_panel, order=90, shared=dashboard.anonymous_scope, apps=("reports",))
        search.register()
        register_sitemap("publications", sitemaps.PublicationsSitemap)
        register_sitemap("reports", sitemaps.ReportSitemap)
        register_sitemap("library", sitemaps.LibraryItemSitemap)
        register_hook("report_editions", _report_editions)  # what an RCM session (meetings) may have received
        register_job("builds", Build)
        register_hook("library_proposals_awaiting", selectors.library_proposals_awaiting)  # members' dashboard


def _report_editions():
    from reports.models import Report

    return Report.objects.order_by("-year", "kind", "pk")
