"""Both reports built through a real Celery worker over Redis, then read back with pypdf.

The worker is the session's ``celery_worker`` (it listens to the "reports" queue too); builds
are requested exactly as the page does, queued when the transaction commits, and the test
polls the build rows. The PDFs are checked for their page count, table of contents (each
entry's page number is the page where the chapter starts), running header and footer,
sections, footnotes, figures from the test data, fonts, and Arabic text; a page image of
each language shows which side the lines are aligned to.
"""

import re
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from data_hub.models import Release
from reports import services
from reports.choices import BuildStatus
from reports.models import Build
from tests.reports import pdf_checks
from tests.reports.conftest import ARABIC_PARAGRAPH
from tests.reports.data import ARAB_2010

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

@pytest.fixture(autouse=True)
def _remove_built_files():
    """The worker writes under the real MEDIA_ROOT: remove what these tests built."""
    yield
    for build in Build.objects.exclude(file=""):
        path = Path(build.file.path)
        path.unlink(missing_ok=True)
        if path.parent.is_dir() and not any(path.parent.iterdir()):
            path.parent.rmdir()


def wait_for(*builds: Build, timeout: float = 240) -> list[Build]:
    deadline = time.monotonic() + timeout
    pending = {build.pk for build in builds}
    while pending and time.monotonic() < deadline:
        pending = set(Build.objects.filter(pk__in=pending, status__in=["pending", "running"])
                      .values_list("pk", flat=True))
        time.sleep(0.3)
    assert not pending, f"builds {pending} did not finish within {timeout} s (see var/test-celery-worker-*.log)"
    result = [Build.objects.get(pk=build.pk) for build in builds]
    for build in result:
        assert build.status == BuildStatus.DONE, build.error
    return result


def toc_entries(contents_page: str) -> dict[str, int]:
    """Lines of the contents page that end in a page number, as {text before the leaders: page}."""
    entries = {}
    for line in contents_page.splitlines():
        match = re.match(r"^(.*?)[ .]*?\.{3,}\s*(\d+)\s*$", line.strip())
        if match:
            entries[match[1].strip()] = int(match[2])
    return entries


def first_page_with(texts: list[str], needle: str, *, after: int = 2) -> int:
    """1-based number of the first page after the contents that holds ``needle``."""
    for number, text in enumerate(texts, start=1):
        if number > after and needle in text:
            return number
    raise AssertionError(f"{needle!r} is on no page")


