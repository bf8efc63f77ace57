"""Fixtures shared by every app's tests: standing people, a real Celery worker, a browser; the
moment the tests run at (RWG_TEST_MOMENT) and the rule that a skip must name what is missing."""

import datetime
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import time_machine
from django.conf import settings

from tests.people import make_people
from tests.security.conftest import CHECKED

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = ROOT.parent / "shared" / "data"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]


@pytest.fixture
def people(db):
    """One person per role around two agencies (see tests/people.py)."""
    return make_people()


@pytest.fixture
def undesa_dir():
    """The real UN DESA files beside the repository; skip with a reason where absent."""
    path = SHARED_DATA / "undesa"
    if not path.is_dir():
        skip_missing_outside_project(f"the UN DESA files are not at {path} (they sit in ../shared/data beside the "
                                     "clone in CI)")
    return path


# --- Skips -----------------------------------------------------------------------------------------
# `make test` must check what CI checks: a skipped test fails the run unless it was skipped because a
# file or service outside the project's control is missing (../shared/data), which it must say.
ALLOWED_SKIP = "missing outside the project:"
_disallowed_skips: list[str] = []


def skip_missing_outside_project(what: str):
    """Skip because something the project cannot install is absent; ``what`` says what and where."""
    pytest.skip(f"{ALLOWED_SKIP} {what}")


def _skip_reason(report) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2]).removeprefix("Skipped: ")
    return str(longrepr)


def _note_skip(report) -> None:
    if report.skipped and not hasattr(report, "wasxfail") and not _skip_reason(report).startswith(ALLOWED_SKIP):
        _disallowed_skips.append(f"{report.nodeid}: {_skip_reason(report)}")


def pytest_runtest_logreport(report):
    _note_skip(report)


def pytest_collectreport(report):
    _note_skip(report)


def pytest_sessionfinish(session, exitstatus):
    if _disallowed_skips and exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:  # a pytest-xdist process: its count goes to the controlling process
        workeroutput["every_url_cases"] = CHECKED["cases"]


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    """pytest-xdist's controlling process adds up what each test process's every-URL test checked."""
    CHECKED["cases"] += getattr(node, "workeroutput", {}).get("every_url_cases", 0)


def pytest_terminal_summary(terminalreporter):
    if CHECKED["cases"]:
        terminalreporter.write_line(f"every-URL access test: {CHECKED['cases']} (URL, role, method) cases checked")
    if MOMENT is not None:
        terminalreporter.write_line(f"These tests ran at the moment {MOMENT_TEXT} (RWG_TEST_MOMENT), "
                                    "except those marked worker.", bold=True)
    if _disallowed_skips:
        terminalreporter.section("skips that fail the run", red=True)
        terminalreporter.write_line(f"A test may skip only when something outside the project is missing "
                                    f"(its reason starts with {ALLOWED_SKIP!r}, see skip_missing_outside_project "
                                    "in tests/conftest.py). These skipped for another reason:")
        for line in _disallowed_skips:
            terminalreporter.write_line(f"  {line}", red=True)


# --- The moment ------------------------------------------------------------------------------------
# RWG_TEST_MOMENT=2028-02-29T12:00:00Z runs every test as if it started at that moment (time-machine,
# ticking: time goes on from there during the test). CI runs the tests marked `dates` at several moments
# (.ci/run); without the variable the tests run at the real time.
MOMENT_TEXT = os.environ.get("RWG_TEST_MOMENT", "").strip()


def _parse_moment(text: str) -> datetime.datetime | None:
    if not text:
        return None
    try:
        moment = datetime.datetime.fromisoformat(text)
    except ValueError as exc:
        raise pytest.UsageError(f"RWG_TEST_MOMENT={text!r} is not an ISO 8601 moment such as "
                                "2028-02-29T12:00:00Z") from exc
    if moment.tzinfo is None:
        raise pytest.UsageError(f"RWG_TEST_MOMENT={text!r} has no time zone: end it with Z or an offset")
    return moment


MOMENT = _parse_moment(MOMENT_TEXT)


