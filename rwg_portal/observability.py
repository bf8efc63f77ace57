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

# Secrets carried in URL paths: the calendar feed token and the password reset (and invitation)
# key. Every log (this request log, gunicorn's access log through rwg_portal/gunicorn_logging.py,
# Sentry through before_send) writes the path with the secret replaced.
_SECRET_IN_PATH = re.compile(r"(/calendar/feed/)[^/?#\s\"']+?(\.ics)|(/password/reset/key/)[^/?#\s\"']+")
REDACTED = "[redacted]"


def redact(text):
    """``text`` (a path, URL or log line) with the secrets of URL paths replaced."""
    if not isinstance(text, str):
        return text
    return _SECRET_IN_PATH.sub(
        lambda m: f"{m[1]}{REDACTED}{m[2]}" if m[1] else f"{m[3]}{REDACTED}", text)


def _redact_all(value):
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {key: _redact_all(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_redact_all(item) for item in value]
    return value


def _redacting_factory(make_record):
    def factory(*args, **kwargs):
        record = make_record(*args, **kwargs)
        record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(redact(arg) for arg in record.args)
        elif isinstance(record.args, dict):
            record.args = {key: redact(value) for key, value in record.args.items()}
        return record

    factory.rwg_redacting = True
    return factory


def install_log_redaction() -> None:
    """Redact URL secrets in every log record this process makes (Django's own "Not Found: <path>"
    warnings included), whatever logger or handler writes it."""
    current = logging.getLogRecordFactory()
    if not getattr(current, "rwg_redacting", False):
        logging.setLogRecordFactory(_redacting_factory(current))


install_log_redaction()


class RedactFilter(logging.Filter):
    """On the handlers: redact every text attribute of the record, extras included (Django's
    ``request`` extra, which a JSON line would otherwise print with its path)."""

    def filter(self, record):
        for name, value in list(record.__dict__.items()):
            if isinstance(value, str):
                setattr(record, name, redact(value))
            elif name == "request" and value is not None:
                record.request = redact(f"{getattr(value, 'method', '')} {getattr(value, 'path', '')}".strip())
        return True


def before_send(event, hint):
    """Sentry: no URL secret in the event (request URL, headers, transaction, breadcrumbs, messages)."""
    return _redact_all(event)


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
                    "path": redact(request.path),
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

    sentry_sdk.init(dsn=dsn, environment=environment, send_default_pii=False, before_send=before_send,
                    before_send_transaction=before_send,
                    integrations=[DjangoIntegration(), CeleryIntegration()], traces_sample_rate=0.0)
