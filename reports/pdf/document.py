"""The HTML of a report's PDF: everything gathered and rendered before WeasyPrint lays it out.

``document_html(report, language)`` returns the complete HTML (styles included) and
what went into it. It resolves the data blocks and compiles the figures, so it raises
``BuildError`` with a message for the secretariat when something cannot be resolved.
"""

import datetime
import numbers
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reports import assessment, sources, text
from reports.choices import ChapterState, ReportLanguage
from reports.models import Report
from reports.pdf import fonts
from reports.pdf import numbers as pdf_numbers
from reports.pdf.svg import UnsafeSvg, clean_svg


class BuildError(Exception):
    """A build cannot go on; the message tells the secretariat what to fix.

    The message is a lazy translation with its parameters, turned into text only when
    shown or saved, so that it reads in the language of whoever asked for the build
    rather than in the language of the document.
    """

    def __init__(self, template, **params):
        super().__init__(template)
        self.template = template
        self.params = params

    def __str__(self):
        return str(self.template) % {key: str(value) for key, value in self.params.items()}


@dataclass
class Document:
    """A report's HTML and what went into it."""

    html: str
    is_draft: bool
    revisions: dict = field(default_factory=dict)


def css_string(value: str) -> str:
    """``value`` as a quoted CSS string, safe inside a ``<style>`` element."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("<", "\\3C ")
    return f'"{escaped}"'


def format_number(value) -> str:
    """A table's figure: whole numbers grouped, others with one decimal, in the edition's format."""
    if isinstance(value, bool) or not isinstance(value, numbers.Number):
        return "" if value is None else str(value)
    return pdf_numbers.figure(value, 0 if isinstance(value, numbers.Integral) else 1)


class _Where:
    """Where in the report something went wrong, translated when the message is shown."""

    def __init__(self, template, **params):
        self.template, self.params = template, params

    def __str__(self):
        return str(self.template) % self.params


@dataclass
class _Numbering:
    """Figures and tables are numbered within their chapter: Figure 2.1, Table 2.3."""

    chapter: int
    figures: int = 0
    tables: int = 0

    def figure(self) -> str:
        self.figures += 1
        return f"{self.chapter}.{self.figures}"

    def table(self) -> str:
        self.tables += 1
        return f"{self.chapter}.{self.tables}"


def _table_rows(data) -> list[list[tuple[str, bool]]]:
    """The block's rows as (text, is a figure) cells; the data hub formats its own figures when it can."""
    raw = list(getattr(data, "rows", []))
    labels = set(getattr(data, "label_columns", [0]))
    formatted = data.formatted_rows() if hasattr(data, "formatted_rows") else [
        [cell if i in labels else format_number(cell) for i, cell in enumerate(row)] for row in raw]
    return [
        [(str(text) if text is not None else "—",
          i not in labels and isinstance(cell, numbers.Number) and not isinstance(cell, bool))
         for i, (text, cell) in enumerate(zip(texts, row, strict=False))]
        for texts, row in zip(formatted, raw, strict=False)
    ]


class _BlockRenderer:
    """Resolves a chapter's data blocks through the data hub and renders them as figure and table."""

    def __init__(self, chapter, numbering: _Numbering, data_citations: list[str]):
        self.chapter = chapter
        self.numbering = numbering
        self.data_citations = data_citations

    def _fail(self, block: text.BlockSpec, message) -> BuildError:
        return BuildError(gettext_lazy("Chapter %(number)s “%(title)s”, data block %(block)s: %(message)s"),
                          number=self.chapter.position, title=self.chapter.title_en, block=block.label,
                          message=message)

    def __call__(self, block: text.BlockSpec) -> str:
        try:
            data = sources.resolve_data_block(block.spec)
        except sources.BlockFailed as exc:
            raise self._fail(block, str(exc)) from exc
        except sources.SourceUnavailable:
            raise self._fail(
                block, gettext_lazy("data blocks are not yet available (the data hub is not installed).")
            ) from None
        title = block.title or str(getattr(data, "title", "") or "")
        svg = ""
        if block.show in ("both", "chart") and getattr(data, "svg", ""):
            try:
                svg = clean_svg(data.svg)
            except UnsafeSvg as exc:
                raise self._fail(block, gettext_lazy("the chart is not valid SVG.")) from exc
        rows = _table_rows(data)
        # A column of figures is right-aligned (end-aligned in Arabic), its header too.
        columns = [(str(column), any(len(row) > i and row[i][1] for row in rows))
                   for i, column in enumerate(getattr(data, "columns", []))]
        show_table = block.show in ("both", "table") and bool(rows)
        if not svg and not show_table:
            raise self._fail(block, gettext_lazy("the data hub returned neither a chart nor any row."))
        citation = str(getattr(data, "citation", "") or "")
        if citation and citation not in self.data_citations:
            self.data_citations.append(citation)
        return render_to_string("reports/pdf/data_block.html", {
            "anchor": f"block-{self.chapter.position}-{block.index}",
            "title": title,
            "svg": mark_safe(svg),  # noqa: S308 - cleaned by clean_svg
            "figure_number": self.numbering.figure() if svg else "",
            "table_number": self.numbering.table() if show_table else "",
            "columns": columns,
            "rows": rows if show_table else [],
            "citation": citation,
        })


