"""A request to join decided at a meeting, end to end through the pages: the decision form asks
what the new member needs (acronym, membership type) and the request's page names the decision."""

import pytest
from django.urls import reverse

from members.choices import JoinRequestStatus, Membership
from members.models import Agency
from tests.meetings.helpers import held
from tests.meetings.test_services_records import join_request

pytestmark = [pytest.mark.django_db]


def test_accepting_a_request_without_an_acronym_through_the_decision_form(people, client):
    meeting = held(people.secretariat)
    request = join_request(acronym="", organisation="Réseau des migrants du Maghreb")
    client.force_login(people.secretariat)
    url = reverse("meetings:decision_add", args=[meeting.pk])
    form = client.get(url).content.decode()
    assert "Réseau des migrants du Maghreb (no acronym given)" in form
    assert 'name="join_acronym"' in form and 'name="join_membership"' in form

    data = {"text_en": "The Group welcomes the network as a core member.", "language": "en", "join_request": request.pk,
            "join_request_outcome": "accepted", "join_membership": Membership.CORE}
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert "The request gave no acronym" in refused.content.decode()
    request.refresh_from_db()
    assert request.status == JoinRequestStatus.PENDING and not meeting.decisions.exists()

    taken = client.post(url, {**data, "join_acronym": "OWN"})  # the members app refuses: nothing recorded
    assert "already exists" in taken.content.decode()
    assert not meeting.decisions.exists()

    response = client.post(url, {**data, "join_acronym": "RMM"})
    assert response.status_code == 302
    request.refresh_from_db()
    decision = meeting.decisions.get()
    assert request.status == JoinRequestStatus.ACCEPTED and request.acronym == "RMM"
    agency = Agency.objects.get(acronym="RMM")
    assert request.agency == agency and agency.membership == Membership.CORE
    assert agency.joined_on == meeting.local_starts_at.date()

    page = client.get(reverse("members:join_request_detail", args=[request.pk])).content.decode()
    assert decision.reference in page
    assert reverse("meetings:meeting_detail", args=[meeting.pk]) + f"#decision-{decision.pk}" in page


def test_a_request_with_an_acronym_joins_as_a_participant_by_default(people, client):
    meeting = held(people.secretariat)
    request = join_request()
    client.force_login(people.secretariat)
    response = client.post(reverse("meetings:decision_add", args=[meeting.pk]), {
        "text_en": "Welcome.", "language": "en", "join_request": request.pk, "join_request_outcome": "accepted"})
    assert response.status_code == 302
    assert Agency.objects.get(acronym="MRN").membership == Membership.PARTICIPANT
