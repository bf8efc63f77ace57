"""allauth's pages in the portal's style: sign-in without sign-up, the invitation's "choose your password"."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from members import services
from members.choices import Role

pytestmark = pytest.mark.django_db


def test_login_page_offers_no_sign_up_and_uses_the_portal_layout(client):
    page = client.get(reverse("account_login")).content.decode()
    assert "sign up" not in page.lower() and reverse("account_signup") not in page
    assert 'class="navbar' in page  # the portal's base layout
    assert '<label class="form-label" for="id_login">Email</label>' in page
    assert 'class="form-control"' in page and 'class="btn btn-primary"' in page
    assert reverse("members:join") in page and reverse("account_reset_password") in page


def test_signup_is_closed_with_an_explanation(client):
    page = client.get(reverse("account_signup")).content.decode()
    assert "No open sign-up" in page and reverse("members:join") in page
    response = client.post(reverse("account_signup"), {"email": "me@example.org", "password1": "x" * 14,
                                                        "password2": "x" * 14})
    assert "No open sign-up" in response.content.decode()


def test_login_page_in_arabic_is_right_to_left_and_translated(client):
    client.cookies["django_language"] = "ar"
    page = client.get(reverse("account_login"), headers={"accept-language": "ar"}).content.decode()
    assert 'dir="rtl"' in page
    assert "بوابة الفريق العامل" in page and "Sign in to the RWG Portal" not in page


def test_invitation_link_leads_to_choose_a_password_then_sign_in(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        user = services.user_invite(email="new@example.org", first_name="New", last_name="Person",
                                    role=Role.RCM_DELEGATE)
    link = re.search(r"/accounts/password/reset/key/\S+", mail.outbox[0].body).group(0)
    response = client.get(link, follow=True)
    page = response.content.decode()
    assert "Choose your password" in page and "new@example.org" in page
    assert 'class="form-control' in page
    action = response.redirect_chain[-1][0]
    response = client.post(action, {"password1": "a-long enough pass 2026", "password2": "a-long enough pass 2026"},
                           follow=True)
    assert "Your password is set" in response.content.decode()
    user.refresh_from_db()
    assert user.has_usable_password()
    response = client.post(reverse("account_login"), {"login": "new@example.org",
                                                      "password": "a-long enough pass 2026"})
    assert response.status_code == 302 and response["Location"] == "/"


def test_a_used_link_says_so(client):
    page = client.get("/accounts/password/reset/key/1-set-password/").content.decode()
    assert "This link no longer works" in page


def test_account_management_pages_share_the_account_navigation(people, client):
    client.force_login(people.secretariat)
    for name in ("account_change_password", "mfa_index", "account_logout"):
        page = client.get(reverse(name)).content.decode()
        assert reverse("members:my_account") in page and 'class="nav nav-tabs"' in page, name
    page = client.get(reverse("mfa_index")).content.decode()
    assert 'class="card mb-3"' in page and "Authenticator App" in page


def test_totp_activation_page_is_styled(people, client):
    # allauth asks for the password again before activating two-factor.
    client.force_login(people.focal_point)
    response = client.get(reverse("mfa_activate_totp"), follow=True)
    assert "Confirm Access" in response.content.decode()
    client.post(response.redirect_chain[-1][0], {"password": "correct horse battery staple"})
    page = client.get(reverse("mfa_activate_totp")).content.decode()
    assert 'class="d-block mb-3 border rounded p-2 totp-qr"' in page
    assert 'id="authenticator_secret"' in page and 'class="form-control"' in page
