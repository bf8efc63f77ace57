"""Reading built PDFs back: text per page, Arabic compared with tolerance, page images.

Why Arabic needs tolerance: the Noto Arabic fonts from @fontsource (2.x) draw each dotted
letter as a dotless base glyph plus separate dot glyphs (OpenType ``ccmp``). A PDF maps
each glyph to one piece of text, so a base shared by several letters (ب ت ث ن ي share
one) can only stand for one of them, and the dots for none or another: extracted text
may show a letter of the same skeleton, drop one, or (the known case) reverse lam-alef.
``arabic_similarity`` therefore compares letter skeletons (the rasm, dots removed, lam-alef
in one order) and returns how much of the expected text is found, in order.
"""

import re
import shutil
import subprocess
from difflib import SequenceMatcher
from pathlib import Path

from PIL import Image
from pypdf import PdfReader

_ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")
_SKELETON = str.maketrans({
    "ب": "ٮ", "ت": "ٮ", "ث": "ٮ", "ن": "ٮ", "ي": "ٮ", "ى": "ٮ", "ئ": "ٮ",
    "ج": "ح", "خ": "ح", "ذ": "د", "ز": "ر", "ش": "س", "ض": "ص", "ظ": "ط", "غ": "ع",
    "ف": "ڡ", "ق": "ڡ", "ة": "ه", "أ": "ا", "إ": "ا", "آ": "ا", "ؤ": "و",
})


def page_texts(path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


def fold_arabic(text: str) -> str:
    """Arabic words reduced to their skeleton (one space between words), lam-alef always as alef-lam."""
    words = ("".join(_ARABIC_LETTER.findall(word)).translate(_SKELETON) for word in text.split())
    return " ".join(word.replace("لا", "ال") for word in words if word)


def arabic_similarity(expected: str, extracted: str) -> float:
    """How well ``expected`` is found in ``extracted`` (0 to 1), comparing skeletons in order."""
    want, have = fold_arabic(expected).replace(" ", ""), fold_arabic(extracted).replace(" ", "")
    if not want:
        return 1.0
    matcher = SequenceMatcher(None, want, have, autojunk=False)
    found = sum(block.size for block in matcher.get_matching_blocks())
    return found / len(want)


def arabic_words_found(expected: str, extracted: str) -> tuple[list[str], list[str]]:
    """The words of ``expected`` found in ``extracted``: exactly, and by skeleton (dots aside)."""
    words = [word.strip("،.؛:()") for word in expected.split()]
    exact = [word for word in words if word in extracted]
    folded = f" {fold_arabic(extracted)} "
    by_skeleton = [word for word in words if f" {fold_arabic(word)} " in folded]
    return exact, by_skeleton


def render_page(path, page: int, out_dir, *, dpi: int = 60) -> Path | None:
    """The page as a PNG (pdftoppm from poppler-utils), or None where pdftoppm is not installed."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        return None
    prefix = Path(out_dir) / f"page-{page}"
    subprocess.run([tool, "-f", str(page), "-l", str(page), "-r", str(dpi), "-png", "-singlefile", str(path),
                    str(prefix)], check=True, capture_output=True, timeout=60)
    return prefix.with_suffix(".png")


def text_lines(png: Path, *, top: float, bottom: float) -> list[tuple[int, int]]:
    """The lines of text between ``top`` and ``bottom`` (fractions of the page height), found as bands
    of rows with ink: for each, the leftmost and the rightmost dark pixel."""
    image = Image.open(png).convert("L")
    width, height = image.size
    pixels = image.load()
    lines, band = [], []
    for y in range(int(height * top), int(height * bottom)):
        dark = [x for x in range(width) if pixels[x, y] < 128]
        if dark:
            band.append((dark[0], dark[-1]))
        elif band:
            lines.append((min(left for left, _ in band), max(right for _, right in band)))
            band = []
    if band:
        lines.append((min(left for left, _ in band), max(right for _, right in band)))
    return lines


def embedded_fonts(path) -> set[str]:
    """The base names of the fonts embedded in the PDF (subset prefixes removed)."""
    names = set()
    for page in PdfReader(path).pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for font in fonts.values():
            name = str(font.get_object().get("/BaseFont", ""))
            names.add(name.split("+", 1)[-1].lstrip("/"))
    return names
