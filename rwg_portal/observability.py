"""Structured logs: one JSON line per request and per Celery task, tied by a request id.

The id comes from the ``X-Request-ID`` header when a proxy sets a sane one, otherwise it is
made here; it is returned in the response and carried in the headers of every task the
request enqueues, so a page and the work it started can be found together in the logs.
"""

import contextvars
import logging
import re
import time
import uuid

from celery import signals as celery_signals

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")
_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
_HEADER = "rwg_request_id"

request_logger = logging.getLogger("rwg.request")
task_logger = logging.getLogger("rwg.task")


class RequestIdFilter(logging.Filter):
    """Add the current request id to every log record."""

    def filter(self, record):
        record.request_id = request_id_var.get()
        return True


class RequestLogMiddleware:
    """Give each request an id and log it once it is answered."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _VALID_ID.match(incoming) else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        request.request_id = request_id
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            user = getattr(request, "user", None)
            request_logger.info(
                "request",
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    "user_id": user.pk if user is not None and user.is_authenticated else None,
                },
            )
            return response
        finally:
            request_id_var.reset(token)


@celery_signals.before_task_publish.connect
def _carry_request_id(headers=None, **kwargs):
    if headers is not None and request_id_var.get():
        headers[_HEADER] = request_id_var.get()


_task_started: dict[str, tuple[float, contextvars.Token]] = {}


@celery_signals.task_prerun.connect
def _task_prerun(task_id=None, task=None, **kwargs):
    token = request_id_var.set(getattr(task.request, _HEADER, None) or "")
    _task_started[task_id] = (time.perf_counter(), token)


@celery_signals.task_postrun.connect
def _task_postrun(task_id=None, task=None, state=None, **kwargs):
    started, token = _task_started.pop(task_id, (None, None))
    task_logger.info(
        "task",
        extra={
            "task": task.name,
            "task_id": task_id,
            "state": state,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1) if started else None,
        },
    )
    if token is not None:
        request_id_var.reset(token)


def init_sentry(dsn: str, environment: str) -> None:
    """Send errors to Sentry when a DSN is configured; personal data stays out."""
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(dsn=dsn, environment=environment, send_default_pii=False,
                    integrations=[DjangoIntegration(), CeleryIntegration()], traces_sample_rate=0.0)
