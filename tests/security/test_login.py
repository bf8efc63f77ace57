"""Sign-in hardening (OWASP ASVS 5.0 chapter V6, level 2): rate limits, passwords, second factor, sessions."""

import json
import os
import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from tests.conftest import ROOT

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """allauth counts attempts in the cache: start and end every test with none."""
    cache.clear()
    yield
    cache.clear()


def sign_in(client: Client, email: str, password: str, ip: str):
    return client.post(reverse("account_login"), {"login": email, "password": password}, REMOTE_ADDR=ip)


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_the_limits_are_per_address_and_per_account_with_a_cool_off():
    limits = settings.ACCOUNT_RATE_LIMITS
    for action in ("login", "login_failed", "reset_password", "reset_password_from_key"):
        assert action in limits, action
    assert "/ip" in limits["login_failed"] and "/key" in limits["login_failed"]
    # Every limit is a finite period (s, m, h, d), never a permanent lock-out.
    for rule in ",".join(limits.values()).split(","):
        assert re.fullmatch(r"\d+/\d*[smhd](/(ip|key|user))?", rule.strip()), rule


def test_one_account_is_slowed_after_repeated_failures_and_others_still_get_in(people):
    attacker = Client()
    allowed = int(re.search(r"(\d+)/\d*m/key", settings.ACCOUNT_RATE_LIMITS["login_failed"]).group(1))
    for _attempt in range(allowed):
        response = sign_in(attacker, people.focal_point.email, "wrong password", "198.51.100.7")
        assert response.status_code in (200, 429) and not signed_in(attacker)
    # The next attempt on that account is refused, even with the right password, from anywhere.
    elsewhere = Client()
    response = sign_in(elsewhere, people.focal_point.email, PASSWORD, "192.0.2.44")
    assert not signed_in(elsewhere), "the account's failed-login limit did not hold"
    assert response.status_code in (200, 429)
    # A different person from another address still signs in: nobody else is locked out.
    colleague = Client()
    response = sign_in(colleague, people.alternate.email, PASSWORD, "192.0.2.45")
    assert response.status_code == 302 and signed_in(colleague)


def test_long_passwords_are_accepted_and_common_ones_refused(people):
    validate_password("a sentence of more than sixty-four characters, spaces and all, is welcome!" * 2,
                      user=people.no_role)
    for common in ("password1234", "1q2w3e4r5t6y"):  # long enough, but on the common-passwords list
        with pytest.raises(ValidationError):
            validate_password(common, user=people.no_role)
    with pytest.raises(ValidationError):
        validate_password("short1!", user=people.no_role)


def test_no_forced_rotation():
    assert not any("expir" in v["NAME"].lower() or "age" in v["NAME"].lower().split(".")[-1]
                   for v in settings.AUTH_PASSWORD_VALIDATORS)


