"""The reports app's Celery tasks: thin, they take an id and call a service.

They run on their own queue, "reports" (see the ``# --- reports ---`` block at the end of
rwg_portal/settings.py), served in production by a worker that is recycled after a few
builds so that WeasyPrint's memory does not accumulate (docs/reports.md, "Operations").
"""

from celery import shared_task

from reports.models import Build
from reports.services.builds import SOFT_TIME_LIMIT, build_run
from reports.services.downloads import download_visits_prune
from reports.services.library import library_item_extract_text


@shared_task(soft_time_limit=SOFT_TIME_LIMIT, time_limit=Build.time_limit, acks_late=True)
def build_report(build_id: int) -> None:
    """Build the PDF of one report build row."""
    build_run(build_id=build_id)


@shared_task(soft_time_limit=50, time_limit=60)
def prune_download_visits() -> int:
    """Forget old days' download visits: the counter needs only today's (see DownloadVisit)."""
    return download_visits_prune()


# Not a PDF build: named outside "reports.tasks.*" so that it runs on the default queue, not the PDF worker's.
@shared_task(name="reports_library.extract_library_text", soft_time_limit=300, time_limit=360)
def extract_library_text(item_id: int) -> None:
    """Read a library item's file for the search index (a long PDF takes a while)."""
    library_item_extract_text(item_id=item_id)
