from celery import shared_task
from django.utils import timezone

from rwg_portal.models import Heartbeat
from rwg_portal.registry import SWEEPERS


@shared_task(soft_time_limit=20, time_limit=30)
def heartbeat(name: str = "worker") -> None:
    """Record that a worker ran a task now; beat schedules it, the health page shows it."""
    Heartbeat.objects.update_or_create(name=name, defaults={"seen_at": timezone.now()})


@shared_task(soft_time_limit=50, time_limit=60)
def fail_stale_jobs() -> dict:
    """Beat, every ten minutes: fail import jobs and papers bundles whose worker was lost.

    Report builds have their own sweeper (reports.tasks.fail_stale_builds). The apps register their
    sweepers (rwg_portal.registry.register_sweepers).
    """
    return {name: sweep() for name, sweep in SWEEPERS["fail_stale"].items()}


@shared_task(soft_time_limit=50, time_limit=60)
def requeue_waiting_jobs() -> dict:
    """Beat, every five minutes: publish again the tasks of imports, report builds and papers bundles
    that were saved while Redis was away (the request said so with a 503 page) and that no worker
    has started since. Each task claims its row, so publishing twice never runs a job twice."""
    return {name: requeue() for name, requeue in SWEEPERS["requeue_waiting"].items()}
