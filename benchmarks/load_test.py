"""Load test: a realistic mix of the portal's pages against a bare Django view, same server, same run.

Serves the portal with gunicorn on 127.0.0.1 (PostgreSQL with the demo content, Redis for the
cache). For each number of concurrent users (no think time) it runs the page mix for the given
duration, then the bare view (benchmarks/load_wsgi.py: 50 rows from PostgreSQL in a template) for
the same duration, and prints p50, p95, throughput, errors, the ratio of the throughputs and, per
URL, its median and the ratio of that median to the bare view's median.

The mix (``page_mix``, 60 or so URLs read from the database) covers the portal: the dashboard of
each role, meetings, calendar, action items, activities, agencies and people, reports and chapters,
the explorer with varied choices, country and group pages for many places, the API with varied
filters, and the public pages as an anonymous visitor. Each simulated user has sessions of its own
(one per role it plays: a focal point or alternate, the secretariat, an RCM delegate, plus an
anonymous cookie jar) and walks the URLs in its own shuffled order, shuffled again each round.

No page is cached whole: the portal has no per-visitor page cache any more. It was removed after
this test measured its hit rate (docs/operations.md): the commit "Load test: a realistic mix" (the
first of branch perf) had ``--page-cache SECONDS`` and counted the ``X-Page-Cache`` header that
cache then sent. ``--conditional`` adds the throughput of a public page asked in full against the same page asked with
``If-None-Match`` (answered 304).

Only 127.0.0.1 is asked; every phase is bounded by ``--duration`` and ``--max-requests``.

Prepare a database once (it is not touched by the tests):

    createdb -h 127.0.0.1 -U postgres rwg_load
    export DATABASE_URL=postgresql://postgres@127.0.0.1:5432/rwg_load RWG_DATA_DIR=/tmp/rwg-load
    RWG_DEBUG=true .venv/bin/python manage.py migrate && ... rwg_seed && ... rwg_demo

then run, with the same DATABASE_URL and RWG_DATA_DIR:

    REDIS_URL=redis://127.0.0.1:6379/11 .venv/bin/python benchmarks/load_test.py --duration 60 --users 10 50
"""

import argparse
import contextlib
import datetime
import http.client
import os
import platform
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"  # never anything else
BARE = "/benchmark/bare-table/"
# A public answer whose ETag is the same for every anonymous visitor (HTML pages' ETags include the
# visitor's CSRF cookie: each visitor would need its own).
CONDITIONAL = "/data/api/v1/aggregates.json?indicator=migrant_stock&place=ARAB,GCC&sex=T"
# The accounts a simulated user signs in as for its "member" pages (one after the other).
MEMBERS = ["focal.iom", "focal.ilo", "alternate.iom", "focal.las", "focal.escwa", "alternate.ilo", "focal.unfpa",
           "focal.unwomen", "alternate.las", "focal.who"]
ROLE_ACCOUNTS = {"secretariat": "secretariat", "delegate": "delegate"}


def say(line: str = "") -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def load_average() -> str:
    return "load average " + " ".join(f"{value:.2f}" for value in os.getloadavg())


@dataclass(frozen=True)
class Page:
    """One URL of the mix, asked as ``who`` (member, secretariat, delegate or anonymous)."""

    path: str
    who: str = "member"

    @property
    def label(self) -> str:
        return self.path if self.who == "member" else f"{self.path} [{self.who}]"


