"""Yearly figures about the Group's meetings, for the dashboard and the RCM assessment.

Plain functions with stable results, called by the reports app for the yearly assessment
to the Regional Coordination Mechanism (RCM). The terms of reference (section 5) ask the Group to
meet at least three times a year. A meeting belongs to the year of its reference
("RWG 2027/2" is a 2027 meeting), which is the year of its start in the venue's time zone.
"""

import datetime

from django.db.models import Count, Q
from django.utils import timezone

from meetings.choices import OPEN_ACTION_STATUSES, ActionItemStatus, MeetingStatus, Representation
from meetings.models import ActionItem, Attendance, Meeting

MINIMUM_MEETINGS_PER_YEAR = 3


def meeting_counts(year: int) -> dict:
    """How many meetings of ``year`` were held, are planned, cancelled or postponed.

    Returns a dict with:

    - ``held``, ``planned``, ``cancelled``, ``postponed``: meetings of the year by status
      (a postponed meeting without a new date counts as postponed, not planned);
    - ``minimum``: 3, the yearly minimum of the terms of reference;
    - ``shortfall``: how many more meetings must be planned for held + planned to reach
      the minimum (0 when it is reached);
    - ``meets_minimum``: True when held + planned reaches the minimum.

    Example: 1 held, 1 planned, 1 cancelled in 2027 gives shortfall 1, meets_minimum False.
    """
    rows = Meeting.objects.filter(year=year).values("status").annotate(n=Count("pk"))
    by_status = {row["status"]: row["n"] for row in rows}
    counts = {status: by_status.get(status, 0) for status in MeetingStatus.values}
    shortfall = max(0, MINIMUM_MEETINGS_PER_YEAR - counts[MeetingStatus.HELD] - counts[MeetingStatus.PLANNED])
    return {
        "held": counts[MeetingStatus.HELD],
        "planned": counts[MeetingStatus.PLANNED],
        "cancelled": counts[MeetingStatus.CANCELLED],
        "postponed": counts[MeetingStatus.POSTPONED],
        "minimum": MINIMUM_MEETINGS_PER_YEAR,
        "shortfall": shortfall,
        "meets_minimum": shortfall == 0,
    }


def attendance_rates(year: int) -> list[dict]:
    """Attendance of each agency at the meetings of ``year`` that were held, from recorded attendance.

    An agency was expected at a held meeting when the secretariat recorded its attendance
    there (present in any capacity, or absent). Returns one dict per such agency, ordered
    by acronym:

    - ``agency``: the acronym; ``agency_id``: its primary key;
    - ``meetings``: held meetings of the year at which the agency was expected;
    - ``attended``: of those, the meetings where it was represented (focal point,
      alternate or another representative, in person or remotely);
    - ``rate``: attended / meetings, a float from 0 to 1.

    Agencies never expected at a held meeting of the year are not listed.
    """
    rows = (
        Attendance.objects.filter(meeting__year=year, meeting__status=MeetingStatus.HELD)
        .values("agency_id", "agency__acronym")
        .annotate(meetings=Count("pk"), attended=Count("pk", filter=~Q(representation=Representation.ABSENT)))
        .order_by("agency__acronym")
    )
    return [
        {
            "agency": row["agency__acronym"],
            "agency_id": row["agency_id"],
            "meetings": row["meetings"],
            "attended": row["attended"],
            "rate": row["attended"] / row["meetings"] if row["meetings"] else 0.0,
        }
        for row in rows
    ]


def action_item_counts(year: int, *, today: datetime.date | None = None) -> dict:
    """Action items agreed at the meetings of ``year`` and where they stand ``today``.

    Returns a dict with:

    - ``opened``: action items agreed at the year's meetings (any status);
    - ``completed``: of those, the ones done;
    - ``open``: of those, the ones still open or in progress;
    - ``overdue``: of the open ones, those whose due date is before ``today`` (default:
      today in the active time zone).

    Dropped items count in ``opened`` only, so opened = completed + open + dropped.
    """
    today = today or timezone.localdate()
    open_filter = Q(status__in=OPEN_ACTION_STATUSES)
    result = ActionItem.objects.filter(meeting__year=year).aggregate(
        opened=Count("pk"),
        completed=Count("pk", filter=Q(status=ActionItemStatus.DONE)),
        open=Count("pk", filter=open_filter),
        overdue=Count("pk", filter=open_filter & Q(due_on__lt=today)),
    )
    return {key: result[key] or 0 for key in ("opened", "completed", "open", "overdue")}