def pytest_report_header(config):
    if MOMENT is None:
        return "moment: the real time (set RWG_TEST_MOMENT=2028-02-29T12:00:00Z to run at another)"
    return (f"moment: every test starts at {MOMENT_TEXT} = {MOMENT.astimezone(datetime.UTC):%Y-%m-%d %H:%M} UTC "
            f"(time-machine, ticking); tests marked worker run in real time")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A failure's report names the moment it ran at, and how to run it again there."""
    report = yield
    if MOMENT is not None and report.failed:
        report.sections.append(("moment", f"This test ran at RWG_TEST_MOMENT={MOMENT_TEXT}; run it again with\n"
                                          f"  RWG_TEST_MOMENT={MOMENT_TEXT} make test ARGS=\"{item.nodeid}\""))
    return report


@pytest.fixture(autouse=True)
def _at_the_moment(request):
    """Travel to RWG_TEST_MOMENT for the test, if it is set.

    Tests marked ``worker`` stay in real time: the Celery worker is another process that the travel
    cannot reach, and the two must agree on the time. Chromium cannot travel either: cookies dated
    from a moment in the past would reach it already expired, so they last the browser session.
    """
    if MOMENT is None or request.node.get_closest_marker("worker"):
        yield None
        return
    if request.node.get_closest_marker("browser"):
        settings_fixture = request.getfixturevalue("settings")
        settings_fixture.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
        settings_fixture.CSRF_COOKIE_AGE = None
    with time_machine.travel(MOMENT, tick=True) as traveller:
        yield traveller


def _database_url(settings_dict) -> str:
    engine = settings_dict["ENGINE"]
    if "postgresql" not in engine:
        raise RuntimeError("the Celery worker tests need PostgreSQL: set DATABASE_URL (make test does)")
    user = settings_dict.get("USER") or "postgres"
    password = settings_dict.get("PASSWORD") or ""
    auth = f"{user}:{password}@" if password else f"{user}@"
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgresql://{auth}{host}:{port}/{settings_dict['NAME']}"


@pytest.fixture(scope="session")
def celery_worker(django_db_setup, django_db_blocker):
    """A real Celery worker process, consuming from Redis, on the test database.

    Tests that use it must be ``@pytest.mark.django_db(transaction=True)`` so that what
    they write is committed and visible to the worker.
    """
    if not settings.CELERY_BROKER_URL:
        raise RuntimeError("the Celery worker tests need a broker: set REDIS_URL (make test does)")
    from django.db import connection

    from rwg_portal.celery import app

    with django_db_blocker.unblock():
        db_url = _database_url(connection.settings_dict)
    app.control.purge()
    queues = ",".join(sorted({settings.CELERY_TASK_DEFAULT_QUEUE, *getattr(settings, "RWG_EXTRA_QUEUES", [])}))
    log = open(ROOT / "var" / f"test-celery-worker-{connection.settings_dict['NAME']}.log", "w")  # noqa: SIM115 - closed below
    env = {**os.environ, "DATABASE_URL": db_url, "RWG_DB_CONN_MAX_AGE": "0"}
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "rwg_portal", "worker", "--loglevel=INFO",
         "--pool=solo", "--without-gossip", "--without-mingle", "-Q", queues, "-n", f"test-{os.getpid()}@%h"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the Celery worker exited: see {log.name}")
        replies = app.control.ping(timeout=1.0)
        if replies:
            break
    else:
        process.kill()
        raise RuntimeError(f"the Celery worker did not answer within 60 s: see {log.name}")
    yield process
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright; never a downloaded browser."""
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"{CHROMIUM} is missing: install Debian's chromium (the set-up does)")
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls in the
    # same test are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Hash test passwords cheaply: the real hasher costs ~0.3 s per user on this machine."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_dashboard_panels():
    """Each test starts with new dashboard content versions: the database of the last test was rolled
    back (its commits never happened), so the panels it left in the shared cache must not be read."""
    from rwg_portal import dashboard_cache
    from rwg_portal.cache import next_generation

    for app in dashboard_cache.WATCHED_APPS:
        next_generation(dashboard_cache._version_key(app))
