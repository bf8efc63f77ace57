"""Every view of the programmes app, as every standing person (tests/access.py)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from programmes.choices import PracticeStatus
from programmes.models import Activity, GoodPractice, PriorityArea, SynergyReview
from tests.access import LOGIN, OK, assert_access
from tests.programmes.factories import (
    ActivityFactory,
    GoodPracticeFactory,
    ParticipationFactory,
    PriorityAreaFactory,
)

pytestmark = pytest.mark.django_db

READ = {"anonymous": LOGIN, "no_role": 403, "rcm_delegate": OK, "other_focal_point": OK, "alternate": OK,
        "focal_point": OK, "secretariat": OK, "admin": OK}
MEMBERS = {**READ, "rcm_delegate": 403}
OWNERS = {**MEMBERS, "other_focal_point": 403}
SECRETARIAT = {**OWNERS, "alternate": 403, "focal_point": 403}
PUBLIC = dict.fromkeys(READ, OK)


@pytest.fixture
def activity(people):
    return ActivityFactory(lead_agency=people.owning, title_en="Fair recruitment")


def activity_post(people, **overrides):
    data = {
        "lead_agency": people.owning.pk, "title_en": "Changed title", "title_ar": "", "title_fr": "",
        "summary_en": "A summary.", "summary_ar": "", "summary_fr": "", "kind": "technical", "status": "ongoing",
        "themes": ["labour"], "countries": ["JOR", "LBN"], "starts_on": "2025-01-01", "ends_on": "2026-12-31",
        "currency": "USD", "gender_marker": "0", "human_rights_marker": "0", "iati_identifier": "",
        "partners-TOTAL_FORMS": "3", "partners-INITIAL_FORMS": "0", "partners-MIN_NUM_FORMS": "0",
        "partners-MAX_NUM_FORMS": "1000",
        "indicators-TOTAL_FORMS": "0", "indicators-INITIAL_FORMS": "0", "indicators-MIN_NUM_FORMS": "0",
        "indicators-MAX_NUM_FORMS": "1000",
        "attachments-TOTAL_FORMS": "0", "attachments-INITIAL_FORMS": "0", "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("name", ["activity_list", "activity_export_csv", "activity_export_xlsx",
                                  "activity_export_iati", "coverage", "synergies", "priority_list"])
def test_catalogue_pages_are_for_portal_roles(people, name):
    assert_access(people, reverse(f"programmes:{name}"), READ)


def test_index_redirects_to_the_list(people):
    assert_access(people, reverse("programmes:index"), {**READ, "no_role": OK})


def test_activity_detail_access(people, activity):
    assert_access(people, reverse("programmes:activity_detail", args=[activity.pk]), READ)


def test_activity_create_form_access(people):
    assert_access(people, reverse("programmes:activity_create"), MEMBERS)


def test_activity_edit_and_history_access(people, activity):
    assert_access(people, reverse("programmes:activity_edit", args=[activity.pk]), OWNERS)
    assert_access(people, reverse("programmes:activity_history", args=[activity.pk]), OWNERS)


def test_only_owners_may_change_an_activity_and_refusals_change_nothing(people, activity):
    assert_access(
        people, reverse("programmes:activity_edit", args=[activity.pk]), OWNERS, method="post",
        data=activity_post(people),
        snapshot=lambda: Activity.objects.values_list("title_en", "countries").get(pk=activity.pk),
    )


def test_focal_point_of_another_agency_gets_403_and_the_activity_is_unchanged(people, activity, client):
    client.force_login(people.other_focal_point)
    response = client.post(reverse("programmes:activity_edit", args=[activity.pk]),
                           activity_post(people, lead_agency=people.other.pk))
    assert response.status_code == 403
    activity.refresh_from_db()
    assert activity.title_en == "Fair recruitment"
    assert activity.lead_agency == people.owning


def test_a_partner_edits_its_participation_but_not_the_lead_s_part(people, client):
    joint = ActivityFactory(lead_agency=people.owning, title_en="Joint")
    ParticipationFactory(activity=joint, agency=people.other, role="partner")
    client.force_login(people.other_focal_point)
    # The partner posts a new title and budget: the fields are locked, so they are ignored.
    data = activity_post(people, budget="999999", status="completed",
                         **{"partners-0-agency": people.other.pk, "partners-0-role": "co_lead"})
    response = client.post(reverse("programmes:activity_edit", args=[joint.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    joint.refresh_from_db()
    assert joint.title_en == "Joint" and joint.budget is None and joint.status == "ongoing"
    assert joint.lead_agency == people.owning  # the partner cannot move the lead
    assert joint.participations.get().role == "co_lead"  # its own participation is its to change
    assert joint.participations.get().history.first().history_user == people.other_focal_point


def test_partner_cannot_take_the_lead(people, client):
    joint = ActivityFactory(lead_agency=people.owning)
    ParticipationFactory(activity=joint, agency=people.other)
    client.force_login(people.other_focal_point)
    client.post(reverse("programmes:activity_edit", args=[joint.pk]),
                activity_post(people, lead_agency=people.other.pk))
    joint.refresh_from_db()
    assert joint.lead_agency == people.owning


def test_focal_point_creates_an_activity_for_its_agency(people, client):
    client.force_login(people.focal_point)
    response = client.post(reverse("programmes:activity_create"), activity_post(
        people, title_en="New work", title_ar="عمل جديد",
        **{"indicators-TOTAL_FORMS": "1", "indicators-0-title": "People trained", "indicators-0-unit": "people",
           "indicators-0-concerns_people": "on", "indicators-0-target": "100", "indicators-0-target_women": "60",
           "indicators-0-target_men": "40"}))
    assert response.status_code == 302, response.content.decode()[:3000]
    activity = Activity.objects.get(title_en="New work")
    assert activity.lead_agency == people.owning and activity.created_by == people.focal_point
    assert activity.indicators.get().target_women == 60
    assert set(activity.tags.values_list("code", flat=True)) == {"JOR", "LBN", "labour"}


def test_focal_point_cannot_create_for_another_agency(people, client):
    client.force_login(people.focal_point)
    response = client.post(reverse("programmes:activity_create"), activity_post(people, lead_agency=people.other.pk))
    assert response.status_code == 200
    assert not Activity.objects.exists()


def test_invalid_activity_changes_nothing_and_says_why(people, activity, client):
    client.force_login(people.focal_point)
    response = client.post(reverse("programmes:activity_edit", args=[activity.pk]),
                           activity_post(people, countries=[], ends_on="2020-01-01", gender_marker="2"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Choose at least one country or area" in page or "This field is required" in page
    activity.refresh_from_db()
    assert activity.title_en == "Fair recruitment"


def test_unknown_activity_is_404(people, client):
    client.force_login(people.secretariat)
    assert client.get(reverse("programmes:activity_detail", args=[999999])).status_code == 404


def test_synergy_review_only_by_the_secretariat(people):
    a = ActivityFactory(lead_agency=people.owning)
    b = ActivityFactory(lead_agency=people.other)
    data = {"a": a.pk, "b": b.pk, "verdict": "duplication", "note": "Raise it"}
    assert_access(people, reverse("programmes:synergy_review"), {**SECRETARIAT}, method="post", data=data,
                  snapshot=lambda: list(SynergyReview.objects.values_list("verdict", flat=True)))
    review = SynergyReview.objects.get()
    assert (review.activity_a_id, review.activity_b_id) == tuple(sorted((a.pk, b.pk)))


def test_reviewed_pair_stays_marked_and_can_be_filtered(people, client):
    a = ActivityFactory(lead_agency=people.owning)
    b = ActivityFactory(lead_agency=people.other)
    client.force_login(people.secretariat)
    client.post(reverse("programmes:synergy_review"), {"a": b.pk, "b": a.pk, "verdict": "joint_candidate"})
    assert SynergyReview.objects.get().verdict == "joint_candidate"
    unreviewed = client.get(reverse("programmes:synergies")).content.decode()
    reviewed = client.get(reverse("programmes:synergies") + "?show=reviewed").content.decode()
    assert f"pair-{a.pk}-{b.pk}" not in unreviewed
    assert f"pair-{a.pk}-{b.pk}" in reviewed and "Candidate for a joint programme" in reviewed


def test_synergy_review_over_htmx_returns_the_row(people, client):
    a = ActivityFactory(lead_agency=people.owning)
    b = ActivityFactory(lead_agency=people.other)
    client.force_login(people.secretariat)
    prefix = f"pair-{a.pk}-{b.pk}"
    response = client.post(reverse("programmes:synergy_review"),
                           {"prefix": prefix, f"{prefix}-a": a.pk, f"{prefix}-b": b.pk,
                            f"{prefix}-verdict": "complementary", f"{prefix}-note": ""}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert f'id="pair-{a.pk}-{b.pk}"' in response.content.decode()
    assert "<html" not in response.content.decode()


def test_priority_area_management_is_for_the_secretariat(people):
    area = PriorityAreaFactory()
    assert_access(people, reverse("programmes:priority_create"), SECRETARIAT)
    assert_access(people, reverse("programmes:priority_edit", args=[area.pk]), SECRETARIAT)
    assert_access(people, reverse("programmes:priority_history", args=[area.pk]), SECRETARIAT)
    data = {"title_en": "Changed", "place": "LBN", "theme": "women", "source": "government"}
    assert_access(people, reverse("programmes:priority_edit", args=[area.pk]), SECRETARIAT, method="post", data=data,
                  snapshot=lambda: PriorityArea.objects.values_list("title_en", flat=True).get(pk=area.pk))


def test_bulk_update_pages_access(people):
    assert_access(people, reverse("programmes:bulk_home"), MEMBERS)
    for name in ("bulk_download", "bulk_upload"):
        assert_access(people, reverse(f"programmes:{name}", args=[people.owning.pk]), OWNERS)


# Good practices ------------------------------------------------------------------


def test_published_good_practices_are_public(people):
    practice = GoodPracticeFactory(agency=people.owning, status=PracticeStatus.PUBLISHED,
                                   published_at="2026-01-10T10:00:00Z")
    assert_access(people, reverse("programmes:practice_list"), PUBLIC)
    assert_access(people, reverse("programmes:practice_detail", args=[practice.pk]), PUBLIC)


def test_unpublished_good_practices_are_for_their_agency_and_the_secretariat(people):
    practice = GoodPracticeFactory(agency=people.owning, title_en="Hidden draft")
    assert_access(people, reverse("programmes:practice_detail", args=[practice.pk]),
                  {**OWNERS, "rcm_delegate": 403})
    assert_access(people, reverse("programmes:practice_edit", args=[practice.pk]), {**OWNERS, "rcm_delegate": 403})
    assert_access(people, reverse("programmes:practice_history", args=[practice.pk]),
                  {**OWNERS, "rcm_delegate": 403})
    from django.test import Client
    assert "Hidden draft" not in Client().get(reverse("programmes:practice_list")).content.decode()


def test_practice_create_access(people):
    assert_access(people, reverse("programmes:practice_create"), MEMBERS)


def test_only_the_secretariat_publishes(people):
    practice = GoodPracticeFactory(agency=people.owning, status=PracticeStatus.SUBMITTED)
    assert_access(people, reverse("programmes:practice_publish", args=[practice.pk]),
                  {**SECRETARIAT}, method="post",
                  snapshot=lambda: GoodPractice.objects.values_list("status", flat=True).get(pk=practice.pk))
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.PUBLISHED and practice.published_at


def test_good_practice_workflow(people, client):
    client.force_login(people.focal_point)
    response = client.post(reverse("programmes:practice_create"), {
        "agency": people.owning.pk, "title_en": "Peer networks", "language": "en", "countries": ["JOR"],
        "theme": "women", "practice_en": "P", "evidence_en": "E", "lessons_en": "L", "replication_en": "R"})
    assert response.status_code == 302
    practice = GoodPractice.objects.get()
    client.post(reverse("programmes:practice_submit", args=[practice.pk]))
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.SUBMITTED
    client.force_login(people.secretariat)
    client.post(reverse("programmes:practice_return", args=[practice.pk]), {"note": "Add figures."})
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.RETURNED and practice.review_note == "Add figures."
    client.force_login(people.focal_point)
    client.post(reverse("programmes:practice_submit", args=[practice.pk]))
    client.force_login(people.secretariat)
    client.post(reverse("programmes:practice_publish", args=[practice.pk]))
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.PUBLISHED
    # Once published, the agency can no longer change it alone.
    client.force_login(people.focal_point)
    assert client.get(reverse("programmes:practice_edit", args=[practice.pk])).status_code == 403


def test_anonymous_practice_filters(people, client):
    GoodPracticeFactory(agency=people.owning, title_en="In Jordan", countries=["JOR"],
                        status=PracticeStatus.PUBLISHED, published_at="2026-01-10T10:00:00Z")
    GoodPracticeFactory(agency=people.other, title_en="In Morocco", countries=["MAR"], theme="data",
                        status=PracticeStatus.PUBLISHED, published_at="2026-01-11T10:00:00Z")
    page = client.get(reverse("programmes:practice_list") + "?country=MAR").content.decode()
    assert "In Morocco" in page and "In Jordan" not in page
    page = client.get(reverse("programmes:practice_list") + "?theme=labour").content.decode()
    assert "In Jordan" in page and "In Morocco" not in page


def test_document_download_needs_access_to_the_activity(people, activity, settings):
    from django.core.files.base import ContentFile

    from programmes.models import Attachment

    attachment = Attachment(activity=activity, kind="document", title="Report")
    attachment.file.save("report.pdf", ContentFile(b"%PDF-1.4 demo"), save=True)
    assert_access(people, reverse("programmes:attachment_download", args=[attachment.pk]), READ)


def test_list_filters_and_htmx_returns_only_the_results(people, client):
    ActivityFactory(lead_agency=people.owning, title_en="Labour in Jordan", countries=["JOR"], themes=["labour"])
    joint = ActivityFactory(lead_agency=people.other, title_en="Data in Morocco", countries=["MAR"], themes=["data"],
                            starts_on="2020-01-01", ends_on="2021-12-31")
    ParticipationFactory(activity=joint, agency=people.owning)
    client.force_login(people.rcm_delegate)
    url = reverse("programmes:activity_list")
    assert "Data in Morocco" not in client.get(url + "?country=JOR").content.decode()
    assert "Labour in Jordan" not in client.get(url + "?theme=data").content.decode()
    page = client.get(url + f"?agency={people.owning.pk}&joint=true").content.decode()
    assert "Data in Morocco" in page and "Labour in Jordan" not in page
    page = client.get(url + "?year=2021").content.decode()
    assert "Data in Morocco" in page and "Labour in Jordan" not in page
    partial = client.get(url + "?q=morocco", HTTP_HX_REQUEST="true").content.decode()
    assert 'id="results"' in partial and "Data in Morocco" in partial and "<html" not in partial


# Joint programmes: the lead and the secretariat edit the whole; a partner only its own part ------

def _errors(response) -> str:
    """The error messages of a form page, for an assertion's message."""
    import re

    return " | ".join(re.findall(r'(?:invalid-feedback|alert-danger|errorlist)[^>]*>(.*?)</', response.content.decode(),
                                 re.S)) or response.content.decode()[-1500:]