def page_mix() -> list[Page]:
    """About 60 URLs covering the portal, read from the demo content."""
    from data_hub.models import Indicator, Place, Release
    from meetings.models import ActionItem, Meeting
    from members.models import Agency
    from programmes.models import Activity
    from reports.models import Chapter, Report

    def first(model, count, **filters):
        return list(model.objects.filter(**filters).order_by("pk").values_list("pk", flat=True)[:count])

    pages = [Page("/"), Page("/", "secretariat"), Page("/", "delegate"), Page("/", "anonymous")]
    # Meetings
    pages += [Page("/meetings/"), Page("/meetings/calendar/"), Page("/meetings/action-items/"),
              Page("/meetings/rcm-decisions/", "delegate")]
    pages += [Page(f"/meetings/{pk}/") for pk in first(Meeting, 5)]
    pages += [Page(f"/meetings/action-items/{pk}/") for pk in first(ActionItem, 2)]
    # Programmes
    pages += [Page("/programmes/activities/"), Page("/programmes/activities/?country=JOR"),
              Page("/programmes/coverage/"), Page("/programmes/good-practices/")]
    pages += [Page(f"/programmes/activities/{pk}/") for pk in first(Activity, 5)]
    # Members
    pages += [Page("/members/agencies/"), Page("/members/people/", "secretariat")]
    pages += [Page(f"/members/agencies/{pk}/") for pk in first(Agency, 3)]
    from members.models import User
    pages += [Page(f"/members/people/{pk}/", "secretariat") for pk in first(User, 2, is_active=True)]
    # Reports
    pages += [Page("/reports/"), Page("/reports/public/", "anonymous")]
    pages += [Page(f"/reports/{pk}/") for pk in first(Report, 2)]
    pages += [Page(f"/reports/chapters/{pk}/") for pk in first(Chapter, 3)]
    # Data hub: explorer with varied choices
    pages += [Page("/data/"), Page("/data/", "anonymous"),
              Page("/data/?indicator=migrant_stock&places=ARAB&places=GCC&sexes=T&sexes=F"),
              Page("/data/?indicator=migrant_stock&places=JOR&places=LBN&places=EGY&sexes=T&sexes=M&sexes=F"),
              Page("/data/?indicator=female_share&places=ARAB&places=MAGHREB&sexes=F"),
              Page("/data/?indicator=od_migrant_stock&places=SAU&places=ARE&origin=EGY&sexes=T"),
              Page("/data/?indicator=migrant_stock&places=MAR&places=TUN&places=DZA&years=2010&years=2019&sexes=T")]
    # Country and group pages for many places
    countries = ["JOR", "LBN", "EGY", "SAU", "ARE", "MAR", "IRQ", "QAT", "KWT", "OMN", "TUN", "DZA", "SYR", "YEM",
                 "SDN", "LBY", "BHR", "PSE"]
    known = set(Place.objects.values_list("code", flat=True))
    groups = list(Place.objects.filter(kind="group").order_by("code").values_list("code", flat=True)[:4])
    places = [c for c in countries if c in known] + groups
    pages += [Page(f"/data/places/{code}/", "anonymous" if i % 3 == 0 else "member") for i, code in enumerate(places)]
    pages += [Page("/data/places/"), Page("/data/releases/"), Page("/data/quality/")]
    # The API, varied filters; anonymous like most of its users
    api = "/data/api/v1/"
    pages += [Page(f"{api}indicators.json", "anonymous"), Page(f"{api}places.json", "anonymous"),
              Page(f"{api}releases.json", "anonymous"),
              Page(f"{api}observations.json?indicator=migrant_stock&place=JOR&limit=50", "anonymous"),
              Page(f"{api}observations.json?indicator=migrant_stock&place=EGY,MAR&years=2019&sex=F", "anonymous"),
              Page(f"{api}observations.csv?indicator=od_migrant_stock&place=SAU&year=2019&limit=200", "anonymous"),
              Page(f"{api}observations.json?indicator=od_migrant_stock&group=GCC&limit=100&offset=100", "anonymous"),
              Page(f"{api}aggregates.json?indicator=migrant_stock&place=ARAB,GCC&sex=T", "anonymous"),
              Page(f"{api}aggregates.csv?indicator=female_share&place=MAGHREB&years=2010,2019", "anonymous"),
              Page(f"{api}aggregates.json?indicator=od_migrant_stock&place=GCC&origin=EGY", "anonymous"),
              Page(f"{api}aggregates.json?indicator=migrant_stock&place=JOR,LBN,IRQ&years=2019", "member")]
    if not Indicator.objects.filter(code="female_share").exists() or not Release.objects.exists():
        sys.exit("the demo data hub content is missing: run rwg_seed and rwg_demo on this database first")
    # Public pages for anonymous visitors
    pages += [Page("/members/join/", "anonymous"), Page("/data/api/", "anonymous"),
              Page("/data/places/", "anonymous")]
    return pages


