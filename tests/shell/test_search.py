"""The portal-wide search: ranking, Arabic spelling variants, facets, excerpts, and an index kept current."""

import io

import docx
import pytest
from django.urls import reverse

from meetings.models import Decision
from meetings.services.documents import document_upload
from meetings.tasks import extract_document_text
from programmes.choices import PracticeStatus
from rwg_portal import search as engine
from rwg_portal.demo import demo_pdf as _pdf
from rwg_portal.models import SearchDocument
from tests.meetings.factories import DecisionFactory
from tests.meetings.files import upload
from tests.meetings.helpers import schedule
from tests.programmes.factories import ActivityFactory, GoodPracticeFactory

pytestmark = pytest.mark.django_db


def titles(user, query, **kwargs):
    return [result.title for result in engine.search(user, query, **kwargs).results]


def test_normalise_folds_the_arabic_spelling_variants():
    assert engine.normalise("أإآٱ") == "اااا"
    assert engine.normalise("مدرسة") == "مدرسه"
    assert engine.normalise("مستشفى") == "مستشفي"
    assert engine.normalise("الهِجْرَةُ") == "الهجره"
    assert engine.normalise("الهـــجرة") == "الهجره"
    assert engine.normalise("Migration policy") == "Migration policy"


def test_a_title_match_ranks_above_a_body_match(people):
    ActivityFactory(title_en="Survey of labour rights", summary_en="Remittances are mentioned once here.")
    ActivityFactory(title_en="Remittances corridor study", summary_en="A study of remittances costs.")
    found = titles(people.secretariat, "remittances")
    assert found == ["Remittances corridor study", "Survey of labour rights"]


def test_only_the_newest_matches_are_ranked_and_the_others_follow_them(people, monkeypatch):
    """Ranking reads every ranked document's vector: a broad query ranks its RANKED_CANDIDATES newest matches
    (best first) and lists the others after them, newest first; every match is still counted and listed."""
    ActivityFactory(title_en="Remittances corridor study", summary_en="A study of remittances costs.")  # oldest
    ActivityFactory(title_en="Survey of labour rights", summary_en="Remittances are mentioned once here.")
    ActivityFactory(title_en="Remittances and wages", summary_en="Wages.")  # newest
    assert titles(people.secretariat, "remittances") == [
        "Remittances corridor study", "Remittances and wages", "Survey of labour rights"]
    monkeypatch.setattr(engine, "RANKED_CANDIDATES", 2)
    results = engine.search(people.secretariat, "remittances")
    assert [result.title for result in results.results] == [
        "Remittances and wages", "Survey of labour rights", "Remittances corridor study"]
    assert results.total == 3 and results.facets["type"][0].count == 3


def test_a_page_after_the_ranked_matches_lists_the_older_ones_newest_first(people, monkeypatch):
    """The matches after the ranked ones are read only for a page that reaches them (rwg_portal.search._Matches)."""
    for title in ("Remittances one", "Remittances two", "Remittances three", "Remittances four"):
        ActivityFactory(title_en=title, summary_en="Remittances.")
    monkeypatch.setattr(engine, "RANKED_CANDIDATES", 1)
    monkeypatch.setattr(engine, "PAGE_SIZE", 2)
    pages = [engine.search(people.secretariat, "remittances", page=number) for number in (1, 2, 3)]
    assert [[result.title for result in page.results] for page in pages] == [
        ["Remittances four", "Remittances three"], ["Remittances two", "Remittances one"],
        ["Remittances two", "Remittances one"]]  # a page past the last shows the last, as every list does
    assert [page.total for page in pages] == [4, 4, 4]


def test_the_matches_are_read_through_the_gin_index(people):
    """However common the word (here in every document, where the planner would read the whole table and
    every tsvector), the matches are never read by scanning the table (rwg_portal.search._matched_rows): an
    index finds them (the GIN index, or on a table this small the (source, object_id) one)."""
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    for number in range(30):
        ActivityFactory(title_en=f"Migration study {number}", summary_en="Migration " * 50)
    with CaptureQueriesContext(connection) as queries:
        assert engine.search(people.secretariat, "migration").total == 30
    sql = next(query["sql"] for query in queries.captured_queries
               if "facet_values" in query["sql"] and "@@" in query["sql"])
    # The planner settings the engine set for that statement, replayed for its plan.
    settings = next(query["sql"] for query in queries.captured_queries if query["sql"].startswith("SET LOCAL"))
    assert "enable_seqscan = off" in settings
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(settings)
        cursor.execute("EXPLAIN " + sql)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Seq Scan on rwg_portal_searchdocument" not in plan and "Index" in plan, plan


