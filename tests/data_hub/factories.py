"""factory_boy factories for the data hub, and small helpers that write test files."""

import csv
import io
from pathlib import Path

import factory
from openpyxl import Workbook

from data_hub.models import Dataset, Observation, Release


class DatasetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dataset
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"dataset-{n}")
    name_en = factory.LazyAttribute(lambda o: f"Dataset {o.code}")
    publisher = "Test publisher"


class ReleaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Release

    dataset = factory.SubFactory(DatasetFactory)
    revision = factory.Sequence(lambda n: f"rev-{n}")
    title = factory.LazyAttribute(lambda o: f"Release {o.revision}")
    publisher = "Test publisher"
    citation = factory.LazyAttribute(lambda o: f"Test publisher (2024). {o.title}.")
    licence = "CC BY 4.0"
    is_current = True
    summary = factory.LazyFunction(lambda: {"indicators": ["migrant_stock"], "years": [2010, 2019]})


class ObservationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Observation

    release = factory.SubFactory(ReleaseFactory)
    year = 2019
    sex = "T"
    value = 1000.0


def write_xlsx(path: Path, sheets: dict[str, list[list]]) -> Path:
    """A workbook with these sheets (rows of cells, None for empty)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


def write_csv(path: Path, rows: list[list]) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


YEARS = [1990, 2000, 2010]
# Three countries and two regions, by sex, consistent (male + female = both sexes).
SAMPLE = [
    ("WORLD", 900, None, [100, 110, 120], [50, 55, 60], [50, 55, 60]),
    ("Northern Africa", 912, None, [30, 33, 36], [15, 16, 18], [15, 17, 18]),
    ("Jordan", 400, "B", [10, 20, 30], [6, 11, 16], [4, 9, 14]),
    ("State of Palestine", 275, "B R", [5, 6, 7], [3, 3, 4], [2, 3, 3]),
    ("Saudi Arabia", 682, "B", [100, 200, 300], [70, 140, 210], [30, 60, 90]),
]


def undesa_2019_layout(rows=SAMPLE, *, code_label="Code", name_label="Major area, region, country or area of "
                       "destination", title="International Migrant Stock 2019") -> list[list]:
    """A "Table 1" in the 2019 layout: title rows, a two-row header (sex blocks, then years)."""
    head = [
        [None, None, None, None, "United Nations"],
        [None, None, None, None, f"Table 1 - {title}: International migrant stock at mid-year by sex"],
        [None, None, None, None, "Suggested citation: United Nations, Department of Economic and Social Affairs. "
                                 f"Population Division (2019). {title} (United Nations database, "
                                 "POP/DB/MIG/Stock/Rev.2019)."],
        [],
        ["Sort\norder", name_label, "Notes", code_label, "Type of data (a)",
         "International migrant stock at mid-year (both sexes)", None, None,
         "International migrant stock at mid-year (male)", None, None,
         "International migrant stock at mid-year (female)", None, None],
        [None, None, None, None, None, *YEARS, *YEARS, *YEARS],
    ]
    body = [[i + 1, name, None, code, kind, *both, *male, *female]
            for i, (name, code, kind, both, male, female) in enumerate(rows)]
    return head + body
