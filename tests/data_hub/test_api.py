"""The API and the explorer's aggregate function on the real 2019 files (imported once for this module)."""

import csv
import io

import pytest
from django.urls import reverse

from data_hub import selectors
from data_hub.models import Indicator, Place, Release
from tests.data_hub.conftest import import_real

pytestmark = pytest.mark.django_db


def get_json(client, name, **params):
    response = client.get(reverse(f"data_hub:{name}", kwargs={"fmt": "json"}), params)
    assert response.status_code == 200, response.content[:300]
    return response.json()


def test_the_arab_region_figures_through_the_explorer_s_aggregate_function(real_releases):
    arab = Place.objects.get(code="ARAB")
    figures = selectors.aggregate(indicator=Indicator.objects.get(code="migrant_stock"),
                                  release=real_releases["stock"], places=[arab], years=[2010, 2019])
    assert {(f.year, f.sex): f.value for f in figures} == {
        (2010, "T"): 28734441, (2010, "M"): 19400481, (2010, "F"): 9333960,
        (2019, "T"): 40390791, (2019, "M"): 27052376, (2019, "F"): 13338415,
    }
    assert {f.countries for f in figures} == {22}


def test_the_arab_region_figures_through_the_api(client, real_releases):
    data = get_json(client, "api_aggregates", indicator="migrant_stock", place="ARAB", years="2010,2019")
    assert {(r["year"], r["sex"]): r["value"] for r in data["results"]} == {
        (2010, "T"): 28734441, (2010, "M"): 19400481, (2010, "F"): 9333960,
        (2019, "T"): 40390791, (2019, "M"): 27052376, (2019, "F"): 13338415,
    }
    assert data["release"]["revision"] == "POP/DB/MIG/Stock/Rev.2019"
    assert "International Migrant Stock 2019" in data["release"]["citation"]


@pytest.mark.parametrize("file_name,revision,expected", [
    ("UN_MigrantStockTotal_2015.xlsx", "POP/DB/MIG/Stock/Rev.2015", (28555399, 19314477, 9240922)),
    ("UN_MigrantStockTotal_2017.xlsx", "POP/DB/MIG/Stock/Rev.2017", (28650592, 19357787, 9292805)),
    ("UN_MigrantStockTotal_2019.xlsx", "POP/DB/MIG/Stock/Rev.2019", (28734441, 19400481, 9333960)),
])
def test_every_real_revision_gives_the_arab_region_s_2010_figures_through_the_api(client, undesa_dir, real_releases,
                                                                                file_name, revision, expected):
    """The totals computed straight from each official workbook (../shared/data/undesa/README.md)."""
    release = import_real(undesa_dir / file_name)
    assert release.revision == revision
    data = get_json(client, "api_aggregates", indicator="migrant_stock", place="ARAB", years="2010",
                    release=release.pk)
    assert [(r["sex"], r["value"], r["countries"]) for r in data["results"]] == [
        ("T", expected[0], 22), ("M", expected[1], 22), ("F", expected[2], 22)]
    assert data["release"]["revision"] == revision


def test_the_api_compares_two_revisions(client, undesa_dir, real_releases, django_assert_num_queries):
    """``compare``: the 2019 revision against the 2017 one, for the Arab region in 2010, sex by sex."""
    older = import_real(undesa_dir / "UN_MigrantStockTotal_2017.xlsx")
    with django_assert_num_queries(6):
        data = get_json(client, "api_aggregates", indicator="migrant_stock", place="ARAB", years="2010",
                        release=real_releases["stock"].pk, compare=older.pk)
    assert data["compared_release"]["revision"] == "POP/DB/MIG/Stock/Rev.2017"
    rows = {r["sex"]: r for r in data["results"]}
    assert (rows["T"]["value"], rows["T"]["compared_value"], rows["T"]["difference"]) == (28734441, 28650592, 83849)
    assert rows["M"]["difference"] == 19400481 - 19357787
    assert rows["F"]["percent_difference"] == round(100 * (9333960 - 9292805) / 9292805, 3)
    od = real_releases["od"]
    refused = client.get(reverse("data_hub:api_aggregates", kwargs={"fmt": "json"}),
                         {"indicator": "migrant_stock", "place": "ARAB", "compare": od.pk})
    assert refused.status_code == 400 and "The release to compare with holds no figures" in refused.json()["error"]
    csv_text = client.get(reverse("data_hub:api_aggregates", kwargs={"fmt": "csv"}),
                          {"indicator": "migrant_stock", "place": "ARAB", "years": "2010", "sex": "T",
                           "compare": older.pk}).content.decode()
    assert "place,place_name,origin,year,sex,value,compared_value,difference,percent_difference" in csv_text