def _render_text(body: str, *, where, citations: text.Citations, id_prefix: str, block_html=None) -> SafeString:
    try:
        rendered = text.render(body, citations=citations, id_prefix=id_prefix, footnotes_inline=True,
                               block_html=block_html)
    except text.BlockSyntaxError as exc:
        raise BuildError(gettext_lazy("%(where)s: %(error)s"), where=where, error=exc) from None
    if rendered.unknown_sources:
        raise BuildError(gettext_lazy("%(where)s cites sources that the report does not list: %(keys)s."),
                         where=where, keys=", ".join(rendered.unknown_sources))
    return rendered.html


def _sources_list(report: Report, citations: text.Citations, language: str) -> list[dict]:
    """The report's sources: those cited, in the order of their numbers, then the others."""
    entries = {source.key: source for source in report.sources.all()}
    ordered = sorted(citations.numbers.items(), key=lambda item: item[1])
    listed = [{"number": number, "key": key, "citation": entries[key].citation_in(language),
               "url": entries[key].url} for key, number in ordered]
    next_number = len(listed) + 1
    for key in sorted(set(entries) - set(citations.numbers)):
        listed.append({"number": next_number, "key": key, "citation": entries[key].citation_in(language),
                       "url": entries[key].url})
        next_number += 1
    return listed


def _common(report: Report, language: str, *, is_draft: bool, built_at: datetime.datetime) -> dict:
    stacks = fonts.stacks(language)
    rtl = language == ReportLanguage.ARABIC
    title = report.title_in(language)
    footer = _("Page %(page)s of %(pages)s")
    page_before, _sep, rest = footer.partition("%(page)s")
    page_middle, _sep, page_after = rest.partition("%(pages)s")
    css = render_to_string("reports/pdf/report.css", {
        "font_faces": mark_safe(fonts.font_face_css()),  # noqa: S308 - built from our own file paths
        "fonts": stacks,
        "rtl": rtl,
        "running_title": mark_safe(css_string(title)),  # noqa: S308 - quoted by css_string
        "page_before": mark_safe(css_string(page_before)),  # noqa: S308
        "page_middle": mark_safe(css_string(page_middle)),  # noqa: S308
        "page_after": mark_safe(css_string(page_after)),  # noqa: S308
        "draft_mark": mark_safe(css_string(_("Draft — not for circulation") if is_draft else "")),  # noqa: S308
        "demo_mark": mark_safe(css_string(_("Demo content") if report.is_demo else "")),  # noqa: S308
    })
    return {
        "report": report,
        "title": title,
        "language": language,
        "direction": "rtl" if rtl else "ltr",
        "rtl": rtl,
        "css": mark_safe(css),  # noqa: S308 - rendered from our own template
        "is_draft": is_draft,
        "is_demo": report.is_demo,
        "built_at": built_at,
        "language_name": dict(ReportLanguage.choices)[language],
        "title_lang": ReportLanguage.ARABIC if rtl and report.title_ar else ReportLanguage.ENGLISH,
    }