def new_session(email_local: str) -> tuple[str, str]:
    """A fresh signed-in session of the demo account (as after signing in, two-factor included)."""
    from django.conf import settings
    from django.test import Client

    from members.models import User

    user = User.objects.filter(email=f"{email_local}@demo.rwg-portal.org").first()
    if user is None:
        sys.exit(f"no demo account {email_local}: run rwg_seed and rwg_demo on this database first")
    client = Client()
    client.force_login(user)
    return settings.SESSION_COOKIE_NAME, client.cookies[settings.SESSION_COOKIE_NAME].value


class Visitor:
    """One simulated user: a session per role it plays (its own), and one keep-alive connection."""

    def __init__(self, number: int):
        self.jars: dict[str, dict[str, str]] = {"anonymous": {}}
        self.jars["member"] = dict([new_session(MEMBERS[number % len(MEMBERS)])])
        for role, account in ROLE_ACCOUNTS.items():
            self.jars[role] = dict([new_session(account)])


@dataclass
class Result:
    latencies: list[float] = field(default_factory=list)
    by_url: dict[str, list[float]] = field(default_factory=dict)
    statuses: dict[int, int] = field(default_factory=dict)
    cache: dict[str, int] = field(default_factory=dict)
    errors: int = 0
    error_samples: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def run_users(port: int, pages: list[Page], visitors: list[Visitor], duration: float, max_requests: int,
              headers: dict | None = None, ok_status: int = 200, seed: int = 1) -> tuple[Result, float]:
    """Every visitor walks ``pages`` in its own shuffled order until the time or the request budget runs out."""
    result = Result()
    stop_at = time.monotonic() + duration
    budget = threading.Semaphore(max_requests)
    start_barrier = threading.Barrier(len(visitors) + 1)

    def user(number: int, visitor: Visitor) -> None:
        rng = random.Random(seed * 1000 + number)
        connection = http.client.HTTPConnection(HOST, port, timeout=30)
        latencies, errors, samples, by_url, statuses, cache = [], 0, [], {}, {}, {}
        order: list[Page] = []
        start_barrier.wait()
        while time.monotonic() < stop_at and budget.acquire(blocking=False):
            if not order:
                order = pages[:]
                rng.shuffle(order)
            page = order.pop()
            jar = visitor.jars[page.who]
            started = time.perf_counter()
            try:
                cookie = "; ".join(f"{name}={value}" for name, value in jar.items())
                sent = {"Host": HOST, **(headers or {})}
                if cookie:
                    sent["Cookie"] = cookie
                connection.request("GET", page.path, headers=sent)
                response = connection.getresponse()
                response.read()
                for header in response.headers.get_all("Set-Cookie") or []:
                    name, _, rest = header.partition("=")
                    jar[name.strip()] = rest.split(";", 1)[0]
                statuses[response.status] = statuses.get(response.status, 0) + 1
                state = response.getheader("X-Page-Cache")
                if state:
                    cache[state] = cache.get(state, 0) + 1
                ok = response.status == ok_status
                if not ok and len(samples) < 3:
                    samples.append(f"{page.label}: HTTP {response.status}")
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
            except (OSError, http.client.HTTPException) as exc:
                ok = False
                if len(samples) < 3:
                    samples.append(f"{page.label}: {exc!r}")
                connection.close()
                connection = http.client.HTTPConnection(HOST, port, timeout=30)
            latencies.append(time.perf_counter() - started)
            by_url.setdefault(page.label, []).append(latencies[-1])
            errors += not ok
        connection.close()
        with result.lock:
            result.latencies += latencies
            result.errors += errors
            result.error_samples += samples
            for label, values in by_url.items():
                result.by_url.setdefault(label, []).extend(values)
            for status, count in statuses.items():
                result.statuses[status] = result.statuses.get(status, 0) + count
            for state, count in cache.items():
                result.cache[state] = result.cache.get(state, 0) + count

    threads = [threading.Thread(target=user, args=(n, v), daemon=True) for n, v in enumerate(visitors)]
    for thread in threads:
        thread.start()
    start_barrier.wait()
    began = time.monotonic()
    for thread in threads:
        thread.join()
    return result, time.monotonic() - began


