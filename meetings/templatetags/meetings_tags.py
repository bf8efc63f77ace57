"""Template helpers of the meetings app: safe Markdown, meeting times, status badges."""

from django import template
from django.utils import timezone

from meetings.choices import ActionItemStatus, InvitationResponse, JobState, MeetingStatus, MinutesStatus
from rwg_portal.markup import render_markdown

register = template.Library()

BADGES = {
    MeetingStatus.PLANNED: "text-bg-primary",
    MeetingStatus.HELD: "text-bg-success",
    MeetingStatus.POSTPONED: "text-bg-warning",
    MeetingStatus.CANCELLED: "text-bg-secondary",
    ActionItemStatus.OPEN: "text-bg-info",
    ActionItemStatus.IN_PROGRESS: "text-bg-primary",
    ActionItemStatus.DONE: "text-bg-success",
    ActionItemStatus.DROPPED: "text-bg-secondary",
    MinutesStatus.DRAFT: "text-bg-light border",
    MinutesStatus.SHARED: "text-bg-info",
    MinutesStatus.APPROVED: "text-bg-success",
    InvitationResponse.PENDING: "text-bg-light border",
    InvitationResponse.IN_PERSON: "text-bg-success",
    InvitationResponse.REMOTE: "text-bg-primary",
    InvitationResponse.CANNOT_ATTEND: "text-bg-secondary",
    JobState.FAILED: "text-bg-danger",
}


@register.filter(name="markdown")
def markdown_filter(text):
    """Render Markdown written in the portal as sanitised HTML."""
    return render_markdown(text or "")


@register.filter
def badge(status) -> str:
    return BADGES.get(status, "text-bg-light border")


@register.inclusion_tag("meetings/includes/when.html", takes_context=True)
def meeting_when(context, meeting, short=False):
    """The meeting's time in the reader's zone, with the venue's beside it when it differs."""
    reader_zone = timezone.get_current_timezone_name()
    return {
        "meeting": meeting,
        "short": short,
        "same_zone": reader_zone == meeting.time_zone
        or timezone.localtime(meeting.starts_at).utcoffset() == meeting.local_starts_at.utcoffset(),
        "reader_zone": reader_zone,
    }
