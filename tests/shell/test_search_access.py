"""Never a leak: search shows a record only to those whose page of it would open.

Each record below carries a word found nowhere else; each role searches for every word and
must find exactly the records its pages show. A second test opens every result a role gets.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.utils import timezone

from meetings.choices import MinutesStatus
from meetings.models import MinutesSection
from programmes.choices import PracticeStatus
from reports.services.library import library_item_extract_text, library_item_save
from rwg_portal import search as engine
from tests.access import client_for
from tests.data_hub.factories import ReleaseFactory
from tests.meetings.factories import ActionItemFactory, AgendaItemFactory, DecisionFactory, HeldMeetingFactory
from tests.meetings.files import pdf_bytes, upload
from tests.people import ROLES
from tests.programmes.factories import ActivityFactory, GoodPracticeFactory
from tests.reports.factories import BuildFactory, ChapterFactory, LibraryItemFactory, ReportFactory

pytestmark = pytest.mark.django_db

GROUP = {"focal_point", "alternate", "other_focal_point", "secretariat", "admin"}
SECRETARIAT = {"secretariat", "admin"}
PORTAL_ROLE = GROUP | {"rcm_delegate"}

# word -> (the kind of record holding it, the roles that may open its page); nobody else may find the word.
EXPECTED = {
    "quokkapublished": ("programmes.practice", set(ROLES)),                       # published good practice
    "wombatowndraft": ("programmes.practice", SECRETARIAT | {"focal_point", "alternate"}),  # own agency's draft
    "dingootherdraft": ("programmes.practice", SECRETARIAT | {"other_focal_point"}),  # another agency's draft
    "narwhaldraftminutes": ("meetings.minutes", SECRETARIAT),                     # minutes not yet shared
    "walrussharedminutes": ("meetings.minutes", GROUP),                           # minutes shared for comments
    "ocelotdecision": ("meetings.decision", GROUP),                               # a decision of a meeting
    "ibexaction": ("meetings.action_item", GROUP),                                # an action item
    "axolotlactivity": ("programmes.activity", PORTAL_ROLE),                      # the activity catalogue
    "pangolinhidden": ("data_hub.release", GROUP),                                # an unpublished data release
    "lemurchapter": ("reports.chapter", GROUP),                                   # a chapter in the workspace
    "tapirpublished": ("reports.build", PORTAL_ROLE),                             # published, not public
    "okapipublic": ("reports.build", set(ROLES)),                                 # published and public
    "platypusperson": ("members.person", SECRETARIAT),                            # a person (the people pages)
    "gazellelibrarypublic": ("reports.library", set(ROLES)),                      # a public library item
    "ferretlibrarymembers": ("reports.library", GROUP),                           # a members-only library item
    "jerboalibraryfiletext": ("reports.library", GROUP),                          # in the file of a members-only one
}


@pytest.fixture
def records(people, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    own, other = people.owning, people.other
    GoodPracticeFactory(agency=other, status=PracticeStatus.PUBLISHED, published_at=timezone.now(),
                        practice="quokkapublished")
    GoodPracticeFactory(agency=own, practice="wombatowndraft")
    GoodPracticeFactory(agency=other, practice="dingootherdraft")
    draft = HeldMeetingFactory(minutes_status=MinutesStatus.DRAFT)
    MinutesSection.objects.create(agenda_item=AgendaItemFactory(meeting=draft), text="narwhaldraftminutes")
    shared = HeldMeetingFactory(minutes_status=MinutesStatus.SHARED)
    MinutesSection.objects.create(agenda_item=AgendaItemFactory(meeting=shared), text="walrussharedminutes")
    DecisionFactory(text="ocelotdecision")
    ActionItemFactory(title="ibexaction", owner_agency=own)
    ActivityFactory(lead_agency=own, summary_en="axolotlactivity")
    ReleaseFactory(title="pangolinhidden", is_published=False, is_current=False)
    ChapterFactory(lead_agency=own, body_en="lemurchapter")
    now = timezone.now()
    for summary, public in (("tapirpublished", False), ("okapipublic", True)):
        build = BuildFactory(report=ReportFactory(summary_en=summary), approved_at=now, published_at=now,
                             is_public=public)
        build.file.save("build-en.pdf", ContentFile(pdf_bytes()), save=True)
    BuildFactory(report=ReportFactory(summary_en="unpublishedbuild"))  # never found: not published
    LibraryItemFactory(agency=other, abstract="gazellelibrarypublic")
    LibraryItemFactory(agency=own, abstract="ferretlibrarymembers", visibility="members")
    hidden = library_item_save(item=None, fields={
        "kind": "data_note", "title_en": "Data note", "abstract_en": "Figures.", "language": "en", "year": 2026,
        "agency": own, "visibility": "members", "url": ""},
        upload=upload("note.pdf", pdf_bytes("jerboalibraryfiletext")), by=people.focal_point)
    library_item_extract_text(item_id=hidden.pk)  # what the worker runs after the upload
    people.no_role.first_name, people.no_role.last_name = "Platypusperson", "Smith"
    people.no_role.save()


def _user(people, role):
    return people.user(role) or AnonymousUser()


@pytest.mark.parametrize("role", ROLES)
def test_each_role_finds_only_what_its_pages_show(people, records, role):
    user = _user(people, role)
    for word, (kind, allowed) in EXPECTED.items():
        if role in allowed:
            assert engine.search(user, word, selected={"type": kind}).total == 1, f"{role} misses {word!r}"
        else:
            found = [result.url for result in engine.search(user, word).results]
            assert found == [], f"{role} searching {word!r} found {found}"
    # An edition not yet published is nobody's to find (its report, in the workspace, is the group's).
    assert engine.search(user, "unpublishedbuild", selected={"type": "reports.build"}).total == 0


@pytest.mark.parametrize("role", ROLES)
def test_every_result_a_role_gets_opens_for_it(people, records, role):
    client = client_for(people, role)
    user = _user(people, role)
    for word in EXPECTED:
        for result in engine.search(user, word).results:
            response = client.get(result.url)
            assert response.status_code == 200, f"{role}: {result.url} answered {response.status_code}"


@pytest.mark.parametrize("role", ROLES)
def test_published_decisions_and_meetings_are_found_by_the_public_and_nothing_unpublished(people, role):
    """Outside the Group a decision is found, at its meeting's public page, once the secretariat published it
    in approved minutes; never before (not published, or minutes not approved), and never again once
    withdrawn. The Group finds every decision on its own pages."""
    approved = HeldMeetingFactory(minutes_status=MinutesStatus.APPROVED, title="Meeting of the gnus")
    published = DecisionFactory(meeting=approved, text="gazellepublished", public=True)
    unpublished = DecisionFactory(meeting=approved, text="hyenaunpublished")
    DecisionFactory(meeting=HeldMeetingFactory(minutes_status=MinutesStatus.SHARED), text="jackalnotapproved",
                    public=True)
    user, client = _user(people, role), client_for(people, role)
    group = role in GROUP

    def found(word):
        return [(result.kind, result.url) for result in engine.search(user, word).results]

    if group:
        assert [kind for kind, _url in found("gazellepublished")] == ["meetings.decision"]
        assert [kind for kind, _url in found("hyenaunpublished")] == ["meetings.decision"]
        assert [kind for kind, _url in found("gnus")] == ["meetings.meeting"]
        return
    [(kind, url)] = found("gazellepublished")
    assert kind == "meetings.public_decision"
    page = client.get(url)
    assert page.status_code == 200 and "gazellepublished" in page.content.decode()
    assert [kind for kind, _url in found("gnus")] == ["meetings.public_meeting"]  # the public calendar's page
    assert found("hyenaunpublished") == [] and found("jackalnotapproved") == []

    published.public = False  # withdrawn: gone at once
    published.save()
    assert found("gazellepublished") == []
    approved.publish_decisions = True  # all of the meeting's decisions published: found at once
    approved.save()
    assert {word: len(found(word)) for word in ("gazellepublished", "hyenaunpublished")} == {
        "gazellepublished": 1, "hyenaunpublished": 1}
    assert found("jackalnotapproved") == []
    assert unpublished.reference in [result.title for result in engine.search(user, "hyenaunpublished").results]


@pytest.mark.parametrize("role", ROLES)
def test_published_activities_are_found_by_the_public_and_nothing_unpublished(people, role):
    """Outside the Group an activity is found, on its lead agency's public page, once published (``public``);
    never before, nor once withdrawn. Those with the catalogue find every activity at its own page."""
    published = ActivityFactory(lead_agency=people.other, summary_en="meerkatpublished", public=True)
    ActivityFactory(lead_agency=people.other, summary_en="mongooseunpublished")
    user, client = _user(people, role), client_for(people, role)

    def found(word):
        return [(result.kind, result.url) for result in engine.search(user, word).results]

    if role in PORTAL_ROLE:
        assert [kind for kind, _url in found("meerkatpublished")] == ["programmes.activity"]
        assert [kind for kind, _url in found("mongooseunpublished")] == ["programmes.activity"]
        return
    [(kind, url)] = found("meerkatpublished")
    assert kind == "programmes.public_activity" and url.endswith(f"#activity-{published.pk}")
    page = client.get(url)
    assert page.status_code == 200 and "meerkatpublished" in page.content.decode()
    assert found("mongooseunpublished") == []
    published.public = False
    published.save()
    assert found("meerkatpublished") == []
