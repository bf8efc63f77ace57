"""Time importing the real UN DESA 2019 files end to end on PostgreSQL: parse, validate, write, record the release.

Usage: DATABASE_URL=postgresql://... .venv/bin/python benchmarks/data_hub_import.py [repeats] [--baseline]

Works in its own database (``<name>_bench``, created with the migrations on first use and kept),
imports each file ``repeats`` times (default 3) into a fresh release, deleting it in between, and
prints the median and each stage. ``--baseline`` also times Django's ``bulk_create`` for the
origin-destination figures, for comparison with COPY.
"""

import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rwg_portal.settings")
os.environ.setdefault("RWG_DEBUG", "true")
os.environ.setdefault("RWG_LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test.utils import setup_databases  # noqa: E402

UNDESA = ROOT.parent / "shared" / "data" / "undesa"
FILES = ["UN_MigrantStockTotal_2019.xlsx", "UN_MigrantStockByOriginAndDestination_2019_wide.csv"]


def say(line: str = "") -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def bench_database() -> None:
    """Use (and keep) a benchmark database beside the configured one, migrated on first use."""
    if connection.vendor != "postgresql":
        sys.exit("This benchmark needs PostgreSQL: set DATABASE_URL=postgresql://...")
    connection.settings_dict.setdefault("TEST", {})["NAME"] = connection.settings_dict["NAME"] + "_bench"
    setup_databases(verbosity=0, interactive=False, keepdb=True)


def machine() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    return (f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python "
            f"{platform.python_version()}, PostgreSQL {version}, load average {os.getloadavg()[0]:.1f}")


def clear() -> None:
    """Start from an empty table, vacuumed, so that every run writes into the same conditions."""
    from data_hub.models import Observation, Release

    Observation.objects.all().delete()
    Release.objects.all().delete()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE data_hub_observation")


def time_import(path: Path, repeats: int) -> None:
    from data_hub import services

    stages: dict[str, list[float]] = {}
    totals = []
    for _ in range(repeats):
        clear()
        marks = {}
        start = time.perf_counter()

        def progress(percent, stage, marks=marks, start=start):
            marks[stage] = time.perf_counter() - start

        outcome = services.import_file(path=path, name=path.name, commit=True, progress=progress)
        total = time.perf_counter() - start
        assert outcome.ok and outcome.written, outcome.preview.get("errors")
        totals.append(total)
        previous = 0.0
        for stage in ("reading", "recognising", "checking", "comparing", "writing"):
            if stage in marks:
                stages.setdefault(f"until '{stage}'", []).append(marks[stage] - previous)
                previous = marks[stage]
        stages.setdefault("writing (COPY, INSERT ... SELECT, release)", []).append(total - previous)
    figures = outcome.preview["figures"]
    say(f"{path.name}: {figures:,} figures")
    say(f"  end to end: median {statistics.median(totals):.2f} s over {repeats} runs "
        f"({', '.join(f'{t:.2f}' for t in totals)})")
    for stage, values in stages.items():
        say(f"    {stage:<45} {statistics.median(values):.2f} s")


def time_bulk_create(path: Path) -> None:
    from data_hub import loading
    from data_hub.importers import parse_file
    from data_hub.models import Dataset, Indicator, Observation, Release

    parsed = parse_file(path, name=path.name)
    frame = loading.prepare(parsed.figures, dict(Indicator.objects.values_list("code", "id")))
    with transaction.atomic():
        release = Release.objects.create(dataset=Dataset.objects.get(code="undesa-od"), revision="baseline",
                                         title="baseline", publisher="-", citation="-")
        start = time.perf_counter()
        Observation.objects.bulk_create(
            [Observation(release_id=release.pk, indicator_id=r.indicator_id, place_id=r.place_id,
                         origin_id=None if r.origin_id is None or r.origin_id != r.origin_id else int(r.origin_id),
                         year=r.year, sex=r.sex, value=r.value, note=r.note) for r in frame.itertuples(index=False)],
            batch_size=5000)
        elapsed = time.perf_counter() - start
        transaction.set_rollback(True)
    say(f"  baseline: Django bulk_create of the same {len(frame):,} rows alone: {elapsed:.2f} s")


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    repeats = int(args[0]) if args else 3
    if not UNDESA.is_dir():
        sys.exit(f"The UN DESA files are not at {UNDESA}.")
    bench_database()
    say(f"Data hub import benchmark on {machine()}")
    for name in FILES:
        time_import(UNDESA / name, repeats)
    if "--baseline" in sys.argv:
        time_bulk_create(UNDESA / FILES[1])
    clear()


if __name__ == "__main__":
    main()
