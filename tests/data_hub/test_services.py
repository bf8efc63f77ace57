"""Imports written to PostgreSQL (COPY), all or nothing; releases; groups; who may do what."""

import pytest
from django.core.exceptions import PermissionDenied

from data_hub import loading, selectors, services
from data_hub.choices import Sex
from data_hub.models import Dataset, Indicator, Observation, Place, Release
from tests.data_hub.conftest import import_real
from tests.data_hub.factories import (
    SAMPLE,
    DatasetFactory,
    ReleaseFactory,
    undesa_2019_layout,
    write_csv,
    write_xlsx,
)

pytestmark = pytest.mark.django_db


def state():
    """What an import could change: the counts of releases, figures, datasets, indicators and release history."""
    return (Release.objects.count(), Observation.objects.count(), Dataset.objects.count(), Indicator.objects.count(),
            Release.history.count())


def figure(release, indicator, place, year, sex="T", origin=None):
    return selectors.aggregate(indicator=Indicator.objects.get(code=indicator), release=release,
                               places=[Place.objects.get(code=place)] if place else None, years=[year], sexes=[sex],
                               origin=Place.objects.get(code=origin) if origin else None)[0].value


def test_the_2019_figures_come_out_of_the_real_files(workbook, matrix):
    stock = import_real(workbook)
    od = import_real(matrix)
    assert figure(stock, "migrant_stock", "ARAB", 2010) == 28734441
    assert figure(stock, "migrant_stock", "ARAB", 2010, Sex.MALE) == 19400481
    assert figure(stock, "migrant_stock", "ARAB", 2010, Sex.FEMALE) == 9333960
    assert figure(stock, "migrant_stock", "ARAB", 2019) == 40390791
    assert figure(stock, "migrant_stock", "ARAB", 2019, Sex.MALE) == 27052376
    assert figure(stock, "migrant_stock", "ARAB", 2019, Sex.FEMALE) == 13338415
    # Emigrants of the Arab region, all destinations (region rows such as "Caribbean" are not counted) ...
    assert figure(od, "od_migrant_stock", None, 2010, origin="ARAB") == 20757972
    # ... and those living in another Arab country.
    assert figure(od, "od_migrant_stock", "ARAB", 2010, origin="ARAB") == 10817103
    assert stock.file_sha256 == "6e44a1f4c750248b7721a6f32afa75477c2c22420bed26053e1bfe58f4a63062"
    assert od.file_sha256 == "5aa066f9666b2cabac0347fc2e2794ef99767fc36aa44cc12de82c32d40e4cda"
    assert stock.is_current and stock.revision == "POP/DB/MIG/Stock/Rev.2019"
    assert od.summary["figures"] == Observation.objects.filter(release=od).count() == 376423


def test_importing_the_same_file_twice_changes_nothing_the_second_time(workbook):
    import_real(workbook)
    before = state()
    outcome = services.import_file(path=workbook, name=workbook.name, commit=True)
    assert outcome.ok and not outcome.written
    assert outcome.preview["already_imported"] and outcome.preview["unchanged"] == 16827
    assert state() == before


def test_a_revised_file_replaces_changed_figures_and_adds_new_ones(tmp_path, people):
    path = write_xlsx(tmp_path / "a.xlsx", {"Table 1": undesa_2019_layout()})
    first = services.import_file(path=path, name="a.xlsx", commit=True, user=people.secretariat)
    rows = [*SAMPLE[:3], ("State of Palestine", 275, "B R", [5, 6, 8], [3, 3, 4], [2, 3, 4]),
            *SAMPLE[4:], ("Lebanon", 422, "B", [1, 2, 3], [1, 1, 2], [0, 1, 1])]
    path.unlink()
    write_xlsx(path, {"Table 1": undesa_2019_layout(rows)})
    preview = services.import_file(path=path, name="a.xlsx", user=people.secretariat)
    assert (preview.preview["to_add"], preview.preview["to_replace"], preview.preview["unchanged"],
            preview.preview["to_remove"]) == (9, 2, 25, 0)
    second = services.import_file(path=path, name="a.xlsx", commit=True, user=people.secretariat)
    assert second.release.pk == first.release.pk
    assert figure(second.release, "migrant_stock", "PSE", 2010) == 8
    assert figure(second.release, "migrant_stock", "LBN", 2010) == 3