def _joint_with_parts(people):
    from programmes.models import Attachment, Indicator

    joint = ActivityFactory(lead_agency=people.owning, title_en="Joint")
    ParticipationFactory(activity=joint, agency=people.other, role="partner")
    lead_indicator = Indicator.objects.create(activity=joint, title="Lead's indicator")
    lead_link = Attachment.objects.create(activity=joint, kind="link", title="Lead's link", url="https://a.example")
    return joint, lead_indicator, lead_link


def test_a_partner_cannot_change_the_lead_s_fields_or_partners(people):
    from django.core.exceptions import ValidationError

    from members.models import Agency
    from programmes import services
    from tests.factories import AgencyFactory

    joint, _indicator, _link = _joint_with_parts(people)
    third = AgencyFactory()
    for fields, participants in (({"title_en": "Taken over"}, None), ({"budget": 10**9}, None),
                                 ({"status": "completed"}, None), ({"ends_on": joint.starts_on}, None),
                                 ({}, [(people.other, "partner"), (third, "partner")]),
                                 ({}, [])):
        with pytest.raises(ValidationError):
            services.activity_save(activity=Activity.objects.get(pk=joint.pk), fields=fields,
                                   by=people.other_focal_point, participants=participants)
    joint.refresh_from_db()
    assert joint.title_en == "Joint" and joint.budget is None and joint.status == "ongoing"
    assert set(joint.participations.values_list("agency", flat=True)) == {people.other.pk}
    assert Agency.objects.filter(pk=third.pk).exists()


