"""Small SVG charts for the PDFs: horizontal bars and stacked bars, mirrored for Arabic.

Every ``<text>`` names its font stack (WeasyPrint does not inherit the page's fonts
into SVG), Arabic labels are shaped and ordered for WeasyPrint's character-by-character
SVG text (``reports.pdf.shaping``), labels are escaped, and each chart carries a
``<title>`` (in logical order) for readers that cannot see it.
"""

from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

from reports.pdf.fonts import SVG_SANS
from reports.pdf.shaping import visual
from rwg_portal.charts import DIVERGING, PALETTE, TEXT_COLOUR, escape

WIDTH = 480
ROW = 18
LABEL_WIDTH = 130
VALUE_WIDTH = 60


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    display: str = ""


def _text(x: float, y: float, content: str, *, anchor: str, size: float = 8, weight: int = 400,
          fill: str = TEXT_COLOUR) -> str:
    """A label; ``anchor`` is physical (start = left edge at x), mirrored by the callers for Arabic."""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-family={quoteattr(SVG_SANS)} font-size="{size}" '
        f'font-weight="{weight}" fill="{fill}" text-anchor="{anchor}">{escape(visual(content))}</text>'
    )


def _svg(width: float, height: float, title: str, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" role="img"><title>{escape(title)}</title>'
        + "".join(body) + "</svg>"
    )


def bar_chart(bars: list[Bar], *, title: str, maximum: float | None = None, target: float | None = None,
              target_label: str = "", rtl: bool = False) -> str:
    """Horizontal bars, one per label, longest scale ``maximum``; an optional target line."""
    top = 6
    height = top + ROW * len(bars) + (16 if target is not None else 6)
    plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    scale_max = maximum or max([bar.value for bar in bars] + [target or 0, 1])

    def x_at(fraction: float, width: float = 0.0) -> float:
        # Bars start at the label side: the left in English, the right in Arabic.
        if rtl:
            return WIDTH - LABEL_WIDTH - fraction * plot - width
        return LABEL_WIDTH + fraction * plot

    body = []
    for i, bar in enumerate(bars):
        y = top + i * ROW
        length = max(0.0, min(1.0, bar.value / scale_max)) * plot
        colour = PALETTE[0]
        body.append(f'<rect x="{x_at(0, length):.1f}" y="{y + 3:.1f}" width="{length:.1f}" height="{ROW - 6}" '
                    f'fill="{colour}"/>')
        label_x = WIDTH - LABEL_WIDTH + 6 if rtl else LABEL_WIDTH - 6
        body.append(_text(label_x, y + ROW - 6, bar.label, anchor="start" if rtl else "end"))
        value_x = x_at(0, length) - 4 if rtl else x_at(0) + length + 4
        body.append(_text(value_x, y + ROW - 6, bar.display or f"{bar.value:g}", anchor="end" if rtl else "start"))
    if target is not None:
        x = x_at(min(1.0, target / scale_max))
        bottom = top + ROW * len(bars)
        body.append(f'<line x1="{x:.1f}" y1="{top:.1f}" x2="{x:.1f}" y2="{bottom:.1f}" stroke="{DIVERGING[0]}" '
                    f'stroke-width="1.2" stroke-dasharray="3 2"/>')
        if target_label:
            body.append(_text(x, bottom + 11, target_label, anchor="middle", size=7, fill=DIVERGING[0]))
    axis_x = x_at(0)
    body.append(f'<line x1="{axis_x:.1f}" y1="{top:.1f}" x2="{axis_x:.1f}" y2="{top + ROW * len(bars):.1f}" '
                f'stroke="#555" stroke-width="0.8"/>')
    return _svg(WIDTH, height, title, body)


def stacked_chart(rows: list[tuple[str, list[int]]], *, title: str, legend: list[str],
                  colours: list[str] | None = None, rtl: bool = False) -> str:
    """One 100 % bar per row, split by category (e.g. Likert scores 1 to 5), with a legend."""
    colours = colours or DIVERGING
    top = 6
    plot = WIDTH - LABEL_WIDTH - 10
    legend_top = top + ROW * len(rows) + 8
    height = legend_top + 14 * ((len(legend) + 2) // 3) + 4
    body = []
    for i, (label, counts) in enumerate(rows):
        y = top + i * ROW
        total = sum(counts) or 1
        offset = 0.0
        for category, count in enumerate(counts):
            width = count / total * plot
            x = (WIDTH - LABEL_WIDTH - offset - width) if rtl else (LABEL_WIDTH + offset)
            if width > 0:
                body.append(f'<rect x="{x:.1f}" y="{y + 3:.1f}" width="{width:.1f}" height="{ROW - 6}" '
                            f'fill="{colours[category % len(colours)]}"/>')
                if width > 14:
                    body.append(_text(x + width / 2, y + ROW - 6, str(count), anchor="middle", size=7,
                                      fill="#fff" if category in (0, len(counts) - 1) else TEXT_COLOUR))
            offset += width
        label_x = WIDTH - LABEL_WIDTH + 6 if rtl else LABEL_WIDTH - 6
        body.append(_text(label_x, y + ROW - 6, label, anchor="start" if rtl else "end"))
    column = (WIDTH - 20) / 3
    for i, name in enumerate(legend):
        row, col = divmod(i, 3)
        y = legend_top + row * 14
        x = (WIDTH - 10 - col * column - 10) if rtl else (10 + col * column)
        body.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="9" height="9" fill="{colours[i % len(colours)]}"/>')
        text_x = x - 4 if rtl else x + 13
        body.append(_text(text_x, y + 8, name, anchor="end" if rtl else "start", size=7))
    return _svg(WIDTH, height, title, body)
