import pytest
from django.urls import reverse

from rwg_portal.models import SecurityEvent
from tests.access import LOGIN, OK, assert_access

pytestmark = pytest.mark.django_db


def test_only_the_secretariat_reads_the_security_log(people):
    assert_access(people, reverse("security_events"), {
        "anonymous": LOGIN, "no_role": 403, "rcm_delegate": 403, "other_focal_point": 403,
        "alternate": 403, "focal_point": 403, "secretariat": OK, "admin": OK,
    })


def test_failed_and_successful_sign_ins_are_logged_with_address(client, people):
    client.post(reverse("account_login"), {"login": people.focal_point.email, "password": "wrong password"},
                REMOTE_ADDR="203.0.113.9")
    failed = SecurityEvent.objects.get(kind=SecurityEvent.Kind.LOGIN_FAILED)
    assert failed.email == people.focal_point.email and failed.ip == "203.0.113.9"
    client.post(reverse("account_login"), {"login": people.focal_point.email,
                                           "password": "correct horse battery staple"})
    assert SecurityEvent.objects.filter(kind=SecurityEvent.Kind.LOGIN, user=people.focal_point).exists()


def test_role_and_designation_changes_are_logged(people):
    from members import services
    from members.choices import DesignationRole

    people.no_role.role = "rcm_delegate"
    people.no_role.save()
    event = SecurityEvent.objects.get(kind=SecurityEvent.Kind.ROLE_CHANGED, user=people.no_role)
    assert "rcm_delegate" in event.detail
    services.designation_create(agency=people.other, person=people.no_role, role=DesignationRole.ALTERNATE,
                                starts_on=people.owning.designations.first().starts_on)
    assert SecurityEvent.objects.filter(kind=SecurityEvent.Kind.DESIGNATION_CHANGED, user=people.no_role).exists()


def test_secretariat_session_ends_after_idle_time(client, people, settings):
    settings.RWG_IDLE_MINUTES = 30
    client.force_login(people.secretariat)
    assert client.get(reverse("home")).status_code == 200
    session = client.session
    session["rwg_last_seen"] -= 31 * 60
    session.save()
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    assert SecurityEvent.objects.filter(kind=SecurityEvent.Kind.SESSION_EXPIRED).exists()
    # A focal point's session is not cut short this way.
    client.force_login(people.focal_point)
    assert client.get(reverse("home")).status_code == 200
