"""Secrets in URL paths (calendar feed token, password reset and invitation key) never reach a log."""

import datetime
import io
import logging
import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.conftest import ROOT

pytestmark = pytest.mark.django_db




def secrets_of_requests(people, client) -> tuple[list[str], list[str]]:
    """Make a feed request and a reset request; return (paths requested, secrets in them)."""
    client.post(reverse("account_reset_password"), {"email": people.focal_point.email})
    reset_path = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", mail.outbox[-1].body).group(1)
    reset_key = reset_path.rstrip("/").rsplit("/", 1)[-1]
    token = "f" * 40
    feed_path = reverse("meetings:feed", args=[token])
    return [feed_path, reset_path], [token, reset_key]


def test_the_request_log_redacts_feed_tokens_and_reset_keys(people, client, settings):
    """What the portal's console handler (LOGGING, JSON lines in production) writes."""
    from django.utils.log import configure_logging

    logging_config = {**settings.LOGGING, "root": {**settings.LOGGING["root"], "level": "INFO"},
                      "loggers": {**settings.LOGGING["loggers"], "rwg.request": {"level": "INFO"}}}
    logging_config["handlers"]["console"]["formatter"] = "json"
    configure_logging(settings.LOGGING_CONFIG, logging_config)
    (console,) = [h for h in logging.getLogger().handlers if isinstance(h, logging.StreamHandler)
                  and not type(h).__name__.startswith("LogCapture")]
    stream = io.StringIO()
    previous = console.setStream(stream)
    try:
        paths, secrets = secrets_of_requests(people, client)
        for path in paths:
            client.get(path)
    finally:
        console.setStream(previous)
        configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)
    written = stream.getvalue()
    assert "/calendar/feed/" in written and "/password/reset/key/" in written
    for secret in secrets:
        assert secret not in written, "a secret from a URL path reached the request log"


def test_gunicorn_s_access_log_redacts_them(people, client):
    from gunicorn.config import Config
    from gunicorn.glogging import Logger

    _paths, secrets = secrets_of_requests(people, client)
    config = Config()
    namespace: dict = {}
    exec(compile((ROOT / "gunicorn.conf.py").read_text(), "gunicorn.conf.py", "exec"), namespace)  # noqa: S102
    for name, value in namespace.items():
        if name in config.settings:
            config.set(name, value)
    logger_class = config.logger_class
    assert logger_class is not Logger, "gunicorn.conf.py must set the redacting logger class"
    stream = io.StringIO()
    logger = logger_class(config)
    logger.access_log.handlers = [logging.StreamHandler(stream)]
    logger.access_log.setLevel(logging.INFO)
    for path in (f"/meetings/calendar/feed/{secrets[0]}.ics", f"/accounts/password/reset/key/{secrets[1]}/"):
        environ = {"REQUEST_METHOD": "GET", "RAW_URI": path, "PATH_INFO": path, "QUERY_STRING": "",
                   "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1", "HTTP_REFERER": f"https://x{path}"}
        response = type("R", (), {"status": "200 OK", "sent": 10, "headers": []})()
        logger.access(response, type("Q", (), {"headers": []})(), environ, datetime.timedelta(seconds=0.01))
    written = stream.getvalue()
    assert "/calendar/feed/" in written and "/password/reset/key/" in written
    for secret in secrets:
        assert secret not in written, "a secret from a URL path reached gunicorn's access log"


def test_sentry_events_are_redacted_before_sending(people, client):
    from rwg_portal.observability import before_send

    _paths, secrets = secrets_of_requests(people, client)
    event = {
        "transaction": f"/accounts/password/reset/key/{secrets[1]}/",
        "request": {"url": f"https://rwg.example.org/meetings/calendar/feed/{secrets[0]}.ics",
                    "headers": {"Referer": f"https://rwg.example.org/accounts/password/reset/key/{secrets[1]}/"}},
        "breadcrumbs": {"values": [{"message": f"GET /meetings/calendar/feed/{secrets[0]}.ics"}]},
    }
    sent = before_send(event, {})
    for secret in secrets:
        assert secret not in str(sent)
    assert "/calendar/feed/" in str(sent)