def test_a_password_reset_does_not_bypass_the_second_factor(people):
    client = Client()
    client.post(reverse("account_reset_password"), {"email": people.secretariat.email})
    assert mail.outbox, "no reset message was sent"
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", mail.outbox[-1].body).group(1)
    response = client.get(link, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else link
    new_password = "a brand new passphrase for the secretariat 2026"
    response = client.post(form_url, {"password1": new_password, "password2": new_password})
    assert response.status_code == 302
    assert not signed_in(client), "a reset must not sign the person in (ACCOUNT_LOGIN_ON_PASSWORD_RESET)"
    response = sign_in(client, people.secretariat.email, new_password, "192.0.2.10")
    assert response.status_code == 302 and response["Location"].startswith(reverse("mfa_authenticate"))
    assert not signed_in(client), "the password alone must not open a secretariat session"


def test_a_secretariat_sign_in_asks_for_the_second_factor(people):
    client = Client()
    response = sign_in(client, people.secretariat.email, PASSWORD, "192.0.2.11")
    assert response["Location"].startswith(reverse("mfa_authenticate"))
    assert not signed_in(client)


def test_the_session_ends_on_logout(people):
    client = Client()
    assert sign_in(client, people.focal_point.email, PASSWORD, "192.0.2.12").status_code == 302
    key = client.session.session_key
    client.post(reverse("account_logout"))
    assert not signed_in(client)
    from django.contrib.sessions.models import Session

    assert not Session.objects.filter(session_key=key).exists()


def test_the_session_ends_on_password_change(people):
    client = Client()
    sign_in(client, people.focal_point.email, PASSWORD, "192.0.2.13")
    other_device = Client()
    sign_in(other_device, people.focal_point.email, PASSWORD, "192.0.2.14")
    new = "another long passphrase nobody guesses 42"
    response = client.post(reverse("account_change_password"),
                           {"oldpassword": PASSWORD, "password1": new, "password2": new})
    assert response.status_code == 302
    assert not signed_in(client), "ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE"
    response = other_device.get(reverse("members:directory"))
    assert response.status_code == 302 and "login" in response["Location"], "the other session must end too"


def test_recovery_codes_are_offered(people):
    assert "recovery_codes" in settings.MFA_SUPPORTED_TYPES
    client = Client()
    client.force_login(people.secretariat)
    # Codes are generated on request (allauth asks to reauthenticate first when the sign-in is old).
    response = client.get(reverse("mfa_generate_recovery_codes"))
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert "reauthenticate" in response["Location"]


def production_settings() -> dict:
    """Import the settings as production would (HTTPS on, debug off) in a fresh interpreter."""
    code = ("import json, django; from django.conf import settings as s; django.setup(); print(json.dumps({k: "
            "getattr(s, k) for k in ['SESSION_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY', 'SESSION_COOKIE_SAMESITE', "
            "'CSRF_COOKIE_SECURE', 'CSRF_COOKIE_HTTPONLY', 'SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS', "
            "'SECURE_SSL_REDIRECT', 'X_FRAME_OPTIONS', 'SECURE_REFERRER_POLICY', 'SECURE_CONTENT_TYPE_NOSNIFF', "
            "'DEBUG']}))")
    env = {**os.environ, "RWG_HTTPS": "true", "RWG_DEBUG": "false", "DJANGO_SETTINGS_MODULE": "rwg_portal.settings",
           "RWG_SECRET_KEY": "production-like-secret-key-for-this-test-only-0123456789abcdef",
           "RWG_ALLOWED_HOSTS": "rwg.example.org"}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_production_cookies_and_transport():
    prod = production_settings()
    assert prod["DEBUG"] is False
    assert prod["SESSION_COOKIE_SECURE"] and prod["SESSION_COOKIE_HTTPONLY"]
    assert prod["SESSION_COOKIE_SAMESITE"] in ("Lax", "Strict")
    assert prod["CSRF_COOKIE_SECURE"] and prod["CSRF_COOKIE_HTTPONLY"]
    assert prod["SECURE_HSTS_SECONDS"] >= 31536000 and prod["SECURE_HSTS_INCLUDE_SUBDOMAINS"]
    assert prod["SECURE_SSL_REDIRECT"]
    assert prod["X_FRAME_OPTIONS"] == "DENY"
    assert prod["SECURE_REFERRER_POLICY"] in ("same-origin", "strict-origin-when-cross-origin", "no-referrer")
    assert prod["SECURE_CONTENT_TYPE_NOSNIFF"]


# Two-factor code entry (ASVS V6.6): allauth consumes the ``login_failed`` limit, keyed on the account
# ("mfa-auth-user-<pk>"), for every code typed at sign-in, at reauthentication and for recovery codes.

def key_limit() -> tuple[int, int]:
    """(attempts, seconds) of the per-account ``login_failed`` rule, e.g. 5/5m/key -> (5, 300)."""
    from allauth.core.internal.ratelimit import parse_rates

    (rate,) = [r for r in parse_rates(settings.ACCOUNT_RATE_LIMITS["login_failed"]) if r.per == "key"]
    return rate.amount, int(rate.duration)


def totp_code(offset: int = 0) -> str:
    """The code of the test authenticator now (``offset`` periods away)."""
    import time

    from allauth.mfa import app_settings as mfa_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    from tests.people import TEST_TOTP_SECRET

    return format_hotp_value(hotp_value(TEST_TOTP_SECRET, int(time.time()) // mfa_settings.TOTP_PERIOD + offset))


def wrong_code() -> str:
    """A six-digit code that no counter in the tolerance window accepts."""
    valid = {totp_code(offset) for offset in range(-2, 3)}
    return next(code for code in ("000000", "111111", "222222", "333333", "444444", "555555", "666666")
                if code not in valid)


def at_second_factor(user, ip: str) -> Client:
    """A client that has given the right password and is asked for the code."""
    client = Client()
    response = sign_in(client, user.email, PASSWORD, ip)
    assert response.status_code == 302 and response["Location"].startswith(reverse("mfa_authenticate"))
    return client


def enter_code(client: Client, code: str, ip: str, url_name: str = "mfa_authenticate"):
    return client.post(reverse(url_name), {"code": code}, REMOTE_ADDR=ip)


TOO_MANY = "Too many failed login attempts. Try again later."


def test_the_two_factor_limit_is_per_account_and_finite():
    attempts, seconds = key_limit()
    assert attempts == 5 and 0 < seconds <= 15 * 60, (attempts, seconds)


def test_wrong_codes_stop_even_the_right_code_and_others_still_get_in(people):
    from rwg_portal.models import SecurityEvent

    attempts, _seconds = key_limit()
    client = at_second_factor(people.secretariat, "198.51.100.20")
    for _attempt in range(attempts):
        response = enter_code(client, wrong_code(), "198.51.100.20")
        assert response.status_code == 200 and "Incorrect code." in response.content.decode()
        assert not signed_in(client)
    # Every wrong code is in the security log, with the account and the address.
    failed = SecurityEvent.objects.filter(kind=SecurityEvent.Kind.MFA_FAILED, user=people.secretariat)
    assert failed.count() == attempts and set(failed.values_list("ip", flat=True)) == {"198.51.100.20"}
    response = enter_code(client, totp_code(), "198.51.100.20")
    assert response.status_code == 200 and TOO_MANY in response.content.decode()
    assert not signed_in(client), "the right code got through after too many wrong ones"
    # The limit is the account's: from another address, the right code is refused too.
    elsewhere = at_second_factor(people.secretariat, "192.0.2.60")
    assert TOO_MANY in enter_code(elsewhere, totp_code(), "192.0.2.60").content.decode()
    assert not signed_in(elsewhere)
    # Another account with two-factor is not affected.
    colleague = at_second_factor(people.admin, "192.0.2.61")
    response = enter_code(colleague, totp_code(), "192.0.2.61")
    assert response.status_code == 302 and signed_in(colleague)


def test_the_two_factor_limit_ends_after_its_period(people, monkeypatch):
    import time
    import types

    from allauth.core.internal import ratelimit

    attempts, seconds = key_limit()
    client = at_second_factor(people.secretariat, "198.51.100.21")
    for _attempt in range(attempts):
        enter_code(client, wrong_code(), "198.51.100.21")
    assert TOO_MANY in enter_code(client, totp_code(), "198.51.100.21").content.decode()
    # Move the rate limiter's clock (only its clock) past the period instead of waiting for it.
    later = types.SimpleNamespace(time=lambda: time.time() + seconds + 1, monotonic=time.monotonic,
                                  sleep=time.sleep)
    monkeypatch.setattr(ratelimit, "time", later)
    response = enter_code(client, totp_code(), "198.51.100.21")
    assert response.status_code == 302 and signed_in(client)


def test_recovery_codes_share_the_limit(people):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    codes = RecoveryCodes.activate(people.secretariat).get_unused_codes()
    attempts, _seconds = key_limit()
    client = at_second_factor(people.secretariat, "198.51.100.22")
    for _attempt in range(attempts):
        enter_code(client, "not-a-recovery-code", "198.51.100.22")
    response = enter_code(client, codes[0], "198.51.100.22")
    assert TOO_MANY in response.content.decode() and not signed_in(client)
    assert codes[0] in RecoveryCodes(people.secretariat.authenticator_set.get(type="recovery_codes"))\
        .get_unused_codes(), "a refused attempt must not use up the recovery code"


def test_reauthentication_with_a_code_shares_the_limit(people):
    from rwg_portal.models import SecurityEvent

    client = at_second_factor(people.secretariat, "198.51.100.23")
    assert enter_code(client, totp_code(), "198.51.100.23").status_code == 302 and signed_in(client)
    cache.clear()  # a fresh count, so the limit below comes from the reauthentication alone
    attempts, _seconds = key_limit()
    for _attempt in range(attempts):
        response = enter_code(client, wrong_code(), "198.51.100.23", "mfa_reauthenticate")
        assert response.status_code == 200 and "Incorrect code." in response.content.decode()
    assert SecurityEvent.objects.filter(kind=SecurityEvent.Kind.MFA_FAILED, user=people.secretariat).count() \
        == attempts
    response = enter_code(client, totp_code(1), "198.51.100.23", "mfa_reauthenticate")
    assert response.status_code == 200 and TOO_MANY in response.content.decode()


# Behind the production proxy (RWG_BEHIND_PROXY=true) every request comes from the proxy's address;
# the client is the address the proxy added to X-Forwarded-For. One rule serves allauth's limits,
# the join form's limit and the security log.

PROXY = "10.0.0.2"


def proxy_settings() -> dict:
    """The client-address settings production derives from RWG_BEHIND_PROXY=true."""
    names = ["ALLAUTH_TRUSTED_PROXY_COUNT", "ALLAUTH_TRUSTED_CLIENT_IP_HEADER", "SECURE_PROXY_SSL_HEADER"]
    code = ("import json, django; from django.conf import settings as s; django.setup(); "
            f"print(json.dumps({{k: getattr(s, k, None) for k in {names!r}}}))")
    env = {**os.environ, "RWG_HTTPS": "true", "RWG_DEBUG": "false", "RWG_BEHIND_PROXY": "true",
           "DJANGO_SETTINGS_MODULE": "rwg_portal.settings",
           "RWG_SECRET_KEY": "production-like-secret-key-for-this-test-only-0123456789abcdef",
           "RWG_ALLOWED_HOSTS": "rwg.example.org"}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    values = json.loads(out.stdout.strip().splitlines()[-1])
    if values["SECURE_PROXY_SSL_HEADER"]:
        values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return values


@pytest.fixture
def behind_proxy(settings):
    values = proxy_settings()
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = values["ALLAUTH_TRUSTED_PROXY_COUNT"] or 0
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = values["ALLAUTH_TRUSTED_CLIENT_IP_HEADER"]
    settings.SECURE_PROXY_SSL_HEADER = values["SECURE_PROXY_SSL_HEADER"]
    return settings


def via_proxy(client_ip: str) -> dict:
    """The request as the proxy passes it on: its own address, the client's in X-Forwarded-For."""
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": client_ip, "HTTP_X_FORWARDED_PROTO": "https"}


def test_behind_a_proxy_one_clients_wrong_passwords_do_not_lock_out_another(behind_proxy, people):
    attacker, colleague = Client(), Client()
    per_ip = int(re.search(r"(\d+)/m/ip", settings.ACCOUNT_RATE_LIMITS["login_failed"]).group(1))
    for attempt in range(per_ip + 1):  # different accounts, so only the per-address rule trips
        attacker.post(reverse("account_login"), {"login": f"nobody{attempt}@example.org", "password": "wrong"},
                      secure=True, **via_proxy("203.0.113.5"))
    response = attacker.post(reverse("account_login"), {"login": people.focal_point.email, "password": PASSWORD},
                             secure=True, **via_proxy("203.0.113.5"))
    assert not signed_in(attacker), "the attacking client is not slowed at all"
    assert response.status_code == 429 or TOO_MANY in response.content.decode()
    response = colleague.post(reverse("account_login"), {"login": people.alternate.email, "password": PASSWORD},
                              secure=True, **via_proxy("203.0.113.6"))
    assert response.status_code == 302 and signed_in(colleague), "another client behind the proxy was locked out"


def test_behind_a_proxy_password_resets_are_limited_per_client(behind_proxy, people):
    per_ip = int(re.search(r"(\d+)/m/ip", settings.ACCOUNT_RATE_LIMITS["reset_password"]).group(1))
    attacker = Client()
    for attempt in range(per_ip):
        attacker.post(reverse("account_reset_password"), {"email": f"nobody{attempt}@example.org"},
                      secure=True, **via_proxy("203.0.113.7"))
    response = attacker.post(reverse("account_reset_password"), {"email": "again@example.org"},
                             secure=True, **via_proxy("203.0.113.7"))
    assert response.status_code == 429
    response = Client().post(reverse("account_reset_password"), {"email": people.focal_point.email},
                             secure=True, **via_proxy("203.0.113.8"))
    assert response.status_code == 302, "another client behind the proxy could not reset its password"


def test_behind_a_proxy_the_join_form_is_limited_per_client(behind_proxy):
    from members.models import JoinRequest
    from members.views import join as views

    join = {"organisation": "Gulf Labour Observatory", "acronym": "GLO", "kind": "ngo", "website": "",
            "contact_name": "Sara Ali", "contact_email": "sara@glo.example", "motivation": "We collect data."}
    spammer = Client()
    for _ in range(views.JOIN_REQUESTS_PER_HOUR):
        spammer.post(reverse("members:join"), join, secure=True, **via_proxy("203.0.113.9"))
    assert spammer.post(reverse("members:join"), join, secure=True, **via_proxy("203.0.113.9")).status_code == 429
    response = Client().post(reverse("members:join"), join, secure=True, **via_proxy("203.0.113.10"))
    assert response.status_code == 302, "another organisation behind the proxy could not ask to join"
    assert JoinRequest.objects.count() == views.JOIN_REQUESTS_PER_HOUR + 1


def test_behind_a_proxy_the_log_and_the_limits_agree_on_the_client(behind_proxy, rf):
    from members import ratelimit
    from rwg_portal import security

    # A client may send its own X-Forwarded-For; only the hop the proxy added is believed.
    request = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.11")
    assert security.client_ip(request) == ratelimit.client_ip(request) == "203.0.113.11"
    direct = rf.get("/", REMOTE_ADDR="192.0.2.99")
    assert security.client_ip(direct) == ratelimit.client_ip(direct) == "192.0.2.99"


def test_without_a_proxy_forwarded_headers_are_ignored(settings, rf):
    from members import ratelimit
    from rwg_portal import security

    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = None
    request = rf.get("/", REMOTE_ADDR="192.0.2.98", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert security.client_ip(request) == ratelimit.client_ip(request) == "192.0.2.98"
