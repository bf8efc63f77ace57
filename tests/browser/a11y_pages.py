"""The pages of the accessibility sweep (tests/browser/test_accessibility.py).

Every URL of the every-URL table (tests/security/url_table.py) whose GET is allowed to some role is
visited as its main role: the first allowed role of ``MAIN_ROLE_ORDER`` (a public page as an anonymous
visitor, a member's page as a focal point, a secretariat page as the secretariat), plus the roles of
``ALSO_AS`` where a page shows much more to another role (the dashboard, a meeting to the secretariat).
The URLs' arguments come from the world of tests/security/world.py; ``add_states`` adds the records
that change what a page shows (every meeting status and minutes stage, every action-item state, the
calendar's cancelled, other-month and today cells, chapters, builds, practices and imports in each
state) and the URLs that show them.
"""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from tests.access import OK
from tests.people import ROLES
from tests.security.url_table import TABLE

MAIN_ROLE_ORDER = ("anonymous", "focal_point", "rcm_delegate", "secretariat", "admin", "alternate",
                   "other_focal_point", "no_role")
assert set(MAIN_ROLE_ORDER) == set(ROLES), "a new role needs a place in MAIN_ROLE_ORDER"

# Pages whose content changes much with the reader: visited as these roles too, when allowed.
ALSO_AS = {
    "home": ("focal_point", "rcm_delegate", "secretariat"),
    "meetings:meeting_detail": ("secretariat",),
    "meetings:meeting_list": ("rcm_delegate",),  # the dates only, without links
    "meetings:action_item_detail": ("secretariat",),
    "meetings:action_item_list": ("secretariat",),
    "meetings:rcm_decisions": ("rcm_delegate",),
    "meetings:rcm_session_list": ("rcm_delegate", "secretariat"),
    "meetings:rcm_session_detail": ("rcm_delegate", "secretariat"),
    "programmes:recommendation_detail": ("secretariat",),
    "meetings:calendar": ("secretariat",),
    "reports:downloads": ("rcm_delegate",),
    "reports:report_detail": ("secretariat",),
    "reports:chapter_detail": ("secretariat",),
    "reports:build_detail": ("secretariat",),
    "reports:public": ("rcm_delegate",),
    "data_hub:release_detail": ("focal_point",),
    "data_hub:explorer": ("focal_point",),
    "programmes:practice_list": ("focal_point",),
}


@dataclass(frozen=True)
class Visit:
    """One page to check: who reads it, where, and what it is (a URL name, and the state it shows)."""

    role: str
    url: str
    what: str


def in_language(url: str, language: str) -> str:
    """The URL of a page with an address per language (the Group in public: /en/about/) in ``language``;
    any other URL unchanged (the language cookie chooses)."""
    from django.urls import translate_url

    return translate_url(url, language)


def get_pages() -> dict[str, list[str]]:
    """URL name -> the roles allowed to GET it, in ``MAIN_ROLE_ORDER``, for every entry of the table."""
    return {name: [role for role in MAIN_ROLE_ORDER if entry.get[role] == OK]
            for name, entry in sorted(TABLE.items()) if any(entry.get[role] == OK for role in ROLES)}


def table_visits(world) -> list[Visit]:
    """One visit per GET page of the table as its main role, and one per role of ``ALSO_AS``."""
    visits = []
    for name, roles in get_pages().items():
        entry = TABLE[name]
        url = reverse(name, args=entry.args(world))
        if entry.query:
            url += "?" + urlencode(entry.query(world))
        for role in dict.fromkeys([roles[0], *(r for r in ALSO_AS.get(name, ()) if r in roles)]):
            visits.append(Visit(role, url, name))
    return visits


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    from tests.meetings.helpers import BEIRUT

    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=BEIRUT)


def add_states(world) -> list[Visit]:
    """Records in the states the world lacks, and the visits that show them (as the main role)."""
    visits = []
    visits += _meeting_states(world)
    visits += _report_states(world)
    visits += _programme_and_data_states(world)
    return visits