@pytest.mark.parametrize("copy", [True, False], ids=["copy", "portable"])
def test_a_corrected_file_removes_the_figures_it_no_longer_has(tmp_path, people, monkeypatch, copy):
    """Re-importing a corrected file of the same revision leaves the release holding exactly that file."""
    if not copy:
        monkeypatch.setattr(loading, "_use_copy", lambda: False)
    path = write_xlsx(tmp_path / "a.xlsx", {"Table 1": undesa_2019_layout()})
    first = services.import_file(path=path, name="a.xlsx", commit=True, user=people.secretariat).release
    # Saudi Arabia's row is gone, Jordan's 2010 male figure is now "..", Palestine's 2010 figures are corrected.
    rows = [*SAMPLE[:2], ("Jordan", 400, "B", [10, 20, 30], [6, 11, ".."], [4, 9, 14]),
            ("State of Palestine", 275, "B R", [5, 6, 8], [3, 3, 4], [2, 3, 4])]
    path.unlink()
    write_xlsx(path, {"Table 1": undesa_2019_layout(rows)})
    preview = services.import_file(path=path, name="a.xlsx", user=people.secretariat).preview
    assert (preview["to_add"], preview["to_replace"], preview["unchanged"], preview["to_remove"]) == (0, 2, 15, 10)
    again = services.import_file(path=path, name="a.xlsx", commit=True, user=people.secretariat)
    assert again.release.pk == first.pk
    stored = set(Observation.objects.filter(release=first).values_list("place__code", "year", "sex", "value"))
    assert len(stored) == 17
    assert not {s for s in stored if s[0] == "SAU"} and ("JOR", 2010, "M", 16) not in stored
    assert ("PSE", 2010, "T", 8) in stored
    first.refresh_from_db()
    assert first.summary["figures"] == 17 and first.summary["places"] == 2


def test_the_portable_path_writes_the_same_as_copy(tmp_path, people, monkeypatch):
    """The SQLite demo's ORM path: same counts, same figures, same replacements."""
    monkeypatch.setattr(loading, "_use_copy", lambda: False)
    path = write_xlsx(tmp_path / "b.xlsx", {"Table 1": undesa_2019_layout()})
    outcome = services.import_file(path=path, name="b.xlsx", commit=True, user=people.secretariat)
    assert outcome.preview["to_add"] == 27
    assert figure(outcome.release, "migrant_stock", "ARAB", 2010) == 30 + 7 + 300
    rows = [*SAMPLE[:2], ("Jordan", 400, "B", [10, 20, 31], [6, 11, 17], [4, 9, 14]), *SAMPLE[3:]]
    path.unlink()
    write_xlsx(path, {"Table 1": undesa_2019_layout(rows)})
    again = services.import_file(path=path, name="b.xlsx", commit=True, user=people.secretariat)
    assert (again.preview["to_add"], again.preview["to_replace"]) == (0, 2)
    assert figure(again.release, "migrant_stock", "JOR", 2010, Sex.MALE) == 17


@pytest.mark.parametrize("rows,expected", [
    ([("Jordan", 400, "B", [10, 20, 30], [6, 11, 16], [4, 9, 99])], "Male (16) plus female (99)"),
    ([("Jordan", 400, "B", [10, "abc", 30], [6, 11, 16], [4, 9, 14])], "Text where a number should be: “abc”"),
    ([("Jordania", 123, "B", [10, 20, 30], [6, 11, 16], [4, 9, 14])], "Did you mean: Jordan"),
])
def test_a_file_with_an_error_changes_nothing(tmp_path, people, rows, expected):
    path = write_xlsx(tmp_path / "bad.xlsx", {"Table 1": undesa_2019_layout([*SAMPLE[:2], *rows, *SAMPLE[3:]])})
    before = state()
    outcome = services.import_file(path=path, name="bad.xlsx", commit=True, user=people.secretariat)
    assert not outcome.ok
    assert expected in " ".join(e["message"] for e in outcome.preview["errors"])
    assert state() == before


def test_a_failure_while_writing_rolls_everything_back(tmp_path, people, monkeypatch):
    path = write_xlsx(tmp_path / "c.xlsx", {"Table 1": undesa_2019_layout()})
    before = state()

    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(loading, "write", broken)
    with pytest.raises(RuntimeError):
        services.import_file(path=path, name="c.xlsx", commit=True, user=people.secretariat)
    assert state() == before


