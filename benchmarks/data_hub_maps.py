"""Time and size of the data hub's maps (data_hub.maps): the projected outlines, once per process, and each SVG.

Usage: .venv/bin/python benchmarks/data_hub_maps.py [runs]

Needs no database: it draws the Arab region's 22 States and the world's countries with made-up figures
(the drawing does not depend on where the figures come from). Prints the time to decode, project and
simplify each frame once (what the first map of a process costs, when the shared cache has not got it),
the time to read it back from the shared cache, the median of ``runs`` (default 50) SVG builds in
English and Arabic, and each SVG's size, plain and gzipped (what a browser downloads).
"""

import gzip
import os
import pickle
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

from django.utils import translation  # noqa: E402

from data_hub import maps  # noqa: E402
from data_hub.reference import GROUPS  # noqa: E402

ARAB_M49 = [12, 48, 174, 262, 818, 368, 400, 414, 422, 434, 478, 504, 512, 275, 634, 682, 706, 729, 760, 788, 784,
            887]


def say(line: str = "") -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main(runs: int) -> None:
    assert len(ARAB_M49) == len(GROUPS[0][4]) == 22
    say(f"load average {os.getloadavg()[0]:.1f}, {os.cpu_count()} cores, {runs} runs")
    for name in ("region", "world"):
        started = time.perf_counter()
        projected = maps.project_frame(maps.FRAMES[name])
        cold = time.perf_counter() - started
        blob = pickle.dumps(projected)
        started = time.perf_counter()
        pickle.loads(blob)
        warm = time.perf_counter() - started
        say(f"{name}: {len(projected.shapes)} countries, {projected.width}x{projected.height} px; decode + project + "
              f"simplify {cold:.2f} s (first map of a process; includes decoding the atlas when not yet done), "
              f"from the shared cache {warm * 1000:.1f} ms ({len(blob) / 1024:.0f} KiB pickled)")
        maps.frame_shapes.cache_clear()
        maps.frame_shapes(name)  # warm this process
        codes = ARAB_M49 if name == "region" else sorted(projected.shapes)
        areas = [maps.Area(code, f"Country {code}", None if code == 275 else float((code * 7919) % 100_003))
                 for code in codes]
        for language in ("en", "ar"):
            with translation.override(language):
                times = []
                for _run in range(runs):
                    started = time.perf_counter()
                    svg = str(maps.choropleth(frame=name, title="Benchmark", description="Made-up figures.",
                                              areas=areas, source="Benchmark"))
                    times.append(time.perf_counter() - started)
            say(f"  {language}: SVG of {len(areas)} coloured countries in {statistics.median(times) * 1000:.1f} ms "
                  f"(median), {len(svg.encode()) / 1024:.0f} KiB, {len(gzip.compress(svg.encode())) / 1024:.0f} KiB "
                  "gzipped")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
