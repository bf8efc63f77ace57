"""The OpenAPI 3.1 description of the data hub's read-only API, served at /data/api/openapi.json."""

from django.urls import reverse

FORMAT = {"name": "fmt", "in": "path", "required": True, "description": "json or csv",
          "schema": {"type": "string", "enum": ["json", "csv"]}}


def _query(name: str, description: str, schema: dict | None = None) -> dict:
    return {"name": name, "in": "query", "required": False, "description": description,
            "schema": schema or {"type": "string"}}


COMMON = [
    _query("indicator", "Indicator code, e.g. migrant_stock, od_migrant_stock, female_share (see /indicators)."),
    _query("release", "Release id (see /releases). Default: the current published release holding the indicator.",
           {"type": "integer"}),
    _query("years", "Years, comma-separated, e.g. 2010,2019. Default: all.", {"type": "string",
                                                                                "example": "2010,2019"}),
    _query("sex", "T (both sexes), M (male), F (female), comma-separated. Default: all.",
           {"type": "string", "example": "T,M,F"}),
]
RELEASE = {
    "type": "object",
    "description": "The source of the figures: cite it wherever they are shown.",
    "properties": {k: {"type": t} for k, t in {
        "id": "integer", "dataset": "string", "dataset_name": "string", "revision": "string", "title": "string",
        "publisher": "string", "licence": "string", "citation": "string", "is_current": "boolean",
        "published": "boolean", "imported_at": "string", "sha256": "string", "url": "string"}.items()},
}
ERROR = {"type": "object", "properties": {"error": {"type": "string"}}}


def _responses(schema: dict) -> dict:
    return {
        "200": {"description": "JSON, or CSV whose first lines (starting with #) give the title, source and licence.",
                "content": {"application/json": {"schema": schema}, "text/csv": {"schema": {"type": "string"}}}},
        "400": {"description": "A parameter is missing or wrong; the message says which.",
                "content": {"application/json": {"schema": ERROR}}},
        "404": {"description": "No such release, or it is not published.",
                "content": {"application/json": {"schema": ERROR}}},
    }


def document(request) -> dict:
    base = reverse("data_hub:api_index").rstrip("/") + "/v1"
    observation = {"type": "object", "properties": {
        "indicator": {"type": "string"}, "place": {"type": "string", "description": "ISO 3166-1 alpha-3"},
        "place_m49": {"type": "integer"}, "place_name": {"type": "string"},
        "origin": {"type": ["string", "null"]}, "origin_m49": {"type": ["integer", "null"]},
        "origin_name": {"type": ["string", "null"]}, "year": {"type": "integer"},
        "sex": {"type": "string", "enum": ["T", "M", "F"]}, "value": {"type": "number"},
        "note": {"type": "string", "description": "Type of data, where the source gives one."}}}
    aggregate = {"type": "object", "properties": {
        "place": {"type": "string", "description": "Place or group code; * for all countries"},
        "place_name": {"type": "string"}, "origin": {"type": ["string", "null"]}, "year": {"type": "integer"},
        "sex": {"type": "string"}, "value": {"type": "number"},
        "countries": {"type": "integer", "description": "How many countries' figures the value adds up."}}}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "RWG Portal data hub API",
            "version": "1.0",
            "description": (
                "Read-only access to the sex-disaggregated migration figures of the Working Group on International "
                "Migration in the Arab Region. Published releases are open to everyone without signing in. Group "
                "figures (e.g. ARAB, the 22 League of Arab States members; MAGHREB, MASHREQ, GCC, ARAB_LDC) are "
                "computed from their member countries. Cite the release given with every answer."),
        },
        "servers": [{"url": request.build_absolute_uri("/").rstrip("/")}],
        "paths": {
            f"{base}/indicators.{{fmt}}": {"get": {
                "summary": "Indicators", "operationId": "listIndicators", "parameters": [FORMAT],
                "responses": _responses({"type": "object", "properties": {"results": {"type": "array"}}})}},
            f"{base}/places.{{fmt}}": {"get": {
                "summary": "Countries, areas and groups with their codes and names (en, ar, fr)",
                "operationId": "listPlaces",
                "parameters": [FORMAT, _query("kind", "country or group", {"type": "string",
                                                                         "enum": ["country", "group"]})],
                "responses": _responses({"type": "object", "properties": {"results": {"type": "array"}}})}},
            f"{base}/releases.{{fmt}}": {"get": {
                "summary": "Releases with their provenance", "operationId": "listReleases", "parameters": [FORMAT],
                "responses": _responses({"type": "object", "properties": {
                    "results": {"type": "array", "items": RELEASE}}})}},
            f"{base}/observations.{{fmt}}": {"get": {
                "summary": "Stored figures of countries", "operationId": "listObservations",
                "parameters": [FORMAT, *COMMON,
                               _query("place", "Country codes or group codes (groups stand for their members), "
                                               "comma-separated."),
                               _query("limit", "Figures per page (at most 10000; default 1000).", {"type": "integer"}),
                               _query("offset", "Figures to skip.", {"type": "integer"})],
                "responses": _responses({"type": "object", "properties": {
                    "release": RELEASE, "count": {"type": "integer"}, "limit": {"type": "integer"},
                    "offset": {"type": "integer"}, "next": {"type": ["string", "null"]},
                    "results": {"type": "array", "items": observation}}})}},
            f"{base}/aggregates.{{fmt}}": {"get": {
                "summary": "Figures for countries and groups (group figures computed from countries)",
                "operationId": "listAggregates",
                "parameters": [FORMAT, *COMMON,
                               _query("place", "Country or group codes, comma-separated, e.g. ARAB,GCC,JOR. May be "
                                               "left out when an origin is given: then all destinations are added."),
                               _query("origin", "For origin-destination figures: one country or group of origin.")],
                "responses": _responses({"type": "object", "properties": {
                    "release": RELEASE, "indicator": {"type": "object"},
                    "results": {"type": "array", "items": aggregate}}})}},
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
