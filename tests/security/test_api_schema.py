"""The data hub API fuzzed from its own OpenAPI document (schemathesis).

The document is loaded from the portal (in-process WSGI) and every operation is called with
generated parameters, valid and invalid ones, then checked by all of schemathesis's checks: no
server error, status code, content type and answer body as the document declares them, invalid
parameters refused and valid ones accepted. Once as the public, once as a signed-in secretariat
member (who also sees unpublished releases).
"""

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.checks import positive_data_acceptance
from schemathesis.config import SchemathesisConfig

from data_hub.models import Indicator, Place, Release
from tests.data_hub.conftest import ensure_reference_data
from tests.data_hub.factories import ObservationFactory, ReleaseFactory
from tests.people import make_people

pytestmark = pytest.mark.django_db
EXAMPLES = settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
OPENAPI = "/data/api/openapi.json"
FIGURES = ("observations.{fmt}", "aggregates.{fmt}")
# Rules that span parameters, which OpenAPI cannot express: a request that breaks one is valid
# parameter by parameter, yet rightly refused (400). The document's 400 descriptions name them.
CROSS_PARAMETER_RULES = (
    "Give a release or an indicator.",
    "Give at least one place or group",
    "This indicator has no origin.",
    "This release holds no figures of",
    "The release to compare with holds no figures of",
)


def positive_data_accepted(ctx, response, case):
    """schemathesis's positive_data_acceptance, but for the refusals of CROSS_PARAMETER_RULES."""
    if response.status_code == 400 and response.json()["error"].startswith(CROSS_PARAMETER_RULES):
        return None
    return positive_data_acceptance(ctx, response, case)


def call_and_validate(case, **kwargs):
    case.call_and_validate(excluded_checks=[positive_data_acceptance], additional_checks=[positive_data_accepted],
                           **kwargs)


def _figures() -> None:
    """A published release and an unpublished one, with figures, so that answers are not empty."""
    ensure_reference_data()
    stock = Indicator.objects.get(code="migrant_stock")
    for published in (True, False):
        release = ReleaseFactory(is_published=published, is_current=published)
        for code in ("JOR", "SAU", "EGY"):
            for sex, value in (("T", 1000.0), ("M", 600.0), ("F", 400.0)):
                ObservationFactory(release=release, indicator=stock, place=Place.objects.get(code=code), sex=sex,
                                   year=2019, value=value, note="B")


@pytest.fixture(autouse=True)
def _node_id(request):
    """schemathesis 4.32's lazy schemas read ``_nodeid``, which pytest 9 no longer has; give it back."""
    request.node._nodeid = request.node.nodeid


@pytest.fixture
def portal():
    """Figures to answer with, and requests that leave the test's database connection open.

    Django's own test client keeps a request from closing the test's database connection; a bare
    WSGI handler would (close_old_connections), and so lose the test's transaction.
    """
    _figures()
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _load(config: SchemathesisConfig | None = None):
    """The document as the portal serves it (its codes come from the database), bound to its WSGI app.

    Queries for figures are steered so that many answers carry some: they name a release that
    exists more often than not (a random id is merely a 404), and mostly the indicator those
    releases hold and no origin (which that indicator does not have).
    """
    loaded = schemathesis.openapi.from_wsgi(OPENAPI, WSGIHandler(), config=config)
    releases = list(Release.objects.values_list("pk", flat=True))
    indicators = set(Indicator.objects.values_list("code", flat=True))
    places = set(Place.objects.values_list("code", flat=True))

    @loaded.hook
    def flatmap_query(context, query):
        # Only values that are already valid are swapped, so that a negative case stays negative.
        if not isinstance(query, dict) or not context.operation.path.endswith(FIGURES):
            return st.just(query)
        choices = {}
        if query.get("release") is None or isinstance(query["release"], int):
            choices["release"] = st.sampled_from([*releases, query.get("release")])
        if query.get("indicator") in indicators | {None}:
            choices["indicator"] = st.sampled_from([query.get("indicator"), *["migrant_stock"] * 3])
        if "origin" in query and query["origin"] in places:
            choices["origin"] = st.sampled_from([query["origin"], None, None, None])
        return st.fixed_dictionaries(choices).map(
            lambda drawn: {k: v for k, v in {**query, **drawn}.items() if v is not None})

    return loaded


@pytest.fixture
def public_schema(portal):
    return _load()


@pytest.fixture
def secretariat_schema(portal):
    """Without the coverage phase: the public run already walks the same document's boundaries."""
    return _load(SchemathesisConfig.from_dict({"phases": {"coverage": {"enabled": False}}}))


public = schemathesis.pytest.from_fixture("public_schema")
secretariat = schemathesis.pytest.from_fixture("secretariat_schema")


@public.parametrize()
@EXAMPLES
def test_the_public_gets_what_the_document_says(case):
    call_and_validate(case)


@pytest.fixture
def secretariat_session() -> dict[str, str]:
    """The session cookie of a signed-in secretariat member."""
    client = Client()
    client.force_login(make_people().secretariat)
    name = django_settings.SESSION_COOKIE_NAME
    return {name: client.cookies[name].value}


@secretariat.parametrize()
@EXAMPLES
def test_the_secretariat_gets_what_the_document_says(case, secretariat_session):
    call_and_validate(case, cookies=secretariat_session)


# What the fuzzing found, and the hand-picked hostile values of the hypothesis stand-in this replaced.
HOSTILE = ["migrant_stock\x00", "JOR\x00", "' OR 1=1 --", "../../etc/passwd", "%00", "1e309", "nan", "-1",
           "99999999999999999999", ""]


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("name", ["indicator", "release", "place", "origin", "years", "sex", "limit", "offset"])
def test_hostile_values_get_a_json_refusal_or_figures(portal, client, name, value):
    query = {"indicator": "migrant_stock", "place": "JOR", name: value}
    for operation in ("observations", "aggregates"):
        response = client.get(f"/data/api/v1/{operation}.json", query)
        assert response.status_code in (200, 400, 404), (operation, query, response.status_code)
        assert response["Content-Type"] == "application/json", (operation, query)
        if response.status_code != 200:
            assert response.json()["error"]


def test_a_nul_or_an_empty_value_is_a_bad_request(portal, client):
    for query in ({"indicator": "migrant_stock\x00"}, {"indicator": "migrant_stock", "place": "JOR\x00"},
                  {"indicator": "migrant_stock", "sex": ""}, {"indicator": "migrant_stock", "sex": "T,,M"},
                  {"indicator": ""}, {"indicator": "migrant_stock", "release": ""}):
        assert client.get("/data/api/v1/observations.json", query).status_code == 400, query
    assert client.get("/data/api/v1/places.json", {"kind": "planet"}).status_code == 400


def test_other_methods_than_get_get_405_not_the_csrf_page(portal):
    client = Client(enforce_csrf_checks=True)
    for method in ("POST", "PUT", "PATCH", "DELETE", "QUERY"):
        response = client.generic(method, "/data/api/v1/observations.json")
        assert response.status_code == 405, method
        assert response["Allow"] == "GET"
