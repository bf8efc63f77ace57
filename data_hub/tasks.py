from celery import shared_task

from data_hub import services
from data_hub.models import ImportJob


@shared_task(soft_time_limit=ImportJob.time_limit - 60, time_limit=ImportJob.time_limit, acks_late=True)
def run_import_job(job_id: int) -> None:
    """Preview or import an uploaded file; the job row records progress and the outcome."""
    services.import_job_run(job_id=job_id)
