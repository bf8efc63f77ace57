"""Models of the meetings app, one module per subject.

Every name is re-exported here: code imports ``from meetings.models import X``, and the
migrations name ``meetings.models.document_upload_to``, ``bundle_upload_to`` and ``new_link_nonce``.
"""

from meetings.models.documents import Document, DocumentVersion, PapersBundle, bundle_upload_to, document_upload_to
from meetings.models.meetings import AgendaItem, Meeting, MeetingChange
from meetings.models.participation import Attendance, CalendarFeed, GuestInvitation, Invitation, new_link_nonce
from meetings.models.rcm import RcmFollowUp, RcmSession
from meetings.models.records import ActionItem, Decision, MinutesComment, MinutesSection, Reminder

__all__ = [
    "ActionItem",
    "AgendaItem",
    "Attendance",
    "CalendarFeed",
    "Decision",
    "Document",
    "DocumentVersion",
    "GuestInvitation",
    "Invitation",
    "Meeting",
    "MeetingChange",
    "MinutesComment",
    "MinutesSection",
    "PapersBundle",
    "RcmFollowUp",
    "RcmSession",
    "Reminder",
    "bundle_upload_to",
    "document_upload_to",
    "new_link_nonce",
]