def _meeting_states(world) -> list[Visit]:
    from meetings.choices import ActionItemStatus, MeetingStatus
    from meetings.services.actions import action_item_create, action_item_update
    from meetings.services.agenda import agenda_item_add
    from meetings.services.meetings import meeting_set_status
    from meetings.services.minutes import minutes_approve, minutes_section_save, minutes_share
    from tests.meetings.helpers import held, schedule

    by, owning = world.people.secretariat, world.people.owning
    visits = []

    def detail(meeting, state):  # the secretariat sees every panel and button of the meeting
        visits.append(Visit("secretariat", reverse("meetings:meeting_detail", args=[meeting.pk]), f"meeting {state}"))

    # A month of every calendar state, on fixed dates so that the grid does not depend on today:
    # April 2031 starts on a Tuesday, so 31 March and 1 May are "other month" cells of its grid.
    planned = schedule(by, starts_at=_at(datetime.date(2031, 4, 15)))
    postponed = meeting_set_status(meeting=schedule(by, starts_at=_at(datetime.date(2031, 4, 16))),
                                   status=MeetingStatus.POSTPONED, note="The venue is not free.", by=by, notify=False)
    cancelled = meeting_set_status(meeting=schedule(by, starts_at=_at(datetime.date(2031, 4, 17))),
                                   status=MeetingStatus.CANCELLED, note="No quorum.", by=by, notify=False)
    schedule(by, starts_at=_at(datetime.date(2031, 3, 31)))
    meeting_set_status(meeting=schedule(by, starts_at=_at(datetime.date(2031, 5, 1))),
                       status=MeetingStatus.CANCELLED, note="No quorum.", by=by, notify=False)
    # Today's cell with a meeting in it, and a cancelled one beside it.
    now = timezone.now()
    schedule(by, starts_at=now + datetime.timedelta(minutes=5), hours=1)
    meeting_set_status(meeting=schedule(by, starts_at=now + datetime.timedelta(minutes=10), hours=1),
                       status=MeetingStatus.CANCELLED, note="No quorum.", by=by, notify=False)
    detail(planned, "planned")
    detail(postponed, "postponed")
    detail(cancelled, "cancelled")
    detail(world.meeting, "held, minutes draft")
    # Before the start: no attendance form, only when it can be recorded. After the invitations: removing
    # an agenda item asks first (the world's planned meeting has an invitee).
    visits.append(Visit("secretariat", reverse("meetings:attendance", args=[world.planned.pk]),
                        "attendance before the meeting starts"))
    invited_item = agenda_item_add(meeting=world.planned, data={"title": "Budget of the study"}, by=by)
    visits.append(Visit("secretariat", reverse("meetings:agenda_item_delete", args=[invited_item.pk]),
                        "removing an agenda item after the invitations"))
    for view in ("month", "list"):
        visits.append(Visit("focal_point", f"/meetings/calendar/?view={view}", f"calendar this month ({view})"))
        visits.append(Visit("focal_point", f"/meetings/calendar/?month=2031-04&view={view}",
                            f"calendar April 2031, every status and other-month cells ({view})"))

    # Minutes shared, then approved; a past year that met the minimum of three meetings.
    shared = held(by, days_ago=40)
    minutes_section_save(agenda_item=agenda_item_add(meeting=shared, data={"title": "Workplan"}, by=by),
                         text="The Group agreed the workplan.", by=by)
    minutes_share(meeting=shared, by=by)
    approved = held(by, days_ago=60)
    minutes_approve(meeting=approved, approved_on=timezone.localdate(), at_meeting=None, by=by)
    for meeting, state in ((shared, "held, minutes shared"), (approved, "held, minutes approved")):
        detail(meeting, state)
        visits.append(Visit("secretariat", reverse("meetings:minutes", args=[meeting.pk]), f"minutes {state}"))
    for day in (datetime.date(2024, 3, 5), datetime.date(2024, 6, 4), datetime.date(2024, 10, 8)):
        meeting_set_status(meeting=schedule(by, starts_at=_at(day)), status=MeetingStatus.HELD, by=by)
    visits.append(Visit("focal_point", reverse("meetings:year", args=[2024]), "year that met the minimum"))
    visits.append(Visit("focal_point", reverse("meetings:year", args=[2019]), "past year that fell short"))

    # Every action-item state, and one overdue.
    for status in (ActionItemStatus.IN_PROGRESS, ActionItemStatus.DONE, ActionItemStatus.DROPPED, "overdue"):
        due_on = datetime.date(2020, 1, 1) if status == "overdue" else datetime.date(2031, 6, 1)
        item = action_item_create(meeting=world.meeting, title=f"Follow up ({status})", owner_agency=owning,
                                  due_on=due_on, by=by)
        if status != "overdue":
            action_item_update(item=item, data={"status": status, "progress_note": "Under way."}, by=by)
        # The owner agency's focal point sees the progress form as well as the item.
        visits.append(Visit("focal_point", reverse("meetings:action_item_detail", args=[item.pk]),
                            f"action item {status}"))
    return visits


