"""The .ics of a meeting and the personal feed parse with a real iCalendar parser."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from meetings.choices import MeetingCity, MeetingMode
from meetings.services.meetings import meeting_schedule

pytestmark = [pytest.mark.django_db, pytest.mark.dates]
BEIRUT = zoneinfo.ZoneInfo("Asia/Beirut")


def beirut_meeting(by):
    return meeting_schedule(kind="regular", starts_at=datetime.datetime(2031, 3, 12, 10, 0, tzinfo=BEIRUT),
                            ends_at=datetime.datetime(2031, 3, 12, 13, 0, tzinfo=BEIRUT), time_zone="Asia/Beirut",
                            mode=MeetingMode.HYBRID, city=MeetingCity.BEIRUT, venue="UN House",
                            video_link="https://meet.example.org/rwg", by=by)


def test_the_ics_of_a_beirut_meeting_has_the_right_start_and_time_zone(people, client):
    meeting = beirut_meeting(people.secretariat)
    client.force_login(people.focal_point)
    response = client.get(reverse("meetings:meeting_ics", args=[meeting.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    calendar = Calendar.from_ical(response.content)
    (event,) = calendar.events
    assert event.start == datetime.datetime(2031, 3, 12, 10, 0, tzinfo=BEIRUT)
    assert event.start.tzinfo.key == "Asia/Beirut"
    assert event.end - event.start == datetime.timedelta(hours=3)
    # 10:00 in Beirut in March 2031 is 08:00 UTC (EET, before the switch to summer time).
    assert event.start.astimezone(datetime.UTC).hour == 8
    assert event["DTSTART"].params["TZID"] == "Asia/Beirut"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Beirut"]
    assert str(event["UID"]).startswith(f"meeting-{meeting.pk}@")
    assert "RWG 2031/1" in str(event["SUMMARY"])
    assert "https://meet.example.org/rwg" in str(event["LOCATION"])


def test_summer_time_is_right_too(people):
    from meetings.ical import meeting_ics

    meeting = beirut_meeting(people.secretariat)
    meeting.starts_at = datetime.datetime(2031, 7, 2, 10, 0, tzinfo=BEIRUT)
    meeting.ends_at = meeting.starts_at + datetime.timedelta(hours=2)
    (event,) = Calendar.from_ical(meeting_ics(meeting, with_link=False)).events
    assert event.start.astimezone(datetime.UTC).hour == 7  # EEST, UTC+3
    assert "meet.example.org" not in event.to_ical().decode()


def test_a_cancelled_meeting_is_cancelled_in_calendars(people):
    from meetings.ical import meeting_ics
    from meetings.services.meetings import meeting_set_status

    meeting = meeting_set_status(meeting=beirut_meeting(people.secretariat), status="cancelled", note="No quorum",
                                 by=people.secretariat, notify=False)
    (event,) = Calendar.from_ical(meeting_ics(meeting, with_link=True)).events
    assert str(event["STATUS"]) == "CANCELLED"
    assert int(event["SEQUENCE"]) == 1
