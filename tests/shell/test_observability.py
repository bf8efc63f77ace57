import logging

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_each_request_is_logged_once_with_its_id(client, caplog):
    with caplog.at_level(logging.INFO, logger="rwg.request"):
        response = client.get(reverse("health"), HTTP_X_REQUEST_ID="abc-123")
    assert response["X-Request-ID"] == "abc-123"
    records = [r for r in caplog.records if r.name == "rwg.request"]
    assert len(records) == 1
    assert records[0].request_id == "abc-123" and records[0].status == 200 and records[0].path == "/health/"


def test_a_hostile_request_id_is_replaced(client):
    response = client.get(reverse("health"), HTTP_X_REQUEST_ID="<script>" + "x" * 100)
    assert response["X-Request-ID"].isalnum() and len(response["X-Request-ID"]) == 32


def test_json_lines_carry_the_request_id():
    from pythonjsonlogger.json import JsonFormatter

    from rwg_portal.observability import RequestIdFilter, request_id_var

    token = request_id_var.set("req-1")
    try:
        record = logging.LogRecord("rwg.task", logging.INFO, __file__, 1, "task", None, None)
        RequestIdFilter().filter(record)
        line = JsonFormatter("%(message)s %(request_id)s").format(record)
    finally:
        request_id_var.reset(token)
    assert '"request_id": "req-1"' in line
