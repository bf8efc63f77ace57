"""A small UN DESA-style workbook imported through the data hub, for data blocks in reports.

Three Arab countries over three years, by sex, so that the Arab region's figures are their
sums: in 2010, 30 + 7 + 300 = 337 migrants of both sexes, 230 men and 107 women.
"""

from pathlib import Path

from django.core.cache import cache
from openpyxl import Workbook

YEARS = [1990, 2000, 2010]
# name, M49 code, both sexes, male, female (per year)
COUNTRIES = [
    ("Jordan", 400, [10, 20, 30], [6, 11, 16], [4, 9, 14]),
    ("State of Palestine", 275, [5, 6, 7], [3, 3, 4], [2, 3, 3]),
    ("Saudi Arabia", 682, [100, 200, 300], [70, 140, 210], [30, 60, 90]),
]
ARAB_2010 = (337, 230, 107)  # both sexes, male, female: the sums above


def _workbook(path: Path) -> Path:
    """A "Table 1" laid out as UN DESA's 2019 International Migrant Stock workbook."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Table 1"
    title = "International Migrant Stock 2019"
    sheet.append([None, None, None, None, "United Nations"])
    sheet.append([None, None, None, None, f"Table 1 - {title}: International migrant stock at mid-year by sex"])
    sheet.append([None, None, None, None, "Suggested citation: United Nations, Department of Economic and Social "
                  f"Affairs. Population Division (2019). {title} (United Nations database, "
                  "POP/DB/MIG/Stock/Rev.2019)."])
    sheet.append([])
    sheet.append(["Sort\norder", "Major area, region, country or area of destination", "Notes", "Code",
                  "Type of data (a)", "International migrant stock at mid-year (both sexes)", None, None,
                  "International migrant stock at mid-year (male)", None, None,
                  "International migrant stock at mid-year (female)", None, None])
    sheet.append([None, None, None, None, None, *YEARS, *YEARS, *YEARS])
    for order, (name, code, both, male, female) in enumerate(COUNTRIES, start=1):
        sheet.append([order, name, None, code, "B", *both, *male, *female])
    book.save(path)
    return path


def import_sample_release(folder: Path, *, user):
    """Import the sample workbook (seeding the reference places first if a flush removed them)."""
    from data_hub import services
    from data_hub.models import Dataset, Indicator, Place
    from data_hub.seeding import seed_all

    if not Place.objects.filter(code="ARAB").exists():
        seed_all(Place=Place, Indicator=Indicator, Dataset=Dataset)
    cache.clear()
    path = _workbook(Path(folder) / "stock.xlsx")
    outcome = services.import_file(path=path, name=path.name, user=user, commit=True)
    assert outcome.ok, outcome.preview["errors"][:5]
    cache.clear()
    return outcome.release


def delete_release(release, *, user) -> None:
    from data_hub import services

    services.release_delete(release=release, user=user)
    cache.clear()
