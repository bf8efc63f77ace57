"""Every page of the data hub as every standing person; downloads; the import flow through the pages."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from data_hub.choices import ImportAction, ImportState
from data_hub.models import Dataset, ImportJob, Indicator, Observation, Place, Release
from tests.access import LOGIN, OK, assert_access, client_for
from tests.data_hub.factories import ReleaseFactory, undesa_2019_layout, write_xlsx

pytestmark = pytest.mark.django_db

EVERYONE = dict.fromkeys(["anonymous", "no_role", "rcm_delegate", "other_focal_point", "alternate", "focal_point",
                          "secretariat", "admin"], OK)
IMPORTERS = {"anonymous": LOGIN, "no_role": 403, "rcm_delegate": 403, "other_focal_point": OK, "alternate": OK,
             "focal_point": OK, "secretariat": OK, "admin": OK}


@pytest.fixture
def sample_release(db):
    """A small published release of migrant stock for Jordan and Lebanon (UN DESA dataset)."""
    release = ReleaseFactory(dataset=Dataset.objects.get(code="undesa-stock"), revision="Rev.test",
                             citation="UN DESA (test). International Migrant Stock (test).")
    stock = Indicator.objects.get(code="migrant_stock")
    for code, base in (("JOR", 100), ("LBN", 50)):
        place = Place.objects.get(code=code)
        for year in (2010, 2019):
            for sex, share in (("T", 1.0), ("M", 0.6), ("F", 0.4)):
                Observation.objects.create(release=release, indicator=stock, place=place, year=year, sex=sex,
                                           value=base * share * (2 if year == 2019 else 1))
    return release


@pytest.fixture
def agency_release(people):
    dataset = Dataset.objects.create(code="own-data", name_en="Own data", publisher="OWN", agency=people.owning)
    return ReleaseFactory(dataset=dataset, revision="2024")


def test_public_pages_are_open_to_everyone(people, sample_release):
    for url in [
        reverse("data_hub:explorer"),
        reverse("data_hub:explorer") + "?indicator=migrant_stock&places=ARAB&places=JOR&sexes=F",
        reverse("data_hub:place_list"),
        reverse("data_hub:place_detail", args=["JOR"]),
        reverse("data_hub:place_detail", args=["ARAB"]),
        reverse("data_hub:quality"),
        reverse("data_hub:compare"),
        reverse("data_hub:release_list"),
        reverse("data_hub:release_detail", args=[sample_release.pk]),
        reverse("data_hub:release_download", args=[sample_release.pk]),
        reverse("data_hub:group_list"),
        reverse("data_hub:api_index"),
        reverse("data_hub:openapi"),
        reverse("data_hub:template", args=["csv"]),
        reverse("data_hub:template", args=["xlsx"]),
    ]:
        assert_access(people, url, EVERYONE)


def test_unknown_places_are_404(client):
    assert client.get(reverse("data_hub:place_detail", args=["XYZ"])).status_code == 404


def test_unpublished_releases_are_seen_by_group_members_only(people, sample_release):
    Release.objects.filter(pk=sample_release.pk).update(is_published=False)
    members = {"anonymous": 404, "no_role": 404, "rcm_delegate": 404, "other_focal_point": OK, "alternate": OK,
               "focal_point": OK, "secretariat": OK, "admin": OK}
    assert_access(people, reverse("data_hub:release_detail", args=[sample_release.pk]), members)
    assert_access(people, reverse("data_hub:release_download", args=[sample_release.pk]), members)


def test_import_pages_are_for_the_secretariat_and_focal_points(people):
    assert_access(people, reverse("data_hub:import_list"), IMPORTERS)
    assert_access(people, reverse("data_hub:import_create"), IMPORTERS)


def job_of(user, **fields):
    return ImportJob.objects.create(original_name="x.xlsx", file="data_hub/imports/x.xlsx", created_by=user, **fields)


def test_an_import_is_seen_by_its_uploader_and_the_secretariat(people):
    job = job_of(people.focal_point, state=ImportState.READY)
    assert_access(people, reverse("data_hub:import_detail", args=[job.pk]), {
        "anonymous": LOGIN, "no_role": 403, "rcm_delegate": 403, "other_focal_point": 404, "alternate": 404,
        "focal_point": OK, "secretariat": OK, "admin": OK})


def test_only_the_uploader_or_the_secretariat_confirms_an_import(people):
    job = job_of(people.focal_point, state=ImportState.READY)

    def snapshot():
        job.refresh_from_db()
        return job.state, job.action

    # The focal point confirms; the secretariat's later attempt finds it no longer waiting (a message, no change).
    assert_access(people, reverse("data_hub:import_confirm", args=[job.pk]), {
        "anonymous": LOGIN, "no_role": 403, "rcm_delegate": 403, "other_focal_point": 404, "alternate": 404,
        "focal_point": OK, "secretariat": OK, "admin": OK}, method="post", snapshot=snapshot)
    assert snapshot() == (ImportState.PENDING, ImportAction.IMPORT)


def test_release_actions_belong_to_the_agency_and_the_secretariat(people, agency_release):
    def snapshot():
        return Release.objects.filter(pk=agency_release.pk).values_list("is_published", "is_current").first()

    writers = {"anonymous": LOGIN, "no_role": 403, "rcm_delegate": 403, "other_focal_point": 403, "alternate": OK,
               "focal_point": OK, "secretariat": OK, "admin": OK}
    assert_access(people, reverse("data_hub:release_publish", args=[agency_release.pk]), writers, method="post",
                  data={"published": "0"}, snapshot=snapshot)
    assert_access(people, reverse("data_hub:release_make_current", args=[agency_release.pk]), {
        **writers, "no_role": 404, "rcm_delegate": 404}, method="post", snapshot=snapshot)  # withdrawn: unseen
    assert_access(people, reverse("data_hub:release_delete", args=[agency_release.pk]), {
        **writers, "no_role": 404, "rcm_delegate": 404})


def test_deleting_a_release_through_the_page(people, agency_release):
    def snapshot():
        return Release.objects.filter(pk=agency_release.pk).exists()

    # The alternate deletes it; afterwards it is gone for everyone.
    assert_access(people, reverse("data_hub:release_delete", args=[agency_release.pk]), {
        "anonymous": LOGIN, "no_role": 403, "rcm_delegate": 403, "other_focal_point": 403, "alternate": OK,
        "focal_point": 404, "secretariat": 404, "admin": 404}, method="post", snapshot=snapshot)
    assert not snapshot()


def test_un_desa_releases_are_changed_by_the_secretariat_only(people, sample_release):
    assert_access(people, reverse("data_hub:release_delete", args=[sample_release.pk]), {
        "anonymous": LOGIN, "no_role": 403, "rcm_delegate": 403, "other_focal_point": 403, "alternate": 403,
        "focal_point": 403, "secretariat": OK, "admin": OK})


def test_groups_pages(people):
    group = Place.objects.create(code="MINE", kind="group", name_en="Mine", created_by=people.focal_point)
    group.members.set([Place.objects.get(code="JOR")])
    definers = {**IMPORTERS}
    assert_access(people, reverse("data_hub:group_create"), definers)
    authors = {"anonymous": LOGIN, "no_role": 403, "rcm_delegate": 403, "other_focal_point": 403, "alternate": 403,
               "focal_point": OK, "secretariat": OK, "admin": OK}
    assert_access(people, reverse("data_hub:group_edit", args=["MINE"]), authors)
    assert_access(people, reverse("data_hub:group_delete", args=["MINE"]), authors)
    reference = dict.fromkeys(authors, 403) | {"anonymous": LOGIN}
    assert_access(people, reverse("data_hub:group_edit", args=["ARAB"]), reference)

    def snapshot():
        return list(Place.objects.filter(code="ARAB").values_list("name_en", flat=True))

    assert_access(people, reverse("data_hub:group_edit", args=["ARAB"]), reference, method="post",
                  data={"name_en": "Renamed", "members": [Place.objects.get(code="JOR").pk]}, snapshot=snapshot)


def test_defining_a_group_through_the_page(client, people):
    client.force_login(people.alternate)
    jordan, lebanon = Place.objects.get(code="JOR"), Place.objects.get(code="LBN")
    response = client.post(reverse("data_hub:group_create"), {"code": "levant", "name_en": "Levant",
                                                               "members": [jordan.pk, lebanon.pk]})
    assert response.status_code == 302
    assert set(Place.objects.get(code="LEVANT").members.values_list("code", flat=True)) == {"JOR", "LBN"}
    response = client.post(reverse("data_hub:group_create"), {"code": "ARAB", "name_en": "x", "members": [jordan.pk]})
    assert "This code is taken." in response.content.decode()


# The explorer ------------------------------------------------------------------------------------------


def test_the_explorer_shows_a_group_computed_from_its_countries(client, sample_release):
    response = client.get(reverse("data_hub:explorer"), {"indicator": "migrant_stock", "places": ["ARAB", "JOR"]})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in page and "<title id=" in page and "<desc id=" in page
    block = response.context["datablock"]
    assert block.columns == ["Place", "Year", "Both sexes", "Male", "Female"]
    assert ["Arab region", 2019, 300, 180, 120] in block.rows
    assert ["Jordan", 2010, 100, 60, 40] in block.rows
    assert "UN DESA (test)" in page


def test_the_explorer_stays_within_a_fixed_number_of_queries(client, sample_release, django_assert_num_queries):
    places = ["ARAB", "GCC", "MAGHREB", "MASHREQ", "ARAB_LDC", "JOR", "LBN", "EGY", "SAU", "MAR"]
    # 10 for the chart and the table, 2 for the map (its countries, their figures).
    with django_assert_num_queries(9):
        client.get(reverse("data_hub:explorer"), {"indicator": "migrant_stock", "places": places})


def test_the_country_page_stays_within_a_fixed_number_of_queries(client, sample_release,
                                                                  django_assert_num_queries):
    # Pinned exactly: the charts and tables, and the group's map (the indicators, its countries, their figures).
    with django_assert_num_queries(12):
        response = client.get(reverse("data_hub:place_detail", args=["ARAB"]))
    assert "International migrant stock by sex, Arab region" in response.content.decode()


def test_the_next_visitors_of_the_explorer_and_a_group_page_ask_a_pinned_number_of_queries(
        client, sample_release, django_assert_num_queries):
    """Pinned exactly (issue 14): once the first visitor has built the figures, the form, the table and the
    map (shared by every visitor, by data version), the next ones read the releases, the indicators and
    the place list's stamp (twice: the pickers' key and the form's) on the explorer; the place, the two
    indicators and their default releases (one query) on a group page (its members are kept too)."""
    from django.test import Client

    explorer = (reverse("data_hub:explorer"), {"indicator": "migrant_stock", "places": ["ARAB", "GCC", "JOR"]})
    group = reverse("data_hub:place_detail", args=["ARAB"])
    client.get(*explorer)
    client.get(group)
    for visitor in (client, Client()):
        with django_assert_num_queries(4):
            response = visitor.get(*explorer)
        assert "Map" in response.content.decode()
        with django_assert_num_queries(3):
            response = visitor.get(group)
        assert "Member countries on the map" in response.content.decode()


def test_a_group_page_shows_its_new_members_once_the_group_changes(client, people, sample_release,
                                                                    django_capture_on_commit_callbacks):
    """The member list and the map are kept by data version (issue 14): a change to the group moves it on."""
    from data_hub import services

    with django_capture_on_commit_callbacks(execute=True):
        group = services.group_create(code="PAIR", name_en="Pair", members=[Place.objects.get(code="JOR")],
                                      user=people.secretariat)
    page = client.get(reverse("data_hub:place_detail", args=["PAIR"])).content.decode()
    assert "1 member country" in page and "Saudi Arabia" not in page
    with django_capture_on_commit_callbacks(execute=True):
        services.group_update(group=group, name_en="Pair", user=people.secretariat,
                              members=[Place.objects.get(code="JOR"), Place.objects.get(code="SAU")])
    page = client.get(reverse("data_hub:place_detail", args=["PAIR"])).content.decode()
    assert "2 member countries" in page and "Saudi Arabia" in page


def test_the_explorer_downloads_exactly_what_it_shows_with_the_citation(client, sample_release):
    """A spreadsheet (or pandas) opens the file as a table: the header on the first line, the codes, the
    citation and the licence in columns (issue 19)."""
    import csv

    import pandas as pd

    params = {"indicator": "migrant_stock", "places": ["ARAB", "JOR"], "sexes": ["F"], "years": ["2019"]}
    response = client.get(reverse("data_hub:explorer"), {**params, "format": "csv"})
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["Place", "ISO3", "M49", "Group code", "Year", "Female", "Table", "Source", "Licence"]
    assert rows[1][:6] == ["Arab region", "", "", "ARAB", "2019", "120"]
    assert rows[2][:6] == ["Jordan", "JOR", "400", "", "2019", "80"]
    assert rows[1][6:] == ["International migrant stock", "UN DESA (test). International Migrant Stock (test).",
                           "CC BY 4.0"]
    frame = pd.read_csv(io.BytesIO(response.content), encoding="utf-8-sig", keep_default_na=False)
    assert list(frame["ISO3"]) == ["", "JOR"] and list(frame["M49"].astype(str)) == ["", "400"]
    assert list(frame["Female"]) == [120, 80] and set(frame["Licence"]) == {"CC BY 4.0"}
    response = client.get(reverse("data_hub:explorer"), {**params, "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    table = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert table[0][:3] == ["Place", "ISO3", "M49"]
    assert table[-1][:6] == ["Jordan", "JOR", 400, None, 2019, 80]
    frame = pd.read_excel(io.BytesIO(response.content), engine="calamine")
    assert list(frame["Female"]) == [120, 80]


def test_every_table_of_a_country_page_downloads_with_its_codes(client, sample_release):
    import csv

    page = client.get(reverse("data_hub:place_detail", args=["JOR"])).content.decode()
    assert "?table=stock&amp;format=csv" in page and "?table=female&amp;format=xlsx" in page
    assert "The figures are in the table beside the chart." in page
    response = client.get(reverse("data_hub:place_detail", args=["JOR"]), {"table": "stock", "format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:7] == ["Place", "ISO3", "M49", "Year", "Both sexes", "Male", "Female"]
    assert rows[1][:7] == ["Jordan", "JOR", "400", "2010", "100", "60", "40"]
    assert rows[1][-1] == "CC BY 4.0"
    missing = client.get(reverse("data_hub:place_detail", args=["JOR"]), {"table": "nothing", "format": "csv"})
    assert missing.status_code == 404


def test_downloaded_cells_that_look_like_formulas_stay_text(client, sample_release):
    import csv

    Place.objects.filter(code="JOR").update(name_en="=HYPERLINK(\"http://x\")")
    response = client.get(reverse("data_hub:place_detail", args=["JOR"]), {"table": "stock", "format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][0] == "'=HYPERLINK(\"http://x\")"


def test_the_release_download_has_every_figure_and_the_citation(client, sample_release):
    """A ZIP: the CSV opens as a table (header first: pandas and csv read it as it is), its source beside it."""
    import zipfile

    import pandas as pd

    response = client.get(reverse("data_hub:release_download", args=[sample_release.pk]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = sorted(archive.namelist())
    assert names == ["undesa-stock-revtest-source.txt", "undesa-stock-revtest.csv"]
    assert "Source: UN DESA (test)" in archive.read(names[0]).decode()
    frame = pd.read_csv(io.BytesIO(archive.read(names[1])), encoding="utf-8-sig", keep_default_na=False)
    assert list(frame.columns[:3]) == ["indicator", "place_iso3", "place_m49"]
    assert len(frame) == 12 and set(frame["place_iso3"]) == {"JOR", "LBN"} and set(frame["place_m49"]) == {400, 422}


# Importing through the pages ---------------------------------------------------------------------------


def upload(tmp_path, rows=None):
    path = write_xlsx(tmp_path / "stock.xlsx", {"Table 1": undesa_2019_layout(*([rows] if rows else []))})
    return SimpleUploadedFile("stock.xlsx", path.read_bytes(),
                              content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def test_the_secretariat_uploads_previews_and_confirms(client, people, tmp_path, eager_celery,
                                                       django_capture_on_commit_callbacks):
    client.force_login(people.secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("data_hub:import_create"), {"file": upload(tmp_path), "make_current": "on"})
    job = ImportJob.objects.get()
    assert response.url == reverse("data_hub:import_detail", args=[job.pk])
    assert job.state == ImportState.READY, job.error
    assert (job.preview["to_add"], job.preview["figures"]) == (27, 27)
    assert not Release.objects.filter(revision="POP/DB/MIG/Stock/Rev.2019").exists()  # nothing written yet
    page = client.get(response.url).content.decode()
    assert "Figures to add" in page and "Import these figures" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("data_hub:import_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.state == ImportState.DONE and job.release.revision == "POP/DB/MIG/Stock/Rev.2019"
    assert job.release.imported_by == people.secretariat
    assert Observation.objects.filter(release=job.release).count() == 27
    status = client.get(reverse("data_hub:import_detail", args=[job.pk]), headers={"HX-Request": "true"})
    assert "The figures are in the data hub." in status.content.decode()
    assert "<html" not in status.content.decode()  # only the status part, for htmx


def test_a_bad_upload_shows_its_problems_and_changes_nothing(client, people, tmp_path, eager_celery,
                                                             django_capture_on_commit_callbacks):
    client.force_login(people.secretariat)
    rows = [("Jordan", 400, "B", [10, "abc", 30], [6, 11, 16], [4, 9, 14])]
    before = Observation.objects.count(), Release.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("data_hub:import_create"), {"file": upload(tmp_path, rows)})
    job = ImportJob.objects.get()
    assert job.state == ImportState.FAILED
    page = client.get(response.url).content.decode()
    assert "Text where a number should be" in page and "nothing was imported" in page
    assert (Observation.objects.count(), Release.objects.count()) == before


def test_the_upload_form_refuses_what_cannot_be_opened(client, people, settings):
    client.force_login(people.focal_point)
    not_excel = SimpleUploadedFile("figures.xlsx", b"plain text, not a workbook")
    response = client.post(reverse("data_hub:import_create"), {"file": not_excel})
    assert "not a readable Excel workbook" in response.content.decode()
    settings.RWG_MAX_UPLOAD_BYTES = 5
    response = client.post(reverse("data_hub:import_create"), {"file": SimpleUploadedFile("a.csv", b"a,b\n1,2\n")})
    assert "files up to" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_the_import_form_proposes_the_focal_point_s_agency(client, people):
    client.force_login(people.focal_point)
    form = client.get(reverse("data_hub:import_create")).context["form"]
    assert form.initial["agency"] == people.owning
    assert list(form.fields["agency"].queryset) == [people.owning]


# Comparing releases ------------------------------------------------------------------------------------


@pytest.fixture
def revised_release(sample_release):
    """A newer revision of the sample: Jordan 10 % higher every year and sex, Lebanon unchanged, 2020 added."""
    release = ReleaseFactory(dataset=sample_release.dataset, revision="Rev.test2", is_current=False,
                             citation="UN DESA (test). International Migrant Stock (revised).",
                             summary={"indicators": ["migrant_stock"], "years": [2010, 2019, 2020]})
    stock = Indicator.objects.get(code="migrant_stock")
    for old in Observation.objects.filter(release=sample_release):
        value = old.value * (1.1 if old.place.code == "JOR" else 1)
        Observation.objects.create(release=release, indicator=stock, place=old.place, year=old.year, sex=old.sex,
                                   value=value)
    Observation.objects.create(release=release, indicator=stock, place=Place.objects.get(code="JOR"), year=2020,
                               sex="T", value=250)
    return release


def compare_url(release, other, place="ARAB"):
    return reverse("data_hub:compare") + f"?indicator=migrant_stock&place={place}&release={release.pk}" \
        f"&compare={other.pk}"


def test_two_releases_are_compared_year_by_year_and_sex_by_sex(client, sample_release, revised_release):
    response = client.get(compare_url(revised_release, sample_release))
    assert response.status_code == 200
    rows = {(r.year, r.sex): r for r in response.context["rows"]}
    # Arab region 2010, both sexes: Jordan 110 + Lebanon 50 against 100 + 50.
    assert (rows[(2010, "T")].value, rows[(2010, "T")].compared) == (pytest.approx(160), 150)
    assert rows[(2010, "T")].difference == pytest.approx(10)
    assert rows[(2010, "T")].percent == pytest.approx(100 * 10 / 150)
    assert rows[(2019, "F")].difference == pytest.approx(0.1 * 80)
    assert (rows[(2020, "T")].value, rows[(2020, "T")].compared, rows[(2020, "T")].percent) == (250, None, None)
    page = response.content.decode()
    assert "Rev.test2 compared with Rev.test" in page and "6.7%" in page


def test_the_comparison_page_defaults_to_the_current_release_against_another(client, sample_release,
                                                                            revised_release):
    response = client.get(reverse("data_hub:compare") + f"?release={revised_release.pk}")
    assert response.context["release"] == revised_release and response.context["other"] == sample_release
    response = client.get(reverse("data_hub:compare"))
    assert response.context["release"] == sample_release and response.context["other"] == revised_release


def test_an_unpublished_release_is_compared_only_by_those_who_may_see_it(client, people, sample_release,
                                                                          revised_release):
    revised_release.is_published = False
    revised_release.save()
    url = compare_url(revised_release, sample_release)
    assert_access(people, url, EVERYONE)
    for role, sees in (("anonymous", False), ("no_role", False), ("rcm_delegate", False), ("focal_point", True),
                       ("secretariat", True)):
        response = client_for(people, role).get(url)
        rows = response.context["rows"]
        assert (len(rows) if rows is not None else None) == (7 if sees else None), role
        assert ("Select a valid choice" in response.content.decode()) is not sees, role


def test_the_comparison_page_answers_in_a_fixed_number_of_queries(client, sample_release, revised_release,
                                                                  django_assert_num_queries):
    """Pinned: indicators, releases, the places of the pickers (with the place list's stamp, part of the key of
    their shared cache: selectors.places_for_pickers), then one query per release for the place's figures,
    whether the place is a group or a country."""
    from django.core.cache import cache

    cache.clear()
    with django_assert_num_queries(6):
        client.get(compare_url(revised_release, sample_release, place="ARAB"))
    cache.clear()
    with django_assert_num_queries(6):
        client.get(compare_url(revised_release, sample_release, place="JOR"))

def test_the_public_release_page_names_the_agency_not_the_importer(people, client):
    """Anonymous visitors see which agency's data it is, never the person who imported it (issue 15)."""
    from data_hub.models import Dataset
    from tests.data_hub.factories import ReleaseFactory

    people.focal_point.__class__.objects.filter(pk=people.focal_point.pk).update(first_name="Leila", last_name="Haddad")
    people.focal_point.refresh_from_db()
    dataset = Dataset.objects.create(code="own-pub", name_en="Own data", publisher="OWN", agency=people.owning)
    release = ReleaseFactory(dataset=dataset, revision="2025", is_published=True, imported_by=people.focal_point)
    url = reverse("data_hub:release_detail", args=[release.pk])
    page = client.get(url).content.decode()
    assert people.owning.name in page
    for private in ("Leila", "Haddad", people.focal_point.email, str(people.focal_point)):
        assert private not in page, private
    client.force_login(people.secretariat)
    assert "Leila" in client.get(url).content.decode() or people.focal_point.email in client.get(url).content.decode()


