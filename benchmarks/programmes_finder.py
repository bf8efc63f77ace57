"""Time the synergy finder on generated activities (default 5,000), on one core.

Usage: .venv/bin/python benchmarks/programmes_finder.py [count] [repeats]

No database is needed: the activities are generated in memory with the shapes of the real
catalogue (1-4 places among the 24 codes, 1-3 of the 13 themes, 1-2 of 30 agencies, three
months to four years long, a tenth open-ended, start dates over eleven years).
"""

import datetime
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

# One core, as the issue asks: numpy's threads would otherwise use every core.
for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[variable] = "1"

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rwg_portal.settings")
os.environ.setdefault("RWG_DEBUG", "true")

import django  # noqa: E402

django.setup()

from programmes import finder  # noqa: E402
from rwg_portal import reference  # noqa: E402
from rwg_portal.reference import Theme  # noqa: E402


def generate(count: int, seed: int = 2026) -> list[finder.Item]:
    rng = random.Random(seed)
    places, themes = reference.PLACE_CODES, Theme.values
    items = []
    for pk in range(1, count + 1):
        start = datetime.date(2015, 1, 1) + datetime.timedelta(days=rng.randrange(11 * 365))
        end = None if rng.random() < 0.1 else start + datetime.timedelta(days=rng.randint(90, 4 * 365))
        agencies = {rng.randrange(30)} | ({rng.randrange(30)} if rng.random() < 0.3 else set())
        items.append(finder.Item(id=pk, agencies=frozenset(agencies),
                                 countries=tuple(rng.sample(places, rng.randint(1, 4))),
                                 themes=tuple(rng.sample(themes, rng.randint(1, 3))),
                                 starts_on=start, ends_on=end))
    return items


def say(line: str) -> None:
    sys.stdout.write(line + "\n")


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    items = generate(count)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    timings, ranking = [], None
    for _ in range(repeats):
        started = time.perf_counter()
        ranking = finder.rank(items, today=datetime.date(2026, 1, 1))
        first_page = ranking[:25]  # what the finder page materialises
        timings.append(time.perf_counter() - started)
    say(f"synergy finder: {count} activities, {len(ranking)} pairs ranked, best score {first_page[0].score}")
    say(f"time to rank (best of {repeats}): {min(timings):.3f} s; median {statistics.median(timings):.3f} s")
    say(f"on {platform.python_implementation()} {platform.python_version()}, {platform.machine()}, one core")


if __name__ == "__main__":
    main()
