"""Every CSV and Excel export neutralises cells a spreadsheet would run as formulas (CSV injection)."""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tests.security.world import build_world

FORMULAS = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]
DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cells(content: bytes) -> list[str]:
    text = content.decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def xlsx_cells(content: bytes) -> list:
    workbook = load_workbook(io.BytesIO(content))
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]


def assert_no_formula_csv(content: bytes, planted: str) -> None:
    cells = csv_cells(content)
    assert any(planted.strip() in cell for cell in cells), "the planted text is not in the export"
    for cell in cells:
        if cell and not _is_number(cell):
            assert not cell.startswith(DANGEROUS_START), cell


def assert_no_formula_xlsx(content: bytes, planted: str) -> None:
    cells = xlsx_cells(content)
    assert any(isinstance(c.value, str) and planted.strip() in c.value for c in cells)
    for cell in cells:
        # A text cell ("s" or inline string) is shown, never run, whatever it starts with.
        assert cell.data_type != "f", (cell.coordinate, cell.value)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("planted", FORMULAS)
def test_neutralise_functions(planted):
    from rwg_portal.spreadsheets import neutralise

    assert not str(neutralise(planted)).startswith(DANGEROUS_START)
    assert neutralise(-3.5) == -3.5  # numbers stay numbers


@pytest.mark.django_db
def test_programme_exports(people, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    world = build_world(people)
    planted = FORMULAS[0]
    world.activity.title_en = planted
    world.activity.summary_en = "@SUM(A1:A9)"
    world.activity.save()
    client = Client()
    client.force_login(people.focal_point)
    assert_no_formula_csv(client.get(reverse("programmes:activity_export_csv")).content, planted)
    assert_no_formula_xlsx(client.get(reverse("programmes:activity_export_xlsx")).content, planted)


@pytest.mark.django_db
def test_data_hub_downloads(people, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    world = build_world(people)
    planted = "=cmd|' /C calc'!A0"
    world.release.title = planted
    world.release.citation = "+citation"
    world.release.save()
    client = Client()
    client.force_login(people.focal_point)
    response = client.get(reverse("data_hub:release_download", args=[world.release.pk]))
    assert response.status_code == 200
    # A ZIP: the figures' CSV (formula-safe) and the source as plain text, which no spreadsheet runs.
    import zipfile

    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    table = next(n for n in archive.namelist() if n.endswith(".csv"))
    source = next(n for n in archive.namelist() if n.endswith(".txt"))
    assert planted in archive.read(source).decode()
    cells = csv_cells(archive.read(table))
    assert cells and not any(c.startswith(DANGEROUS_START) and not _is_number(c) for c in cells if c)


def test_data_hub_table_files():
    from data_hub.downloads import table_csv, table_xlsx

    rows = [["=1+1", 5], ["@x", -2.5]]
    kwargs = {"title": "+title", "columns": ["-place", "value"], "rows": rows, "citation": "=cite", "licence": "@l"}
    assert_no_formula_csv(table_csv(**kwargs), "1+1")
    assert_no_formula_xlsx(table_xlsx(**kwargs), "1+1")
