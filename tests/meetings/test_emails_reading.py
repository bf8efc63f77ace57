"""The meeting e-mails as their readers read them, in English, Arabic and French (issue 17): a change, a
cancellation and a guest's invitation. Times name the zone by its city (never "Asia/Riyadh" nor "+03"),
Arabic writes the Arabic comma, and the agenda titles are in the reader's language or marked.

``RWG_PRINT_EMAILS=1`` prints every message read, to read them whole (``pytest -s``)."""

import datetime
import os
import re

import pytest

from meetings.choices import MeetingCity, MeetingStatus
from meetings.services.agenda import agenda_item_add
from meetings.services.guests import guest_invite
from meetings.services.invitations import invitations_create
from meetings.services.meetings import meeting_set_status, meeting_update
from tests.meetings.helpers import BEIRUT, schedule

pytestmark = pytest.mark.django_db
CAIRO = datetime.timezone(datetime.timedelta(hours=2))
IANA = re.compile(r"\b(Asia|Africa|Europe|America|Etc)/[A-Z]")
OFFSET = re.compile(r"[+-]0\d\b")


def show(messages):
    if os.environ.get("RWG_PRINT_EMAILS"):
        for message in messages:
            print(f"\n===== to {message.to[0]} =====\n{message.subject}\n\n{message.body}")  # noqa: T201


@pytest.fixture
def readers(people):
    """The focal point reads English in Beirut's zone; the alternate Arabic in Riyadh's; the other agency's
    focal point French in Paris's."""
    for person, language, zone in ((people.focal_point, "en", "Asia/Beirut"),
                                   (people.alternate, "ar", "Asia/Riyadh"),
                                   (people.other_focal_point, "fr", "Europe/Paris")):
        person.language, person.time_zone = language, zone
        person.save()
    return {"en": people.focal_point, "ar": people.alternate, "fr": people.other_focal_point}


@pytest.fixture
def meeting(people, readers, django_capture_on_commit_callbacks, mailoutbox, eager_celery):
    by = people.secretariat
    meeting = schedule(by, starts_at=datetime.datetime(2031, 3, 12, 10, 0, tzinfo=BEIRUT), venue="UN House")
    agenda_item_add(meeting=meeting, by=by, data={"title": {"en": "Workplan 2032", "ar": "خطة العمل 2032",
                                                            "fr": "Plan de travail 2032"}})
    agenda_item_add(meeting=meeting, by=by, data={"title": "Budget of the study"})  # English only
    with django_capture_on_commit_callbacks(execute=True):
        invitations_create(meeting=meeting, include_members=False, people=list(readers.values()), by=by)
        guest_invite(meeting=meeting, by=by, name="Nadia Haddad", email="nadia@ngo.example",
                     organisation="Migrant Rights Network", organisation_kind="ngo", language="ar")
    return meeting


def by_reader(mailoutbox, readers) -> dict:
    addresses = {person.email: language for language, person in readers.items()}
    return {addresses.get(m.to[0], "guest"): m for m in mailoutbox}


def test_the_guests_invitation_reads_well_in_arabic(meeting, mailoutbox):
    (guest,) = [m for m in mailoutbox if m.to == ["nadia@ngo.example"]]
    show([guest])
    body = guest.body
    assert "الأربعاء 12 مارس 2031، 10:00–13:00 (بيروت، لبنان)" in body
    assert "UN House، بيروت" in body  # the venue and the city, with the Arabic comma
    assert "1. خطة العمل 2032" in body and "2. Budget of the study (معروض بالإنجليزية)" in body
    assert not IANA.search(body) and not OFFSET.search(body)
    assert body.count("(بيروت، لبنان)") == 1  # a guest has no zone of their own: the venue's, once


def test_a_change_reads_well_in_each_language(meeting, readers, people, django_capture_on_commit_callbacks,
                                              mailoutbox):
    mailoutbox.clear()
    new_start = datetime.datetime(2031, 3, 13, 14, 0, tzinfo=CAIRO)
    with django_capture_on_commit_callbacks(execute=True):
        meeting_update(meeting=meeting, by=people.secretariat, data={
            "starts_at": new_start, "ends_at": new_start + datetime.timedelta(hours=2), "city": MeetingCity.CAIRO,
            "venue": "League of Arab States", "time_zone": "Africa/Cairo"})
    messages = by_reader(mailoutbox, readers)
    show(messages.values())
    english, arabic, french = messages["en"].body, messages["ar"].body, messages["fr"].body
    assert "Before: Wednesday 12 March 2031, 10:00–13:00 (Beirut, Lebanon)" in english
    assert "Now: Thursday 13 March 2031, 14:00–16:00 (Cairo, Egypt)" in english
    assert "Now: Thursday 13 March 2031, 14:00–16:00 (Beirut, Lebanon)" in english
    assert "2. Budget of the study\n" in english  # English readers read it unmarked
    assert "الخميس 13 مارس 2031، 15:00–17:00 (الرياض، المملكة العربية السعودية)" in arabic
    assert "League of Arab States، القاهرة" in arabic and "1. خطة العمل 2032" in arabic
    assert "2. Budget of the study (معروض بالإنجليزية)" in arabic
    assert "jeudi 13 mars 2031, 13:00–15:00 (Paris, France)" in french
    assert "1. Plan de travail 2032" in french and "2. Budget of the study (affiché en anglais)" in french
    for body in (english, arabic, french):
        assert not IANA.search(body) and not OFFSET.search(body), body
    assert ", " not in arabic.split("\n\n", 1)[1].replace("https://", "")  # no Latin comma in the Arabic text


def test_a_cancellation_reads_well_in_each_language(meeting, readers, people, django_capture_on_commit_callbacks,
                                                     mailoutbox):
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        meeting_set_status(meeting=meeting, status=MeetingStatus.CANCELLED, note="No quorum", by=people.secretariat)
    messages = by_reader(mailoutbox, readers)
    show(messages.values())
    assert "Wednesday 12 March 2031, 10:00–13:00 (Beirut, Lebanon)" in messages["en"].body
    assert "الأربعاء 12 مارس 2031، 11:00–14:00 (الرياض، المملكة العربية السعودية)" in messages["ar"].body
    assert "mercredi 12 mars 2031, 09:00–12:00 (Paris, France)" in messages["fr"].body
    for message in messages.values():
        assert not IANA.search(message.body) and not OFFSET.search(message.body)