def _options(response, select_name: str) -> list[str]:
    import re

    page = response.content.decode()
    select = re.search(rf'<select name="{select_name}".*?</select>', page, re.S).group(0)
    return re.findall(r'<option value="([^"]*)"', select)


def test_the_explorer_offers_only_indicators_that_a_visible_release_holds(people, sample_release, agency_release):
    agency_release.summary = {"indicators": ["labour_migrants"], "years": [2023]}
    agency_release.is_published = False
    agency_release.save()
    url = reverse("data_hub:explorer")
    public = _options(client_for(people, "anonymous").get(url), "indicator")
    assert public == ["migrant_stock"]
    members = _options(client_for(people, "secretariat").get(url), "indicator")
    assert sorted(members) == ["labour_migrants", "migrant_stock"]
    # Published, the agency's indicator appears for everyone.
    agency_release.is_published = True
    agency_release.save()
    assert "labour_migrants" in _options(client_for(people, "anonymous").get(url), "indicator")


def test_the_place_filter_narrows_the_pickers_without_javascript_and_keeps_the_chosen(client, sample_release):
    response = client.get(reverse("data_hub:explorer"), {"indicator": "migrant_stock", "places": ["JOR"],
                                                          "find": "liban"})
    assert response.status_code == 200
    assert _options(response, "places") == ["JOR", "LBN"]  # the chosen one stays; French names match too
    page = response.content.decode()
    assert '<optgroup label="Arab States">' in page and 'type="search" name="find"' in page
    # Without a filter: groups first, then the Arab States, then the world.
    codes = _options(client.get(reverse("data_hub:explorer")), "places")
    assert codes[:5] == ["ARAB", "MAGHREB", "MASHREQ", "GCC", "ARAB_LDC"]
    assert codes[5:27] == sorted(codes[5:27], key=lambda c: Place.objects.get(code=c).name)
    assert codes[5] == "DZA" and codes.index("ALA") < codes.index("ALB")


