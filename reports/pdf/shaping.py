"""Arabic labels for SVG charts: shaped by arabic-reshaper, ordered by python-bidi.

WeasyPrint 70 lays SVG ``<text>`` out one character at a time, left to right: Arabic in a
chart comes out with unjoined letters in reverse order (HTML text is shaped properly; only
SVG is affected). ``visual(label)`` therefore returns the label as WeasyPrint must draw it:
each letter replaced by its contextual presentation form (arabic-reshaper; Unicode's Arabic
Presentation Forms-B, which the Noto Arabic fonts carry; lam-alef as its ligature, no other),
then put in visual order by the Unicode Bidirectional Algorithm (python-bidi, a right-to-left
paragraph), with brackets at right-to-left levels mirrored (rule L4, which a renderer applies
and python-bidi leaves to it). A figure and its percent sign stay one left-to-right unit,
"45%", as CLDR's Arabic percent pattern (``‎%‎``) keeps them on the pages.
The chart's ``<title>`` keeps the label in logical order for screen readers.
"""

import re
from functools import cache

import arabic_reshaper
from bidi import get_display
from bidi.mirror import MIRRORED

_ARABIC = re.compile(r"[\u0600-\u06FF\uFB50-\uFDFF\uFE70-\uFEFF]")
# A figure with its percent sign, "45%", "61٫3 %" (rwg_portal/formats/ar separators)
_PERCENT = re.compile(r"\d[\d\u066b\u066c.,]*[\s\u202f\u00a0]?[%\u066a]")
_LRI, _PDI = "\u2066", "\u2069"
_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")  # bidi marks: not drawn
_LEVEL = re.compile(r"Level\(\s*(\d+),?\s*\)")


def has_arabic(text: str) -> bool:
    return bool(_ARABIC.search(text or ""))


@cache
def _reshaper() -> arabic_reshaper.ArabicReshaper:
    # Harakat are not drawn in chart labels (the default); lam-alef is the only ligature.
    return arabic_reshaper.ArabicReshaper(configuration={"ARABIC LIGATURE ALLAH": False})


def _levels(text: str) -> list[int]:
    """The embedding level of each character, resolved by python-bidi (its debug report gives one
    per UTF-8 byte)."""
    report = get_display(text, base_dir="R", debug=True)
    by_byte = [int(level) for level in _LEVEL.findall(report[report.index("levels:"):report.index("paragraphs:")])]
    levels, offset = [], 0
    for char in text:
        levels.append(by_byte[offset])
        offset += len(char.encode())
    return levels


def _order(levels: list[int]) -> list[int]:
    """Logical positions in visual order: python-bidi's own reordering (rule L2), redone to know
    which character lands where (tests check both agree)."""
    positions = list(range(len(levels)))
    for level in range(max(levels, default=0), 0, -1):
        i = 0
        while i < len(positions):
            j = i
            while j < len(positions) and levels[positions[j]] >= level:
                j += 1
            positions[i:j] = positions[i:j][::-1]
            i = j + 1
    return positions


def logical_form(text: str) -> str:
    """``text`` shaped, on one line, its figures with percent signs isolated left to right."""
    shaped = _reshaper().reshape(" ".join(text.split()))
    return _PERCENT.sub(lambda m: _LRI + m.group() + _PDI, shaped)


def visual(text: str) -> str:
    """``text`` shaped and in the left-to-right order in which WeasyPrint draws SVG characters.

    Text without Arabic is returned unchanged.
    """
    if not has_arabic(text):
        return text
    logical = logical_form(text)
    levels = _levels(logical)
    drawn = (MIRRORED.get(logical[p], logical[p]) if levels[p] % 2 else logical[p] for p in _order(levels))
    return _CONTROLS.sub("", "".join(drawn))
