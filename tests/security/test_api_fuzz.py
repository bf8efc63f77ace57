"""Hostile query strings for the data hub API (hypothesis): never a server error, always JSON or CSV.

A light stand-in for schemathesis (not a dependency yet): every endpoint of the OpenAPI document
is called with random values for the parameters the document declares.
"""

import json

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.data_hub.conftest import ensure_reference_data

pytestmark = pytest.mark.django_db
FUZZ = settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))

values = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["migrant_stock", "JOR", "ARAB", "2019", "1990-2019", "-1", "99999999999999999999", "T", "M,F",
                     "' OR 1=1 --", "../../etc/passwd", "%00", "1e309", "nan", "current", "0"]),
)


def openapi_operations(client: Client) -> list[tuple[str, list[str]]]:
    document = json.loads(client.get("/data/api/openapi.json").content)
    operations = []
    for path, item in document["paths"].items():
        get = item.get("get")
        if get is None:
            continue
        names = [p["name"] for p in get.get("parameters", []) if p.get("in") == "query" and p["name"] != "fmt"]
        operations.append((path, names))
    return operations


@FUZZ
@given(data=st.data())
def test_no_server_error_from_any_query(data):
    ensure_reference_data()
    client = Client(raise_request_exception=False)
    operations = openapi_operations(client)
    assert operations
    path, names = data.draw(st.sampled_from(operations))
    query = {name: data.draw(values) for name in names if data.draw(st.booleans())}
    path = path.replace("{fmt}", data.draw(st.sampled_from(["json", "csv"])))
    response = client.get(path, query)
    assert response.status_code < 500, (path, query, response.status_code)
    if response.status_code != 200 or path.endswith(".json"):
        assert response["Content-Type"].startswith(("application/json", "text/csv")), response["Content-Type"]