def summary(name: str, result: Result, elapsed: float) -> dict:
    latencies = sorted(result.latencies)
    count = len(latencies)
    figures = {
        "name": name, "requests": count, "errors": result.errors,
        "p50_ms": statistics.median(latencies) * 1000 if count else float("nan"),
        "p95_ms": latencies[max(0, int(count * 0.95) - 1)] * 1000 if count else float("nan"),
        "rps": count / elapsed if elapsed else 0.0,
    }
    say(f"  {name:<14} requests {count:>6}  errors {result.errors:>4}  p50 {figures['p50_ms']:7.1f} ms  "
        f"p95 {figures['p95_ms']:7.1f} ms  throughput {figures['rps']:7.1f} req/s  ({load_average()})")
    for sample in result.error_samples[:3]:
        say(f"      error: {sample}")
    return figures


def per_url_table(result: Result, bare_median_ms: float) -> float:
    """Each URL's median and its ratio to the bare view's median, slowest first; returns the worst ratio."""
    worst = 0.0
    say(f"    {'median':>9} {'x bare':>7} {'requests':>8}  URL")
    for label, values in sorted(result.by_url.items(), key=lambda item: -statistics.median(item[1])):
        median = statistics.median(values) * 1000
        ratio = median / bare_median_ms if bare_median_ms else float("nan")
        worst = max(worst, ratio)
        say(f"    {median:6.1f} ms {ratio:6.2f}x {len(values):>8}  {label}")
    return worst


def start_server(env: dict, workers: int, threads: int, log_path: Path) -> tuple[subprocess.Popen, int]:
    port = free_port()
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "benchmarks.load_wsgi:application", "--bind", f"{HOST}:{port}",
             "--workers", str(workers), "--worker-class", "gthread", "--threads", str(threads),
             "--keep-alive", "30", "--timeout", "60"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 180  # a loaded machine boots five workers slowly
    while True:
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=5)
            conn.request("GET", BARE, headers={"Host": HOST})
            status = conn.getresponse().status
            conn.close()
            if status == 200:
                return server, port
            server.terminate()
            sys.exit(f"the bare view answered {status}: see {log_path}")
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.terminate()
                sys.exit(f"gunicorn did not start: see {log_path}")
            time.sleep(0.3)


