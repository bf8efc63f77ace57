"""Where a page's time goes: each URL of the load test's mix asked in-process, with its queries.

For each URL (benchmarks/load_test.py ``page_mix``) as the visitor of the mix: the best of
``--repeat`` times (warm: the shared caches filled by the first request), the number of SQL
queries and their time. ``--cold`` clears the cache before every request (what the first visitor
after a change pays). ``--profile TEXT`` prints cProfile's top functions for the URLs containing
TEXT. Same database set-up as the load test (see its docstring):

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/rwg_load RWG_DATA_DIR=/tmp/rwg-load \\
    REDIS_URL=redis://127.0.0.1:6379/11 .venv/bin/python benchmarks/page_profile.py
"""

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def say(line: str = "") -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cold", action="store_true", help="clear the cache before each request")
    parser.add_argument("--only", metavar="TEXT", help="only the URLs containing TEXT")
    parser.add_argument("--profile", metavar="TEXT", help="cProfile the URLs containing TEXT")
    parser.add_argument("--sql", metavar="TEXT", help="print the queries of the URLs containing TEXT, slowest first")
    args = parser.parse_args()
    os.environ.update({"RWG_DEBUG": "false", "RWG_HTTPS": "false", "RWG_STATIC_MANIFEST": "false",
                       "RWG_PAGE_CACHE_SECONDS": "0", "RWG_LOG_LEVEL": "WARNING",
                       "RWG_SECRET_KEY": "load-test-only-secret-key-0123456789-abcdefghijklmnop"})
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rwg_portal.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from benchmarks.load_test import MEMBERS, ROLE_ACCOUNTS, page_mix
    from members.models import User

    clients = {"anonymous": Client()}
    for who, account in {"member": MEMBERS[0], **ROLE_ACCOUNTS}.items():
        clients[who] = Client()
        clients[who].force_login(User.objects.get(email=f"{account}@demo.rwg-portal.org"))
    pages = [p for p in page_mix() if not args.only or args.only in p.label]
    rows = []
    for page in pages:
        client = clients[page.who]
        client.get(page.path, HTTP_HOST="127.0.0.1")  # warm
        best, queries, sql_ms = float("inf"), 0, 0.0
        for _ in range(args.repeat):
            if args.cold:
                cache.clear()
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(page.path, HTTP_HOST="127.0.0.1")
                elapsed = (time.perf_counter() - started) * 1000
            if elapsed < best:
                best, queries = elapsed, len(captured.captured_queries)
                sql_ms = sum(float(q["time"]) for q in captured.captured_queries) * 1000
        rows.append((best, queries, sql_ms, response.status_code, page.label))
        if args.sql and args.sql in page.label:
            say(f"--- {page.label}")
            for query in sorted(captured.captured_queries, key=lambda q: -float(q["time"])):
                say(f"{float(query['time']) * 1000:7.1f} ms  {query['sql'][:600]}")
        if args.profile and args.profile in page.label:
            profiler = cProfile.Profile()
            profiler.enable()
            client.get(page.path, HTTP_HOST="127.0.0.1")
            profiler.disable()
            say(f"--- {page.label}")
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(str(ROOT) + r"/(?!\.venv)", 40)
    say(f"{'ms':>7} {'queries':>7} {'sql ms':>7} status  URL ({'cold' if args.cold else 'warm'} shared caches)")
    for best, queries, sql_ms, status, label in sorted(rows, reverse=True):
        say(f"{best:7.1f} {queries:7d} {sql_ms:7.1f} {status:>6}  {label}")
    say(f"total {sum(r[0] for r in rows):.0f} ms for {len(rows)} URLs, {sum(r[1] for r in rows)} queries")


if __name__ == "__main__":
    main()
