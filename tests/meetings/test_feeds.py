"""The personal calendar feed: a secret, revocable URL."""

import pytest
from django.urls import reverse
from icalendar import Calendar

from meetings.models import CalendarFeed
from meetings.services.feeds import calendar_feed_create, calendar_feed_revoke, hash_token
from tests.meetings.helpers import schedule

pytestmark = pytest.mark.django_db


def test_only_the_hash_of_the_token_is_stored(people):
    feed, token = calendar_feed_create(user=people.focal_point)
    assert feed.token_hash == hash_token(token) != token
    assert len(token) >= 40


def test_the_feed_lists_the_meetings_with_their_time_zones(people, client):
    meeting = schedule(people.secretariat, mode="hybrid", video_link="https://meet.example.org/x")
    schedule(people.secretariat, city="cairo")
    _feed, token = calendar_feed_create(user=people.focal_point)
    response = client.get(reverse("meetings:feed", args=[token]))
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    assert len(calendar.events) == 2
    assert sorted(tz["TZID"] for tz in calendar.walk("VTIMEZONE")) == ["Africa/Cairo", "Asia/Beirut"]
    assert "https://meet.example.org/x" in response.content.decode()
    assert meeting.reference in response.content.decode()
    assert CalendarFeed.objects.get().last_used_at is not None


def test_a_new_or_revoked_feed_stops_the_old_url(people, client):
    _feed, old = calendar_feed_create(user=people.focal_point)
    _feed, new = calendar_feed_create(user=people.focal_point)
    assert client.get(reverse("meetings:feed", args=[old])).status_code == 404
    assert client.get(reverse("meetings:feed", args=[new])).status_code == 200
    assert calendar_feed_revoke(user=people.focal_point) == 1
    assert client.get(reverse("meetings:feed", args=[new])).status_code == 404


def test_a_person_who_lost_their_role_loses_the_feed(people, client):
    _feed, token = calendar_feed_create(user=people.focal_point)
    people.focal_point.designations.update(ends_on="2030-01-01")
    assert client.get(reverse("meetings:feed", args=[token])).status_code == 404
    assert client.get(reverse("meetings:feed", args=["not-a-token"])).status_code == 404
