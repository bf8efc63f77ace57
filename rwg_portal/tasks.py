from celery import shared_task
from django.utils import timezone

from rwg_portal.models import Heartbeat
from rwg_portal.registry import JOBS


@shared_task(soft_time_limit=20, time_limit=30)
def heartbeat(name: str = "worker") -> None:
    """Record that a worker ran a task now; beat schedules it, the health page shows it."""
    Heartbeat.objects.update_or_create(name=name, defaults={"seen_at": timezone.now()})


@shared_task(soft_time_limit=50, time_limit=60)
def sweep_jobs() -> dict:
    """Beat, every five minutes, for every kind of job the apps registered (rwg_portal.registry.register_job):
    fail the jobs whose worker was lost, then publish again the tasks of jobs saved while Redis was
    away (the request said so with a 503 page) that no worker has started since. Each task claims
    its row, so publishing twice never runs a job twice."""
    return {name: {"failed": model.fail_stale(), "requeued": model.requeue_waiting()} for name, model in JOBS.items()}