def test_a_partner_edits_only_its_own_indicators_and_documents(people, client):
    from programmes.models import Attachment, Indicator

    joint, lead_indicator, lead_link = _joint_with_parts(people)
    client.force_login(people.other_focal_point)
    page = client.get(reverse("programmes:activity_edit", args=[joint.pk])).content.decode()
    assert "Lead&#x27;s indicator" not in page and "Lead's indicator" not in page
    # A forged post naming the lead's indicator and link: refused, nothing changes.
    forged = activity_post(people, title_en="Joint", **{
        "indicators-TOTAL_FORMS": "1", "indicators-INITIAL_FORMS": "1", "indicators-0-id": lead_indicator.pk,
        "indicators-0-title": "Rewritten by the partner",
        "attachments-TOTAL_FORMS": "1", "attachments-INITIAL_FORMS": "1", "attachments-0-id": lead_link.pk,
        "attachments-0-kind": "link", "attachments-0-title": "Lead's link", "attachments-0-url": "https://a.example",
        "attachments-0-DELETE": "on"})
    client.post(reverse("programmes:activity_edit", args=[joint.pk]), forged)
    lead_indicator.refresh_from_db()
    assert lead_indicator.title == "Lead's indicator"
    assert Attachment.objects.filter(pk=lead_link.pk).exists()
    # Its own new indicator is saved as the partner's, and it may change it later.
    response = client.post(reverse("programmes:activity_edit", args=[joint.pk]), activity_post(people, **{
        "title_en": "Joint", "partners-0-agency": people.other.pk, "partners-0-role": "partner",
        "partners-INITIAL_FORMS": "1", "indicators-TOTAL_FORMS": "1", "indicators-0-title": "Partner's indicator"}))
    assert response.status_code == 302, _errors(response)
    own = Indicator.objects.get(title="Partner's indicator")
    assert own.agency == people.other
    page = client.get(reverse("programmes:activity_edit", args=[joint.pk])).content.decode()
    assert "Partner&#x27;s indicator" in page or "Partner's indicator" in page
    # The lead's focal point still edits everything, the partner's indicator included.
    client.force_login(people.focal_point)
    response = client.post(reverse("programmes:activity_edit", args=[joint.pk]), activity_post(people, **{
        "title_en": "Joint, renamed", "partners-0-agency": people.other.pk, "partners-0-role": "partner",
        "partners-INITIAL_FORMS": "1", "indicators-TOTAL_FORMS": "2", "indicators-INITIAL_FORMS": "2",
        "indicators-0-id": lead_indicator.pk, "indicators-0-title": "Lead's indicator",
        "indicators-1-id": own.pk, "indicators-1-title": "Corrected by the lead"}))
    assert response.status_code == 302, _errors(response)
    own.refresh_from_db()
    joint.refresh_from_db()
    assert own.title == "Corrected by the lead" and joint.title_en == "Joint, renamed"