def test_the_arab_region_s_emigrants_through_the_api(client, real_releases):
    everywhere = get_json(client, "api_aggregates", indicator="od_migrant_stock", origin="ARAB", years="2010")
    assert [(r["place"], r["value"]) for r in everywhere["results"]] == [("*", 20757972)]
    inside = get_json(client, "api_aggregates", indicator="od_migrant_stock", origin="ARAB", place="ARAB",
                      years=2010)
    assert [(r["place"], r["value"]) for r in inside["results"]] == [("ARAB", 10817103)]


def test_shares_for_groups_are_recomputed_from_counts(client, real_releases):
    data = get_json(client, "api_aggregates", indicator="female_share", place="ARAB,JOR", years="2019")
    values = {r["place"]: r["value"] for r in data["results"]}
    assert values["ARAB"] == pytest.approx(100 * 13338415 / 40390791, abs=0.001)
    assert values["JOR"] == pytest.approx(49.641, abs=0.001)  # the country's own published figure


def test_observations_are_paged_and_groups_stand_for_their_members(client, real_releases,
                                                                  django_assert_num_queries):
    url = reverse("data_hub:api_observations", kwargs={"fmt": "json"})
    with django_assert_num_queries(6):
        response = client.get(url, {"indicator": "migrant_stock", "place": "GCC", "sex": "F", "limit": 10})
    data = response.json()
    assert data["count"] == 6 * 7
    assert len(data["results"]) == 10 and data["next"].endswith("offset=10")
    assert {r["place"] for r in data["results"]} <= {"BHR", "KWT", "OMN", "QAT", "SAU", "ARE"}


def test_csv_answers_name_their_source_and_are_safe_to_open(client, real_releases):
    response = client.get(reverse("data_hub:api_aggregates", kwargs={"fmt": "csv"}),
                          {"indicator": "migrant_stock", "place": "MAGHREB", "years": "2019"})
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().splitlines()
    assert lines[1].startswith("# Source: United Nations")
    rows = list(csv.reader(io.StringIO("\n".join(line for line in lines if not line.startswith("#")))))
    assert rows[0] == ["place", "place_name", "origin", "year", "sex", "value", "countries"]
    assert len(rows) == 4


def test_the_api_answers_in_a_fixed_number_of_queries(client, real_releases, django_assert_num_queries):
    url = reverse("data_hub:api_aggregates", kwargs={"fmt": "json"})
    with django_assert_num_queries(5):
        client.get(url, {"indicator": "migrant_stock", "place": "ARAB,GCC,MAGHREB,JOR,EGY"})


@pytest.mark.parametrize("params,message", [
    ({}, "Give an indicator"),
    ({"indicator": "nope", "place": "ARAB"}, "Unknown indicator"),
    ({"indicator": "migrant_stock", "place": "XXX"}, "Unknown place or group: XXX"),
    ({"indicator": "migrant_stock", "place": "ARAB", "sex": "Q"}, "Sex must be"),
    ({"indicator": "migrant_stock", "place": "ARAB", "years": "twenty"}, "Years must be numbers"),
    ({"indicator": "migrant_stock"}, "Give at least one place"),
    ({"indicator": "migrant_stock", "place": "ARAB", "origin": "EGY"}, "no origin"),
])
def test_bad_parameters_get_a_clear_400(client, real_releases, params, message):
    response = client.get(reverse("data_hub:api_aggregates", kwargs={"fmt": "json"}), params)
    assert response.status_code == 400
    assert message in response.json()["error"]


def test_unpublished_releases_are_hidden_from_the_public(client, real_releases, people):
    release = real_releases["stock"]
    Release.objects.filter(pk=release.pk).update(is_published=False)
    try:
        params = {"indicator": "migrant_stock", "place": "ARAB", "release": release.pk}
        url = reverse("data_hub:api_aggregates", kwargs={"fmt": "json"})
        assert client.get(url, params).status_code == 404
        client.force_login(people.focal_point)
        assert client.get(url, params).status_code == 200
    finally:
        Release.objects.filter(pk=release.pk).update(is_published=True)


def test_the_openapi_document_describes_every_endpoint(client):
    document = client.get(reverse("data_hub:openapi")).json()
    assert document["openapi"] == "3.1.0"
    paths = set(document["paths"])
    for name in ("indicators", "places", "releases", "observations", "aggregates"):
        assert f"/data/api/v1/{name}.{{fmt}}" in paths
    aggregate = document["paths"]["/data/api/v1/aggregates.{fmt}"]["get"]
    assert {p["name"] for p in aggregate["parameters"]} >= {"indicator", "place", "origin", "years", "sex", "release"}


def test_places_and_indicators_are_listed(client):
    groups = get_json(client, "api_places", kind="group")["results"]
    arab = next(g for g in groups if g["code"] == "ARAB")
    assert len(arab["members"]) == 22 and arab["name_ar"] == "المنطقة العربية"
    codes = {i["code"] for i in get_json(client, "api_indicators")["results"]}
    assert {"migrant_stock", "od_migrant_stock", "female_share"} <= codes
