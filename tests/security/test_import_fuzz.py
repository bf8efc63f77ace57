"""Hostile input for the data hub importers (hypothesis): random and malformed CSV files and workbooks.

Every case ends in a clear refusal (``ImportRefused`` with a message, or a preview listing errors)
or a correct import; never another exception, never a partial write.
"""

import csv
import io
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from data_hub import services
from data_hub.importers import ImportRefused
from data_hub.importers.tidy import TEMPLATE_COLUMNS
from data_hub.models import Dataset, ImportJob, Observation, Release
from tests.data_hub.conftest import ensure_reference_data

pytestmark = pytest.mark.django_db

FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))

cells = st.one_of(
    st.text(max_size=12),
    st.integers(min_value=-10**12, max_value=10**12).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["migrant_stock", "JOR", "EGY", "ARAB", "XXX", "2019", "1850", "3000", "T", "M", "F", "",
                     "=1+1", "-", "NaN", "1e308", "١٢٣", "\x00", "   "]),
)
rows = st.lists(st.lists(cells, min_size=0, max_size=10), min_size=0, max_size=12)
headers = st.one_of(st.just(TEMPLATE_COLUMNS), st.permutations(TEMPLATE_COLUMNS),
                    st.lists(st.sampled_from([*TEMPLATE_COLUMNS, "x", ""]), max_size=10))


def counts() -> tuple:
    return (Observation.objects.count(), Release.objects.count(), Dataset.objects.count(), ImportJob.objects.count())


def attempt(path: Path, name: str) -> None:
    before = counts()
    try:
        outcome = services.import_file(path=path, name=name, commit=True)
    except ImportRefused as refused:
        assert str(refused).strip(), "a refusal must say why"
        assert counts() == before
        return
    if not outcome.ok:
        assert outcome.errors, "a failed import must list its errors"
        assert counts() == before, "a failed import wrote something"
    else:
        release = outcome.release
        assert release is not None and release.pk
        assert Observation.objects.filter(release=release).exists()


def scratch(name: str) -> Path:
    return Path(tempfile.mkdtemp()) / name


def write_csv(rows_: list[list[str]], encoding: str = "utf-8") -> Path:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows_)
    path = scratch("figures.csv")
    path.write_bytes(buffer.getvalue().encode(encoding, errors="replace"))
    return path


def write_xlsx(rows_: list[list[str]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "data"
    for row in rows_:
        # Characters a workbook cannot hold at all are left out: Excel could not have written them either.
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", str(c)) for c in row])
    path = scratch("figures.xlsx")
    workbook.save(path)
    return path


@FUZZ
@given(header=headers, body=rows)
def test_random_tidy_csv(header, body):
    ensure_reference_data()
    path = write_csv([header, *body])
    try:
        attempt(path, "figures.csv")
    finally:
        path.unlink()


@FUZZ
@given(header=headers, body=rows)
def test_random_tidy_workbook(header, body):
    ensure_reference_data()
    path = write_xlsx([header, *body])
    try:
        attempt(path, "figures.xlsx")
    finally:
        path.unlink()


@FUZZ
@given(content=st.binary(max_size=4096), suffix=st.sampled_from([".csv", ".xlsx", ".xls", ".txt"]))
def test_random_bytes(content, suffix):
    ensure_reference_data()
    path = scratch(f"upload{suffix}")
    path.write_bytes(content)
    try:
        attempt(path, path.name)
    finally:
        path.unlink()