def test_english_stemming_finds_other_forms_of_a_word(people):
    ActivityFactory(title_en="Training for migrant workers", summary_en="Workers are trained.")
    assert titles(people.secretariat, "train worker") == ["Training for migrant workers"]


@pytest.mark.parametrize("indexed, query", [
    ("إدارة الحدود المتكاملة", "ادارة"),       # a query without hamza finds the word written with it
    ("ادارة الحدود المتكاملة", "إدارة"),       # and the reverse
    ("الهِجْرَةُ النظامية", "الهجرة"),          # diacritics in the text
    ("مستشفى المهاجرين", "مستشفي"),            # alef maqsura and yaa
    ("حماية العمال المهاجرين", "حمايه"),       # taa marbuta and haa
    ("الهـــجرة الآمنة", "الامنه"),            # tatweel; alef madda
])
def test_arabic_spelling_variants_find_each_other(people, indexed, query):
    activity = ActivityFactory(title_en="Border work", title_ar=indexed, summary_ar=indexed)
    assert titles(people.secretariat, query, language="ar") == [activity.title_ar]


def test_facets_count_the_results_and_narrow_them(people):
    ActivityFactory(title_en="Labour mobility in Jordan", countries=["JOR"], lead_agency=people.owning,
                    gcm_objectives=[6], sdg_targets=["10.7"])
    ActivityFactory(title_en="Labour mobility in Lebanon", countries=["LBN"], lead_agency=people.owning,
                    gcm_objectives=[6, 18])
    ActivityFactory(title_en="Labour mobility in both", countries=["JOR", "LBN"], lead_agency=people.other)
    results = engine.search(people.secretariat, "labour mobility", language="en")
    counts = {facet: {item.value: item.count for item in values} for facet, values in results.facets.items()}
    assert counts["type"] == {"programmes.activity": 3}
    assert counts["country"] == {"JOR": 2, "LBN": 2}
    assert counts["agency"] == {"OWN": 2, "OTH": 1}
    assert counts["gcm"] == {"6": 2, "18": 1}
    assert counts["sdg"] == {"10.7": 1}
    assert {item.label for item in results.facets["country"]} == {"Jordan", "Lebanon"}
    narrowed = engine.search(people.secretariat, "labour mobility", selected={"country": "LBN", "agency": "OWN"})
    assert [result.title for result in narrowed.results] == ["Labour mobility in Lebanon"]
    assert narrowed.total == 1


def test_excerpts_are_escaped_and_mark_the_words(people):
    ActivityFactory(title_en="Escaping",
                    summary_en='Fees < 3 % & "low" <script>alert("x")</script> the asylum procedure')
    for postgresql in (True, False):
        excerpt = _search_with(people.secretariat, "asylum", postgresql).results[0].excerpt
        assert "<mark>asylum</mark>" in excerpt
        # Nothing of the text is left as markup: every "<" left is one of our marks.
        assert "<" not in excerpt.replace("<mark>", "").replace("</mark>", "")
        assert "&lt;" in excerpt and "&amp;" in excerpt


def _search_with(user, query, postgresql: bool, **kwargs):
    original = engine.is_postgresql
    engine.is_postgresql = lambda: postgresql
    try:
        return engine.search(user, query, **kwargs)
    finally:
        engine.is_postgresql = original


def test_the_simple_fallback_finds_arabic_variants_and_narrows_by_every_word(people):
    """The SQLite demo's search (icontains over the normalised text), run here on PostgreSQL's tables."""
    ActivityFactory(title_en="Border", summary_ar="إدارة الحدود")
    ActivityFactory(title_en="Other", summary_ar="ادارة المياه")
    assert [r.title for r in _search_with(people.secretariat, "ادارة الحدود", False).results] == ["Border"]
    assert len(_search_with(people.secretariat, "إدارة", False).results) == 2


def test_the_index_follows_saves_and_deletes_at_once(people):
    decision = DecisionFactory(text="The Group adopts the workplan.")
    assert titles(people.secretariat, "workplan") == [decision.reference]
    decision.text_en = "The Group welcomes the xylophone."
    decision.save()
    assert titles(people.secretariat, "workplan") == []
    assert titles(people.secretariat, "xylophone") == [decision.reference]
    Decision.objects.filter(pk=decision.pk).get().delete()
    assert titles(people.secretariat, "xylophone") == []
    assert not SearchDocument.objects.filter(source="meetings.decision", object_id=decision.pk).exists()


