from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DataHubConfig(AppConfig):
    name = "data_hub"
    verbose_name = _("Data")
