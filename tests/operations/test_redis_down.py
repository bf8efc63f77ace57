"""Redis unavailable (a private Redis server, stopped under the test; the shared one is never touched).

Pages still work (the cache falls back to each process's memory); publishing a task gives up
within seconds with a clear error instead of hanging the request; once Redis is back, a worker
on it takes queued work again.
"""

import os
import subprocess
import sys
import time

import pytest
from django.test import Client
from kombu.exceptions import OperationalError

from rwg_portal.celery import app
from tests.conftest import ROOT
from tests.operations.private_services import PrivateRedis

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def private_redis():
    server = PrivateRedis()
    server.start()
    yield server
    server.stop()


def test_pages_work_while_the_cache_is_away(private_redis, people, settings):
    settings.CACHES = {"default": {"BACKEND": "rwg_portal.cache.ResilientRedisCache", "LOCATION": private_redis.url}}
    client = Client()
    client.force_login(people.focal_point)
    assert client.get("/").status_code == 200

    private_redis.stop()
    for url in ("/", "/members/agencies/", "/meetings/", "/programmes/activities/", "/data/", "/reports/"):
        started = time.monotonic()
        response = client.get(url)
        assert response.status_code == 200, url
        assert time.monotonic() - started < 10, f"{url} waited for Redis"

    private_redis.start()
    assert client.get("/").status_code == 200


def test_publishing_while_the_broker_is_away_fails_fast_then_work_proceeds_once_it_is_back(private_redis, tmp_path):
    from rwg_portal.models import Heartbeat
    from rwg_portal.tasks import heartbeat

    queue = f"ops-redis-{os.getpid()}"
    private_redis.stop()
    started = time.monotonic()
    with app.connection_for_write(private_redis.url) as connection, pytest.raises(OperationalError):
        heartbeat.apply_async(("while away",), queue=queue, connection=connection)
    # The settings' short publish retry policy: a clear error within seconds, never a hung request.
    assert time.monotonic() - started < 10

    # Redis is back: the same publication succeeds and a worker on it runs the task.
    private_redis.start()
    with app.connection_for_write(private_redis.url) as connection:
        heartbeat.apply_async(("after the outage",), queue=queue, connection=connection)
    env = {**os.environ, "CELERY_BROKER_URL": private_redis.url, "RWG_DB_CONN_MAX_AGE": "0"}
    # The private Redis's URL as it is: under pytest-xdist the settings would move it to the database
    # of this test process (rwg_portal/settings.py, TEST_PROCESS).
    env.pop("PYTEST_XDIST_WORKER", None)
    from django.db import connection as db

    from tests.conftest import _database_url

    env["DATABASE_URL"] = _database_url(db.settings_dict)
    log = open(tmp_path / "worker.log", "w")  # noqa: SIM115 - closed below
    worker = subprocess.Popen([sys.executable, "-m", "celery", "-A", "rwg_portal", "worker", "--pool=solo",
                               "--without-gossip", "--without-mingle", "-Q", queue, "-n", f"{queue}@%h"],
                              cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while not Heartbeat.objects.filter(name="after the outage").exists():
            assert time.monotonic() < deadline, (tmp_path / "worker.log").read_text()[-2000:]
            time.sleep(0.2)
        assert not Heartbeat.objects.filter(name="while away").exists()
    finally:
        worker.terminate()
        worker.wait(timeout=20)
        log.close()


def test_a_request_that_cannot_queue_its_task_says_so_and_keeps_the_job_waiting(people, monkeypatch):
    """The publication failing (as above, within seconds) after the build row was committed."""
    from reports.choices import BuildStatus
    from reports.models import Build
    from reports.tasks import build_report
    from tests.reports.factories import ReportFactory

    def broker_away(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(build_report, "delay", broker_away)
    report = ReportFactory(year=2061)
    client = Client(raise_request_exception=False)
    client.force_login(people.secretariat)
    response = client.post(f"/reports/{report.pk}/builds/", {"language": "en"})
    assert response.status_code == 503
    assert "Background processing unavailable" in response.content.decode()
    assert "Your request was saved" in response.content.decode()
    build = Build.objects.get(report=report)
    assert build.status == BuildStatus.PENDING  # kept: it can be queued again once Redis is back
