"""Time and measure the reports' PDF builds, end to end and against WeasyPrint alone.

Usage: DATABASE_URL=... .venv/bin/python benchmarks/reports_build.py [--repeats N]

1. A 100-page Situation Report (English): generated chapters with text, footnotes and
   citations, 40 tables of 30 rows (20 in Markdown, 20 from data blocks) and 20 charts (the
   data blocks'), built exactly as the worker builds it (``build_run``: gather, resolve,
   render HTML, lay out, write to a temporary file, checksum, move into place).
2. WeasyPrint alone rendering the very HTML that build produced (same fonts, same tagged-PDF
   option, no portal code).
3. The RCM assessment of a year: compiled figures, a 10-question questionnaire answered by
   9 agencies, findings and recommendations, in English.

Each measurement runs in a fresh child process, so its peak memory (ru_maxrss) is that of
one build, as in a worker recycled after each few builds. The data blocks are synthetic
(``BENCHMARK`` tables and charts, resolved in-process) so that the figures measure the
reports app and WeasyPrint, not the data hub's database. Everything the benchmark creates
is labelled "benchmark" and deleted at the end. Prints the median of the repeats.
"""

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rwg_portal.settings")
os.environ.setdefault("RWG_DEBUG", "true")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

BENCHMARK_YEAR = 2100
CHAPTERS = 10
WORDS = ["migration", "labour", "market", "remittances", "region", "destination", "origin", "transit", "women",
         "workers", "policy", "data", "protection", "cooperation", "agencies", "governments", "recruitment",
         "skills", "return", "integration"]


def say(line: str) -> None:
    sys.stdout.write(line + "\n")


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class SyntheticBlock:
    """What the data hub returns for a block, generated: a 30-row table and a line chart."""

    def __init__(self, spec: dict):
        from reports.pdf import charts

        seed = sum(ord(c) for c in spec["place"]) + spec.get("limit", 0)
        self.title = f"Benchmark: international migrant stock by sex, {spec['place']} (synthetic)"
        self.columns = ["Year", "Both sexes", "Male", "Female"]
        self.rows = [[1990 + i, 1_000_000 + seed * 1_000 + i * 37_000, 600_000 + i * 21_000, 400_000 + i * 16_000]
                     for i in range(30)]
        bars = [charts.Bar(str(row[0]), row[1] / 1000, f"{row[1] // 1000:,}") for row in self.rows[::3]]
        self.svg = charts.bar_chart(bars, title=self.title)
        self.citation = "Benchmark data, generated (not real figures)."


def _paragraph(seed: int, words: int = 110) -> str:
    text = " ".join(WORDS[(seed * 7 + i * 3) % len(WORDS)] for i in range(words))
    return text[0].upper() + text[1:] + "."


def _chapter_body(number: int) -> str:
    parts = []
    for section in range(4):
        parts.append(f"# Section {number}.{section + 1}")
        for p in range(5):
            note = f"[^{section}{p}]" if p == 0 else ""
            cite = " [@benchmark-source]" if p == 1 else ""
            parts.append(_paragraph(number * 100 + section * 10 + p) + note + cite)
            if p == 0:
                parts.append(f"[^{section}{p}]: A benchmark footnote for section {number}.{section + 1}.")
        if section < 2:
            rows = "".join(f"| Country {i:02d} | {10_000 + i * 731:,} | {30 + (i * 7) % 40} | {(i * 13) % 100} |\n"
                           for i in range(30))
            parts.append("| Country | Migrants | Women (%) | Change |\n|:--|--:|--:|--:|\n" + rows)
        else:
            parts.append(f"```data\nid: bench-{number}-{section}\nkind: stock_by_sex\nplace: ARAB\n"
                         f"limit: {(number * 4 + section) % 50 + 1}\nshow: both\n```")
    return "\n\n".join(parts)


