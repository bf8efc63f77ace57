"""Every edition of both reports, read back as a reader sees it: no missing glyph, no box, nothing cut off.

Each report (the Situation Report, with a data block, a long table, footnotes and a chart; the RCM
assessment, with its figures, charts and questionnaire) is built in every language the portal
offers, in this process (``build_run``, what the worker's task calls), then:

- every glyph that a page draws, charts included, is looked up in the font the PDF embeds: none may
  be .notdef (glyph 0, or a glyph the font does not have) — ``pdf_checks.notdef_glyphs``;
- each page image (pdftoppm) is searched for a missing-glyph box in the gaps between words, where
  the text layer has a space — ``pdf_checks.boxes_in_word_gaps``;
- every word of every page lies inside the page's margins (a long numbered Arabic heading once ran
  off the right edge), and the contents keep each number apart from its title.

These tests failed on the PDFs built before the fonts were fixed (3 December 2026): the Arabic
editions set the spaces of Arabic text in @fontsource's subset of Noto Naskh Arabic, which has no
U+0020, and each space was drawn as .notdef — 1,000 and more per Arabic PDF, and a box between every
pair of words on the page images. ``test_the_checks_see_a_missing_space`` keeps that proof: it
builds a page with the old font and asserts that both checks see its boxes.

Screenshots of an Arabic and a French page of each report are written to ``artifacts/`` for people
to look at.
"""

import shutil
from pathlib import Path

import pytest
from django.conf import settings
from pypdf import PdfReader
from weasyprint import HTML

from reports import services
from reports.choices import BuildStatus, ReportLanguage
from reports.pdf import fonts
from tests.reports import pdf_checks
from tests.reports.conftest import ARABIC_PARAGRAPH

pytestmark = pytest.mark.django_db

LANGUAGES = list(ReportLanguage.values)
ARTIFACTS = Path(settings.BASE_DIR) / "artifacts"
# A4 in points, and the page's side margins (20 mm) less a point for anti-aliasing.
PAGE_WIDTH = 595.28
MARGIN = 20 / 25.4 * 72 - 1


def build(report, language, people):
    build, _created = services.build_request(report=report, language=language, by=people.secretariat,
                                             enqueue=False)
    build = services.build_run(build_id=build.pk)
    assert build.status == BuildStatus.DONE, build.error
    # A copy in artifacts/ for people to look at (the build's own file goes with the test's media).
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copy(build.file.path, ARTIFACTS / f"report-{report.kind}-{language}.pdf")
    return Path(build.file.path)


@pytest.fixture(params=["situation_report", "rcm_assessment"])
def report(request, people):
    return request.getfixturevalue("sample_edition" if request.param == "situation_report" else "sample_assessment")


def words_outside_the_margins(path) -> list[tuple[int, tuple]]:
    """Words of the pages after the cover that poppler finds outside the left and right margins."""
    outside = []
    for page in range(2, len(PdfReader(path).pages) + 1):
        for line in pdf_checks.word_boxes(path, page):
            outside += [(page, word) for word in line if word[0] < MARGIN or word[2] > PAGE_WIDTH - MARGIN]
    return outside


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_character_is_drawn_with_a_real_glyph(report, language, people, media, tmp_path):
    path = build(report, language, people)
    missing = pdf_checks.notdef_glyphs(path)
    pages = len(PdfReader(path).pages)
    boxes = {page: len(found) for page in range(1, pages + 1)
             if (found := pdf_checks.boxes_in_word_gaps(path, page, tmp_path))}
    assert not missing and not boxes, (
        f"{len(missing)} .notdef glyphs drawn, for {sorted({text for _p, _f, text in missing})} "
        f"(first: page {missing[0][0] if missing else '-'}, font {missing[0][1] if missing else '-'}); "
        f"missing-glyph boxes between words on the page images: {boxes}")
    assert words_outside_the_margins(path) == []
    if language == ReportLanguage.ARABIC and report.is_situation_report:
        # Readers that decode the embedded fonts (pypdf here, as indexers do) get every word back.
        text = " ".join(page.extract_text() for page in PdfReader(path).pages)
        exact, missing = pdf_checks.arabic_words_found(ARABIC_PARAGRAPH, text)
        assert missing == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_contents_keep_numbers_apart_from_titles(report, language, people, media):
    """Each numbered entry of the contents: the number, then a gap, then the title (never "3Title")."""
    path = build(report, language, people)
    words = [word for line in pdf_checks.word_boxes(path, 2) for word in line]
    rtl = language == ReportLanguage.ARABIC
    numbered = 0
    for number in words:
        if not number[4].strip(".").isdigit() or "." not in number[4]:
            continue  # labels are "3." (".3" in visual order); page numbers have no dot
        # The title: the nearest word on the same line after the number in reading order.
        same_line = [word for word in words if word is not number
                     and min(word[3], number[3]) - max(word[1], number[1]) > 0.5 * (number[3] - number[1])]
        after = [word for word in same_line if (word[2] <= number[2] if rtl else word[0] >= number[0])]
        title = max(after, key=lambda word: word[2]) if rtl else min(after, key=lambda word: word[0])
        gap = number[0] - title[2] if rtl else title[0] - number[2]
        assert gap >= 2, (number, title)
        numbered += 1
    assert numbered >= 3


def test_the_checks_see_a_missing_space(tmp_path):
    """The font that drew boxes for spaces (the @fontsource Arabic subset of Noto Naskh Arabic, which has
    no U+0020): both checks find them, so they would fail on the PDFs built with it."""
    subset = fonts.FONTSOURCE / "noto-naskh-arabic" / "files" / "noto-naskh-arabic-arabic-400-normal.woff2"
    html = (f"<html lang='ar' dir='rtl'><style>@font-face {{ font-family: old; src: url('{subset.as_uri()}'); }}"
            f"body {{ font-family: old; font-size: 10pt }}</style><p>{ARABIC_PARAGRAPH}</p></html>")
    path = tmp_path / "old.pdf"
    HTML(string=html).write_pdf(path)
    missing = pdf_checks.notdef_glyphs(path)
    # Every space but those where the lines break.
    assert len(missing) >= ARABIC_PARAGRAPH.count(" ") - 4 and {text for _page, _font, text in missing} == {" "}
    assert len(pdf_checks.boxes_in_word_gaps(path, 1, tmp_path)) >= 10


@pytest.mark.parametrize("language", [ReportLanguage.ARABIC, "fr"])
def test_screenshots_of_an_arabic_and_a_french_page(report, language, people, media):
    """The contents and the first two pages after it (the assessment's charts) of each report, as PNGs in
    artifacts/ for people to look at."""
    if language not in LANGUAGES:
        pytest.fail(f"no {language} edition")
    path = build(report, language, people)
    for page in (2, 3, 4):
        out = ARTIFACTS / f"report-{report.kind}-{language}-page{page}.png"
        pdf_checks.page_image(path, page, out, dpi=100)
        assert out.stat().st_size > 10_000
