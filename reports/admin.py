"""The Django admin for the reports app: for looking things up; the portal's pages do the work."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from reports.models import (
    Answer,
    Build,
    Chapter,
    ChapterComment,
    LibraryItem,
    LibraryProposal,
    Question,
    QuestionnaireResponse,
    Report,
    Source,
)
from rwg_portal.translated import columns


@admin.register(Report)
class ReportAdmin(SimpleHistoryAdmin):
    list_display = ["title_en", "kind", "year", "is_demo"]
    list_filter = ["kind", "is_demo"]
    search_fields = ["title_en", "title_ar"]


@admin.register(Chapter)
class ChapterAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "report", "lead_agency", "state", "deadline", "revision"]
    list_filter = ["state", "report"]
    search_fields = ["title_en", "title_ar"]
    raw_id_fields = ["report"]


@admin.register(ChapterComment)
class ChapterCommentAdmin(SimpleHistoryAdmin):
    list_display = ["chapter", "author", "kind", "created_at"]
    raw_id_fields = ["chapter", "author"]


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    list_display = ["key", "report"]
    search_fields = ["key", "citation_en"]


@admin.register(Build)
class BuildAdmin(SimpleHistoryAdmin):
    list_display = ["pk", "report", "language", "status", "requested_at", "page_count", "published_at", "is_public",
                    "download_count"]
    list_filter = ["status", "language", "is_public"]
    # Builds change only through the portal's services (worker, approval, publication).
    readonly_fields = [field.name for field in Build._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(Question)
class QuestionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "report", "kind", "dimension"]


@admin.register(QuestionnaireResponse)
class QuestionnaireResponseAdmin(SimpleHistoryAdmin):
    list_display = ["report", "agency", "status", "submitted_at"]


@admin.register(Answer)
class AnswerAdmin(SimpleHistoryAdmin):
    list_display = ["response", "question", "score"]


@admin.register(LibraryItem)
class LibraryItemAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "year", "agency", "visibility", "download_count", "is_demo"]
    list_filter = ["kind", "visibility", "language"]
    search_fields = [*columns("title"), *columns("abstract")]
    readonly_fields = ["file", "original_name", "extension", "content_type", "size", "sha256", "download_count"]


@admin.register(LibraryProposal)
class LibraryProposalAdmin(SimpleHistoryAdmin):
    list_display = ["title", "organisation", "status", "submitted_at"]
    list_filter = ["status", "kind", "language"]
    search_fields = ["title", "organisation", "contact_email"]
    readonly_fields = ["file", "original_name", "extension", "content_type", "size", "sha256", "library_item"]
