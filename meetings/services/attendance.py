"""Recording who represented each agency at a meeting."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.choices import InvitationResponse, MeetingStatus, Representation
from meetings.models import Attendance, Meeting
from members.choices import DesignationRole, Membership
from members.models import Agency, Designation, User


def expected_agencies(meeting: Meeting) -> list[Agency]:
    """Member agencies (not former ones), plus any agency already recorded for the meeting."""
    recorded = meeting.attendance.values("agency_id")
    return list(Agency.objects.filter(~Q(membership=Membership.FORMER) | Q(pk__in=recorded)).order_by("acronym"))


def suggested_attendance(meeting: Meeting, agencies: list[Agency]) -> dict[int, dict]:
    """A first guess from the answers to the invitations, for the secretariat to correct."""
    designations = {
        (d.agency_id, d.person_id): d.role
        for d in Designation.objects.current().filter(agency__in=agencies)
    }
    guesses: dict[int, dict] = {}
    answers = meeting.invitations.exclude(response=InvitationResponse.CANNOT_ATTEND).exclude(
        response=InvitationResponse.PENDING)
    for invitation in answers:
        role = designations.get((invitation.agency_id, invitation.person_id))
        if role is None:
            continue
        representation = Representation.FOCAL_POINT if role == DesignationRole.FOCAL_POINT else Representation.ALTERNATE
        current = guesses.get(invitation.agency_id)
        # The focal point, when both answered, is the one expected to speak for the agency.
        if current is None or representation == Representation.FOCAL_POINT:
            guesses[invitation.agency_id] = {"representation": representation, "person": invitation.person,
                                             "remote": invitation.response == InvitationResponse.REMOTE}
    return guesses


@transaction.atomic
def attendance_record(*, meeting: Meeting, rows: list[dict], by: User | None) -> list[Attendance]:
    """Save the attendance of every agency in ``rows`` and mark the meeting as held.

    Each row: agency, representation, and person / representative_name / remote. A focal
    point or alternate recorded without a person is the agency's current one.
    """
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if not meeting.has_started:
        raise ValidationError(_("Attendance can be recorded once the meeting has started."))
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("A cancelled meeting has no attendance."))
    current = {
        (d.agency_id, d.role): d.person
        for d in Designation.objects.current().select_related("person")
    }
    existing = {row.agency_id: row for row in meeting.attendance.all()}
    saved = []
    for row in rows:
        agency = row["agency"]
        record = existing.get(agency.pk) or Attendance(meeting=meeting, agency=agency)
        record.representation = row["representation"]
        record.person = row.get("person")
        record.representative_name = row.get("representative_name", "")
        record.remote = bool(row.get("remote"))
        if record.person is None and record.representation in (Representation.FOCAL_POINT, Representation.ALTERNATE):
            record.person = current.get((agency.pk, record.representation))
        record.recorded_by = by
        record.recorded_at = timezone.now()
        record.full_clean(validate_constraints=False)
        record.save()
        saved.append(record)
    if meeting.status != MeetingStatus.HELD:
        from meetings.services.meetings import meeting_set_status

        meeting_set_status(meeting=meeting, status=MeetingStatus.HELD, by=by, notify=False)
    return saved
