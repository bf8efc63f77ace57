from celery import shared_task
from django.utils import timezone

from rwg_portal.models import Heartbeat


@shared_task(soft_time_limit=20, time_limit=30)
def heartbeat(name: str = "worker") -> None:
    """Record that a worker ran a task now; beat schedules it, the health page shows it."""
    Heartbeat.objects.update_or_create(name=name, defaults={"seen_at": timezone.now()})
