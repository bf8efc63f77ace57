import pytest

from members import demo, services
from members.models import Agency, Designation, JoinRequest, User

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


def test_demo_is_idempotent_and_leaves_gaps_for_the_secretariat_to_see():
    services.seed_reference_data()
    demo.load()
    counts = (User.objects.count(), Designation.objects.count(), JoinRequest.objects.count())
    demo.load()
    assert (User.objects.count(), Designation.objects.count(), JoinRequest.objects.count()) == counts
    assert JoinRequest.objects.filter(status="pending", organisation__contains="(demo)").count() == 1
    assert Agency.objects.get(acronym="WHO").current_alternate is None
    assert all(u.email.endswith("@demo.rwg-portal.org") for u in User.objects.all())


def test_demo_stakeholders_are_idempotent_with_one_consultation_open_and_one_closed():
    from members.models import Consultation, ConsultationAnswer, PracticeProposal

    services.seed_reference_data()
    demo.load()
    counts = (PracticeProposal.objects.count(), Consultation.objects.count(), ConsultationAnswer.objects.count())
    demo.load()
    assert (PracticeProposal.objects.count(), Consultation.objects.count(),
            ConsultationAnswer.objects.count()) == counts == (2, 2, 3)
    assert sorted(c.phase() for c in Consultation.objects.all()) == ["closed", "open"]
    assert all("(demo)" in p.organisation for p in PracticeProposal.objects.all())
