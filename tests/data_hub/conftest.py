"""Fixtures for the data hub's tests: in-process Celery, a clean cache, reference data, the real UN DESA files."""

import pytest
from django.core.cache import cache

from data_hub import services
from data_hub.seeding import ensure_reference_data
from tests.conftest import SHARED_DATA, skip_missing_outside_project

WORKBOOK = "UN_MigrantStockTotal_2019.xlsx"
MATRIX = "UN_MigrantStockByOriginAndDestination_2019_wide.csv"


@pytest.fixture(autouse=True)
def _clean_cache():
    """Cached figures must not leak from one test (or one test database) into another."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def eager_celery():
    """Run tasks in-process when their on_commit callbacks fire (the worker tests use a real worker)."""
    from rwg_portal.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _reference_data(request):
    marker = request.node.get_closest_marker("django_db")
    if marker is None:
        return
    request.getfixturevalue("transactional_db" if marker.kwargs.get("transaction") else "db")
    ensure_reference_data()


@pytest.fixture
def seeded(db):
    """The migration's reference data, again if needed: transactional tests flush it away after each test."""
    ensure_reference_data()


@pytest.fixture
def workbook(undesa_dir):
    return undesa_dir / WORKBOOK


@pytest.fixture
def matrix(undesa_dir):
    return undesa_dir / MATRIX


def import_real(path, **kwargs):
    outcome = services.import_file(path=path, name=path.name, commit=True, **kwargs)
    assert outcome.ok, outcome.preview["errors"][:5]
    return outcome.release


@pytest.fixture(scope="module")
def real_releases(django_db_setup, django_db_blocker):
    """Both real 2019 files imported once for a module (committed; removed at the module's end).

    Modules using it must not hold transactional tests, which would flush the data.
    """
    folder = SHARED_DATA / "undesa"
    if not folder.is_dir():
        skip_missing_outside_project(f"the UN DESA files are not at {folder} (they sit in ../shared/data beside "
                                     "the clone in CI)")
    with django_db_blocker.unblock():
        ensure_reference_data()
        stock = import_real(folder / WORKBOOK)
        od = import_real(folder / MATRIX)
        yield {"stock": stock, "od": od}
        from data_hub.models import Observation, Release

        Observation.objects.filter(release__in=[stock, od]).delete()
        Release.history.filter(id__in=[stock.pk, od.pk]).delete()
        Release.objects.filter(pk__in=[stock.pk, od.pk]).delete()