def stop_server(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()


def measure(port: int, pages: list[Page], visitors_for: dict, users_list: list[int], args, table: str) -> list[dict]:
    """The mix then the bare view at each number of users; the per-URL table; the targets."""
    rows = []
    bare_page = [Page(BARE)]
    for users in users_list:
        visitors = visitors_for[users]
        say(f"\n{users} concurrent users, {table}")
        mix_result, mix_elapsed = run_users(port, pages, visitors, args.duration, args.max_requests, seed=users)
        mix = summary("portal mix", mix_result, mix_elapsed)
        bare_result, bare_elapsed = run_users(port, bare_page, visitors, args.duration, args.max_requests)
        bare = summary("bare view", bare_result, bare_elapsed)
        ratio = mix["rps"] / bare["rps"] if bare["rps"] else float("nan")
        statuses = ", ".join(f"{status}: {count}" for status, count in sorted(mix_result.statuses.items()))
        say(f"  statuses       {statuses}")
        hits = mix_result.cache.get("hit", 0)
        looked_up = hits + mix_result.cache.get("miss", 0)
        hit_rate = hits / looked_up if looked_up else None
        if mix_result.cache:
            say(f"  page cache     {hits} hits of {looked_up} cacheable requests: hit rate "
                f"{100 * hit_rate:.1f} % ({sum(mix_result.cache.values())} answers carried X-Page-Cache)")
        worst = per_url_table(mix_result, bare["p50_ms"])
        say(f"  ratio          portal throughput / bare throughput = {ratio:.2f} (target >= 0.50); "
            f"p95 {mix['p95_ms']:.0f} ms (target < 150 ms at 10 users); slowest median {worst:.2f}x bare "
            f"(target <= 3); errors {mix['errors']} (target 0 at 50 users)")
        rows.append({"users": users, "mix": mix, "bare": bare, "ratio": ratio, "worst": worst, "hit_rate": hit_rate})
    return rows


def conditional(port: int, visitors: list[Visitor], args) -> None:
    """A public page asked in full, then with If-None-Match: throughput of each."""
    path = args.conditional
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    conn.request("GET", path, headers={"Host": HOST})
    response = conn.getresponse()
    response.read()
    etag = response.getheader("ETag")
    conn.close()
    say(f"\nConditional GET of {path} (anonymous, {len(visitors)} users): ETag {etag!r}, "
        f"Cache-Control {response.getheader('Cache-Control')!r}")
    if not etag:
        say("  no ETag: the page does not answer conditional requests")
        return
    page = [Page(path, "anonymous")]
    full = summary("full page", *run_users(port, page, visitors, args.duration, args.max_requests))
    cond = summary("304 answers", *run_users(port, page, visitors, args.duration, args.max_requests,
                                             headers={"If-None-Match": etag}, ok_status=304))
    say(f"  ratio          conditional / full throughput = {cond['rps'] / full['rps']:.1f} (target >= 5)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=float, default=60.0, help="seconds per phase (default 60)")
    parser.add_argument("--max-requests", type=int, default=200_000, help="at most this many requests per phase")
    parser.add_argument("--users", type=int, nargs="+", default=[10, 50], help="concurrent users (default 10 50)")
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    parser.add_argument("--conditional", metavar="PATH", nargs="?", const=CONDITIONAL,
                        help=f"also measure conditional GETs of this public page (default {CONDITIONAL})")
    parser.add_argument("--only", metavar="TEXT", help="only the URLs containing TEXT (to profile one page)")
    args = parser.parse_args()
    # Stopped from outside (timeout, kill): still stop gunicorn in the finally clauses below.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    if "postgresql" not in os.environ.get("DATABASE_URL", ""):
        sys.exit("set DATABASE_URL to a PostgreSQL database holding the demo content (see the docstring)")
    if not os.environ.get("REDIS_URL"):
        sys.exit("set REDIS_URL (the cache) too")

    env = {**os.environ, "RWG_DEBUG": "false", "RWG_HTTPS": "false", "RWG_STATIC_MANIFEST": "false",
           "RWG_SECRET_KEY": os.environ.get("RWG_SECRET_KEY", "load-test-only-secret-key-0123456789-abcdefghijklmnop"),
           "RWG_LOG_FORMAT": "json", "RWG_DB_CONN_MAX_AGE": "600", "RWG_LOG_LEVEL": "WARNING"}
    os.environ.update({k: env[k] for k in ("RWG_DEBUG", "RWG_HTTPS", "RWG_STATIC_MANIFEST", "RWG_SECRET_KEY")})
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rwg_portal.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    pages = page_mix()
    if args.only:
        pages = [p for p in pages if args.only in p.label]
    visitors_for = {users: [Visitor(n) for n in range(users)] for users in args.users}
    (ROOT / "var").mkdir(exist_ok=True)

    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError, StopIteration):
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    say(f"Load test, {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, {platform.node()}: "
        f"{os.cpu_count()} CPU ({cpu}), Python {platform.python_version()}, gunicorn {args.workers} workers x "
        f"{args.threads} threads, {args.duration:.0f} s per phase (at most {args.max_requests} requests), "
        f"no think time, client on the same machine; {load_average()}.")
    say(f"Page mix: {len(pages)} URLs, each user with its own sessions, walking them in its own shuffled order.")

    server, port = start_server(env, args.workers, args.threads, ROOT / "var" / "load-test-gunicorn.log")
    try:
        # Fill the shared caches first: every URL once, one after the other (what a server that has run for
        # a while holds; on a loaded machine the short warm-up below reached only some URLs, and the
        # first request of a country page, which builds its figures and maps, then counted in its median).
        # Then warm every worker (imports, connections), then measure.
        first = visitors_for[args.users[0]][:1]
        run_users(port, pages + [Page(BARE)], first, 300, len(pages) + 1, seed=98)
        run_users(port, pages + [Page(BARE)], visitors_for[args.users[0]], 5, 2000, seed=99)
        measure(port, pages, visitors_for, args.users, args, "no page cache")
        if args.conditional:
            conditional(port, visitors_for[args.users[0]], args)
    finally:
        stop_server(server)


if __name__ == "__main__":
    main()