def test_the_database_forbids_two_values_for_the_same_key(tmp_path, people):
    from django.db import IntegrityError, transaction

    release = ReleaseFactory()
    jordan = Place.objects.get(code="JOR")
    stock = Indicator.objects.get(code="migrant_stock")
    Observation.objects.create(release=release, indicator=stock, place=jordan, year=2019, sex="T", value=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Observation.objects.create(release=release, indicator=stock, place=jordan, year=2019, sex="T", value=2)
    od = Indicator.objects.get(code="od_migrant_stock")
    egypt = Place.objects.get(code="EGY")
    Observation.objects.create(release=release, indicator=od, place=jordan, origin=egypt, year=2019, sex="T", value=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Observation.objects.create(release=release, indicator=od, place=jordan, origin=egypt, year=2019, sex="T",
                                   value=2)


# Who may import what ----------------------------------------------------------------------------------


def agency_file(tmp_path):
    return write_csv(tmp_path / "agency.csv", [
        ["indicator", "indicator_name", "unit", "place", "year", "sex", "value"],
        ["labour_migrants", "", "", "JOR", 2023, "T", 1000],
        ["labour_migrants", "", "", "JOR", 2023, "M", 600],
        ["labour_migrants", "", "", "JOR", 2023, "F", 400],
    ])


def test_a_focal_point_imports_the_agency_s_own_data(tmp_path, people):
    path = agency_file(tmp_path)
    outcome = services.import_file(path=path, name="agency.csv", user=people.focal_point, agency=people.owning,
                                   options={"new_dataset_name": "Labour migration statistics", "revision": "2024"},
                                   commit=True)
    assert outcome.ok, outcome.preview["errors"]
    dataset = outcome.release.dataset
    assert dataset.agency == people.owning
    assert outcome.release.imported_by == people.focal_point
    assert "Labour migration statistics" in outcome.release.citation
    # The alternate of the same agency may change it; a focal point of another agency may not.
    assert services.import_file(path=path, name="agency.csv", user=people.alternate, dataset=dataset,
                                options={"revision": "2025"}, commit=True).ok
    before = state()
    refused = services.import_file(path=path, name="agency.csv", user=people.other_focal_point, dataset=dataset,
                                   options={"revision": "2026"}, commit=True)
    assert not refused.ok and "You may not add figures" in refused.preview["errors"][0]["message"]
    assert state() == before


def test_an_agency_file_may_not_use_the_secretariat_s_indicators(tmp_path, people):
    """Security 15.2: a focal point's tidy file using ``migrant_stock`` or ``od_migrant_stock`` is refused, each
    indicator once, at its first sheet, row and column; nothing is written. A UN DESA workbook bound for the
    agency's dataset is refused alike, whoever imports it."""
    path = write_csv(tmp_path / "agency.csv", [
        ["place", "origin", "year", "sex", "value", "indicator"],
        ["JOR", "", 2019, "T", 1, "labour_migrants"],
        ["JOR", "", 2019, "T", 99999999, "migrant_stock"],
        ["JOR", "", 2019, "M", 99999999, "migrant_stock"],
        ["JOR", "EGY", 2019, "T", 5, "od_migrant_stock"],
    ])
    before = state()
    refused = services.import_file(path=path, name="agency.csv", user=people.focal_point, agency=people.owning,
                                   options={"new_dataset_name": "Ours", "revision": "2025"}, commit=True)
    assert not refused.ok and state() == before
    problems = [(e["sheet"], e["row"], e["column"], e["message"]) for e in refused.preview["errors"]]
    assert [p[:3] for p in problems] == [("agency.csv", 3, "F"), ("agency.csv", 5, "F")]
    assert "“migrant_stock” belongs to the secretariat's datasets" in problems[0][3]
    assert "(2 figure(s) in this file)" in problems[0][3]
    assert "“od_migrant_stock” belongs to the secretariat's datasets" in problems[1][3]
    workbook = write_xlsx(tmp_path / "undesa.xlsx", {"Table 1": undesa_2019_layout()})
    dataset = DatasetFactory(agency=people.owning)
    for user in (people.focal_point, people.secretariat):
        outcome = services.import_file(path=workbook, name="undesa.xlsx", user=user, dataset=dataset,
                                       options={"revision": "2019"}, commit=True)
        assert "belongs to the secretariat's datasets" in outcome.preview["errors"][0]["message"]
    assert state()[:2] == before[:2]


def test_agency_imports_stay_unpublished_until_published(tmp_path, people):
    """The agency publishes a release holding only its own indicators; one holding a shared built-in indicator
    (labour_migrants) waits for the secretariat. A re-import withdraws the release until it is published again."""
    shared = services.import_file(path=agency_file(tmp_path), name="agency.csv", user=people.focal_point,
                                  agency=people.owning, commit=True,
                                  options={"new_dataset_name": "Labour", "revision": "2024"}).release
    assert not shared.is_published and shared.is_current
    assert selectors.default_release(Indicator.objects.get(code="labour_migrants")) is None
    with pytest.raises(PermissionDenied):
        services.release_set_published(release=shared, published=True, user=people.focal_point)
    services.release_set_published(release=shared, published=True, user=people.secretariat)
    assert selectors.default_release(Indicator.objects.get(code="labour_migrants")) == shared
    own = write_csv(tmp_path / "own.csv", [["indicator", "indicator_name", "place", "year", "value"],
                                            ["domestic_workers", "Domestic workers", "JOR", 2023, 70]])
    release = services.import_file(path=own, name="own.csv", user=people.focal_point, agency=people.owning,
                                   options={"new_dataset_name": "Domestic work", "revision": "2023"},
                                   commit=True).release
    assert not release.is_published
    with pytest.raises(PermissionDenied):
        services.release_set_published(release=release, published=True, user=people.other_focal_point)
    services.release_set_published(release=release, published=True, user=people.alternate)
    write_csv(own, [["indicator", "place", "year", "value"], ["domestic_workers", "JOR", 2023, 71]])
    services.import_file(path=own, name="own.csv", user=people.focal_point, dataset=release.dataset,
                         options={"revision": "2023"}, commit=True)
    release.refresh_from_db()
    assert not release.is_published


def test_only_the_secretariat_imports_un_desa_data(tmp_path, people):
    path = write_xlsx(tmp_path / "undesa.xlsx", {"Table 1": undesa_2019_layout()})
    before = state()
    refused = services.import_file(path=path, name="undesa.xlsx", user=people.focal_point, commit=True)
    assert not refused.ok
    assert state() == before
    assert services.import_file(path=path, name="undesa.xlsx", user=people.secretariat, commit=True).ok


def test_a_focal_point_cannot_start_a_dataset_for_another_agency(tmp_path, people):
    outcome = services.import_file(path=agency_file(tmp_path), name="agency.csv", user=people.focal_point,
                                   agency=people.other, options={"new_dataset_name": "Theirs", "revision": "1"},
                                   commit=True)
    assert not outcome.ok


def test_a_file_without_a_revision_asks_for_one(tmp_path, people):
    outcome = services.import_file(path=agency_file(tmp_path), name="agency.csv", user=people.secretariat,
                                   options={"new_dataset_name": "Ours"})
    assert "Give the revision" in outcome.preview["errors"][0]["message"]


# Releases and groups ----------------------------------------------------------------------------------


def test_one_release_per_dataset_is_current(tmp_path, people):
    dataset = Dataset.objects.get(code="undesa-stock")
    old = ReleaseFactory(dataset=dataset, revision="Rev.2017", is_current=True)
    new = ReleaseFactory(dataset=dataset, revision="Rev.2019", is_current=False)
    services.release_set_current(release=new, user=people.secretariat)
    old.refresh_from_db()
    assert new.is_current and not old.is_current
    with pytest.raises(PermissionDenied):
        services.release_set_current(release=old, user=people.focal_point)


def test_deleting_a_release_deletes_its_figures(people):
    release = ReleaseFactory()
    Observation.objects.create(release=release, indicator=Indicator.objects.get(code="migrant_stock"),
                               place=Place.objects.get(code="JOR"), year=2019, sex="T", value=1)
    with pytest.raises(PermissionDenied):
        services.release_delete(release=release, user=people.focal_point)
    services.release_delete(release=release, user=people.secretariat)
    assert not Observation.objects.filter(release_id=release.pk).exists()


def test_groups_are_defined_by_group_members_and_changed_by_their_author_or_the_secretariat(people):
    jordan, lebanon = Place.objects.get(code="JOR"), Place.objects.get(code="LBN")
    group = services.group_create(code="levant_small", name_en="Levant (test)", members=[jordan, lebanon],
                                  user=people.focal_point)
    assert group.code == "LEVANT_SMALL" and group.members.count() == 2
    with pytest.raises(PermissionDenied):
        services.group_update(group=group, name_en="x", members=[jordan], user=people.other_focal_point)
    services.group_update(group=group, name_en="Levant", members=[jordan], user=people.secretariat)
    with pytest.raises(PermissionDenied):
        services.group_create(code="X1", name_en="x", members=[], user=people.rcm_delegate)
    with pytest.raises(PermissionDenied):
        services.group_delete(group=Place.objects.get(code="ARAB"), user=people.secretariat)
    services.group_delete(group=group, user=people.focal_point)


def test_a_job_whose_worker_was_lost_is_failed_in_the_uploader_s_language(people):
    import datetime

    from django.utils import timezone

    from data_hub.choices import ImportState
    from data_hub.models import ImportJob

    started = timezone.now() - ImportJob.running_stale_after() - datetime.timedelta(seconds=1)
    lost = ImportJob.objects.create(original_name="a.csv", created_by=people.focal_point, state=ImportState.RUNNING,
                                    started_at=started, options={"language": "fr"})
    recent = ImportJob.objects.create(original_name="b.csv", created_by=people.focal_point,
                                      state=ImportState.RUNNING, started_at=timezone.now())
    assert ImportJob.fail_stale() == 1
    lost.refresh_from_db()
    recent.refresh_from_db()
    assert lost.state == ImportState.FAILED and "rien n’a été importé" in lost.error
    assert recent.state == ImportState.RUNNING


def test_the_uploader_s_language_is_kept_for_the_worker(people, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import translation

    path = write_xlsx(tmp_path / "s.xlsx", {"Table 1": undesa_2019_layout()})
    with translation.override("ar"):
        upload = SimpleUploadedFile("s.xlsx", path.read_bytes())
        job = services.import_job_create(user=people.secretariat, upload=upload)
    assert job.options["language"] == "ar"
    job.file.delete(save=False)


def test_an_uploaded_file_is_stored_under_a_generated_name(people, settings, tmp_path):
    import re

    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path / "media"
    path = write_xlsx(tmp_path / "s.xlsx", {"Table 1": undesa_2019_layout()})
    job = services.import_job_create(user=people.secretariat,
                                     upload=SimpleUploadedFile("..\\..\\evil name.xlsx", path.read_bytes()))
    assert re.fullmatch(r"data_hub/imports/\d{4}/\d{2}/[0-9a-f]{32}\.xlsx", job.file.name), job.file.name
    assert job.original_name == "evil name.xlsx"
    assert (settings.MEDIA_ROOT / job.file.name).is_file()
    job.file.delete(save=False)


def test_the_preview_shows_a_sample_of_the_figures_as_they_will_be_stored(tmp_path):
    """Issue 19: the uploader sees what the portal understood (place, year, sex, value, where from)."""
    from tests.data_hub.factories import SAMPLE, YEARS, undesa_2019_layout, write_xlsx

    path = write_xlsx(tmp_path / "s.xlsx", {"Table 1": undesa_2019_layout()})
    preview = services.import_file(path=path, name="s.xlsx").preview
    expected = {}
    for name, _code, _type, both, male, female in SAMPLE:
        for sex, values in (("T", both), ("M", male), ("F", female)):
            for year, value in zip(YEARS, values, strict=True):
                expected[(name, year, sex)] = value
    sample = preview["sample"]
    assert len(sample) == 8 and preview["figures"] == 27
    assert {s["place"] for s in sample} <= {"JOR", "PSE", "SAU"}
    for row in sample:
        assert row["indicator"] == "migrant_stock" and row["sheet"] == "Table 1" and row["row"] > 0
        assert row["value"] == expected[(row["place_name"], row["year"], row["sex"])]
    assert not Observation.objects.exists()  # a preview writes nothing


def test_a_large_import_refreshes_the_planner_s_statistics(matrix, tmp_path, people):
    """Without it the planner takes a new release for nearly empty until autovacuum runs (never where it is off)
    and reads all 376,423 figures for one group's (docs/operations.md). Small imports leave it to autovacuum."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def analyzed(run) -> bool:
        with CaptureQueriesContext(connection) as context:
            run()
        return any(query["sql"].startswith("ANALYZE") for query in context.captured_queries)

    small = write_xlsx(tmp_path / "a.xlsx", {"Table 1": undesa_2019_layout()})
    assert not analyzed(lambda: services.import_file(path=small, name="a.xlsx", commit=True, user=people.secretariat))
    assert analyzed(lambda: import_real(matrix))
