"""Admin for the reference data; imports and releases are managed through the data hub's pages."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from data_hub.models import Dataset, ImportJob, Indicator, Place, Release


@admin.register(Place)
class PlaceAdmin(SimpleHistoryAdmin):
    list_display = ["code", "kind", "m49", "name_en", "name_ar", "name_fr"]
    list_filter = ["kind", "is_builtin"]
    search_fields = ["code", "name_en", "name_ar", "name_fr"]
    filter_horizontal = ["members"]


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name_en", "unit", "has_origin", "aggregation", "agency"]
    search_fields = ["code", "name_en"]


@admin.register(Dataset)
class DatasetAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name_en", "publisher", "agency"]


@admin.register(Release)
class ReleaseAdmin(SimpleHistoryAdmin):
    list_display = ["dataset", "revision", "is_current", "is_published", "imported_by", "imported_at"]
    list_filter = ["dataset", "is_current", "is_published"]
    readonly_fields = ["file_name", "file_sha256", "imported_by", "imported_at", "summary"]


@admin.register(ImportJob)
class ImportJobAdmin(SimpleHistoryAdmin):
    list_display = ["original_name", "state", "action", "progress", "created_by", "created_at"]
    list_filter = ["state"]
    readonly_fields = [f.name for f in ImportJob._meta.fields]
