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


def rcm_sessions(year: int, *, today: datetime.date | None = None) -> list[dict]:
    """The RCM sessions held in ``year``, oldest first: what the Group presented and the follow-up.

    Each dict: ``held_on``, ``place``, ``title``, ``is_demo``; ``reports`` (titles in the active
    language), ``decisions`` (``reference``, ``text``), ``presentation``, ``feedback`` and
    ``recommendations`` (Markdown as written), and ``follow_ups``, each with ``number``,
    ``title``, ``agency``, ``due_on``, ``status`` (code), ``status_label`` (active language),
    ``completed_on``, ``overdue``, and ``open``/``done`` counts.
    """
    from django.db.models import Prefetch

    from meetings.models import Decision, RcmFollowUp, RcmSession

    today = today or timezone.localdate()
    sessions = RcmSession.objects.filter(held_on__year=year).order_by("held_on", "pk").prefetch_related(
        "presented_reports",
        Prefetch("presented_decisions",
                 queryset=Decision.objects.select_related("meeting").order_by("meeting__starts_at", "number")),
        Prefetch("follow_ups", queryset=RcmFollowUp.objects.select_related("owner_agency").order_by("number")),
    )
    rows = []
    for session in sessions:
        follow_ups = [{
            "number": item.number, "title": item.title, "agency": item.owner_agency.acronym,
            "due_on": item.due_on, "status": item.status, "status_label": str(item.get_status_display()),
            "completed_on": item.completed_on,
            "overdue": item.status in OPEN_ACTION_STATUSES and item.due_on is not None and item.due_on < today,
        } for item in session.follow_ups.all()]
        rows.append({
            "held_on": session.held_on, "place": session.place, "title": session.title, "is_demo": session.is_demo,
            "reports": [report.title for report in session.presented_reports.all()],
            "decisions": [{"reference": d.reference, "text": d.text} for d in session.presented_decisions.all()],
            "presentation": session.presentation, "feedback": session.feedback,
            "recommendations": session.recommendations, "follow_ups": follow_ups,
            "open": sum(1 for f in follow_ups if f["status"] in OPEN_ACTION_STATUSES),
            "done": sum(1 for f in follow_ups if f["status"] == ActionItemStatus.DONE),
        })
    return rows
