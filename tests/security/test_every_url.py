"""Every URL the portal serves, as every standing person, for reads and writes (issue 7).

The URL list comes from the URL configuration itself, so a new URL nobody declared in
``url_table.py`` fails ``test_every_url_is_listed``. Each case runs inside a savepoint that
is rolled back, so an allowed write does not change what the next role sees; a refused
write must leave every app table's row count and the named record's fields as they were.
"""

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.forms.models import model_to_dict
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.access import LOGIN, OK, client_for, outcome
from tests.people import ROLES
from tests.security.conftest import CHECKED
from tests.security.url_table import (
    SKIPPED_MODULES,
    SKIPPED_ROUTE_PREFIXES,
    TABLE,
    case_count,
)
from tests.security.world import world_for_module

APP_LABELS = ("members", "meetings", "programmes", "data_hub", "reports")
CASE_FLOOR = 2500


def walk(resolver=None, prefix="", namespace=None):
    """Yield (route, name, callback module) for every pattern, through includes and namespaces."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = namespace
            if pattern.namespace:
                ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from walk(pattern, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield prefix + str(pattern.pattern), name, getattr(pattern.callback, "__module__", "")


def skip_reason(route: str, name: str | None, module: str) -> str | None:
    if name in TABLE:
        return None
    for prefix, reason in SKIPPED_ROUTE_PREFIXES.items():
        if route.startswith(prefix):
            return reason
    for prefix, reason in SKIPPED_MODULES.items():
        if module.startswith(prefix):
            return reason
    return None


def test_every_url_is_listed():
    unlisted, served = [], set()
    for route, name, module in walk():
        served.add(name)
        if skip_reason(route, name, module) is None and name not in TABLE:
            unlisted.append(f"{route} ({name}, {module})")
    assert not unlisted, "URLs missing from tests/security/url_table.py:\n" + "\n".join(unlisted)
    stale = sorted(set(TABLE) - served)
    assert not stale, f"the table lists URLs the portal no longer serves: {stale}"


def test_the_table_declares_enough_cases():
    assert case_count() >= CASE_FLOOR, case_count()


def _tables() -> list[str]:
    return sorted({model._meta.db_table for label in APP_LABELS for model in apps.get_app_config(label).get_models()
                   if model._meta.managed})


def row_counts() -> tuple:
    """Row counts of every table of the five apps (history tables included), in one query."""
    tables = _tables()
    quote = connection.ops.quote_name
    sql = "SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {quote(t)})" for t in tables)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return tuple(zip(tables, cursor.fetchone(), strict=True))


def record_fields(obj) -> dict | None:
    if obj is None:
        return None
    fresh = type(obj).objects.filter(pk=obj.pk).first()
    return None if fresh is None else {k: str(v) for k, v in model_to_dict(fresh).items()}


@pytest.fixture(scope="module")
def shared(django_db_setup, django_db_blocker, tmp_path_factory):
    """People and their world, built once for the module inside a transaction rolled back at its end.

    Each test runs in a savepoint inside it (pytest-django's ``django_db``), and each case in a
    savepoint of its own, so nothing leaks from one case to the next.
    """
    with world_for_module(django_db_blocker, tmp_path_factory.mktemp("media")) as (people, world):
        yield people, world


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(TABLE))
def test_url(shared, name, settings):
    people, world = shared
    settings.MEDIA_ROOT = world.media_root
    entry = TABLE[name]
    url = reverse(name, args=entry.args(world))
    obj = world.objects.get(entry.obj) if entry.obj else None
    wrong = []
    for method, expected in (("get", entry.get), ("post", entry.post)):
        for role in ROLES:
            client = client_for(people, role)
            data = (entry.query(world) if entry.query else {}) if method == "get" else entry.data(world)
            refused = expected[role] != OK
            with transaction.atomic():
                before = (row_counts(), record_fields(obj)) if method == "post" and refused else None
                response = getattr(client, method)(url, data)
                got = outcome(response)
                after = (row_counts(), record_fields(obj)) if before is not None else None
                transaction.set_rollback(True)
            CHECKED["cases"] += 1
            if got != expected[role]:
                wrong.append(f"{method.upper()} {role}: expected {expected[role]}, got {got} "
                             f"({response.status_code} {response.get('Location', '')})")
            if after is not None and after != before:
                changed = [t for t, b in zip(after[0], before[0], strict=True) if t != b]
                wrong.append(f"{method.upper()} {role}: refused write changed data: {changed} "
                             f"{before[1]!r} -> {after[1]!r}")
    assert not wrong, f"{name} {url}:\n" + "\n".join(wrong)


@pytest.mark.django_db
def test_csrf_is_enforced(shared):
    """Authorization tests post without tokens; the real middleware refuses a write without one."""
    people, world = shared
    client = Client(enforce_csrf_checks=True)
    client.force_login(people.secretariat)
    before = row_counts(), record_fields(world.agency)
    response = client.post(reverse("members:agency_edit", args=[world.agency.pk]), {"acronym": "HIJACK"})
    assert response.status_code == 403
    assert (row_counts(), record_fields(world.agency)) == before
    # With the token from the form, the same client is let through (a form error, not a CSRF refusal).
    page = client.get(reverse("members:agency_edit", args=[world.agency.pk]))
    token = page.cookies["csrftoken"].value if "csrftoken" in page.cookies else client.cookies["csrftoken"].value
    response = client.post(reverse("members:agency_edit", args=[world.agency.pk]), {"acronym": ""},
                           HTTP_X_CSRFTOKEN=token)
    assert response.status_code != 403


def test_outcomes_are_known():
    for name, entry in TABLE.items():
        for expected in (entry.get, entry.post):
            assert set(expected) == set(ROLES), name
            assert set(expected.values()) <= {OK, LOGIN, 400, 403, 404, 405}, name


@pytest.mark.django_db
def test_admin_needs_staff(shared):
    """The admin index is for superusers only; everyone else is sent to the admin's (allauth) sign-in."""
    people, _world = shared
    for role in ("anonymous", "no_role", "focal_point", "secretariat"):
        response = client_for(people, role).get(reverse("admin:index"))
        assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login")), role
    assert client_for(people, "admin").get(reverse("admin:index")).status_code == 200