@transaction.atomic
def create_reports():
    """The benchmark's two reports (deleting leftovers of an interrupted run first)."""
    import datetime

    from members.models import Agency, User
    from reports import services
    from reports.choices import QuestionDimension, QuestionKind, ReportKind
    from reports.models import Chapter, Report

    cleanup()
    user, _created = User.objects.get_or_create(email="benchmark@benchmark.invalid",
                                                defaults={"first_name": "Benchmark", "is_superuser": True})
    agency = Agency.objects.order_by("pk").first()
    if agency is None:
        raise SystemExit("No agency: run `manage.py rwg_seed` on this database first.")
    edition = services.report_create(kind=ReportKind.SITUATION_REPORT, year=BENCHMARK_YEAR, by=user,
                                     title_en="Benchmark Situation Report (generated, deleted afterwards)")
    services.source_create(report=edition, key="benchmark-source", citation_en="Benchmark source (2100).", by=user)
    for number in range(1, CHAPTERS + 1):
        chapter = services.chapter_create(report=edition, title_en=f"Benchmark chapter {number}", lead_agency=agency,
                                          deadline=datetime.date(BENCHMARK_YEAR, 1, 1), by=user)
        # Written straight to the row: the benchmark measures builds, not the writing workflow.
        Chapter.objects.filter(pk=chapter.pk).update(body_en=_chapter_body(number), state="approved")
    assessment = services.report_create(kind=ReportKind.RCM_ASSESSMENT, year=BENCHMARK_YEAR, by=user,
                                        title_en="Benchmark RCM assessment (generated, deleted afterwards)")
    for i in range(10):
        services.question_create(report=assessment, kind=QuestionKind.LIKERT if i < 8 else QuestionKind.OPEN,
                                 dimension=list(QuestionDimension.values)[i % 3], text_en=f"Benchmark question {i}",
                                 by=user)
    Report.objects.filter(pk=assessment.pk).update(findings_en=_paragraph(1, 300),
                                                   recommendations_en=_paragraph(2, 200))
    return edition, assessment, user


def answer_questionnaire(assessment, user):
    """Nine agencies' answers, written directly (the benchmark does not sign in as focal points)."""
    from members.models import Agency
    from reports.choices import QuestionKind, ResponseStatus
    from reports.models import Answer, QuestionnaireResponse

    questions = list(assessment.questions.all())
    for n, agency in enumerate(Agency.objects.order_by("pk")[:9]):
        response = QuestionnaireResponse.objects.create(report=assessment, agency=agency, respondent=user,
                                                        status=ResponseStatus.SUBMITTED,
                                                        submitted_at=timezone.now())
        for q in questions:
            if q.kind == QuestionKind.LIKERT:
                Answer.objects.create(response=response, question=q, score=1 + (n + q.position) % 5)
            else:
                Answer.objects.create(response=response, question=q, text=_paragraph(n, 40))


def cleanup() -> None:
    from reports.models import Build, Report

    for build in Build.objects.filter(report__year=BENCHMARK_YEAR):
        if build.file:
            Path(build.file.path).unlink(missing_ok=True)
    Build.objects.filter(report__year=BENCHMARK_YEAR).delete()
    Report.objects.filter(year=BENCHMARK_YEAR).delete()


# Children ---------------------------------------------------------------------------------------------------


def child_build(build_id: int, html_out: str) -> dict:
    """Run one build as the worker does; keep its final HTML for the WeasyPrint-alone run."""
    from reports import sources
    from reports.services import builds

    sources.resolve_data_block = SyntheticBlock
    original = builds.document_html

    gathered = {}

    def keep_html(report, language):
        started = time.process_time()
        document = original(report, language)
        gathered["cpu"] = time.process_time() - started
        Path(html_out).write_text(document.html, encoding="utf-8")
        return document

    builds.document_html = keep_html
    # What a worker process does once, before its first build: load WeasyPrint, the URLs, the
    # e-mail templates. Timed apart, since the worker keeps them for its next builds.
    started = time.perf_counter()
    from django.template.loader import get_template
    from django.urls import reverse

    import reports.pdf.render  # noqa: F401

    reverse("reports:index")
    get_template("emails/reports_build_finished.txt")
    warm_up = time.perf_counter() - started
    started, cpu_started = time.perf_counter(), time.process_time()
    build = builds.build_run(build_id=build_id)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    if build.status != "done":
        raise SystemExit(f"build failed: {build.error}")
    return {"seconds": seconds, "cpu": cpu, "html_cpu": gathered["cpu"], "warm_up": warm_up, "peak_mib": peak_mib(),
            "pages": build.page_count, "bytes": build.size_bytes}


def child_weasyprint(html_path: str) -> dict:
    """WeasyPrint alone on the same HTML: parse, lay out, write the PDF. No portal code."""
    from weasyprint import HTML

    html = Path(html_path).read_text(encoding="utf-8")
    # Loaded before the clock starts, as in the build's child.
    started, cpu_started = time.perf_counter(), time.process_time()
    with tempfile.NamedTemporaryFile(suffix=".pdf") as target:
        document = HTML(string=html, base_url=str(ROOT)).render()
        document.write_pdf(target.name, pdf_tags=True)  # the same options as the builds (tagged PDF)
        pages = len(document.pages)
    return {"seconds": time.perf_counter() - started, "cpu": time.process_time() - cpu_started,
            "peak_mib": peak_mib(), "pages": pages}


