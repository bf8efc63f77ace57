"""Check one view as every standing person, against a declared table of outcomes.

Outcomes: ``"ok"`` (2xx, or a redirect that is not to the login page), ``"login"``
(redirect to the login page), ``403`` and ``404``. Every role in ``people.ROLES`` must be
given an outcome, so a new role cannot be forgotten. For writes, pass ``snapshot``: a
function whose value must not change when the write is refused.
"""

from collections.abc import Callable

from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.people import ROLES, People

OK, LOGIN = "ok", "login"


def outcome(response) -> str | int:
    if response.status_code in (301, 302, 303):
        login_url = reverse(settings.LOGIN_URL)
        return LOGIN if response["Location"].startswith(login_url) else OK
    if 200 <= response.status_code < 300:
        return OK
    return response.status_code


def client_for(people: People, role: str) -> Client:
    client = Client()
    user = people.user(role)
    if user is not None:
        client.force_login(user)
    return client


def assert_access(
    people: People,
    url: str,
    expected: dict[str, str | int],
    *,
    method: str = "get",
    data: dict | None = None,
    snapshot: Callable[[], object] | None = None,
) -> None:
    """Request ``url`` as every role; fail with the full table of differences."""
    missing = set(ROLES) - set(expected)
    assert not missing, f"no expected outcome for roles: {sorted(missing)}"
    wrong = []
    for role in ROLES:
        before = snapshot() if snapshot else None
        response = getattr(client_for(people, role), method)(url, data or {})
        got = outcome(response)
        if got != expected[role]:
            wrong.append(f"{role}: expected {expected[role]}, got {got} ({response.status_code})")
        if snapshot and got != OK:
            after = snapshot()
            if after != before:
                wrong.append(f"{role}: refused {method.upper()} changed data: {before!r} -> {after!r}")
    assert not wrong, f"{method.upper()} {url}:\n" + "\n".join(wrong)
