"""Load test: signed-in users on the portal's main pages against a bare Django view, same server, same run.

Serves the portal with gunicorn on 127.0.0.1 (PostgreSQL with the demo content, Redis for the
cache), then for each number of concurrent users (no think time) runs the page mix for the given
duration, then the bare view (benchmarks/load_wsgi.py: 50 rows from PostgreSQL in a template)
for the same duration. Prints p50, p95, throughput and errors of each and the ratio of the
throughputs. The client is a thread per user with a keep-alive connection and, like a browser,
the cookies the portal sets (standard library).

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
import itertools
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO_USERS = ["focal.iom", "focal.ilo", "alternate.iom", "focal.las", "focal.escwa", "focal.unfpa", "focal.unwomen",
              "secretariat"]


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def session_cookies() -> list[str]:
    """A signed-in session per demo account (as after signing in, two-factor included)."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rwg_portal.settings")
    django.setup()
    from django.conf import settings
    from django.test import Client

    from members.models import User

    cookies = []
    for name in DEMO_USERS:
        user = User.objects.filter(email=f"{name}@demo.rwg-portal.org").first()
        if user is None:
            continue
        client = Client()
        client.force_login(user)
        cookies.append(f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}")
    if not cookies:
        sys.exit("no demo account found: run rwg_seed and rwg_demo on this database first")
    return cookies


def page_mix() -> list[str]:
    """Dashboard, meeting list, activity list, data explorer, country pages and the API."""
    from data_hub.models import Place

    countries = list(Place.objects.filter(code__in=["JOR", "LBN", "EGY", "SAU", "ARE", "MAR", "IRQ", "QAT"])
                     .values_list("code", flat=True))
    pages = ["/", "/meetings/", "/programmes/activities/", "/data/"]
    pages += [f"/data/places/{code}/" for code in countries[:4]]
    pages += ["/data/api/v1/indicators.json", "/data/api/v1/places.json",
              "/data/api/v1/observations.json?indicator=migrant_stock&place=JOR&limit=50"]
    return pages


class Result:
    def __init__(self):
        self.latencies: list[float] = []
        self.by_url: dict[str, list[float]] = {}
        self.errors = 0
        self.error_samples: list[str] = []
        self.lock = threading.Lock()


