"""Time the portal-wide search on 10,000 generated records, and how soon a save is found.

Usage: DATABASE_URL=postgresql://... .venv/bin/python benchmarks/search.py [count] [repeats] [--keep]

Needs a PostgreSQL database of its own (migrated; it seeds the reference data). It generates
``count`` records (default 10,000: a quarter each of meetings, decisions, activities and meeting
papers with a page or so of text, in English, French and Arabic), indexes them, then times searches
as the secretariat (who sees everything), a focal point and an anonymous visitor; then saves a
decision with a new word and searches until it is found. Everything it made is deleted at the end,
unless ``--keep`` is given: then the records stay, and the next run with ``--keep`` times them again
without generating them anew (generating and indexing 10,000 records takes minutes).

The figures are printed per role and per kind of query, the signed-in roles first: an anonymous
visitor sees only the generated meetings' public pages (decisions, papers and activities are for
members), so their searches have little to rank and say little about the search's speed.
"""

import datetime
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rwg_portal.settings")
os.environ.setdefault("RWG_DEBUG", "true")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import AnonymousUser  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from meetings.models import Decision, Document, DocumentVersion, Meeting  # noqa: E402
from members.choices import DesignationRole, Role  # noqa: E402
from members.models import Agency, Designation, User  # noqa: E402
from members.services import seed_reference_data  # noqa: E402
from programmes.models import Activity  # noqa: E402
from rwg_portal import search as engine  # noqa: E402
from rwg_portal.models import SearchDocument  # noqa: E402

FIRST_NUMBER = 9000  # meeting numbers of the generated meetings (the services number from 1)
MARK = "bench-search"

ENGLISH = str.split("migration labour mobility remittances displacement return reintegration asylum refugees "
           "protection trafficking smuggling border management data statistics census survey women "
           "children workers recruitment skills employment climate resilience health education "
           "coordination regional policy dialogue partnership capacity building evaluation report")
FRENCH = str.split("migration travail mobilité transferts déplacement retour réintégration asile réfugiés protection "
          "traite frontières données statistiques recensement femmes enfants travailleurs compétences emploi "
          "climat santé éducation coordination politique dialogue partenariat")
ARABIC = str.split("الهجرة العمل التنقل التحويلات النزوح العودة إعادة الإدماج اللجوء اللاجئين الحماية الاتجار "
          "تهريب الحدود إدارة البيانات الإحصاءات التعداد المرأة الأطفال العمال المهارات التوظيف المناخ "
          "الصحة التعليم التنسيق السياسات الحوار الشراكة بناء القدرات التقييم التقرير")


def text(rng: random.Random, words: list[str], count: int) -> str:
    return " ".join(rng.choice(words) for _ in range(count)).capitalize() + "."


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def people() -> tuple[User, User]:
    secretariat, _ = User.objects.get_or_create(email=f"secretariat@{MARK}.example",
                                                defaults={"role": Role.SECRETARIAT})
    agency = Agency.objects.order_by("pk").first()
    focal, created = User.objects.get_or_create(email=f"focal@{MARK}.example", defaults={"role": Role.MEMBER,
                                                                                          "agency": agency})
    if created:
        Designation.objects.create(agency=agency, person=focal, role=DesignationRole.FOCAL_POINT,
                                   starts_on=datetime.date(2020, 1, 1))
    return secretariat, focal


def generate(count: int, rng: random.Random) -> None:
    """Rows written in bulk (no signals, as fast as possible), then indexed like saves would."""
    agencies = list(Agency.objects.all())
    quarter = count // 4
    now = timezone.now()
    meetings = []
    for n in range(quarter):
        starts = now - datetime.timedelta(days=rng.randrange(3650))
        meetings.append(Meeting(year=starts.year, number=FIRST_NUMBER + n, title=text(rng, ENGLISH, 5),
                                starts_at=starts, ends_at=starts + datetime.timedelta(hours=3), city="beirut",
                                venue=MARK, status="held", chair_agency=rng.choice(agencies)))
    meetings = Meeting.objects.bulk_create(meetings, batch_size=1000)
    decisions = []
    for meeting in meetings:
        code, words = rng.choice([("en", ENGLISH), ("ar", ARABIC), ("fr", FRENCH)])
        decisions.append(Decision(meeting=meeting, number=1, language=code, **{f"text_{code}": text(rng, words, 60)}))
    Decision.objects.bulk_create(decisions, batch_size=1000)
    activities = [
        Activity(lead_agency=rng.choice(agencies), iati_identifier=MARK, title_en=text(rng, ENGLISH, 6),
                 title_ar=text(rng, ARABIC, 5), summary_en=text(rng, ENGLISH, 120), summary_ar=text(rng, ARABIC, 80),
                 kind="technical", starts_on=datetime.date(2015, 1, 1) + datetime.timedelta(days=rng.randrange(4000)),
                 countries=rng.sample(["JOR", "LBN", "EGY", "MAR", "TUN", "IRQ", "SYR", "YEM"], 2),
                 gcm_objectives=rng.sample(range(1, 24), 2), sdg_targets=["10.7"])
        for _ in range(quarter)
    ]
    Activity.objects.bulk_create(activities, batch_size=1000)
    documents = Document.objects.bulk_create(
        [Document(meeting=meeting, title=text(rng, ENGLISH, 4)) for meeting in meetings], batch_size=1000)
    DocumentVersion.objects.bulk_create([
        DocumentVersion(document=document, number=1, file=f"{MARK}/{document.pk}.pdf", original_name="paper.pdf",
                        extension="pdf", content_type="application/pdf", size=1, sha256="0" * 64,
                        text=text(rng, rng.choice([ENGLISH, ARABIC]), 600))
        for document in documents
    ], batch_size=1000)