def situation_report_html(report: Report, language: str, *, built_at: datetime.datetime) -> Document:
    chapters = list(report.chapters.select_related("lead_agency").prefetch_related("contributing_agencies"))
    if not chapters:
        raise BuildError(gettext_lazy("The edition has no chapters yet."))
    citations = text.Citations(known=set(report.sources.values_list("key", flat=True)))
    data_citations: list[str] = []
    rendered = []
    for chapter in chapters:
        fallback = (language == ReportLanguage.ARABIC and not chapter.has_arabic) or language == ReportLanguage.FRENCH
        body = chapter.body_ar if language == ReportLanguage.ARABIC and not fallback else chapter.body_en
        where = _Where(gettext_lazy("Chapter %(number)s “%(title)s”"), number=chapter.position, title=chapter.title_en)
        html = _render_text(body, where=where, citations=citations, id_prefix=f"c{chapter.position}-",
                            block_html=_BlockRenderer(chapter, _Numbering(chapter.position), data_citations))
        rendered.append({
            "anchor": f"chapter-{chapter.position}",
            "number": chapter.position,
            "title": chapter.title_in(language),
            # Titles are written in English and Arabic: a French edition, or an Arabic one without it, has English.
            "title_lang": "ar" if language == ReportLanguage.ARABIC and chapter.title_ar else "en",
            "lead": chapter.lead_agency.name,
            "contributors": [agency.name for agency in chapter.contributing_agencies.all()],
            "html": html,
            "fallback": fallback,
            "approved": chapter.state == ChapterState.APPROVED,
        })
    is_draft = any(chapter.state != ChapterState.APPROVED for chapter in chapters)
    context = _common(report, language, is_draft=is_draft, built_at=built_at)
    sources_list = _sources_list(report, citations, language)
    toc = [{"anchor": c["anchor"], "label": f"{c['number']}.", "title": c["title"], "lang": c["title_lang"]}
           for c in rendered]
    if sources_list or data_citations:
        toc.append({"anchor": "sources", "label": "", "title": _("Sources")})
    context.update(chapters=rendered, sources=sources_list, data_citations=data_citations, toc=toc,
                   summary=report.summary_in(language))
    return Document(
        html=render_to_string("reports/pdf/situation_report.html", context),
        is_draft=is_draft,
        revisions={str(chapter.pk): chapter.revision for chapter in chapters},
    )


def assessment_html(report: Report, language: str, *, built_at: datetime.datetime) -> Document:
    rtl = language == ReportLanguage.ARABIC
    figures = assessment.compile_figures(report.year)
    for figure in figures:
        figure.chart = assessment.figure_chart(figure, rtl=rtl)
    results = assessment.aggregate_questionnaire(report)
    results_charts = assessment.questionnaire_charts(results, rtl=rtl) if results.questions else {}
    citations = text.Citations(known=set(report.sources.values_list("key", flat=True)))
    sections = {}
    labels = {"findings": gettext_lazy("Findings"), "recommendations": gettext_lazy("Recommendations")}
    for name, label in labels.items():
        body = getattr(report, f"{name}_{language}", "") or getattr(report, f"{name}_en")
        fallback = (language == ReportLanguage.FRENCH
                    or (language == ReportLanguage.ARABIC and not getattr(report, f"{name}_ar").strip()))
        sections[name] = {
            "html": _render_text(body, where=label, citations=citations, id_prefix=f"{name}-"),
            "fallback": fallback and bool(body.strip()),
        }
    # The secretariat writes findings and recommendations; without them the report is a draft.
    is_draft = not (report.findings_en.strip() and report.recommendations_en.strip())
    context = _common(report, language, is_draft=is_draft, built_at=built_at)
    toc = [
        {"anchor": "introduction", "label": "1.", "title": _("Introduction")},
        {"anchor": "functioning", "label": "2.", "title": _("Organisation and functioning")},
        {"anchor": "detailed", "label": "3.", "title": _("Detailed assessment of relevance and effectiveness")},
        {"anchor": "findings", "label": "4.", "title": _("Findings")},
        {"anchor": "recommendations", "label": "5.", "title": _("Recommendations")},
    ]
    if results.questions:
        toc.append({"anchor": "annex-questionnaire", "label": "", "title": _("Annex: the questionnaire")})
    sources_list = _sources_list(report, citations, language)
    if sources_list:
        toc.append({"anchor": "sources", "label": "", "title": _("Sources")})
    context.update(
        figures=figures, results=results, results_charts=results_charts, sections=sections, toc=toc,
        sources=sources_list, data_citations=[], summary=report.summary_in(language),
        period_start=datetime.date(report.year, 1, 1), period_end=datetime.date(report.year, 12, 31),
    )
    return Document(html=render_to_string("reports/pdf/rcm_assessment.html", context), is_draft=is_draft)


def document_html(report: Report, language: str, *, built_at: datetime.datetime | None = None) -> Document:
    """The complete HTML of ``report`` in ``language``, ready for WeasyPrint."""
    built_at = built_at or timezone.now()
    with translation.override(language):
        if report.is_situation_report:
            return situation_report_html(report, language, built_at=built_at)
        return assessment_html(report, language, built_at=built_at)

