from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _everyone(user) -> bool:
    """Published figures are public: the data hub is in everyone's navigation."""
    return True


class DataHubConfig(AppConfig):
    name = "data_hub"
    verbose_name = _("Data")

    def ready(self):
        from data_hub import caching, dashboard, search
        from data_hub.models import ImportJob
        from rwg_portal.registry import register_hook, register_job, register_nav, register_panel

        register_nav(_("Data"), "data_hub:explorer", _everyone, order=40)
        register_panel(dashboard.data_panel, order=40)
        search.register()
        register_hook("data_version", caching.data_version)
        register_job("imports", ImportJob)
