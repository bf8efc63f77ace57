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


# The log in sentences (rwg_portal/security_log.py) -------------------------------------------------


def _log(client, people, language="en", **query) -> str:
    client.force_login(people.secretariat)
    return client.get(reverse("security_events"), query, HTTP_ACCEPT_LANGUAGE=language).content.decode()


def test_a_run_of_failed_sign_ins_is_one_sentence(client, people):
    for _attempt in range(3):
        client.post(reverse("account_login"), {"login": "j.doe@example.org", "password": "wrong"},
                    REMOTE_ADDR="10.0.0.1")
    client.post(reverse("account_login"), {"login": "j.doe@example.org", "password": "wrong"},
                REMOTE_ADDR="10.0.0.2")
    assert SecurityEvent.objects.filter(kind=SecurityEvent.Kind.LOGIN_FAILED).count() == 4
    page = _log(client, people, email="j.doe")
    assert "3 failed sign-ins for j.doe@example.org from 10.0.0.1." in page
    assert "1 failed sign-in for j.doe@example.org from 10.0.0.2." in page
    assert "login_failed" not in page.split("<table", 1)[1]


def test_role_changes_read_as_sentences_with_labels_not_codes(client, people):
    from members import services

    services.user_update(person=people.no_role, data={"role": "rcm_delegate"}, by=people.secretariat)
    people.no_role.is_staff = True
    people.no_role.save()
    page = _log(client, people, email=people.no_role.email)
    table = page.split("<table", 1)[1]
    assert "role “No role” → “RCM delegate”" in table.replace("&ldquo;", "“").replace("&rdquo;", "”")
    assert "access to the admin site given" in table
    assert "rcm_delegate" not in table and "is_staff" not in table


def test_designations_and_invitations_read_as_sentences(client, people):
    from members import services
    from members.choices import DesignationRole

    services.designation_create(agency=people.other, person=people.no_role, role=DesignationRole.ALTERNATE,
                                starts_on=people.owning.designations.first().starts_on)
    page = _log(client, people, email=people.no_role.email)
    assert f"{people.no_role.email} was designated alternate of OTH." in page


def test_the_log_speaks_the_readers_language(client, people):
    client.post(reverse("account_login"), {"login": "j.doe@example.org", "password": "wrong"}, REMOTE_ADDR="10.0.0.1")
    french = _log(client, people, language="fr", email="j.doe")
    arabic = _log(client, people, language="ar", email="j.doe")
    assert "failed sign-in" not in french and "j.doe@example.org" in french and "10.0.0.1" in french
    assert "failed sign-in" not in arabic and "j.doe@example.org" in arabic


# The admin from the menu; no e-mail address admin ----------------------------------------------------


def test_the_admin_is_in_the_menu_of_admins_only(client, people):
    client.force_login(people.admin)
    assert f'href="{reverse("admin:index")}"' in client.get(reverse("home")).content.decode()
    for role in ("secretariat", "focal_point", "rcm_delegate"):
        client.force_login(getattr(people, role))
        assert f'href="{reverse("admin:index")}"' not in client.get(reverse("home")).content.decode()


def test_email_addresses_are_not_managed_in_the_admin_since_people_cannot_change_them(client, people):
    client.force_login(people.admin)
    assert client.get(reverse("account_email"))["Location"] == reverse("members:my_account")
    index = client.get(reverse("admin:index")).content.decode()
    assert "/admin/account/emailaddress/" not in index
    assert client.get("/admin/account/emailaddress/").status_code == 404
    assert "/admin/members/user/" in index  # the people themselves are still there
