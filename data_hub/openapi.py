"""The OpenAPI 3.1 description of the data hub's read-only API, served at /data/api/openapi.json.

It is checked against the API itself by tests/security/test_api_schema.py (schemathesis): every
answer, including the 400 and 404 ones, must match what is written here. Indicator and place codes
are listed from the database, so a client (and the fuzzer) knows which codes exist.
"""

from django.urls import reverse

from data_hub.models import Indicator, Place

FORMAT = {"name": "fmt", "in": "path", "required": True, "description": "json or csv",
          "schema": {"type": "string", "enum": ["json", "csv"]}}


def _query(name: str, description: str, schema: dict | None = None, *, required: bool = False) -> dict:
    return {"name": name, "in": "query", "required": required, "description": description,
            "schema": schema or {"type": "string"}}


def _codes(name: str, description: str, codes: list[str], example: str) -> dict:
    """A comma-separated list of codes (style form, not exploded: ``place=JOR,ARAB``)."""
    return {**_query(name, description, {"type": "array", "items": {"type": "string", "enum": codes},
                                         "minItems": 1, "example": example.split(",")}),
            "style": "form", "explode": False}


def _common(indicators: list[str], *, indicator_required: bool) -> list[dict]:
    return [
        _query("indicator", "Indicator code, e.g. migrant_stock, od_migrant_stock, female_share (see /indicators)."
               + ("" if indicator_required else " Give an indicator, a release or both."),
               {"type": "string", "enum": indicators}, required=indicator_required),
        _query("release", "Release id (see /releases). Default: the current published release holding the "
                          "indicator. 404 if there is no such release or it is not open to you.",
               {"type": "integer"}),
        {**_query("years", "Years, comma-separated, e.g. 2010,2019. Default: all.",
                  {"type": "array", "items": {"type": "integer"}, "minItems": 1, "example": [2010, 2019]}),
         "style": "form", "explode": False},
        _codes("sex", "T (both sexes), M (male), F (female), comma-separated. Default: all.", ["T", "M", "F"],
               "T,M,F"),
    ]


RELEASE = {
    "type": "object",
    "description": "The source of the figures: cite it wherever they are shown.",
    "required": ["id", "dataset", "title", "citation", "published"],
    "properties": {
        **{k: {"type": t} for k, t in {
            "id": "integer", "dataset": "string", "dataset_name": "string", "revision": "string", "title": "string",
            "publisher": "string", "licence": "string", "citation": "string", "is_current": "boolean",
            "published": "boolean", "sha256": "string"}.items()},
        "imported_at": {"type": "string", "format": "date-time"},
        "url": {"type": "string", "format": "uri"},
    },
}
ERROR = {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}}
INDICATOR = {"type": "object", "properties": {
    "code": {"type": "string"}, "name": {"type": "string"}, "unit": {"type": "string"},
    "by_origin": {"type": "boolean"}, "group_figures": {"type": "string"}}}
PLACE = {"type": "object", "properties": {
    "code": {"type": "string"}, "kind": {"type": "string", "enum": ["country", "group"]},
    "m49": {"type": ["integer", "null"]}, "iso2": {"type": "string"}, "name_en": {"type": "string"},
    "name_ar": {"type": "string"}, "name_fr": {"type": "string"},
    "members": {"type": "array", "items": {"type": "string"}, "description": "Member countries of a group."}}}


def _responses(schema: dict, *, bad_request: str | None) -> dict:
    """200 (JSON or CSV), 400 if the operation has parameters that can be wrong, and 404."""
    responses = {
        "200": {"description": "JSON, or CSV whose first lines (starting with #) give the title, source and licence.",
                "content": {"application/json": {"schema": schema}, "text/csv": {"schema": {"type": "string"}}}},
        "400": {"description": bad_request, "content": {"application/json": {"schema": ERROR}}},
        "404": {"description": "No such release, or it is not open to you; or no release holds the indicator "
                               "(JSON). A format other than json or csv gets the portal's page not found (HTML).",
                "content": {"application/json": {"schema": ERROR}, "text/html": {"schema": {"type": "string"}}}},
    }
    if bad_request is None:
        del responses["400"]
    return responses