def test_the_situation_report_builds_in_both_languages_through_the_worker(celery_worker, people, sample_edition,
                                                                          tmp_path):
    edition = sample_edition
    english, _ = services.build_request(report=edition, language="en", by=people.secretariat)
    arabic, _ = services.build_request(report=edition, language="ar", by=people.secretariat)
    english, arabic = wait_for(english, arabic)
    assert not english.is_draft and english.download_count == 0

    # English --------------------------------------------------------------------------------
    path = Path(english.file.path)
    reader = PdfReader(path)
    assert len(reader.pages) == english.page_count >= 7
    assert reader.metadata.title == edition.title_en
    texts = pdf_checks.page_texts(path)
    assert edition.title_en in texts[0].replace("\n", " ")
    assert "Working Group on International Migration in the Arab Region" in texts[0]
    assert "Contents" in texts[1]
    toc = toc_entries(texts[1])
    for number, title in enumerate(["Migration in the Arab region", "Labour migration and decent work",
                                    "Women migrants"], start=1):
        listed = next(page for entry, page in toc.items() if entry.endswith(title))
        assert listed == first_page_with(texts, f"{number}. {title}"), title
    assert toc["Sources"] == first_page_with(texts, "International Migrant Stock 2024")
    # Running header (the chapter's title) and footer on a page inside a chapter.
    chapter_two = first_page_with(texts, "2. Labour migration and decent work")
    assert "2. Labour migration and decent work" in texts[chapter_two]
    assert edition.title_en in texts[chapter_two]
    assert f"Page {chapter_two + 1} of {english.page_count}" in texts[chapter_two]
    # The footnote sits at the foot of the page that calls it; the citation is numbered.
    chapter_one = first_page_with(texts, "1. Migration in the Arab region")
    assert "Terms of reference of the Working Group, section 1." in texts[chapter_one - 1]
    assert "As UN DESA counts [1]" in texts[chapter_one - 1]
    # The 60-row table breaks across pages with its header repeated, and keeps its figures.
    header_pages = [n for n, text in enumerate(texts, start=1) if "Women (%)" in text]
    assert len(header_pages) >= 2
    all_text = "\n".join(texts)
    assert "Country 59" in all_text and "1,728,355" in all_text
    # The data block: the data hub's figures for the Arab region, its chart and its citation.
    flat = " ".join(all_text.split())
    both, male, female = ARAB_2010
    assert f"2010 {both} {male} {female}" in flat
    assert "Figure 1.1: International migrant stock by sex, Arab region" in flat
    citation = " ".join(Release.objects.get().citation.split())
    assert f"Source: {citation[:60]}" in flat
    # Every font is one of the report's own, including the margin boxes: no fallback font.
    fonts = pdf_checks.embedded_fonts(path)
    assert fonts and all(name.startswith("RWG-") for name in fonts), fonts

    # Arabic ---------------------------------------------------------------------------------
    path_ar = Path(arabic.file.path)
    reader_ar = PdfReader(path_ar)
    assert len(reader_ar.pages) == arabic.page_count >= 5
    assert reader_ar.metadata.title == edition.title_ar
    texts_ar = pdf_checks.poppler_page_texts(path_ar)
    assert len(texts_ar) == arabic.page_count
    body = "\n".join(texts_ar[2:])
    # Copying, searching and screen readers get the words back (see tests/reports/pdf_checks.py).
    exact, missing = pdf_checks.arabic_words_found(ARABIC_PARAGRAPH, body)
    assert len(missing) <= 0.1 * len(ARABIC_PARAGRAPH.split()), missing
    for word in ("الهجرة", "العمال", "الجنس", "ولا", "المهاجرين", "الخليجي"):
        assert word in exact, word
    fonts_ar = pdf_checks.embedded_fonts(path_ar)
    assert "RWG-Naskh-Arabic" in fonts_ar and all(name.startswith("RWG-") for name in fonts_ar), fonts_ar
    assert not pdf_checks.arabic_words_found("الهجرة في المنطقة العربية", texts_ar[1])[1]
    # The first chapter starts on page 3 (the number beside the dot leader; poppler gives RTL lines in
    # visual order, so it may come first).
    assert re.search(r"\.{10,}\s*3\b|\b3\s*\.{10,}", texts_ar[1]), texts_ar[1]

    # Page images: English lines start at the left margin, Arabic ones at the right margin.
    page = max(range(3, len(texts_ar) + 1), key=lambda n: len(re.findall(r"[\u0621-\u064A]", texts_ar[n - 1])))
    (tmp_path / "en").mkdir()
    english_png = pdf_checks.render_page(path, chapter_two + 1, tmp_path / "en")
    if english_png is None:
        pytest.skip("pdftoppm is not installed (apt-get install poppler-utils): page images not checked")
    (tmp_path / "ar").mkdir()
    arabic_png = pdf_checks.render_page(path_ar, page, tmp_path / "ar")
    english_lines = pdf_checks.text_lines(english_png, top=0.15, bottom=0.85)
    arabic_lines = pdf_checks.text_lines(arabic_png, top=0.15, bottom=0.85)
    assert len(english_lines) > 10 and len(arabic_lines) > 10, (english_lines, arabic_lines)
    lefts = sorted(left for left, _right in arabic_lines)
    rights = sorted(right for _left, right in arabic_lines)
    # Most Arabic lines end flush at the right margin (the start of an RTL line), while the
    # last line of each paragraph stops short at the left; English lines start flush left.
    assert rights[-1] - rights[len(rights) // 4] <= 4, arabic_lines
    assert lefts[-1] - lefts[0] > 40, arabic_lines
    english_lefts = sorted(left for left, _right in english_lines)
    assert english_lefts[len(english_lefts) * 3 // 4] - english_lefts[0] <= 4, english_lines


def test_the_rcm_assessment_builds_in_both_languages_through_the_worker(celery_worker, people, sample_assessment):
    assessment = sample_assessment
    english, _ = services.build_request(report=assessment, language="en", by=people.secretariat)
    arabic, _ = services.build_request(report=assessment, language="ar", by=people.secretariat)
    english, arabic = wait_for(english, arabic)
    assert not english.is_draft

    texts = pdf_checks.page_texts(english.file.path)
    assert len(texts) == english.page_count
    toc = toc_entries(texts[1])
    for number, title in enumerate(["Introduction", "Organisation and functioning",
                                    "Detailed assessment of relevance and effectiveness", "Findings",
                                    "Recommendations"], start=1):
        listed = next(page for entry, page in toc.items() if entry.endswith(title))
        assert listed == first_page_with(texts, f"{number}. {title}"), title
    all_text = " ".join(" ".join(texts).split())
    # Figures from the test data: two meetings held, one planned; OWN always there, OTH once.
    assert "With 2 meetings held and 1 planned, the Group reaches the minimum of 3" in all_text
    assert "OWN 2 2 100 %" in all_text and "OTH 2 1 50 %" in all_text
    assert all_text.count("100 %") >= 2  # in the table and in the chart
    assert str(people.focal_point) in all_text and str(people.alternate) in all_text
    assert "2 agencies of 2 answered the questionnaire." in all_text
    assert "OWN: Meet in Tunis once a year." in all_text
    assert "The Group met regularly." in all_text and "Share agendas earlier." in all_text

    texts_ar = pdf_checks.poppler_page_texts(arabic.file.path)
    assert len(texts_ar) == arabic.page_count
    body_ar = " ".join(texts_ar)
    assert not pdf_checks.arabic_words_found("اجتمع الفريق العامل بانتظام.", body_ar)[1]
    assert not pdf_checks.arabic_words_found("تعميم جداول الأعمال في وقت أبكر.", body_ar)[1]
    assert "OWN" in body_ar and "100 %" in body_ar
