import time

import pytest

from rwg_portal.models import Heartbeat
from rwg_portal.tasks import heartbeat


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_task_runs_on_a_real_worker_over_redis(celery_worker, settings):
    assert settings.CELERY_BROKER_URL.startswith("redis://")
    assert not settings.CELERY_TASK_ALWAYS_EAGER
    heartbeat.delay("test-worker")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not Heartbeat.objects.filter(name="test-worker").exists():
        time.sleep(0.2)
    assert Heartbeat.objects.filter(name="test-worker").exists()