def document(request) -> dict:
    base = reverse("data_hub:api_index").rstrip("/") + "/v1"
    indicators = list(Indicator.objects.order_by("code").values_list("code", flat=True))
    places = list(Place.objects.order_by("code").values_list("code", flat=True))
    observation = {"type": "object", "properties": {
        "indicator": {"type": "string"}, "place": {"type": "string", "description": "ISO 3166-1 alpha-3"},
        "place_m49": {"type": ["integer", "null"]}, "place_name": {"type": "string"},
        "origin": {"type": ["string", "null"]}, "origin_m49": {"type": ["integer", "null"]},
        "origin_name": {"type": ["string", "null"]}, "year": {"type": "integer"},
        "sex": {"type": "string", "enum": ["T", "M", "F"]}, "value": {"type": "number"},
        "note": {"type": "string", "description": "Type of data, where the source gives one."}}}
    aggregate = {"type": "object", "properties": {
        "place": {"type": "string", "description": "Place or group code; * for all countries"},
        "place_name": {"type": "string"}, "origin": {"type": ["string", "null"]}, "year": {"type": "integer"},
        "sex": {"type": "string", "enum": ["T", "M", "F"]}, "value": {"type": "number"},
        "countries": {"type": "integer", "description": "How many countries' figures the value adds up."},
        "compared_value": {"type": ["number", "null"], "description": "With compare: the figure in that release."},
        "difference": {"type": ["number", "null"], "description": "With compare: value minus compared_value."},
        "percent_difference": {"type": ["number", "null"],
                               "description": "With compare: the difference as a percentage of compared_value."}}}
    aggregate["properties"]["value"] = {"type": ["number", "null"],
                                        "description": "Null only with compare, for a year or sex this release lacks."}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "RWG Portal data hub API",
            "version": "1.0",
            "description": (
                "Read-only access to the sex-disaggregated migration figures of the Working Group on International "
                "Migration in the Arab Region. Published releases are open to everyone without signing in. Group "
                "figures (e.g. ARAB, the 22 League of Arab States members; MAGHREB, MASHREQ, GCC, ARAB_LDC) are "
                "computed from their member countries. Cite the release given with every answer. Only GET is "
                "answered (405 otherwise)."),
        },
        "servers": [{"url": request.build_absolute_uri("/").rstrip("/")}],
        "paths": {
            f"{base}/indicators.{{fmt}}": {"get": {
                "summary": "Indicators", "operationId": "listIndicators", "parameters": [FORMAT],
                "responses": _responses({"type": "object", "properties": {
                    "results": {"type": "array", "items": INDICATOR}}}, bad_request=None)}},
            f"{base}/places.{{fmt}}": {"get": {
                "summary": "Countries, areas and groups with their codes and names (en, ar, fr)",
                "operationId": "listPlaces",
                "parameters": [FORMAT, _query("kind", "country or group. Default: both.",
                                              {"type": "string", "enum": ["country", "group"]})],
                "responses": _responses({"type": "object", "properties": {
                    "results": {"type": "array", "items": PLACE}}},
                    bad_request="kind is neither country nor group.")}},
            f"{base}/releases.{{fmt}}": {"get": {
                "summary": "Releases with their provenance", "operationId": "listReleases", "parameters": [FORMAT],
                "responses": _responses({"type": "object", "properties": {
                    "results": {"type": "array", "items": RELEASE}}}, bad_request=None)}},
            f"{base}/observations.{{fmt}}": {"get": {
                "summary": "Stored figures of countries", "operationId": "listObservations",
                "parameters": [FORMAT, *_common(indicators, indicator_required=False),
                               _codes("place", "Country codes or group codes (groups stand for their members), "
                                               "comma-separated.", places, "GCC,JOR"),
                               _query("limit", "Figures per page (at most 10000, at least 1; default 1000).",
                                      {"type": "integer"}),
                               _query("offset", "Figures to skip (default 0).",
                                      {"type": "integer", "maximum": 2**63 - 1})],
                "responses": _responses({"type": "object", "properties": {
                    "release": RELEASE, "count": {"type": "integer"}, "limit": {"type": "integer"},
                    "offset": {"type": "integer"}, "next": {"type": ["string", "null"], "format": "uri"},
                    "results": {"type": "array", "items": observation}}},
                    bad_request="A parameter is wrong, or neither an indicator nor a release is given; the message "
                                "says which.")}},
            f"{base}/aggregates.{{fmt}}": {"get": {
                "summary": "Figures for countries and groups (group figures computed from countries)",
                "operationId": "listAggregates",
                "parameters": [FORMAT, *_common(indicators, indicator_required=True),
                               _codes("place", "Country or group codes, comma-separated, e.g. ARAB,GCC,JOR. May be "
                                               "left out when an origin is given: then all destinations are added.",
                                      places, "ARAB,GCC,JOR"),
                               _query("origin", "For origin-destination figures (e.g. od_migrant_stock): one country "
                                                "or group of origin.", {"type": "string", "enum": places}),
                               _query("compare", "Another release id (see /releases) to compare with, year by year and "
                                                 "sex by sex: each result also gives compared_value, difference and "
                                                 "percent_difference (countries is then left out). 404 as for "
                                                 "release.", {"type": "integer"})],
                "responses": _responses({"type": "object", "properties": {
                    "release": RELEASE, "compared_release": RELEASE, "indicator": {"type": "object", "properties": {
                        "code": {"type": "string"}, "name": {"type": "string"}, "unit": {"type": "string"}}},
                    "results": {"type": "array", "items": aggregate}}},
                    bad_request="A parameter is wrong, or they do not go together: neither a place nor an origin, "
                                "an origin for an indicator without one, or a release (or the release to compare "
                                "with) without the indicator. The message says which.")}},
        },
    }


def examples(request) -> list[tuple[str, str]]:
    base = reverse("data_hub:api_index").rstrip("/") + "/v1"
    return [
        ("openapi", reverse("data_hub:openapi")),
        ("aggregates", f"{base}/aggregates.json?indicator=migrant_stock&place=ARAB&years=2010,2019"),
        ("emigrants", f"{base}/aggregates.json?indicator=od_migrant_stock&origin=ARAB&years=2010"),
        ("observations", f"{base}/observations.csv?indicator=migrant_stock&place=GCC&sex=F"),
        ("places", f"{base}/places.json?kind=group"),
        ("releases", f"{base}/releases.json"),
    ]
