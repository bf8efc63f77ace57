"""What the portal's SVG charts share, on the pages (data_hub.charts) and in the PDFs (reports.pdf.charts):
one palette, one way of escaping text.

Colours stay distinct for colour-blind readers (Okabe-Ito based, darkened where needed for 3:1
contrast on white); the diverging scale runs from the lowest score (red) to the highest (blue).
"""

from django.utils.html import escape  # the one escape of chart text and titles (quotes too)

__all__ = ["DIVERGING", "GRID_COLOUR", "PALETTE", "TEXT_COLOUR", "escape"]

TEXT_COLOUR = "#212529"
GRID_COLOUR = "#d0d5da"
PALETTE = ["#0b4f7c", "#b35c00", "#7a3b8f", "#00745a", "#a8326e", "#4b6b00", "#5a5a5a", "#005f99"]
DIVERGING = ["#b5482c", "#e0a040", "#c9c9c9", "#8fb7d8", "#0b4f7c"]
