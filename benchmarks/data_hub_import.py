"""Time importing the real UN DESA files end to end on PostgreSQL: parse, validate, write, record the release;
and, in the same run, a plain COPY of the same rows for comparison.

Usage: DATABASE_URL=postgresql://... .venv/bin/python benchmarks/data_hub_import.py [repeats] [--baseline]

Works in its own database (``<name>_bench``, created with the migrations on first use and kept),
imports each file ``repeats`` times (default 3) into a fresh release, deleting it in between, and
prints the median and each stage. For each file it then times the least any import must do, the same
number of times: read the file with pandas (the same engine) and COPY the same rows, already checked
and in memory, into the observation table; and prints the ratio of the two medians (target: at most
1.5). ``--baseline`` also times Django's ``bulk_create`` for the origin-destination figures.
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
FILES = ["UN_MigrantStockTotal_2015.xlsx", "UN_MigrantStockTotal_2017.xlsx", "UN_MigrantStockTotal_2019.xlsx",
         "UN_MigrantStockByOriginAndDestination_2019_wide.csv"]


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


FIGURES: dict[str, int] = {}


def time_import(path: Path, repeats: int, *, quiet: bool = False) -> float:
    """The import end to end, ``repeats`` times; prints the stages and returns the median."""
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
        # Each progress mark is given when a stage begins: a stage lasts until the next mark.
        previous, name = 0.0, "checksum and file checks"
        for stage in ("reading", "recognising", "checking", "comparing", "writing"):
            if stage in marks:
                stages.setdefault(name, []).append(marks[stage] - previous)
                previous, name = marks[stage], stage
        stages.setdefault("writing (COPY, release)", []).append(total - previous)
    FIGURES[path.name] = outcome.preview["figures"]
    if quiet:
        return statistics.median(totals)
    say(f"  stages of one more import: median {statistics.median(totals):.2f} s over {repeats} runs "
        f"({', '.join(f'{t:.2f}' for t in totals)})")
    for stage, values in stages.items():
        say(f"    {stage:<45} {statistics.median(values):.2f} s")
    return statistics.median(totals)


def time_plain_copy(path: Path, repeats: int, *, quiet: bool = False) -> float:
    """Reading the file with pandas and a plain COPY of the same rows into the observation table: the least an
    import must do. Returns the median; the rows are deleted after each run."""
    import pandas as pd

    from data_hub import loading
    from data_hub.importers import parse_file
    from data_hub.models import Dataset, Indicator, Release

    parsed = parse_file(path, name=path.name)
    frame = loading.prepare(parsed.figures, dict(Indicator.objects.values_list("code", "id")))
    reads, copies = [], []
    for _ in range(repeats):
        clear()
        release = Release.objects.create(dataset=Dataset.objects.get(code="undesa-stock"), revision="plain-copy",
                                         title="plain COPY", publisher="-", citation="-")
        start = time.perf_counter()
        if path.suffix == ".csv":
            pd.read_csv(path, header=None, dtype=str, keep_default_na=False)
        else:
            pd.read_excel(path, sheet_name=None, header=None, engine="calamine")
        read = time.perf_counter()
        with transaction.atomic():
            loading.copy_rows(loading.OBSERVATION, release.pk, frame)
        copies.append(time.perf_counter() - read)
        reads.append(read - start)
    totals = [r + c for r, c in zip(reads, copies, strict=True)]
    if quiet:
        return statistics.median(totals)
    say(f"  plain read + COPY of the same {len(frame):,} rows: median {statistics.median(totals):.2f} s "
        f"(read {statistics.median(reads):.2f} s, COPY {statistics.median(copies):.2f} s)")
    return statistics.median(totals)


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
        # Imports and plain COPYs alternate, so that both see the same load on a shared machine.
        imported, plain = [], []
        for _ in range(repeats):
            imported.append(time_import(UNDESA / name, 1, quiet=True))
            plain.append(time_plain_copy(UNDESA / name, 1, quiet=True))
        say(f"{name}: {FIGURES[name]:,} figures")
        say(f"  import end to end:        median {statistics.median(imported):.2f} s "
            f"({', '.join(f'{t:.2f}' for t in imported)})")
        say(f"  plain read + COPY:        median {statistics.median(plain):.2f} s "
            f"({', '.join(f'{t:.2f}' for t in plain)})")
        ratios = [i / c for i, c in zip(imported, plain, strict=True)]
        say(f"  import / plain read + COPY, run by run: median {statistics.median(ratios):.2f} "
            f"({', '.join(f'{r:.2f}' for r in ratios)}) (target for the matrix: at most 1.5); "
            f"load average now {os.getloadavg()[0]:.1f}")
        time_import(UNDESA / name, 1)  # the stages of one more run
    if "--baseline" in sys.argv:
        time_bulk_create(UNDESA / FILES[1])
    clear()


if __name__ == "__main__":
    main()