def test_an_uploaded_document_is_stored_under_a_generated_name_and_downloads_under_its_own(
        people, activity, client, settings, tmp_path):
    """The uploader's name never reaches the disk; it comes back, without its folders, on download."""
    import re

    from django.core.files.uploadedfile import SimpleUploadedFile

    from programmes.models import Attachment
    from tests.meetings.files import pdf_bytes

    settings.MEDIA_ROOT = tmp_path
    client.force_login(people.focal_point)
    response = client.post(reverse("programmes:activity_edit", args=[activity.pk]), activity_post(people, **{
        "attachments-TOTAL_FORMS": "1", "attachments-0-kind": "document", "attachments-0-title": "Concept note",
        "attachments-0-file": SimpleUploadedFile("../../evil name.pdf", pdf_bytes(), content_type="application/pdf"),
    }))
    assert response.status_code == 302, _errors(response)
    attachment = Attachment.objects.get(activity=activity, title="Concept note")
    assert re.fullmatch(rf"programmes/activities/{activity.pk}/\d{{4}}/\d{{2}}/[0-9a-f]{{32}}\.pdf",
                        attachment.file.name), attachment.file.name
    assert attachment.original_name == "evil name.pdf"
    assert (tmp_path / attachment.file.name).is_file() and not list(tmp_path.rglob("evil*"))
    download = client.get(reverse("programmes:attachment_download", args=[attachment.pk]))
    assert download["Content-Disposition"] == 'attachment; filename="evil name.pdf"'
    assert download["Content-Type"] == "application/pdf" and download["X-Content-Type-Options"] == "nosniff"


