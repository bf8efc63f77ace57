"""The meetings app in the Django admin: for repairs by an administrator, with full history."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from meetings.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    CalendarFeed,
    Decision,
    Document,
    DocumentVersion,
    GuestInvitation,
    Invitation,
    Meeting,
    MeetingChange,
    MinutesComment,
    MinutesSection,
    PapersBundle,
    Reminder,
)


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    fk_name = "meeting"
    extra = 0
    fields = ["position", "kind", "title", "presenting_agency", "duration_minutes"]


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "kind", "starts_at", "time_zone", "mode", "status", "minutes_status"]
    list_filter = ["year", "status", "kind", "mode", "minutes_status"]
    date_hierarchy = "starts_at"
    list_select_related = ["chair_agency"]
    readonly_fields = ["year", "number", "sequence", "created_at"]
    inlines = [AgendaItemInline]


@admin.register(Document)
class DocumentAdmin(SimpleHistoryAdmin):
    list_display = ["title", "meeting", "agenda_item", "created_at"]
    list_select_related = ["meeting", "agenda_item"]


@admin.register(DocumentVersion)
class DocumentVersionAdmin(SimpleHistoryAdmin):
    list_display = ["document", "number", "original_name", "content_type", "size", "uploaded_at"]
    readonly_fields = ["file", "sha256", "size", "content_type", "extension"]


@admin.register(Invitation)
class InvitationAdmin(SimpleHistoryAdmin):
    list_display = ["meeting", "person", "agency", "response", "email_sent_at"]
    list_filter = ["response"]
    list_select_related = ["meeting", "person", "agency"]


@admin.register(Attendance)
class AttendanceAdmin(SimpleHistoryAdmin):
    list_display = ["meeting", "agency", "representation", "person", "remote"]
    list_filter = ["representation"]
    list_select_related = ["meeting", "agency", "person"]


@admin.register(MinutesSection)
class MinutesSectionAdmin(SimpleHistoryAdmin):
    list_display = ["agenda_item", "updated_at", "updated_by"]


@admin.register(MinutesComment)
class MinutesCommentAdmin(SimpleHistoryAdmin):
    list_display = ["meeting", "author", "created_at"]


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "report_to_rcm", "join_request", "join_request_outcome"]
    list_filter = ["report_to_rcm"]
    list_select_related = ["meeting", "join_request"]


@admin.register(ActionItem)
class ActionItemAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "owner_agency", "assignee", "due_on", "status"]
    list_filter = ["status", "owner_agency"]
    list_select_related = ["meeting", "owner_agency", "assignee"]


@admin.register(Reminder)
class ReminderAdmin(SimpleHistoryAdmin):
    list_display = ["key", "kind", "recipient", "sent_at"]
    list_filter = ["kind"]


@admin.register(CalendarFeed)
class CalendarFeedAdmin(SimpleHistoryAdmin):
    list_display = ["user", "created_at", "revoked_at", "last_used_at"]
    exclude = ["token_hash"]


@admin.register(PapersBundle)
class PapersBundleAdmin(SimpleHistoryAdmin):
    list_display = ["meeting", "state", "progress", "created_at", "finished_at"]
    list_filter = ["state"]


@admin.register(GuestInvitation)
class GuestInvitationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "organisation", "meeting", "response", "attended", "email_sent_at"]
    list_filter = ["response", "organisation_kind", "language"]
    search_fields = ["name", "email", "organisation"]
    list_select_related = ["meeting"]
    readonly_fields = ["email_sent_at", "responded_at", "invited_at"]


@admin.register(MeetingChange)
class MeetingChangeAdmin(SimpleHistoryAdmin):
    list_display = ["meeting", "sequence", "created_at", "notified_at", "recipients"]
    list_select_related = ["meeting"]
    readonly_fields = ["meeting", "sequence", "changes", "created_by", "created_at", "notified_at", "recipients"]
