"""Fixtures of the operations (fault) tests: a Celery worker of their own that they may kill."""

import os
import signal
import subprocess
import sys
import time
import uuid

import pytest
from django.conf import settings
from django.db import connection

from tests.conftest import ROOT, _database_url


class KillableWorker:
    """A Celery worker process consuming only its own queue, so no other worker takes its tasks."""

    def __init__(self, queue: str, broker_url: str):
        self.queue, self.broker_url, self.process = queue, broker_url, None
        self.log_path = ROOT / "var" / f"test-ops-worker-{queue}.log"

    def start(self) -> None:
        # The broker comes from the inherited environment, as in this process: under pytest-xdist the
        # settings move it to this test process's Redis database (PYTEST_XDIST_WORKER), and passing the
        # moved URL again would move it twice.
        env = {**os.environ, "DATABASE_URL": _database_url(connection.settings_dict), "RWG_DB_CONN_MAX_AGE": "0"}
        with open(self.log_path, "a") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "rwg_portal", "worker", "--loglevel=INFO", "--pool=solo",
                 "--without-gossip", "--without-mingle", "--without-heartbeat", "-Q", self.queue,
                 "-n", f"{self.queue}@%h"],
                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        from rwg_portal.celery import app

        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"the worker exited: see {self.log_path}"
            with app.connection_for_write(self.broker_url) as conn:
                if app.control.ping(destination=[f"{self.queue}@{os.uname().nodename}"], timeout=0.5,
                                    connection=conn):
                    return
        raise RuntimeError(f"the worker did not answer within 60 s: see {self.log_path}")

    def kill(self) -> None:
        """SIGKILL, as the kernel's OOM killer or a pulled plug would: no clean-up of any kind."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)


@pytest.fixture
def killable_worker():
    if not settings.CELERY_BROKER_URL:
        pytest.skip("the fault tests need a broker: set REDIS_URL (make test does)")
    worker = KillableWorker(f"ops-{uuid.uuid4().hex[:8]}", settings.CELERY_BROKER_URL)
    yield worker
    worker.stop()