def run_child(*args) -> dict:
    env = {**os.environ, "RWG_LOG_LEVEL": "WARNING",
           "RWG_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    output = subprocess.run([sys.executable, __file__, "--child", *map(str, args)], capture_output=True, text=True,
                            env=env)
    if output.returncode:
        raise SystemExit(f"the child process failed:\n{output.stderr[-3000:]}")
    return json.loads(output.stdout.strip().splitlines()[-1])


def measure(report, user, language: str, html_path: str) -> dict:
    from reports import services

    build, _created = services.build_request(report=report, language=language, by=user, enqueue=False)
    return run_child("build", build.pk, html_path)


def median(results: list[dict], key: str) -> float:
    return statistics.median(result[key] for result in results)


def best(results: list[dict], key: str) -> float:
    """The fastest run: on a machine shared with other jobs, the least disturbed measurement."""
    return min(result[key] for result in results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--child", nargs="+")
    options = parser.parse_args()
    if options.child:
        kind, *rest = options.child
        result = child_build(int(rest[0]), rest[1]) if kind == "build" else child_weasyprint(rest[0])
        say(json.dumps(result))
        return

    from importlib.metadata import version

    load_at_start = os.getloadavg()[0]
    edition, assessment, user = create_reports()
    answer_questionnaire(assessment, user)
    html_path = Path(tempfile.mkdtemp()) / "situation-report.html"
    try:
        builds, alone, rcm = [], [], []
        for _ in range(options.repeats):
            # Interleaved, so that a change in the machine's load falls on both.
            builds.append(measure(edition, user, "en", str(html_path)))
            alone.append(run_child("weasyprint", html_path))
            rcm.append(measure(assessment, user, "en", str(html_path.with_name("rcm.html"))))
    finally:
        cleanup()
    build_s, alone_s = median(builds, "seconds"), median(alone, "seconds")
    say(f"Reports PDF builds — {platform.node()}: {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"WeasyPrint {version('weasyprint')}; median of {options.repeats} runs, each in a fresh process; "
        f"load average {load_at_start:.1f} at the start, {os.getloadavg()[0]:.1f} at the end")
    say(f"  Situation Report, English, end to end: {build_s:6.2f} s (best {best(builds, 'seconds'):5.2f})  "
        f"peak {median(builds, 'peak_mib'):6.0f} MiB  "
          f"{builds[0]['pages']} pages  {builds[0]['bytes'] / 1024 / 1024:.1f} MiB PDF  "
          f"({CHAPTERS} chapters, 40 tables of 30 rows, 20 charts)")
    say(f"  WeasyPrint alone, same final HTML:     {alone_s:6.2f} s (best {best(alone, 'seconds'):5.2f})  "
        f"peak {median(alone, 'peak_mib'):6.0f} MiB  "
          f"{alone[0]['pages']} pages")
    say(f"  Ratio end to end / WeasyPrint alone:   {build_s / alone_s:6.2f}  "
          f"(the portal's own overhead: {100 * (build_s - alone_s) / alone_s:+.0f} %; best to best: "
          f"{best(builds, 'seconds') / best(alone, 'seconds'):.2f})")
    build_cpu, alone_cpu = median(builds, "cpu"), median(alone, "cpu")
    # CPU time of the process (user + system) is what a shared machine disturbs least: waiting for a CPU
    # is not in it. The wall-clock lines above are what a user waits.
    say(f"  CPU time, end to end / WeasyPrint alone: {build_cpu:6.2f} s / {alone_cpu:6.2f} s = "
        f"{build_cpu / alone_cpu:.2f} (overhead {100 * (build_cpu - alone_cpu) / alone_cpu:+.0f} %); "
        f"the portal's HTML (gathering, Markdown, data blocks, templates): {median(builds, 'html_cpu'):.2f} s")
    say(f"  RCM assessment, English, end to end:   {median(rcm, 'seconds'):6.2f} s (best {best(rcm, 'seconds'):5.2f})  "
          f"peak {median(rcm, 'peak_mib'):6.0f} MiB  {rcm[0]['pages']} pages")
    say(f"  Once per fresh worker process (WeasyPrint, URLs, templates loaded): {median(builds, 'warm_up'):.2f} s")


if __name__ == "__main__":
    main()
