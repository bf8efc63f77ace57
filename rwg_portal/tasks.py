from celery import shared_task
from django.utils import timezone

from rwg_portal.models import Heartbeat


@shared_task(soft_time_limit=20, time_limit=30)
def heartbeat(name: str = "worker") -> None:
    """Record that a worker ran a task now; beat schedules it, the health page shows it."""
    Heartbeat.objects.update_or_create(name=name, defaults={"seen_at": timezone.now()})


@shared_task(soft_time_limit=50, time_limit=60)
def fail_stale_jobs() -> dict:
    """Beat, every ten minutes: fail import jobs and papers bundles whose worker was lost.

    Report builds have their own sweeper (reports.tasks.fail_stale_builds).
    """
    from data_hub.services import import_jobs_fail_stale
    from meetings.services.documents import papers_bundles_fail_stale

    return {"imports": import_jobs_fail_stale(), "bundles": papers_bundles_fail_stale()}
