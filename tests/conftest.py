"""Fixtures shared by every app's tests: standing people, a real Celery worker, a browser."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

from tests.people import make_people

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
        pytest.skip(f"the UN DESA files are not at {path} (they sit in ../shared/data beside the clone in CI)")
    return path


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
    # Tests change records through factories and services, not through requests, so the page
    # cache (which forgets pages on write requests and tasks) is off except where a test turns it on
    # (tests/shell/test_page_cache.py).
    settings.RWG_PAGE_CACHE_SECONDS = 0
