"""The per-visitor page cache (rwg_portal/page_cache.py): who gets a cached page, and what forgets it."""

import re

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.session import SessionStorage
from django.test import Client
from django.test.utils import CaptureQueriesContext

from data_hub import caching as data_caching
from rwg_portal.page_cache import pages_version
from rwg_portal.tasks import heartbeat, requeue_waiting_jobs
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.RWG_PAGE_CACHE_SECONDS = 60


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    client.get("/")  # a first page gives the visitor a CSRF cookie, as a browser keeps it
    return client


def queries_of(client: Client, url: str) -> tuple[int, bytes]:
    from django.db import connection

    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries), response.content


def test_a_page_seen_again_by_the_same_visitor_comes_from_the_cache(people):
    client = signed_in(people.focal_point)
    first_count, first = queries_of(client, "/meetings/")
    again_count, again = queries_of(client, "/meetings/")
    assert again == first
    assert again_count < first_count
    assert again_count <= 2  # the session and the user: what every signed-in request costs


def test_a_write_request_makes_everyone_see_fresh_pages(people):
    reader = signed_in(people.focal_point)
    writer = signed_in(people.secretariat)
    _, before = queries_of(reader, "/meetings/")
    meeting = MeetingFactory(title="Extraordinary session on remittances")  # not through a request
    assert meeting.title.encode() not in queries_of(reader, "/meetings/")[1]  # still the cached page

    version = pages_version()
    writer.post("/meetings/new/", {})  # any write request, even one refused as invalid
    assert pages_version() == version + 1
    assert meeting.title.encode() in queries_of(reader, "/meetings/")[1]


def test_visitors_never_get_each_others_pages(people):
    focal = signed_in(people.focal_point)
    other = signed_in(people.other_focal_point)
    focal_page = focal.get("/").content.decode()
    other_page = other.get("/").content.decode()
    assert people.focal_point.email in focal_page or people.focal_point.get_full_name() in focal_page
    assert people.focal_point.email not in other_page
    assert people.focal_point.get_full_name() not in other_page


def test_each_language_has_its_own_page(people):
    client = signed_in(people.focal_point)
    english = client.get("/meetings/", headers={"accept-language": "en"}).content.decode()
    client.cookies["django_language"] = "ar"
    arabic = client.get("/meetings/").content.decode()
    assert 'dir="rtl"' in arabic and 'dir="rtl"' not in english


def test_a_page_with_a_notice_waiting_is_not_kept_and_the_notice_shows_once(people, rf, settings):
    settings.MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
    client = signed_in(people.focal_point)
    client.get("/meetings/")  # cached without a notice
    request = rf.get("/")
    request.session = client.session
    SessionStorage(request)._store([Message(constants.SUCCESS, "Saved the activity.")], None)
    request.session.save()
    pages = [client.get("/meetings/").content.decode() for _ in range(3)]
    assert ["Saved the activity." in page for page in pages] == [True, False, False]


def test_a_first_visit_is_not_kept_so_every_visitor_gets_a_csrf_cookie_matching_the_page():
    def first_visit() -> tuple[Client, str]:
        client = Client(enforce_csrf_checks=True)
        response = client.get("/data/")
        assert response.status_code == 200
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', response.content).group(1).decode()
        return client, token

    first_visit()
    client, token = first_visit()  # another visitor, no cookie yet: not the first one's page
    assert "csrftoken" in client.cookies
    answer = client.post("/i18n/setlang/", {"language": "fr", "next": "/", "csrfmiddlewaretoken": token})
    assert answer.status_code == 302  # its form posts: 403 if its token belonged to someone else


def test_tasks_and_data_changes_forget_the_pages_but_the_heartbeat_does_not(
        people, django_capture_on_commit_callbacks):
    version = pages_version()
    requeue_waiting_jobs.apply().get()
    assert pages_version() > version
    version = pages_version()
    heartbeat.apply(("page cache test",)).get()
    assert pages_version() == version
    with django_capture_on_commit_callbacks(execute=True):
        data_caching.bump_version()  # a release imported, published or deleted
    assert pages_version() == version + 1


def test_turned_off_nothing_is_kept(people, settings):
    settings.RWG_PAGE_CACHE_SECONDS = 0
    client = signed_in(people.focal_point)
    first_count, _ = queries_of(client, "/meetings/")
    again_count, _ = queries_of(client, "/meetings/")
    assert again_count == first_count