def test_a_document_stored_before_generated_names_downloads_under_its_stored_name(people, activity, client,
                                                                                    settings, tmp_path):
    from django.core.files.base import ContentFile

    from programmes.models import Attachment

    settings.MEDIA_ROOT = tmp_path
    attachment = Attachment.objects.create(activity=activity, kind="document", title="Old",
                                           file=f"programmes/activities/{activity.pk}/old report.pdf")
    attachment.file.storage.save(attachment.file.name, ContentFile(b"%PDF-1.4 old"))
    client.force_login(people.focal_point)
    download = client.get(reverse("programmes:attachment_download", args=[attachment.pk]))
    assert download["Content-Disposition"] == 'attachment; filename="old report.pdf"'
    assert b"".join(download.streaming_content) == b"%PDF-1.4 old"


# A new activity's status follows its dates (docs/programmes.md) -------------------------------


def _create(people, client, **dates):
    client.force_login(people.focal_point)
    response = client.post(reverse("programmes:activity_create"),
                           activity_post(people, title_en="Dated work", status="", **dates))
    assert response.status_code == 302, response.content.decode()[:3000]
    return Activity.objects.get(title_en="Dated work")


@pytest.mark.dates
def test_a_new_activity_starting_later_is_planned(people, client):
    today = timezone.localdate()
    activity = _create(people, client, starts_on=(today + datetime.timedelta(days=1)).isoformat(),
                       ends_on=(today + datetime.timedelta(days=400)).isoformat())
    assert activity.status == "pipeline"


