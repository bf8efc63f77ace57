"""The PDFs' HTML, fonts, charts and the guard on what a build may read."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from weasyprint.urls import URLFetchingError

from reports.pdf import charts, fonts
from reports.pdf.document import BuildError, css_string, document_html
from reports.pdf.render import LAYOUT_GC_THRESHOLDS, LocalFilesOnly, html_to_pdf
from reports.pdf.svg import UnsafeSvg, clean_svg
from tests.reports.factories import AssessmentFactory, ChapterFactory, ReportFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition(people):
    report = ReportFactory(title_en="Situation Report 2031", title_ar="تقرير الحالة 2031")
    SourceFactory(report=report, key="desa", citation_en="UN DESA (2024). Migrant stock.",
                  citation_ar="الأمم المتحدة (2024). رصيد المهاجرين.")
    SourceFactory(report=report, key="uncited", citation_en="Never cited (2020).")
    ChapterFactory(report=report, position=1, title_en="Trends", title_ar="الاتجاهات", lead_agency=people.owning,
                   contributing_agencies=[people.other],
                   body_en="Migrants[^1] are counted [@desa].\n\n[^1]: By UN DESA.",
                   body_ar="يُحصى المهاجرون[^1] [@desa].\n\n[^1]: من الأمم المتحدة.")
    ChapterFactory(report=report, position=2, title_en="Labour", lead_agency=people.other, body_en="Work.")
    return report


def test_the_english_html(edition):
    document = document_html(edition, "en")
    html = document.html
    assert '<html lang="en" dir="ltr">' in html
    assert "<title>Situation Report 2031</title>" in html
    assert 'href="#chapter-1"' in html and 'href="#chapter-2"' in html and 'href="#sources"' in html
    assert "target-counter(attr(href), page)" in html
    assert '<span class="fn">By UN DESA.</span>' in html
    assert '<a class="cite" href="#source-desa">[1]</a>' in html
    # Cited sources first, then the others.
    assert html.index('id="source-desa" value="1"') < html.index('id="source-uncited" value="2"')
    assert "Lead agency:" in html and "OTH" not in html.split("Lead agency:")[1][:20]
    assert document.is_draft
    assert set(document.revisions) == {str(c.pk) for c in edition.chapters.all()}


def test_margin_boxes_and_svg_name_their_fonts(edition):
    html = document_html(edition, "en").html
    for box in ("@top-left", "@top-right", "@bottom-center", "@bottom-left", "@bottom-right"):
        rule = html.split(box, 1)[1].split("}", 1)[0]
        assert "font-family: 'RWG Sans" in rule, box
    assert "@font-face { font-family: 'RWG Naskh Arabic'" in html
    # Arabic is set in Debian's complete Naskh (a space of its own), not in @fontsource's subset.
    assert "url('file:///usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf') format('truetype')" in html
    assert "noto-naskh-arabic-arabic" not in html
    assert "text-align: justify" in html


def test_the_arabic_html_is_right_to_left_and_never_justified(edition):
    html = document_html(edition, "ar").html
    assert '<html lang="ar" dir="rtl">' in html
    assert "الاتجاهات" in html and "يُحصى المهاجرون" in html
    assert "text-align: justify" not in html
    assert "font-family: 'RWG Naskh Arabic'" in html
    # The chapter without Arabic text falls back to English, marked as such and left-to-right.
    assert 'class="lang-fallback" lang="en" dir="ltr"' in html
    assert "@top-right {\n    content: \"تقرير الحالة 2031\"" in html


def test_unknown_sources_fail_the_build_naming_the_chapter(edition):
    chapter = edition.chapters.get(position=2)
    chapter.body_en = "As [@gone] showed."
    chapter.save()
    with pytest.raises(BuildError) as caught:
        document_html(edition, "en")
    assert str(caught.value) == "Chapter 2 “Labour” cites sources that the report does not list: gone."


def test_the_assessment_html(people):
    report = AssessmentFactory(year=2031, findings_en="We met.", recommendations_en="Meet more.")
    html = document_html(report, "en").html
    for title in ("Introduction", "Organisation and functioning", "Findings", "Recommendations",
                  "Focal points and alternates"):
        assert title in html
    assert str(people.focal_point) in html
    assert "No questionnaire was run" in html


def test_css_strings_cannot_break_out():
    assert css_string('A "quoted" </style> title\\') == '"A \\"quoted\\" \\3C /style> title\\\\"'


def test_svg_from_another_app_is_cleaned_and_given_our_fonts():
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" onload="x()">'
           '<script>alert(1)</script><foreignObject><p>hi</p></foreignObject>'
           '<image xlink:href="http://evil.example/x.png"/><use xlink:href="#bar"/>'
           '<rect fill="url(http://evil.example/#p)" onclick="y()" width="5" height="5"/>'
           '<text style="font-family: serif; fill: red">Men</text></svg>')
    cleaned = clean_svg(svg)
    for gone in ("script", "foreignObject", "<image", "onload", "onclick", "evil.example", "font-family: serif"):
        assert gone not in cleaned
    assert '<use xlink:href="#bar"/>' in cleaned
    assert f'font-family="{fonts.SVG_SANS}"' in cleaned
    with pytest.raises(UnsafeSvg):
        clean_svg("<div>not svg</div>")
    with pytest.raises(UnsafeSvg):
        clean_svg('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><svg>&e;</svg>')


def test_charts_escape_labels_name_fonts_and_mirror_for_arabic():
    bars = [charts.Bar("<IOM>", 50), charts.Bar("ILO", 100)]
    ltr = charts.bar_chart(bars, title="Attendance", maximum=100)
    rtl = charts.bar_chart(bars, title="Attendance", maximum=100, rtl=True)
    assert "&lt;IOM&gt;" in ltr and "<IOM>" not in ltr
    assert ltr.count(f'font-family="{fonts.SVG_SANS}"') == 4
    assert 'x="124.0"' in ltr and 'text-anchor="end"' in ltr  # labels left of the bars
    assert 'x="356.0"' in rtl  # labels right of the bars
    assert "<title>Attendance</title>" in ltr


def test_a_build_reads_only_the_font_files():
    fetch = LocalFilesOnly()
    font = fonts.font_file("noto-sans-arabic", "latin", 400)
    assert fetch(font.as_uri()).read()[:4] == b"wOF2"
    assert fetch(fonts.system_font_file("NotoNaskhArabic", 700).as_uri()).read()[:4] == b"\x00\x01\x00\x00"
    for url in ("file:///etc/passwd", "http://169.254.169.254/latest/meta-data/", "https://example.org/x.css",
                (fonts.FONTSOURCE / ".." / ".." / "package.json").as_uri(),
                (fonts.NOTO / ".." / "dejavu" / "DejaVuSans.ttf").as_uri()):
        with pytest.raises((ValueError, URLFetchingError)):
            fetch(url)


def test_a_build_collects_garbage_less_often_and_puts_the_thresholds_back(monkeypatch):
    import gc
    import io

    from weasyprint import Document

    seen = []
    real_write = Document.write_pdf

    def write_pdf(self, target, **options):
        seen.append(gc.get_threshold())
        return real_write(self, target, **options)

    monkeypatch.setattr(Document, "write_pdf", write_pdf)
    before = gc.get_threshold()
    output = io.BytesIO()
    assert html_to_pdf("<p>One page</p>", output, base_url=".") == 1
    assert seen == [LAYOUT_GC_THRESHOLDS]
    assert gc.get_threshold() == before
    assert output.getvalue().startswith(b"%PDF")
    with pytest.raises(ValueError):  # a failing build puts them back too
        html_to_pdf("<img src='file:///etc/passwd'><p>x</p>", io.BytesIO(), base_url=".",
                    on_layout_done=lambda pages: (_ for _ in ()).throw(ValueError("stop")))
    assert gc.get_threshold() == before


def test_arabic_chart_labels_are_shaped_and_in_visual_order():
    """WeasyPrint draws SVG text one character at a time: labels come pre-shaped, right to left."""
    from reports.pdf.shaping import visual

    assert visual("ذكور") == "\ufead\ufeee\ufedb\ufeab"  # ر و ك ذ: final, final, initial, isolated
    assert visual("لا") == "\ufefb"  # the lam-alef ligature
    assert visual("Q1") == "Q1" and visual("100 %") == "100 %"
    assert visual("3 وكالات").endswith(" 3")  # the number stays a number, at the end of an RTL line
    # An English citation inside an Arabic label keeps its word order, to the left of the Arabic.
    assert visual("المصدر: United Nations (2019)").startswith("United Nations (2019)")
    assert visual("(ذكور)") == "(" + visual("ذكور") + ")"  # brackets mirrored with the text
    svg = clean_svg('<svg xmlns="http://www.w3.org/2000/svg"><text x="9" text-anchor="start" direction="rtl">'
                    'ذكور</text></svg>')
    assert "direction" not in svg and 'text-anchor="end"' in svg and "\ufead\ufeee\ufedb\ufeab" in svg
    assert "\ufeab" in charts.bar_chart([charts.Bar("ذكور", 3)], title="ذكور")
    assert "<title>ذكور</title>" in charts.bar_chart([charts.Bar("ذكور", 3)], title="ذكور")


def test_the_french_edition_has_french_labels_and_marks_the_english_texts(edition):
    html = document_html(edition, "fr").html
    assert '<html lang="fr" dir="ltr">' in html
    assert "Table des matières" in html and "Page " in html
    # Chapters are written in English and Arabic: the French edition prints the English, marked as such.
    assert html.count("Ce chapitre n'est rédigé qu'en anglais et en arabe ; le texte anglais suit.") == 2
    assert html.count('class="lang-fallback" lang="en" dir="ltr"') == 2
    assert '<span lang="en">Trends</span>' in html and '<h1 class="report-title" lang="en">' in html
    assert "text-align: justify" in html and "font-family: 'RWG Sans Latin'" in html


def test_figures_follow_the_edition():
    from django.utils import translation

    from reports.pdf.document import format_number
    from reports.pdf.numbers import figure

    with translation.override("en"):
        assert (format_number(1234567), format_number(12.34), figure(4.5)) == ("1,234,567", "12.3", "4.5")
    with translation.override("fr"):
        assert (format_number(1234567), format_number(12.34), figure(4.5)) == (
            "1\xa0234\xa0567", "12,3", "4,5")
    with translation.override("ar"):  # as UN Arabic documents: Western digits, the Arabic separators
        assert (format_number(1234567), format_number(12.34), figure(4.5)) == (
            "1\u066c234\u066c567", "12\u066b3", "4\u066b5")
    assert figure(None) == "" and figure("n/a") == "n/a"


# Arabic, Latin, figures, percent signs, separators and brackets, mixed as chart labels mix them.
_LABEL_CHARACTERS = "النساءذكورمهاجرون" + "WomenUNDESA" + "0123456789" + "%٫٬.,:-" + "()[]«» "


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_LABEL_CHARACTERS, max_size=40))
def test_chart_labels_follow_the_unicode_bidirectional_algorithm(label):
    """python-bidi orders the label (our reordering only learns where each character lands, for
    mirroring); nothing is lost or added; every figure keeps its percent sign on its right."""
    from bidi import get_display
    from bidi.mirror import MIRRORED

    from reports.pdf.shaping import _CONTROLS, _levels, _order, has_arabic, logical_form, visual

    drawn = visual(label)
    if not has_arabic(label):
        assert drawn == label
        return
    logical = logical_form(label)
    assert "".join(logical[p] for p in _order(_levels(logical))) == get_display(logical, base_dir="R")
    assert not _CONTROLS.search(drawn)
    either = {ord(char): min(char, mirror) for char, mirror in MIRRORED.items()}  # "(" and ")" alike
    assert sorted(drawn.translate(either)) == sorted(_CONTROLS.sub("", logical).translate(either))
    for figure in re.findall(r"(?<![\d٫٬.,])\d[\d٫٬.,]*%", label):
        assert figure in drawn


def test_a_figure_keeps_its_percent_sign_after_it_in_arabic():
    from reports.pdf.shaping import visual

    assert visual("النساء 45%") == "45% " + visual("النساء")
    assert visual("النساء 45٫3% (2019)") == "(2019) 45٫3% " + visual("النساء")


def test_an_arabic_chart_in_a_pdf_reads_right_to_left(tmp_path):
    """A chart's Arabic labels as poppler reads them back from the PDF, and a page image to look at."""
    from django.conf import settings as django_settings

    from tests.reports.pdf_checks import word_boxes

    svg = charts.bar_chart([charts.Bar("النساء 45%", 45), charts.Bar("ذكور (2019)", 55)], title="ذكور",
                           rtl=True)
    html = f'<html lang="ar" dir="rtl"><head><style>{fonts.font_face_css()}</style></head><body>{svg}</body></html>'
    path = tmp_path / "chart.pdf"
    with path.open("wb") as target:
        html_to_pdf(html, target, base_url=str(tmp_path))
    lines = [" ".join(word for *_box, word in line) for line in word_boxes(path, 1)]
    assert any("45%" in line for line in lines), lines
    tool = shutil.which("pdftoppm")
    if tool:  # for people to look at
        artifacts = Path(django_settings.BASE_DIR) / "artifacts"
        artifacts.mkdir(exist_ok=True)
        subprocess.run([tool, "-png", "-r", "150", "-singlefile", str(path), str(artifacts / "chart-ar")],
                       check=True, timeout=60)
