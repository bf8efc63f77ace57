import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_health_reports_database_and_broker(client):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json()["checks"]["database"] == "ok"


def test_arabic_home_is_right_to_left_and_translated(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ar")
    html = response.content.decode()
    assert 'dir="rtl"' in html and 'lang="ar"' in html
    assert "bootstrap.rtl.min.css" in html
    assert "تسجيل الدخول" in html  # "Sign in"


def test_french_home_is_translated(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr")
    html = response.content.decode()
    assert 'lang="fr"' in html and 'dir="ltr"' in html
    assert "Se connecter" in html


def test_pages_carry_a_strict_content_security_policy(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "unsafe-inline" not in policy


def test_secretariat_without_two_factor_is_sent_to_set_it_up(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory(role="secretariat"))
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_open_sign_up_is_closed(client):
    response = client.post(reverse("account_signup"), {"email": "x@example.org", "password1": "a-Long-pass-123",
                                                        "password2": "a-Long-pass-123"})
    from members.models import User

    assert not User.objects.filter(email="x@example.org").exists()
    assert response.status_code in (200, 403)


def test_admin_login_goes_through_allauth(client):
    response = client.get("/admin/login/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_custom_404_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_people_cannot_add_sign_in_addresses_themselves(client, people):
    client.force_login(people.focal_point)
    response = client.post("/accounts/email/", {"email": "other@example.org", "action_add": ""})
    assert response.status_code == 302 and response["Location"] == reverse("members:my_account")
    from allauth.account.models import EmailAddress

    assert not EmailAddress.objects.filter(email="other@example.org").exists()
