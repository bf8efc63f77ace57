"""Admin views for support staff; day-to-day work happens in the portal's own pages."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from programmes.models import (
    Activity,
    ActivityImport,
    Attachment,
    GoodPractice,
    Indicator,
    Participation,
    PriorityArea,
    SynergyReview,
)


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    autocomplete_fields = ["agency"]


class IndicatorInline(admin.StackedInline):
    model = Indicator
    extra = 0


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0


@admin.register(Activity)
class ActivityAdmin(SimpleHistoryAdmin):
    list_display = ["title_en", "lead_agency", "kind", "status", "starts_on", "ends_on"]
    list_filter = ["status", "kind", "lead_agency"]
    list_select_related = ["lead_agency"]
    search_fields = ["title_en", "title_ar", "title_fr", "iati_identifier"]
    inlines = [ParticipationInline, IndicatorInline, AttachmentInline]
    readonly_fields = ["created_by", "created_at", "updated_at"]


@admin.register(PriorityArea)
class PriorityAreaAdmin(SimpleHistoryAdmin):
    list_display = ["title_en", "place", "theme", "source", "stated_on"]
    list_filter = ["source", "theme", "place"]


@admin.register(GoodPractice)
class GoodPracticeAdmin(SimpleHistoryAdmin):
    list_display = ["title_en", "agency", "theme", "status", "published_at"]
    list_filter = ["status", "theme", "agency"]


@admin.register(SynergyReview)
class SynergyReviewAdmin(SimpleHistoryAdmin):
    list_display = ["activity_a", "activity_b", "verdict", "reviewed_by", "reviewed_at"]
    list_filter = ["verdict"]


@admin.register(ActivityImport)
class ActivityImportAdmin(SimpleHistoryAdmin):
    list_display = ["agency", "uploaded_by", "uploaded_at", "state", "rows"]
    list_filter = ["state"]
    readonly_fields = ["errors", "changes"]