def clean() -> None:
    with transaction.atomic():
        meetings = Meeting.objects.filter(number__gte=FIRST_NUMBER, venue=MARK)
        DocumentVersion.objects.filter(document__meeting__in=meetings).delete()
        meetings.delete()
        Activity.objects.filter(iati_identifier=MARK).delete()  # their search documents go with them (signals)


def time_search(user, query: str, repeats: int) -> tuple[float, int]:
    timings, total = [], 0
    for _ in range(repeats):
        started = time.perf_counter()
        results = engine.search(user, query, language="en")
        total = results.total
        timings.append(time.perf_counter() - started)
    return statistics.median(timings) * 1000, total


def main() -> None:
    if connection.vendor != "postgresql":
        sys.exit("benchmarks/search.py measures PostgreSQL's full-text search: set DATABASE_URL")
    keep = "--keep" in sys.argv
    arguments = [argument for argument in sys.argv[1:] if argument != "--keep"]
    count = int(arguments[0]) if arguments else 10_000
    repeats = int(arguments[1]) if len(arguments) > 1 else 21
    rng = random.Random(2026)
    seed_reference_data()
    existing = Meeting.objects.filter(number__gte=FIRST_NUMBER, venue=MARK).count()
    if not (keep and existing == count // 4):
        clean()
    secretariat, focal = people()
    started = time.perf_counter()
    if not (keep and existing == count // 4):
        generate(count, rng)
    else:
        say(f"reusing the {count} records generated by an earlier run with --keep")
    generated = time.perf_counter() - started
    started = time.perf_counter()
    indexed = engine.reindex(missing_only=True)
    indexing = time.perf_counter() - started
    if indexed:
        # What autovacuum does within a minute of a bulk load this size: the planner's statistics, and the
        # visibility map that lets the visibility subqueries read their indexes only. Timed without it, the
        # first runs would measure a table that no running portal has for long.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    documents = SearchDocument.objects.count()
    say(f"generated {count} records in {generated:.1f} s; indexed {indexed} records in {indexing:.1f} s "
        f"({indexing / max(indexed, 1) * 1000:.1f} ms a record); {documents} search documents in all")
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_total_relation_size('rwg_portal_searchdocument'))")
        say(f"index table with its GIN index: {cursor.fetchone()[0]}")

    # (kind, query): broad ones match 4,000-5,500 of the generated records, narrow ones 500-800.
    queries = [("broad", "migration"), ("broad", "الهجرة"), ("broad", "labour mobility"), ("broad", "اعاده الادماج"),
               ("narrow", "remittances -climate"), ("narrow", "travailleurs"), ("no match", "zzzznotfound")]
    roles = (("secretariat", secretariat), ("focal point", focal), ("anonymous", AnonymousUser()))
    timings: dict[tuple[str, str], list[float]] = {}
    for label, user in roles:
        for kind, query in queries:
            median, total = time_search(user, query, repeats)
            timings.setdefault((label, kind), []).append(median)
            timings.setdefault((label, "all"), []).append(median)
            say(f"  {label:12} {kind:9} {query!r:24} {total:6} results  median {median:6.1f} ms")
    say(f"median time of a search (each of {repeats} runs: ranking, facets, one page of excerpts), "
        "by role and kind of query:")
    for label, _user in roles:
        by_kind = "; ".join(f"{kind} {statistics.median(timings[(label, kind)]):.1f}"
                            for kind in ("broad", "narrow", "no match"))
        note = "  (sees only the meetings' public pages: little to rank)" if label == "anonymous" else ""
        say(f"  {label:12} median {statistics.median(timings[(label, 'all')]):6.1f} ms, "
            f"slowest {max(timings[(label, 'all')]):6.1f} ms ({by_kind}){note}")
    signed_in = timings[("secretariat", "all")] + timings[("focal point", "all")]
    say(f"signed-in members, median over {len(signed_in)} (role, query) pairs: {statistics.median(signed_in):.1f} ms"
        f"; slowest {max(signed_in):.1f} ms (target: under 100 ms)")

    meeting = Meeting.objects.filter(number__gte=FIRST_NUMBER, venue=MARK).first()
    delays = []
    for attempt in range(5):
        word = f"quetzal{attempt}{rng.randrange(10**6)}"
        decision = Decision.objects.filter(meeting=meeting).first()
        started = time.perf_counter()
        decision.text_en = f"The Group adopts the {word} workplan."
        decision.save()  # autocommit: committed when save() returns
        while engine.search(secretariat, word).total != 1:
            if time.perf_counter() - started > 10:
                raise SystemExit("the saved decision was not found within 10 s")
        delays.append((time.perf_counter() - started) * 1000)
    say(f"from a save to the record found by search: median {statistics.median(delays):.1f} ms, "
        f"slowest {max(delays):.1f} ms (5 saves; indexed in the save's transaction)")
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    say(f"on PostgreSQL {version}, {platform.python_implementation()} {platform.python_version()}, "
        f"{platform.machine()}, {os.cpu_count()} cores shared")
    if keep:
        say("generated records kept (--keep)")
    else:
        clean()
        say("generated records deleted")


if __name__ == "__main__":
    main()
