"""PostgreSQL restarted under the running portal (gunicorn on a private cluster, never the shared one).

Requests during the restart fail cleanly and quickly (the 500 page, no hang); once PostgreSQL is
back the portal recovers by itself (persistent connections are checked before use:
CONN_HEALTH_CHECKS), without restarting gunicorn.
"""

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from django.db import connection

from tests.conftest import ROOT
from tests.operations.private_services import PrivatePostgres, free_port, wait_for_port

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def get(url: str, timeout: float = 20) -> tuple[int, str, float]:
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode(), time.monotonic() - started
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), time.monotonic() - started


@pytest.fixture
def private_postgres():
    server = PrivatePostgres()
    server.start()
    yield server
    server.close()


@pytest.fixture
def portal_on(private_postgres):
    """A copy of the test database in the private cluster, served by gunicorn (persistent connections)."""
    from tests.reports.factories import ReportFactory

    ReportFactory(year=2051)  # something for the public page to list
    source = connection.settings_dict
    dump = subprocess.run(["pg_dump", "-h", source.get("HOST") or "127.0.0.1", "-p", str(source.get("PORT") or 5432),
                           "-U", source.get("USER") or "postgres", "--no-owner", source["NAME"]],
                          check=True, capture_output=True, timeout=120).stdout
    subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(private_postgres.port), "-U", "postgres", "-q",
                    "-c", "CREATE DATABASE rwg"], check=True, capture_output=True, timeout=60)
    subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(private_postgres.port), "-U", "postgres", "-q", "-d", "rwg",
                    "-v", "ON_ERROR_STOP=1"], input=dump, check=True, capture_output=True, timeout=300)
    port = free_port()
    env = {**os.environ, "DATABASE_URL": private_postgres.url("rwg"), "RWG_DB_CONN_MAX_AGE": "600"}
    log = open(ROOT / "var" / "test-ops-gunicorn.log", "w")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "rwg_portal.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1",
         "--threads", "2", "--timeout", "60"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_for_port(port, timeout=60)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()


def test_requests_fail_cleanly_during_a_restart_and_the_portal_recovers_by_itself(private_postgres, portal_on):
    page = f"{portal_on}/reports/public/"
    status, body, _ = get(page)
    assert status == 200, body[:500]
    assert get(f"{portal_on}/health/")[0] in (200, 503)  # 503 only if the broker is away; the database answers

    private_postgres.stop()
    status, body, seconds = get(page)
    assert status == 500 and seconds < 10, (status, seconds)
    assert "<html" in body and "Traceback" not in body  # the portal's own error page, nothing leaked
    status, body, _ = get(f"{portal_on}/health/")
    assert status == 503 and '"database": "error"' in body

    private_postgres.start()
    # The very next request works: the dead persistent connection is noticed and replaced.
    status, body, seconds = get(page)
    assert status == 200 and seconds < 10, (status, body[:300])
    assert '"database": "ok"' in get(f"{portal_on}/health/")[1]
