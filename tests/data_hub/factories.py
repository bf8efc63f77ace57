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


def write_xlsx(path: Path, sheets: dict[str, list[list]], merges: dict[str, list[str]] | None = None) -> Path:
    """A workbook with these sheets (rows of cells, None for empty); ``merges``: ranges such as "F9:L9" per sheet."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
        for cells in (merges or {}).get(name, []):
            sheet.merge_cells(cells)
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


# The 2020 and 2024 layouts, as their users describe them (../shared/data/undesa/README.md): a title block,
# blank rows, a row of block labels, blank rows, then the header row holding "Location code", "Type of data"
# and the years; names may carry footnote marks.
SEX_BLOCKS_2020 = ["International migrant stock at mid-year, both sexes combined",
                   "International migrant stock at mid-year, males", "International migrant stock at mid-year, females"]


def title_block_2020(revision_year: int, table: str) -> list[list]:
    return [
        [f"International Migrant Stock {revision_year}"],
        [table],
        [f"POP/DB/MIG/Stock/Rev.{revision_year}"],
        [f"Suggested citation: United Nations Department of Economic and Social Affairs, Population Division "
         f"({revision_year}). International Migrant Stock {revision_year}."],
        [f"© {revision_year} United Nations, DESA, Population Division. Licensed under Creative Commons license "
         "CC BY 3.0 IGO."],
        [], [],
    ]


def undesa_2020_layout(rows=SAMPLE, *, revision_year: int = 2020, years=YEARS, blank_rows: int = 1,
                       footnote: str = "*") -> tuple[list[list], list[str]]:
    """A "Table 1" by sex and destination in the 2020/2024 layout, and the merged ranges of its block labels."""
    from openpyxl.utils import get_column_letter

    first = 5  # Index, name, Notes, Location code, Type of data, then the years
    labels_row = [None] * first
    merges = []
    for label in SEX_BLOCKS_2020:
        labels_row += [label] + [None] * (len(years) - 1)
    head = title_block_2020(revision_year, f"Table 1: International migrant stock at mid-year by sex and by region, "
                                          f"country or area of destination, {years[0]}-{years[-1]}")
    label_index = len(head) + 1
    for i in range(3):
        start = first + 1 + i * len(years)
        merges.append(f"{get_column_letter(start)}{label_index}:{get_column_letter(start + len(years) - 1)}"
                      f"{label_index}")
    head += [labels_row] + [[]] * blank_rows
    head.append(["Index", "Region, development group, country or area", "Notes", "Location code", "Type of data",
                 *years * 3])
    body = [[i + 1, f"{name}{footnote}" if kind else name, "b" if kind else None, code, kind, *both, *male, *female]
            for i, (name, code, kind, both, male, female) in enumerate(rows)]
    return head + body, merges


# Origin-destination figures of the 2020/2024 layout: (destination, code, origin, code, both, male, female).
OD_SAMPLE = [
    ("WORLD", 900, "Egypt", 818, [50, 60, 70], [30, 35, 40], [20, 25, 30]),
    ("Jordan", 400, "Egypt", 818, [10, 20, 30], [6, 11, 16], [4, 9, 14]),
    ("Jordan", 400, "State of Palestine", 275, [100, 110, 120], [50, 55, 60], [50, 55, 60]),
    ("Jordan", 400, "Other South", 1842, [1, 1, 1], [1, 1, 1], [0, 0, 0]),
    ("Saudi Arabia", 682, "Egypt", 818, [200, 300, 400], [150, 200, 250], [50, 100, 150]),
    ("Saudi Arabia", 682, "Northern Africa", 912, [300, 400, 500], [200, 250, 300], [100, 150, 200]),
]


def undesa_2020_od_layout(rows=OD_SAMPLE, *, revision_year: int = 2020, years=YEARS,
                          blank_rows: int = 2) -> list[list]:
    """A "Table 1" by sex, destination and origin in the 2020/2024 layout: one row per destination and origin."""
    first = 7
    labels_row = [None] * first
    for label in SEX_BLOCKS_2020:
        labels_row += [label] + [None] * (len(years) - 1)
    head = title_block_2020(revision_year, "Table 1: International migrant stock at mid-year by sex and by region, "
                                           "country or area of destination and origin")
    head += [labels_row] + [[]] * blank_rows
    head.append(["Index", "Region, development group, country or area of destination", "Notes of destination",
                 "Location code of destination", "Type of data of destination",
                 "Region, development group, country or area of origin", "Location code of origin", *years * 3])
    body = [[i + 1, dest + ("*" if dest == "Jordan" else ""), None, dcode, "B" if dcode < 900 else None, origin,
             ocode, *both, *male, *female]
            for i, (dest, dcode, origin, ocode, both, male, female) in enumerate(rows)]
    return head + body


# Figures for the maps (tests/data_hub/test_maps.py, tests/browser/test_maps_browser.py) -----------------

STOCK_2019 = {"SAU": 13_122_338, "ARE": 8_587_256, "KWT": 3_034_840, "JOR": 3_346_703, "LBN": 1_863_873,
              "OMN": 2_302_509, "QAT": 2_229_307, "BHR": 741_161, "EGY": 504_053, "IRQ": 383_494, "LBY": 818_216,
              "SDN": 1_223_092, "SYR": 867_848, "YEM": 385_628, "DZA": 249_075, "MAR": 98_600, "TUN": 60_120,
              "DJI": 116_089, "MRT": 172_000, "SOM": 54_000, "COM": 12_555}  # no figure for Palestine
EMIGRANTS_OF_EGYPT = {"SAU": 940_000, "ARE": 890_000, "KWT": 350_000, "USA": 200_000, "QAT": 190_000,
                      "JOR": 160_000, "ITA": 140_000, "GBR": 60_000, "CAN": 55_000, "FRA": 50_000,
                      "BHR": 20_000, "OMN": 15_000, "AUS": 12_000}
IMMIGRANTS_IN_EGYPT = {"SDN": 62_000, "SYR": 140_000, "PSE": 70_000, "SOM": 7_000, "YEM": 12_000, "IRQ": 6_000,
                       "LBY": 4_000, "JOR": 3_000, "SAU": 9_000, "USA": 8_000, "ITA": 5_000}


def map_figures() -> dict:
    """A published stock release (21 of the 22 Arab States, both years and sexes) and an origin-destination one."""
    from data_hub.models import Indicator, Place

    places = {p.code: p for p in Place.objects.filter(kind="country")}
    stock = ReleaseFactory(dataset=Dataset.objects.get(code="undesa-stock"), revision="Rev.maps", is_published=True,
                           summary={"indicators": ["migrant_stock"], "years": [2010, 2015, 2019]})
    indicator = Indicator.objects.get(code="migrant_stock")
    Observation.objects.bulk_create([
        Observation(release=stock, indicator=indicator, place=places[code], year=year, sex=sex,
                    value=round(value * factor * (year - 2000) / 19))
        for code, value in STOCK_2019.items() for year in (2010, 2015, 2019)
        for sex, factor in (("T", 1.0), ("M", 0.6), ("F", 0.4))])
    od = ReleaseFactory(dataset=Dataset.objects.get(code="undesa-od"), revision="Rev.maps-od", is_published=True,
                        summary={"indicators": ["od_migrant_stock"], "years": [2019]})
    indicator = Indicator.objects.get(code="od_migrant_stock")
    Observation.objects.bulk_create(
        [Observation(release=od, indicator=indicator, place=places[code], origin=places["EGY"], year=2019, sex="T",
                     value=value) for code, value in EMIGRANTS_OF_EGYPT.items()]
        + [Observation(release=od, indicator=indicator, place=places["EGY"], origin=places[code], year=2019,
                       sex="T", value=value) for code, value in IMMIGRANTS_IN_EGYPT.items()])
    return {"stock": stock, "od": od}
