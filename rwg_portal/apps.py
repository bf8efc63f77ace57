from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "rwg_portal"
    verbose_name = "RWG Portal"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from members.permissions import is_secretariat
        from rwg_portal import security, xml_text
        from rwg_portal.registry import register_nav

        security.connect()
        xml_text.connect()
        register_nav(_("Security log"), "security_events", is_secretariat, order=900)
