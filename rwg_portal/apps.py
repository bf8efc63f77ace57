from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "rwg_portal"
    verbose_name = "RWG Portal"
