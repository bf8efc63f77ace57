"""Charts drawn on the server as SVG: the same markup in the browser, in downloads and in PDF reports.

Each chart is accessible on its own: ``role="img"`` named by its ``<title>`` and described by its
``<desc>`` (which states the figures in words), and pages show the table of figures beside it.
Colours come from a palette that stays distinct for colour-blind readers, and sexes are also
told apart by dash pattern and marker shape, never by colour alone. Text names its fonts
explicitly (Noto Sans, Noto Sans Arabic) so that WeasyPrint and browsers pick the same ones.
Only presentation attributes are used (no ``style``), as the portal's CSP requires.
"""

import math
import uuid
from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _

from rwg_portal.charts import GRID_COLOUR, PALETTE, TEXT_COLOUR, escape

FONT_FAMILY = "'Noto Sans', 'Noto Sans Arabic', sans-serif"
SEX_STYLE = {
    "T": {"dash": "", "marker": "circle"},
    "M": {"dash": "7 4", "marker": "square"},
    "F": {"dash": "2 3", "marker": "triangle"},
}


@dataclass
class Series:
    """A line: its label, its (x, y) points (y None where there is no figure), and its sex for the style."""

    label: str
    points: list[tuple[int, float | None]]
    sex: str = "T"
    colour: str = ""
    extra: dict = field(default_factory=dict)


def _fmt(value: float, decimals: int = 0) -> str:
    """Grouped thousands in the reader's language; Arabic with the Arabic separators, 1٬234٫5
    (rwg_portal/formats/ar)."""
    return number_format(round(value, decimals), decimal_pos=decimals, use_l10n=True, force_grouping=True)


def format_value(value: float | None, *, percent: bool = False) -> str:
    """A figure as the tables show it: grouped thousands, one decimal for shares."""
    if value is None:
        return "—"
    if percent:
        sign = "\u202f%" if (get_language() or "en")[:2] == "fr" else "%"
        return _fmt(value, 1) + sign
    return _fmt(value, 0)


def _scale(maximum: float, percent: bool) -> tuple[float, str]:
    """Divide axis labels by thousands or millions for readability, and say so."""
    if percent:
        return 1.0, _("per cent")
    if maximum >= 10_000_000:
        return 1_000_000.0, _("millions")
    if maximum >= 10_000:
        return 1_000.0, _("thousands")
    return 1.0, ""


def _nice_ticks(maximum: float, count: int = 5) -> list[float]:
    if maximum <= 0:
        return [0.0, 1.0]
    raw = maximum / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    top = step * math.ceil(maximum / step)
    return [i * step for i in range(int(round(top / step)) + 1)]


def _text(x, y, content, *, size=12, anchor="start", weight="normal", fill=TEXT_COLOUR, rtl=False, extra="") -> str:
    direction = ' direction="rtl"' if rtl else ""
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-family="{FONT_FAMILY}" font-size="{size}" fill="{fill}" '
            f'text-anchor="{anchor}" font-weight="{weight}"{direction}{extra}>{escape(content)}</text>')


def _marker(kind: str, x: float, y: float, colour: str) -> str:
    if kind == "square":
        return f'<rect x="{x - 3.5:.1f}" y="{y - 3.5:.1f}" width="7" height="7" fill="{colour}"/>'
    if kind == "triangle":
        return (f'<polygon points="{x:.1f},{y - 4.5:.1f} {x + 4.5:.1f},{y + 3.5:.1f} {x - 4.5:.1f},{y + 3.5:.1f}" '
                f'fill="{colour}"/>')
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.8" fill="{colour}"/>'


def _open(width: int, height: int, title: str, description: str) -> tuple[str, str]:
    uid = uuid.uuid4().hex[:10]
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        # Left to right unless a text says otherwise: in an Arabic page the SVG would inherit "rtl", which
        # flips what text-anchor means.
        f'role="img" aria-labelledby="chart-{uid}-title chart-{uid}-desc" focusable="false" class="rwg-chart" '
        f'direction="ltr">'
        f'<title id="chart-{uid}-title">{escape(title)}</title><desc id="chart-{uid}-desc">{escape(description)}</desc>'
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>'
    )
    return head, "</svg>"


