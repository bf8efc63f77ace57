"""Time the Arab-region aggregate (by sex, over all years) with 1,000,000 observations loaded.

Usage: DATABASE_URL=postgresql://... .venv/bin/python benchmarks/data_hub_aggregate.py [runs]

Works in its own database (``<name>_bench``, created with the migrations on first use and kept):
imports the real 2019 files (about 393,000 figures), tops them up to 1,000,000 with generated
releases (clearly not real data, deleted at the end), then prints the median of ``runs`` (default
200) answers of the explorer's aggregate function computed in the database (cache bypassed),
from the cache, and through the API.
"""

import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rwg_portal.settings")
os.environ.setdefault("RWG_DEBUG", "true")
os.environ.setdefault("RWG_LOG_LEVEL", "WARNING")
os.environ.setdefault("RWG_HTTPS", "false")

import django  # noqa: E402

django.setup()

from data_hub_import import UNDESA, bench_database, machine, say  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402

TARGET = 1_000_000


def load() -> tuple:
    from data_hub import loading, services
    from data_hub.models import Dataset, Indicator, Observation, Place, Release

    Observation.objects.all().delete()
    Release.objects.all().delete()
    stock = services.import_file(path=UNDESA / "UN_MigrantStockTotal_2019.xlsx", name="stock.xlsx", commit=True)
    services.import_file(path=UNDESA / "UN_MigrantStockByOriginAndDestination_2019_wide.csv", name="od.csv",
                         commit=True)
    countries = np.array(list(Place.objects.filter(kind="country").values_list("pk", flat=True)))
    indicator = Indicator.objects.get(code="migrant_stock").pk
    dataset = Dataset.objects.get_or_create(code="benchmark", defaults={"name_en": "Generated (benchmark)",
                                                                         "publisher": "benchmark"})[0]
    revision = 0
    rng = np.random.default_rng(1)
    while Observation.objects.count() < TARGET:
        revision += 1
        # A generated revision: every country, 61 years, three sexes (not real figures).
        years = np.arange(1960, 2021)
        grid = pd.MultiIndex.from_product([countries, years, ["T", "M", "F"]], names=["place_id", "year", "sex"])
        frame = grid.to_frame(index=False)
        frame = frame.assign(indicator_id=indicator, origin_id=pd.array([pd.NA] * len(frame), dtype="Int64"),
                             value=rng.integers(0, 1_000_000, len(frame)).astype("float64"), note="")
        missing = TARGET - Observation.objects.count()
        frame = frame.head(missing)
        with transaction.atomic():
            release = Release.objects.create(dataset=dataset, revision=f"generated-{revision}", title="generated",
                                             publisher="benchmark", citation="generated for a benchmark",
                                             summary={"indicators": ["migrant_stock"], "years": years.tolist()})
            loading.write(release_id=release.pk, frame=frame[loading.COLUMNS])
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE data_hub_observation")
    return stock.release


def median_ms(function, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    if not UNDESA.is_dir():
        sys.exit(f"The UN DESA files are not at {UNDESA}.")
    bench_database()
    from django.core.cache import cache

    from data_hub import selectors
    from data_hub.models import Indicator, Observation, Place, Release

    release = load()
    arab = Place.objects.get(code="ARAB")
    stock = Indicator.objects.get(code="migrant_stock")
    say(f"Arab-region aggregate benchmark on {machine()}")
    say(f"Observations loaded: {Observation.objects.count():,}")
    figures = selectors._aggregate(stock, release, [arab], None, None, None)
    say(f"Answer: {len(figures)} figures (7 years x 3 sexes), e.g. 2019 both sexes = "
        f"{next(f.value for f in figures if f.year == 2019 and f.sex == 'T'):,.0f}")
    database = median_ms(lambda: selectors._aggregate(stock, release, [arab], None, None, None), runs)
    say(f"  computed in the database (no cache): median {database:.2f} ms over {runs} runs")
    cache.clear()
    cached = median_ms(lambda: selectors.aggregate(indicator=stock, release=release, places=[arab]), runs)
    say(f"  through the cache:                   median {cached:.2f} ms over {runs} runs")
    client = Client()
    url = "/data/api/v1/aggregates.json?indicator=migrant_stock&place=ARAB"
    response = client.get(url, headers={"host": "127.0.0.1"})
    assert response.status_code == 200, response.status_code
    api = median_ms(lambda: client.get(url, headers={"host": "127.0.0.1"}), max(20, runs // 10))
    say(f"  the API's whole answer (cached figures): median {api:.2f} ms")
    with connection.cursor() as cursor:
        cursor.execute(
            "EXPLAIN (ANALYZE, BUFFERS) SELECT g.from_place_id, o.year, o.sex, SUM(o.value) "
            "FROM data_hub_observation o JOIN data_hub_place_members g ON g.to_place_id = o.place_id "
            "WHERE o.release_id = %s AND o.indicator_id = %s AND o.origin_id IS NULL AND g.from_place_id = %s "
            "GROUP BY 1, 2, 3",
            [release.pk, stock.pk, arab.pk])
        say("  plan: " + " | ".join(row[0].strip() for row in cursor.fetchall()[:6]))
    Observation.objects.filter(release__dataset__code="benchmark").delete()
    Release.objects.filter(dataset__code="benchmark").delete()


if __name__ == "__main__":
    main()
