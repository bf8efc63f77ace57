"""Writes: rules the services enforce whoever calls them, and the history they leave."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from programmes import services
from programmes.choices import PracticeStatus
from programmes.models import Activity, ActivityTag, Participation, SynergyReview
from tests.programmes.factories import ActivityFactory, GoodPracticeFactory

pytestmark = pytest.mark.django_db


def fields(people, **overrides):
    return {"lead_agency": people.owning, "title_en": "Labour mobility", "summary_en": "S", "kind": "technical",
            "themes": ["labour"], "countries": ["JOR"], "starts_on": datetime.date(2025, 1, 1),
            "ends_on": datetime.date(2026, 1, 1), "status": "ongoing", **overrides}


def test_activity_save_indexes_codes_and_records_who(people):
    activity = services.activity_save(activity=None, fields=fields(people, countries=["JOR", "REG"]),
                                      by=people.focal_point, participants=[(people.other, "partner")])
    assert set(ActivityTag.objects.filter(activity=activity).values_list("dimension", "code")) == {
        ("country", "JOR"), ("country", "REG"), ("theme", "labour")}
    assert activity.history.get().history_user == people.focal_point
    assert Participation.objects.get(activity=activity).history.get().history_user == people.focal_point


def test_participants_are_replaced_with_history(people):
    from tests.factories import AgencyFactory

    third = AgencyFactory(acronym="THR")
    activity = services.activity_save(activity=None, fields=fields(people), by=people.secretariat,
                                      participants=[(people.other, "partner"), (third, "funder")])
    services.activity_save(activity=Activity.objects.get(pk=activity.pk), fields={}, by=people.secretariat,
                           participants=[(people.other, "co_lead")])
    assert list(activity.participations.values_list("agency__acronym", "role")) == [("OTH", "co_lead")]
    assert Participation.history.filter(activity_id=activity.pk, history_type="-").count() == 1


def test_lead_agency_cannot_be_a_participant(people):
    with pytest.raises(ValidationError):
        services.activity_save(activity=None, fields=fields(people), by=people.secretariat,
                               participants=[(people.owning, "partner")])
    assert not Activity.objects.exists()


def test_focal_point_cannot_record_for_another_agency(people):
    with pytest.raises(ValidationError):
        services.activity_save(activity=None, fields=fields(people, lead_agency=people.other), by=people.focal_point)
    with pytest.raises(PermissionDenied):
        services.activity_save(activity=None, fields=fields(people), by=people.rcm_delegate)


def test_invalid_codes_and_markers_are_refused(people):
    with pytest.raises(ValidationError) as error:
        services.activity_save(activity=None, by=people.secretariat, fields=fields(
            people, countries=["XXX"], themes=[], gender_marker=2, sdg_targets=["99.9"]))
    assert set(error.value.message_dict) >= {"countries", "themes", "gender_justification", "sdg_targets"}


def test_synergy_review_is_stored_once_per_pair_in_id_order(people):
    a = ActivityFactory(lead_agency=people.owning)
    b = ActivityFactory(lead_agency=people.other)
    services.synergy_review_set(first=b, second=a, verdict="complementary", note="", by=people.secretariat)
    services.synergy_review_set(first=a, second=b, verdict="duplication", note="Raise", by=people.secretariat)
    review = SynergyReview.objects.get()
    assert (review.activity_a_id, review.activity_b_id, review.verdict) == (a.pk, b.pk, "duplication")
    assert review.history.count() == 2
    with pytest.raises(PermissionDenied):
        services.synergy_review_set(first=a, second=b, verdict="duplication", note="", by=people.focal_point)
    services.synergy_review_clear(first=b, second=a, by=people.secretariat)
    assert not SynergyReview.objects.exists()


def test_practice_cannot_be_published_before_it_is_submitted(people):
    practice = GoodPracticeFactory(agency=people.owning)
    with pytest.raises(ValidationError):
        services.practice_publish(practice=practice, by=people.secretariat)
    with pytest.raises(PermissionDenied):
        services.practice_submit(practice=practice, by=people.other_focal_point)
    services.practice_submit(practice=practice, by=people.alternate)
    with pytest.raises(ValidationError):
        services.practice_return(practice=practice, note=" ", by=people.secretariat)
    services.practice_publish(practice=practice, by=people.secretariat)
    assert practice.status == PracticeStatus.PUBLISHED and practice.published_at


def test_history_is_shown_in_the_portal(people, client):
    activity = services.activity_save(activity=None, fields=fields(people), by=people.focal_point)
    services.activity_save(activity=Activity.objects.get(pk=activity.pk), fields={"title_en": "Renamed"},
                           by=people.alternate, participants=[(people.other, "partner")])
    client.force_login(people.focal_point)
    page = client.get(reverse("programmes:activity_history", args=[activity.pk])).content.decode()
    assert "Labour mobility" in page and "Renamed" in page
    assert str(people.alternate) in page and str(people.focal_point) in page
    assert "OTH (Partner)" in page


def test_demo_catalogue_loads_twice_and_produces_synergy_pairs(db):
    from members import demo as members_demo
    from members.services import seed_reference_data
    from programmes import demo, finder, selectors

    seed_reference_data()
    members_demo.load()
    demo.load()
    count = Activity.objects.count()
    demo.load()
    assert Activity.objects.count() == count >= 12
    assert all(a.title_en.endswith("(demo)") for a in Activity.objects.all())
    assert len(finder.rank(selectors.finder_items())) >= 3
    assert SynergyReview.objects.count() == 1


def test_only_the_lead_agency_or_the_secretariat_publishes_an_activity(people):
    """Deny by default: an activity is not public until its lead agency's focal point (or the secretariat)
    publishes it; a partner agency's focal point may not, and the change is kept in the history."""
    from tests.programmes.factories import ParticipationFactory

    activity = services.activity_save(activity=None, fields=fields(people), by=people.focal_point)
    assert activity.public is False
    ParticipationFactory(activity=activity, agency=people.other)
    with pytest.raises(ValidationError) as refused:
        services.activity_save(activity=activity, fields={"public": True}, by=people.other_focal_point)
    assert "public" in refused.value.message_dict
    activity.refresh_from_db()
    assert activity.public is False
    services.activity_save(activity=activity, fields={"public": True}, by=people.focal_point)
    activity.refresh_from_db()
    assert activity.public is True
    latest = activity.history.first()
    assert latest.public is True and latest.history_user == people.focal_point
    assert latest.prev_record.public is False
