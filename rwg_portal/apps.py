from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "rwg_portal"
    verbose_name = "RWG Portal"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from rwg_portal import dashboard_cache, security, xml_text
        from rwg_portal.registry import hook, register_nav, register_sitemap
        from rwg_portal.sitemaps import OpenPagesSitemap

        dashboard_cache.connect()
        security.connect()
        xml_text.connect()
        register_nav(_("Security log"), "security_events", lambda user: hook("is_secretariat")(user), order=900)
        register_nav(_("Administration"), "admin:index", may_use_admin, order=950)
        register_sitemap("open", OpenPagesSitemap)


def may_use_admin(user) -> bool:
    """The admin menu entry: only for people the admin lets in (active staff)."""
    return bool(user.is_authenticated and user.is_active and user.is_staff)
