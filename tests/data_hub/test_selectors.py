import datetime

import pytest
from django.utils import timezone

from data_hub import selectors, services
from data_hub.models import Dataset, Indicator, Place
from tests.data_hub.factories import SAMPLE, DatasetFactory, ReleaseFactory, undesa_2019_layout, write_xlsx

pytestmark = pytest.mark.django_db


def stock(release, place="ARAB", year=2010):
    return selectors.aggregate(indicator=Indicator.objects.get(code="migrant_stock"), release=release,
                               places=[Place.objects.get(code=place)], years=[year], sexes=["T"])[0].value


def test_group_figures_follow_imports_and_group_changes(tmp_path, people, django_capture_on_commit_callbacks):
    path = write_xlsx(tmp_path / "s.xlsx", {"Table 1": undesa_2019_layout()})
    with django_capture_on_commit_callbacks(execute=True):
        release = services.import_file(path=path, name="s.xlsx", commit=True, user=people.secretariat).release
    assert stock(release) == 30 + 7 + 300
    # A revised file: the cached figure is invalidated when the import commits.
    rows = [*SAMPLE[:2], ("Jordan", 400, "B", [10, 20, 40], [6, 11, 20], [4, 9, 20]), *SAMPLE[3:]]
    path.unlink()
    write_xlsx(path, {"Table 1": undesa_2019_layout(rows)})
    with django_capture_on_commit_callbacks(execute=True):
        services.import_file(path=path, name="s.xlsx", commit=True, user=people.secretariat)
    release.refresh_from_db()
    assert stock(release) == 40 + 7 + 300
    # A user-defined group, then changed.
    with django_capture_on_commit_callbacks(execute=True):
        group = services.group_create(code="PAIR", name_en="Pair", members=[Place.objects.get(code="JOR")],
                                      user=people.secretariat)
    assert stock(release, "PAIR") == 40
    with django_capture_on_commit_callbacks(execute=True):
        services.group_update(group=group, name_en="Pair", user=people.secretariat,
                              members=[Place.objects.get(code="JOR"), Place.objects.get(code="SAU")])
    assert stock(release, "PAIR") == 340


def test_coverage_and_sex_disaggregation(tmp_path, people):
    path = write_xlsx(tmp_path / "s.xlsx", {"Table 1": undesa_2019_layout()})
    release = services.import_file(path=path, name="s.xlsx", commit=True, user=people.secretariat).release
    places = [Place.objects.get(code=c) for c in ("JOR", "EGY")]
    coverage = selectors.coverage(release=release, indicator=Indicator.objects.get(code="migrant_stock"),
                                  places=places, years=release.years)
    assert coverage["expected"] == 18 and coverage["present"] == 9
    assert [row["missing"] for row in coverage["rows"]] == [0, 9]
    (row,) = selectors.sex_disaggregation(release)
    assert (row["keys"], row["disaggregated"], row["share"]) == (9, 9, 100.0)


def test_an_agency_release_never_stands_in_for_the_official_figures(people):
    """Security 15.2: an agency's release holding the official indicator (as one imported before agencies were
    refused them), current, published and newer than UN DESA's, must not become the default release of pages,
    the API and report blocks. PostgreSQL put it first (``dataset__agency_id`` ascending, NULLs last) while
    SQLite did not; the order is now spelt out and the same on both."""
    official = ReleaseFactory(dataset=Dataset.objects.get(code="undesa-stock"), revision="Rev.2019",
                              imported_at=timezone.now() - datetime.timedelta(days=30))
    ReleaseFactory(dataset=DatasetFactory(agency=people.owning), revision="2025", imported_at=timezone.now())
    stock_indicator = Indicator.objects.get(code="migrant_stock")
    assert selectors.default_release(stock_indicator) == official
    assert selectors.default_release(stock_indicator, people.focal_point) == official
    assert selectors.default_release(stock_indicator, people.secretariat) == official


def test_the_default_release_prefers_published_then_newer_releases(people):
    """For group members, who also see unpublished releases: a published release before an unpublished one."""
    dataset = DatasetFactory(agency=people.owning)
    published = ReleaseFactory(dataset=dataset, revision="1", imported_at=timezone.now() - datetime.timedelta(days=1),
                               is_current=False)
    ReleaseFactory(dataset=dataset, revision="2", is_published=False, is_current=False)
    indicator = Indicator.objects.get(code="migrant_stock")
    assert selectors.default_release(indicator, people.focal_point) == published
    assert selectors.default_release(indicator) == published