def run_users(port: int, urls: list[str], cookies: list[str], users: int, duration: float) -> tuple[Result, float]:
    result = Result()
    stop_at = time.monotonic() + duration
    start_barrier = threading.Barrier(users + 1)

    def user(number: int) -> None:
        # Like a browser: keep the cookies the portal sets (the CSRF cookie of the first page).
        jar = dict([cookies[number % len(cookies)].split("=", 1)])
        sequence = itertools.cycle(urls[number % len(urls):] + urls[:number % len(urls)])
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        latencies, errors, samples, by_url = [], 0, [], {}
        start_barrier.wait()
        while time.monotonic() < stop_at:
            url = next(sequence)
            started = time.perf_counter()
            try:
                cookie = "; ".join(f"{name}={value}" for name, value in jar.items())
                connection.request("GET", url, headers={"Cookie": cookie, "Host": "127.0.0.1"})
                response = connection.getresponse()
                response.read()
                for header in response.headers.get_all("Set-Cookie") or []:
                    name, _, rest = header.partition("=")
                    jar[name.strip()] = rest.split(";", 1)[0]
                ok = response.status == 200
                if not ok and len(samples) < 3:
                    samples.append(f"{url}: HTTP {response.status}")
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
            except (OSError, http.client.HTTPException) as exc:
                ok = False
                if len(samples) < 3:
                    samples.append(f"{url}: {exc!r}")
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            latencies.append(time.perf_counter() - started)
            by_url.setdefault(url, []).append(latencies[-1])
            errors += not ok
        connection.close()
        with result.lock:
            result.latencies += latencies
            result.errors += errors
            result.error_samples += samples
            for url, values in by_url.items():
                result.by_url.setdefault(url, []).extend(values)

    threads = [threading.Thread(target=user, args=(n,), daemon=True) for n in range(users)]
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
    say(f"  {name:<12} requests {count:>6}  errors {result.errors:>4}  p50 {figures['p50_ms']:7.1f} ms  "
          f"p95 {figures['p95_ms']:7.1f} ms  throughput {figures['rps']:7.1f} req/s")
    if len(result.by_url) > 1:
        for url, values in sorted(result.by_url.items(), key=lambda item: -statistics.median(item[1])):
            say(f"      {statistics.median(values) * 1000:7.1f} ms median  {len(values):>5} requests  {url}")
    for sample in result.error_samples[:3]:
        say(f"      error: {sample}")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=float, default=60.0, help="seconds per phase (default 60)")
    parser.add_argument("--users", type=int, nargs="+", default=[10, 50], help="concurrent users (default 10 50)")
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    args = parser.parse_args()
    # Stopped from outside (timeout, kill): still stop gunicorn in the finally clause below.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    if "postgresql" not in os.environ.get("DATABASE_URL", ""):
        sys.exit("set DATABASE_URL to a PostgreSQL database holding the demo content (see the docstring)")
    if not os.environ.get("REDIS_URL"):
        sys.exit("set REDIS_URL (the cache) too")

    env = {**os.environ, "RWG_DEBUG": "false", "RWG_HTTPS": "false", "RWG_STATIC_MANIFEST": "false",
           "RWG_SECRET_KEY": os.environ.get("RWG_SECRET_KEY", "load-test-only-secret-key-0123456789-abcdefghijklmnop"),
           "RWG_LOG_FORMAT": "json", "RWG_DB_CONN_MAX_AGE": "600"}
    os.environ.update({k: env[k] for k in ("RWG_DEBUG", "RWG_HTTPS", "RWG_STATIC_MANIFEST", "RWG_SECRET_KEY")})
    sys.path.insert(0, str(ROOT))
    cookies = session_cookies()
    urls = page_mix()

    port = free_port()
    log_path = ROOT / "var" / "load-test-gunicorn.log"
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "benchmarks.load_wsgi:application", "--bind", f"127.0.0.1:{port}",
             "--workers", str(args.workers), "--worker-class", "gthread", "--threads", str(args.threads),
             "--keep-alive", "30", "--timeout", "60"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                conn.request("GET", "/benchmark/bare-table/", headers={"Host": "127.0.0.1"})
                status = conn.getresponse().status
                conn.close()
                if status == 200:
                    break
                sys.exit(f"the bare view answered {status}: see {log_path}")
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    sys.exit(f"gunicorn did not start: see {log_path}")
                time.sleep(0.3)
        # Warm every worker and the caches once, then measure.
        run_users(port, urls + ["/benchmark/bare-table/"], cookies, min(args.workers * 2, 10), 5)

        cpu = platform.processor() or platform.machine()
        with contextlib.suppress(OSError, StopIteration):
            cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                       if line.startswith("model name"))
        say(f"Load test, {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, {platform.node()}: "
              f"{os.cpu_count()} CPU ({cpu}), Python {platform.python_version()}, gunicorn {args.workers} workers x "
              f"{args.threads} threads, {args.duration:.0f} s per phase, no think time, client on the same machine.")
        say(f"Page mix ({len(urls)} URLs, {len(cookies)} signed-in accounts): {', '.join(urls)}")
        for users in args.users:
            say(f"\n{users} concurrent users")
            pages = summary("portal mix", *run_users(port, urls, cookies, users, args.duration))
            bare = summary("bare view", *run_users(port, ["/benchmark/bare-table/"], cookies, users, args.duration))
            ratio = pages["rps"] / bare["rps"] if bare["rps"] else float("nan")
            say(f"  ratio        portal throughput / bare throughput = {ratio:.2f}  "
                  f"(target >= 0.50; p95 target < 150 ms at 10 users)")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
