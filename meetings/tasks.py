"""Celery tasks of the meetings app: thin, they take an id (or nothing, for beat) and call a service.

Services queue them with ``rwg_portal.jobs.enqueue`` (on commit, so the worker sees committed rows).
"""

from celery import shared_task

from meetings.models import PapersBundle
from meetings.services import documents, reminders
from meetings.services.changes import meeting_changes_notify
from meetings.services.guests import guest_invitation_email_send, guest_status_change_email_send
from meetings.services.invitations import agenda_change_email_send, invitation_email_send, status_change_email_send
from meetings.services.notifications import action_item_assigned_notify, minutes_shared_notify

# Time limits: e-mails and scans are quick; a ZIP of large papers may take a while.
MAIL_LIMITS = {"soft_time_limit": 60, "time_limit": 90}


@shared_task(**MAIL_LIMITS)
def send_invitation_email(invitation_id: int) -> None:
    invitation_email_send(invitation_id=invitation_id)


@shared_task(**MAIL_LIMITS)
def send_status_change_email(invitation_id: int) -> None:
    status_change_email_send(invitation_id=invitation_id)


@shared_task(**MAIL_LIMITS)
def send_agenda_change_email(invitation_id: int, removed_title: str) -> None:
    agenda_change_email_send(invitation_id=invitation_id, removed_title=removed_title)


@shared_task(**MAIL_LIMITS)
def send_action_item_assigned_email(item_id: int) -> None:
    action_item_assigned_notify(item_id=item_id)


@shared_task(soft_time_limit=300, time_limit=360)
def send_minutes_shared_email(meeting_id: int) -> None:
    minutes_shared_notify(meeting_id=meeting_id)


@shared_task(soft_time_limit=300, time_limit=360)
def send_meeting_reminders() -> int:
    """Beat, hourly: remind invitees a week and a day before a meeting (each reminder once)."""
    return reminders.send_meeting_reminders()


@shared_task(soft_time_limit=300, time_limit=360)
def send_action_item_reminders() -> int:
    """Beat, daily: remind assignees of action items due soon or overdue (each reminder once)."""
    return reminders.send_action_item_reminders()


@shared_task(soft_time_limit=PapersBundle.time_limit - 60, time_limit=PapersBundle.time_limit)
def build_papers_bundle(bundle_id: int) -> None:
    documents.papers_bundle_build(bundle_id=bundle_id)


@shared_task(soft_time_limit=300, time_limit=360)
def extract_document_text(version_id: int) -> None:
    """Read an uploaded paper's text for the search index (a long PDF takes a while)."""
    documents.document_version_extract_text(version_id=version_id)


@shared_task(soft_time_limit=300, time_limit=360)
def send_meeting_change_emails(meeting_id: int) -> int:
    """Tell every invitee what changed in the meeting since the last e-mail (updated .ics attached)."""
    return meeting_changes_notify(meeting_id=meeting_id)


@shared_task(**MAIL_LIMITS)
def send_guest_invitation_email(guest_id: int, force: bool = False) -> None:
    guest_invitation_email_send(guest_id=guest_id, force=force)


@shared_task(**MAIL_LIMITS)
def send_guest_status_change_email(guest_id: int) -> None:
    guest_status_change_email_send(guest_id=guest_id)