def line_chart(*, title: str, description: str, series: list[Series], percent: bool = False, width: int = 720,
               height: int = 380, rtl: bool | None = None, source: str = "") -> SafeString:
    """Lines over years, one per series, with a legend above the plot and the source below it."""
    rtl = get_language_bidi() if rtl is None else rtl
    height += 18 if source else 0
    head, tail = _open(width, height, title, _with_source(description, source))
    values = [y for s in series for _x, y in s.points if y is not None]
    xs = sorted({x for s in series for x, _y in s.points})
    if not values or not xs:
        return mark_safe(head + _text(width / 2, height / 2, _("No figures to show."), anchor="middle", rtl=rtl) + tail)
    scale, unit = _scale(max(values), percent)
    ticks = _nice_ticks(max(values) / scale)
    legend_rows = math.ceil(len(series) / 3)
    left, right, top, bottom = 70, 24, 20 + 22 * legend_rows + (18 if unit else 0), 44 + (18 if source else 0)
    plot_w, plot_h = width - left - right, height - top - bottom
    top_value = ticks[-1] * scale

    def px(x):
        if len(xs) == 1:
            return left + plot_w / 2
        return left + (x - xs[0]) / (xs[-1] - xs[0]) * plot_w

    def py(y):
        return top + plot_h - (y / top_value * plot_h if top_value else 0)

    parts = [head]
    # Legend: swatch line with the series' dash and marker, then its label.
    for i, s in enumerate(series):
        colour = s.colour or PALETTE[i % len(PALETTE)]
        style = SEX_STYLE.get(s.sex, SEX_STYLE["T"])
        column, row = i % 3, i // 3
        lx = left + column * (plot_w / 3)
        ly = 16 + row * 22
        if rtl:
            lx = width - right - column * (plot_w / 3) - 28
        dash = f' stroke-dasharray="{style["dash"]}"' if style["dash"] else ""
        parts.append(f'<line x1="{lx:.1f}" y1="{ly:.1f}" x2="{lx + 26:.1f}" y2="{ly:.1f}" stroke="{colour}" '
                     f'stroke-width="2.5"{dash}/>')
        parts.append(_marker(style["marker"], lx + 13, ly, colour))
        label_x = lx - 6 if rtl else lx + 32
        # Right to left, "start" is the right end: the label runs leftwards from beside its swatch.
        parts.append(_text(label_x, ly + 4, s.label, anchor="start", rtl=rtl))
    if unit:
        parts.append(_text(left, top - 8, unit, size=11, fill="#495057"))
    for tick in ticks:
        y = py(tick * scale)
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="{GRID_COLOUR}" '
                     f'stroke-width="1"/>')
        parts.append(_text(left - 8, y + 4, _fmt(tick, 1 if tick % 1 else 0), size=11, anchor="end"))
    for x in xs:
        parts.append(_text(px(x), top + plot_h + 20, str(x), size=11, anchor="middle"))
    parts.append(f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" '
                 f'stroke="{TEXT_COLOUR}" stroke-width="1"/>')
    for i, s in enumerate(series):
        colour = s.colour or PALETTE[i % len(PALETTE)]
        style = SEX_STYLE.get(s.sex, SEX_STYLE["T"])
        points = [(px(x), py(y)) for x, y in sorted(s.points) if y is not None]
        if len(points) > 1:
            dash = f' stroke-dasharray="{style["dash"]}"' if style["dash"] else ""
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
            parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5" '
                         f'stroke-linejoin="round"{dash}/>')
        parts += [_marker(style["marker"], x, y, colour) for x, y in points]
    parts.append(_source_line(source, width, height, rtl))
    parts.append(tail)
    return mark_safe("".join(parts))


def bar_chart(*, title: str, description: str, bars: list[tuple[str, float]], percent: bool = False,
              width: int = 720, rtl: bool | None = None, colour: str = PALETTE[0], source: str = "") -> SafeString:
    """Horizontal bars, largest first, labelled with their values, the source below; mirrored right to left."""
    rtl = get_language_bidi() if rtl is None else rtl
    bar_h, gap = 22, 8
    label_w, value_w, top = 210, 90, 12
    height = max(top + len(bars) * (bar_h + gap) + 16, 60) + (18 if source else 0)
    head, tail = _open(width, height, title, _with_source(description, source))
    if not bars:
        return mark_safe(head + _text(width / 2, 30, _("No figures to show."), anchor="middle", rtl=rtl) + tail)
    maximum = max(v for _l, v in bars) or 1
    plot_w = width - label_w - value_w - 16
    parts = [head]
    for i, (label, value) in enumerate(bars):
        y = top + i * (bar_h + gap)
        length = max(1.0, value / maximum * plot_w)
        shown = format_value(value, percent=percent)
        if rtl:
            bar_x = width - label_w - length
            parts.append(_text(width - 8, y + 15, label, anchor="start", rtl=True))
            parts.append(_text(bar_x - 6, y + 15, shown, size=11, anchor="end"))
        else:
            bar_x = label_w
            parts.append(_text(label_w - 8, y + 15, label, anchor="end"))
            parts.append(_text(bar_x + length + 6, y + 15, shown, size=11))
        parts.append(f'<rect x="{bar_x:.1f}" y="{y}" width="{length:.1f}" height="{bar_h}" fill="{colour}"/>')
    parts.append(_source_line(source, width, height, rtl))
    parts.append(tail)
    return mark_safe("".join(parts))


MAX_SOURCE_CHARACTERS = 125


def _with_source(description: str, source: str) -> str:
    return f"{description} {_('Source: %(source)s') % {'source': source}}" if source else description


def _source_line(source: str, width: int, height: int, rtl: bool) -> str:
    """The source under the chart, so that the chart names it even on its own (shortened if long)."""
    if not source:
        return ""
    text = _("Source: %(source)s") % {"source": source}
    if len(text) > MAX_SOURCE_CHARACTERS:
        text = text[:MAX_SOURCE_CHARACTERS - 1].rstrip() + "…"
    x, anchor = (width - 8, "start") if rtl else (8, "start")
    return _text(x, height - 6, text, size=10, anchor=anchor, fill="#495057", rtl=rtl)


def describe_series(series: list[Series], *, percent: bool = False) -> str:
    """A sentence per series with its first and last figures, for the chart's description."""
    sentences = []
    for s in series:
        points = [(x, y) for x, y in sorted(s.points) if y is not None]
        if not points:
            continue
        (x0, y0), (x1, y1) = points[0], points[-1]
        sentences.append(_("%(label)s: %(first)s in %(x0)s, %(last)s in %(x1)s.") % {
            "label": s.label, "first": format_value(y0, percent=percent), "x0": x0,
            "last": format_value(y1, percent=percent), "x1": x1})
    return " ".join(sentences)