@pytest.mark.dates
def test_a_new_activity_running_today_is_ongoing(people, client):
    today = timezone.localdate()
    activity = _create(people, client, starts_on=today.isoformat(), ends_on=today.isoformat())
    assert activity.status == "ongoing"


@pytest.mark.dates
def test_a_new_activity_that_has_ended_is_completed(people, client):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    activity = _create(people, client, starts_on=(yesterday - datetime.timedelta(days=30)).isoformat(),
                       ends_on=yesterday.isoformat())
    assert activity.status == "completed"


@pytest.mark.dates
def test_an_open_ended_activity_that_has_started_is_ongoing(people, client):
    started = timezone.localdate() - datetime.timedelta(days=3000)
    assert _create(people, client, starts_on=started.isoformat(), ends_on="").status == "ongoing"


@pytest.mark.dates
def test_a_status_the_person_chooses_is_kept(people, client):
    """A default, not a validation: work slips, and the focal point knows."""
    client.force_login(people.focal_point)
    started = timezone.localdate() - datetime.timedelta(days=10)
    response = client.post(reverse("programmes:activity_create"), activity_post(
        people, title_en="Delayed", status="pipeline", starts_on=started.isoformat(), ends_on=""))
    assert response.status_code == 302
    assert Activity.objects.get(title_en="Delayed").status == "pipeline"


def test_the_new_activity_form_offers_the_dates_first_and_editing_keeps_the_status(people, activity, client):
    client.force_login(people.focal_point)
    page = client.get(reverse("programmes:activity_create")).content.decode()
    assert '<option value="" selected>From the dates: planned, ongoing or completed</option>' in page
    edit = client.get(reverse("programmes:activity_edit", args=[activity.pk])).content.decode()
    assert "From the dates" not in edit


def test_the_iati_field_is_the_agencys_own_identifier_and_the_export_makes_one(people, activity, client):
    client.force_login(people.focal_point)
    form = client.get(reverse("programmes:activity_create")).content.decode()
    assert "Your agency&#x27;s IATI identifier for this activity" in form
    assert "the IATI export then gives the activity an identifier of its own" in form
    page = client.get(reverse("programmes:activity_detail", args=[activity.pk])).content.decode()
    assert "generated for the IATI export:" in page and f"XI-RWG-OWN-RWG-{activity.pk}" in page
    assert Activity.objects.get(pk=activity.pk).iati_identifier == ""  # generated, never stored
    own = ActivityFactory(lead_agency=people.owning, iati_identifier="XM-DAC-47066-OWN-1")
    page = client.get(reverse("programmes:activity_detail", args=[own.pk])).content.decode()
    assert "XM-DAC-47066-OWN-1" in page and "the agency's own" in page and "generated for the IATI" not in page