def _report_states(world) -> list[Visit]:
    from django.core.files.base import ContentFile

    from reports.choices import BuildStatus, ChapterState, QuestionnaireStatus
    from tests.meetings.files import pdf_upload
    from tests.reports.factories import AssessmentFactory, BuildFactory, ChapterFactory

    owning = world.people.owning
    visits = []
    for state in (ChapterState.SUBMITTED, ChapterState.REVIEWED, ChapterState.APPROVED):
        chapter = ChapterFactory(report=world.report, lead_agency=owning, state=state)
        visits.append(Visit("focal_point", reverse("reports:chapter_detail", args=[chapter.pk]), f"chapter {state}"))
    pending = BuildFactory(report=world.report, language="ar", status=BuildStatus.RUNNING, file="", page_count=None,
                           progress=40, progress_note="Drawing the charts")
    failed = BuildFactory(report=world.assessment, language="ar", status=BuildStatus.FAILED, file="", page_count=None,
                          error="The chapter 'Context' cites an unknown source.")
    published = BuildFactory(report=world.assessment, language="en", approved_at=timezone.now(),
                             approved_by=world.people.secretariat, published_at=timezone.now(), is_public=True)
    published.file.save("build-en.pdf", ContentFile(pdf_upload().read()), save=True)
    for build, state in ((pending, "running"), (failed, "failed"), (published, "published and public")):
        visits.append(Visit("secretariat", reverse("reports:build_detail", args=[build.pk]), f"build {state}"))
    closed = AssessmentFactory(questionnaire_status=QuestionnaireStatus.CLOSED)
    visits.append(Visit("secretariat", reverse("reports:questionnaire_results", args=[closed.pk]),
                        "questionnaire closed"))
    visits.append(Visit("secretariat", reverse("reports:report_detail", args=[world.assessment.pk]),
                        "RCM assessment, questionnaire open"))
    return visits


def _programme_and_data_states(world) -> list[Visit]:
    from data_hub.choices import ImportState
    from data_hub.models import ImportJob
    from programmes.choices import PracticeStatus
    from tests.data_hub.factories import ReleaseFactory
    from tests.programmes.factories import GoodPracticeFactory

    people = world.people
    visits = []
    for status in (PracticeStatus.SUBMITTED, PracticeStatus.RETURNED, PracticeStatus.PUBLISHED):
        practice = GoodPracticeFactory(agency=people.owning, status=status, published_at=(
            timezone.now() if status == PracticeStatus.PUBLISHED else None), review_note=(
            "Please add the evidence." if status == PracticeStatus.RETURNED else ""))
        visits.append(Visit("focal_point", reverse("programmes:practice_detail", args=[practice.pk]),
                            f"good practice {status}"))
    for state in (ImportState.PENDING, ImportState.DONE, ImportState.FAILED, ImportState.CANCELLED):
        job = ImportJob.objects.create(original_name=f"{state}.csv", created_by=people.focal_point,
                                       agency=people.owning, state=state)
        visits.append(Visit("focal_point", reverse("data_hub:import_detail", args=[job.pk]), f"import {state}"))
    published = ReleaseFactory(is_published=True, is_current=False)
    visits.append(Visit("anonymous", reverse("data_hub:release_detail", args=[published.pk]), "release published"))
    return visits
