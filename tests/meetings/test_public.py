"""The public calendar: every meeting's date, place and status; the summary and the decisions only where
the secretariat published them (and decisions only once the minutes are approved)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from meetings.services.decisions import decision_record
from meetings.services.meetings import meeting_update
from meetings.services.minutes import minutes_approve
from tests.meetings.helpers import held, schedule

pytestmark = [pytest.mark.django_db, pytest.mark.dates]

SECRET_SUMMARY = "Draft summary nobody outside may read"
SECRET_DECISION = "Decision text that is not published"


def _calendar(client, language="en"):
    with translation.override(language):
        return client.get(reverse("meetings_public:calendar")).content.decode()


def _page(client, meeting, language="en"):
    with translation.override(language):
        return client.get(reverse("meetings_public:meeting", args=[meeting.pk]))


def test_the_calendar_lists_planned_and_past_meetings_with_time_zone_and_place(people, client):
    by = people.secretariat
    past = held(by)
    planned = schedule(by, mode="videoconference", city="", venue="", video_link="https://meet.example/secret-room",
                       time_zone="Africa/Cairo")
    page = _calendar(client)
    upcoming = page.split('id="planned"')[1].split("</section>")[0]
    earlier = page.split('id="past"')[1]
    assert planned.reference in upcoming and past.reference in earlier
    assert planned.reference in page.split('id="next-meeting"')[1].split("</section>")[0]
    assert "Videoconference" in upcoming and "Beirut" in earlier
    assert "EET" in page or "EEST" in page or "+02" in page  # times carry their zone
    assert "secret-room" not in page and "secret-room" not in _page(client, planned).content.decode()


def test_nothing_unpublished_is_shown(people, client):
    by = people.secretariat
    meeting = held(by)
    decision_record(meeting=meeting, text=SECRET_DECISION, by=by)
    meeting_update(meeting=meeting, data={"public_summary": SECRET_SUMMARY}, by=by)
    page = _page(client, meeting).content.decode()
    assert SECRET_SUMMARY not in page and SECRET_DECISION not in page
    assert "No summary or decision of this meeting has been published." in page

    # Decisions published but minutes not yet approved: still nothing.
    meeting_update(meeting=meeting, data={"publish_decisions": True}, by=by)
    assert SECRET_DECISION not in _page(client, meeting).content.decode()

    minutes_approve(meeting=meeting, approved_on=timezone.localdate(), at_meeting=None, by=by)
    page = _page(client, meeting).content.decode()
    assert SECRET_DECISION in page and SECRET_SUMMARY not in page


def test_a_published_summary_is_shown_and_the_change_is_in_the_history(people, client):
    by = people.secretariat
    meeting = held(by)
    meeting_update(meeting=meeting, data={"public_summary": "The Group adopted its **workplan**.",
                                          "publish_summary": True}, by=by)
    page = _page(client, meeting, "ar").content.decode()
    assert "<strong>workplan</strong>" in page and 'lang="ar"' in page
    meeting.refresh_from_db()
    assert meeting.history.filter(publish_summary=True).exists()
    meeting_update(meeting=meeting, data={"publish_summary": False}, by=by)
    assert "workplan" not in _page(client, meeting).content.decode()


def test_publishing_an_empty_summary_is_refused(people):
    from django.core.exceptions import ValidationError

    meeting = held(people.secretariat)
    with pytest.raises(ValidationError) as error:
        meeting_update(meeting=meeting, data={"publish_summary": True}, by=people.secretariat)
    assert "public_summary" in error.value.error_dict
    meeting.refresh_from_db()
    assert not meeting.publish_summary


def test_the_secretariat_sets_the_publication_in_the_meeting_form(people, client):
    meeting = held(people.secretariat)
    client.force_login(people.secretariat)
    url = reverse("meetings:meeting_edit", args=[meeting.pk])
    form = client.get(url).content.decode()
    assert 'name="publish_summary"' in form and 'name="publish_decisions"' in form
    local = meeting.local_starts_at
    data = {"kind": meeting.kind, "mode": meeting.mode, "city": meeting.city, "time_zone": meeting.time_zone,
            "starts": local.strftime("%Y-%m-%dT%H:%M"), "ends": meeting.local_ends_at.strftime("%Y-%m-%dT%H:%M"),
            "venue": meeting.venue, "public_summary": "", "publish_summary": "on"}
    response = client.post(url, data)
    assert response.status_code == 200 and "Write the summary before publishing it." in response.content.decode()
    data["public_summary"] = "Agreed on the report outline."
    assert client.post(url, data).status_code == 302
    meeting.refresh_from_db()
    assert meeting.publish_summary and meeting.public_summary == "Agreed on the report outline."


def test_an_unknown_meeting_is_404(client):
    with translation.override("en"):
        assert client.get(reverse("meetings_public:meeting", args=[999999])).status_code == 404
        assert client.get(reverse("meetings_public:meeting_by_reference", args=[1999, 1])).status_code == 404


def test_a_meeting_s_public_address_survives_a_renumbering(people, client):
    """The page is at the meeting's id; the reference's address sends (302, not cached for good) to whichever
    meeting has that reference now."""
    by = people.secretariat
    june = datetime.datetime(timezone.now().year + 1, 6, 10, 10, tzinfo=datetime.UTC)  # both meetings in one year
    later = schedule(by, title="The later meeting", starts_at=june)
    year, number = later.year, later.number
    with translation.override("en"):
        stable = reverse("meetings_public:meeting", args=[later.pk])
        by_reference = reverse("meetings_public:meeting_by_reference", args=[year, number])
    assert client.get(by_reference).url == stable
    assert later.reference in _calendar(client) and f'href="{stable}"' in _calendar(client)

    earlier = schedule(by, title="The earlier meeting", starts_at=later.starts_at - datetime.timedelta(days=7))
    later.refresh_from_db()
    assert (earlier.year, earlier.number) == (year, number) and later.number == number + 1  # renumbered
    page = client.get(stable)
    assert page.status_code == 200 and "The later meeting" in page.content.decode()
    assert later.reference in page.content.decode()
    response = client.get(by_reference)
    assert response.status_code == 302 and response.url == reverse("meetings_public:meeting", args=[earlier.pk])
