"""The decisions register: who reads what, follow-up, filters, exports, publication."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from meetings.choices import ActionItemStatus, FollowUp, MinutesStatus
from meetings.models import Decision
from meetings.selectors import decision_register_for_user, public_decisions
from meetings.services.decisions import decision_publish
from tests.access import client_for
from tests.meetings.factories import ActionItemFactory, DecisionFactory, HeldMeetingFactory
from tests.people import ROLES

pytestmark = pytest.mark.django_db

REGISTER = reverse("meetings:decision_register")
GROUP_ROLES = {"other_focal_point", "alternate", "focal_point", "secretariat", "admin"}


def decision(text, *, minutes=MinutesStatus.APPROVED, **kwargs):
    return DecisionFactory(meeting=HeldMeetingFactory(minutes_status=minutes), text=text, **kwargs)


@pytest.fixture
def register(people):
    """One decision of each kind, each with a word found nowhere else."""
    return {
        "draft": decision("Zanzibarword in draft minutes", minutes=MinutesStatus.DRAFT, public=False),
        "internal": decision("Quokkaword approved, not published"),
        "rcm": decision("Narwhalword reported to the RCM", report_to_rcm=True),
        "public": decision("Axolotlword published", public=True),
    }


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def _visible_words(client) -> set[str]:
    page = client.get(REGISTER).content.decode()
    return {word for word in ("Zanzibarword", "Quokkaword", "Narwhalword", "Axolotlword") if word in page}


@pytest.mark.parametrize("role", ROLES)
def test_each_reader_sees_only_what_they_may(people, register, role):
    if role in GROUP_ROLES:
        expected = {"Zanzibarword", "Quokkaword", "Narwhalword", "Axolotlword"}
    elif role == "rcm_delegate":
        expected = {"Narwhalword", "Axolotlword"}
    else:  # the public, and people without a role
        expected = {"Axolotlword"}
    assert _visible_words(client_for(people, role)) == expected


@pytest.mark.parametrize("role", ROLES)
def test_the_export_holds_no_more_than_the_page(people, register, role):
    client = client_for(people, role)
    exported = _body(client.get(reverse("meetings:decision_register_export", args=["csv"]))).decode("utf-8-sig")
    assert {w for w in ("Zanzibarword", "Quokkaword", "Narwhalword", "Axolotlword") if w in exported} == \
        _visible_words(client)


def test_a_published_decision_of_draft_minutes_stays_hidden(people):
    """Only approved minutes leave the Group, whatever the flag says (a flag set in the database by hand)."""
    hidden = decision("Platypusword", minutes=MinutesStatus.SHARED, public=True, report_to_rcm=True)
    assert hidden not in decision_register_for_user(people.rcm_delegate)
    assert "Platypusword" not in client_for(people, "anonymous").get(REGISTER).content.decode()


def test_follow_up_comes_from_the_action_items(people):
    none = decision("no follow-up")
    under_way = decision("under way")
    ActionItemFactory(meeting=under_way.meeting, decision=under_way, status=ActionItemStatus.OPEN)
    ActionItemFactory(meeting=under_way.meeting, decision=under_way, status=ActionItemStatus.DONE)
    completed = decision("completed")
    ActionItemFactory(meeting=completed.meeting, decision=completed, status=ActionItemStatus.DONE)
    ActionItemFactory(meeting=completed.meeting, decision=completed, status=ActionItemStatus.DROPPED)
    states = {d.pk: (d.follow_up, d.action_count, d.open_action_count)
              for d in decision_register_for_user(people.secretariat)}
    assert states[none.pk] == (FollowUp.NONE, 0, 0)
    assert states[under_way.pk] == (FollowUp.OPEN, 2, 1)
    assert states[completed.pk] == (FollowUp.DONE, 2, 0)

    client = client_for(people, "focal_point")
    for value, expected in ((FollowUp.NONE, none), (FollowUp.OPEN, under_way), (FollowUp.DONE, completed)):
        page = client.get(REGISTER, {"follow_up": value})
        assert [d.pk for d in page.context["page_obj"]] == [expected.pk]
    page = client.get(REGISTER).content.decode()
    assert "1 of 2 action items open" in page and "2 action items, all closed" in page


def test_filters_by_words_year_rcm_and_publication(people, register):
    client = client_for(people, "secretariat")

    def found(**params):
        return {d.pk for d in client.get(REGISTER, params).context["page_obj"]}

    assert found(q="narwhalword") == {register["rcm"].pk}
    assert found(rcm="yes") == {register["rcm"].pk}
    assert found(published="yes") == {register["public"].pk}
    assert found(published="no") == {register["draft"].pk, register["internal"].pk, register["rcm"].pk}
    year = register["public"].meeting.year
    assert register["public"].pk in found(year=year) and not found(year=year + 50)


@pytest.mark.parametrize("params", [{"year": "abc"}, {"follow_up": "maybe"}, {"rcm": "perhaps"}, {"q": "x" * 500},
                                    {"page": "9999"}, {"year": "99999999999999999999"}])
def test_bad_filters_get_a_message_not_an_error(people, register, params):
    response = client_for(people, "secretariat").get(REGISTER, params)
    assert response.status_code == 200
    if "page" not in params:
        assert response.context["filter"].form.errors


def test_exports_open_safely_in_a_spreadsheet(people):
    decision("=HYPERLINK(\"http://evil.example\",\"click\")", public=True)
    client = client_for(people, "anonymous")
    text = _body(client.get(reverse("meetings:decision_register_export", args=["csv"]))).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:2] == ["Decision", "Meeting"]  # the header on the first line
    assert rows[1][4].startswith("'=")
    assert "Published" not in rows[0]  # the Group's own columns are not shown to the public

    response = client.get(reverse("meetings:decision_register_export", args=["xlsx"]))
    assert response["Content-Disposition"].startswith("attachment")
    sheet = load_workbook(io.BytesIO(_body(response))).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [cell for cell in cells if cell.data_type == "f"]
    assert any(str(cell.value).startswith("'=HYPERLINK") for cell in cells)


def test_an_unknown_export_format_is_not_found(people):
    assert client_for(people, "anonymous").get(
        reverse("meetings:decision_register_export", args=["pdf"])).status_code == 404


def test_only_decisions_of_approved_minutes_are_published(people):
    shared = decision("still changing", minutes=MinutesStatus.SHARED)
    with pytest.raises(ValidationError):
        decision_publish(decision=shared, public=True, by=people.secretariat)
    shared.refresh_from_db()
    assert not shared.public

    approved = decision("settled")
    decision_publish(decision=approved, public=True, by=people.secretariat)
    approved.refresh_from_db()
    assert approved.public
    latest = approved.history.latest()
    assert latest.public and latest.history_user == people.secretariat


def test_the_secretariat_publishes_and_withdraws_from_the_register(people):
    approved = decision("Wombatword")
    client = client_for(people, "secretariat")
    url = reverse("meetings:decision_publish", args=[approved.pk])
    assert client.post(url, {"public": "1"}).status_code == 302
    assert "Wombatword" in client_for(people, "anonymous").get(REGISTER).content.decode()
    client.post(url, {"public": "0"})
    assert "Wombatword" not in client_for(people, "anonymous").get(REGISTER).content.decode()
    assert [h.public for h in approved.history.order_by("history_date")] == [False, True, False]


def test_a_refused_publication_says_why_and_changes_nothing(people):
    draft = decision("not yet", minutes=MinutesStatus.DRAFT)
    client = client_for(people, "secretariat")
    response = client.post(reverse("meetings:decision_publish", args=[draft.pk]), {"public": "1"}, follow=True)
    assert "Only decisions of approved minutes can be published." in response.content.decode()
    assert not Decision.objects.get(pk=draft.pk).public


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(REGISTER).status_code == 200
    return len(context.captured_queries)


# Pinned: the session, the user and the two-factor check for a signed-in reader, then the count and the page.
@pytest.mark.parametrize("role, expected", [("anonymous", 2), ("secretariat", 5)])
def test_the_register_costs_the_same_queries_however_long(people, role, expected):
    client = client_for(people, role)
    client.get(REGISTER)  # the first request of a session saves it
    for i in range(2):
        d = decision(f"few {i}", public=True)
        ActionItemFactory(meeting=d.meeting, decision=d)
    few = _queries(client)
    for i in range(30):
        d = decision(f"many {i}", public=True)
        ActionItemFactory(meeting=d.meeting, decision=d)
    assert _queries(client) == few == expected


def test_the_register_and_the_public_meeting_page_follow_one_rule(people):
    """Published one by one, or all the decisions of a meeting at once; approved minutes only, in both places."""
    one = decision("Ibexword published alone", public=True)
    other = DecisionFactory(meeting=one.meeting, text="Jackalword not published")
    whole = HeldMeetingFactory(minutes_status=MinutesStatus.APPROVED, publish_decisions=True)
    DecisionFactory(meeting=whole, text="Kiwiword of a meeting whose decisions are published")
    draft = HeldMeetingFactory(minutes_status=MinutesStatus.SHARED, publish_decisions=True)
    DecisionFactory(meeting=draft, text="Lemurword of minutes not yet approved")

    register_page = client_for(people, "anonymous").get(REGISTER).content.decode()
    assert "Ibexword" in register_page and "Kiwiword" in register_page
    assert "Jackalword" not in register_page and "Lemurword" not in register_page
    assert [d.pk for d in public_decisions(one.meeting)] == [one.pk]
    assert other not in public_decisions(one.meeting)
    assert len(public_decisions(whole)) == 1 and public_decisions(draft) == []