def test_reindex_missing_builds_the_missing_documents_only(people):
    """``rwg_search_reindex --missing`` (run at every start) indexes records written without signals, and passes
    over those a source keeps out (an unpublished decision, a meeting without minutes: ``indexable``)."""
    from meetings.models import Meeting

    engine.reindex(missing_only=True)  # the places and indicators the migrations seeded, without signals
    decision = DecisionFactory(text="The Group adopts the workplan.")
    assert engine.reindex(missing_only=True) == 0
    SearchDocument.objects.filter(source="meetings.decision", object_id=decision.pk).delete()  # no signal
    assert engine.reindex(missing_only=True) == 1
    assert titles(people.secretariat, "workplan") == [decision.reference]
    # Published without signals (as a data migration would): its public page's document is built.
    Meeting.objects.filter(pk=decision.meeting_id).update(minutes_status="approved", publish_decisions=True)
    assert engine.reindex(missing_only=True) == 1
    assert SearchDocument.objects.filter(source="meetings.public_decision", object_id=decision.pk).exists()
    assert engine.reindex(missing_only=True) == 0


def test_a_meeting_is_found_by_its_agenda(people):
    from meetings.services.agenda import agenda_item_add

    meeting = schedule(people.secretariat, title="Autumn meeting")
    agenda_item_add(meeting=meeting, data={"title": "Regional consultation on climate displacement"},
                    by=people.secretariat)
    found = engine.search(people.secretariat, "climate displacement").results
    assert [r.url for r in found] == [reverse("meetings:meeting_detail", args=[meeting.pk])]


def _docx(text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize("name, content", [
    ("paper.pdf", _pdf("Concept note", ["The hydrography of the corridor."])),
    ("paper.docx", _docx("The hydrography of the corridor.")),
])
def test_the_text_of_an_uploaded_paper_is_searchable(people, django_capture_on_commit_callbacks, name, content):
    meeting = schedule(people.secretariat)
    with django_capture_on_commit_callbacks() as callbacks:
        document = document_upload(meeting=meeting, title="Concept note", upload=upload(name, content),
                                   by=people.secretariat)
    assert len(callbacks) == 1  # the extraction is queued once the upload is committed
    assert engine.search(people.secretariat, "hydrography").results == []
    extract_document_text(document.versions.get().pk)  # what the worker runs
    assert "hydrography" in document.versions.get().text.lower()
    found = engine.search(people.secretariat, "hydrography").results
    assert [r.url for r in found] == [reverse("meetings:document_detail", args=[document.pk])]


def test_the_search_page_shows_results_and_facets(client, people):
    GoodPracticeFactory(title_en="Skills passport", status=PracticeStatus.PUBLISHED,
                        practice="A skills passport for returning workers.", published_at="2026-01-05T10:00:00Z")
    response = client.get(reverse("search"), {"q": "skills passport"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Skills passport" in html
    assert "<mark>skills</mark> <mark>passport</mark>" in html
    assert "1 result" in html


def test_an_empty_query_finds_nothing(people):
    assert engine.search(people.secretariat, "   ").results == []


@pytest.mark.parametrize("language", ["en", "ar", "fr"])
def test_a_published_edition_in_each_language_is_indexed(people, language):
    """French editions read the report's English texts (reports are written in English and Arabic only)."""
    from django.utils import timezone

    from tests.reports.factories import BuildFactory, ReportFactory

    report = ReportFactory(summary_en="The quetzal corridor grew.", summary_ar="نما ممر الكيتزال.")
    now = timezone.now()
    build = BuildFactory(report=report, language=language, approved_at=now, published_at=now, is_public=True)
    document = SearchDocument.objects.get(source="reports.build", object_id=build.pk)
    assert ("كيتزال" if language == "ar" else "quetzal") in getattr(document, f"body_{language}").lower()


def test_a_sign_in_does_not_touch_the_index(people):
    """Django saves only ``last_login`` at each sign-in: nothing a search reads."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    user = people.focal_point
    user.last_login = timezone.now()
    with CaptureQueriesContext(connection) as context:
        user.save(update_fields=["last_login"])
    assert not [q for q in context.captured_queries if "searchdocument" in q["sql"]]
    user.first_name = "Renamed"
    with CaptureQueriesContext(connection) as context:
        user.save()
    assert [q for q in context.captured_queries if "searchdocument" in q["sql"]]  # other saves still index