def test_the_compare_page_s_place_filter_works_without_javascript_and_keeps_the_chosen(client, sample_release,
                                                                                      revised_release):
    url = compare_url(revised_release, sample_release, place="JOR")
    response = client.get(url + "&find=liban")
    assert response.status_code == 200
    assert _options(response, "place") == ["JOR", "LBN"]  # the chosen one stays; French names match too
    page = response.content.decode()
    assert 'type="search" name="find"' in page and "Filter the list" in page and "No place matches" not in page
    assert response.context["rows"]  # filtering keeps the comparison of the chosen place on the page
    nothing = client.get(url + "&find=qqqzzz")
    assert _options(nothing, "place") == ["JOR"] and "No place matches “qqqzzz”." in nothing.content.decode()
    everything = _options(client.get(url), "place")
    assert everything[:2] == ["ARAB", "MAGHREB"] and "LBN" in everything and len(everything) > 100


def test_the_import_pages_follow_the_job_s_real_state_when_tasks_run_in_process(
        client, people, tmp_path, eager_celery, django_capture_on_commit_callbacks):
    """The demo runs tasks in-process: by the time the page shows, the preview is ready, and no message may
    still say it is being prepared (issue 19)."""
    client.force_login(people.secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("data_hub:import_create"), {"file": upload(tmp_path), "make_current": "on"})
    page = client.get(response.url).content.decode()  # with the messages the upload left
    assert ImportJob.objects.get().state == ImportState.READY
    assert "being prepared" not in page and "waiting for a worker" not in page
    assert "The file was read and checked" in page and "Import these figures" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("data_hub:import_confirm", args=[ImportJob.objects.get().pk]))
    page = client.get(response.url).content.decode()
    assert "The figures are in the data hub." in page and "has started" not in page


def test_a_job_no_worker_has_taken_says_so(client, people, tmp_path):
    client.force_login(people.secretariat)
    response = client.post(reverse("data_hub:import_create"), {"file": upload(tmp_path)}, follow=True)
    page = response.content.decode()
    assert ImportJob.objects.get().state == ImportState.PENDING
    assert "waiting for a worker" in page and "The file was read and checked" not in page
