"""Reading built PDFs back: text per page, Arabic text as a reader's tools extract it, page images.

Arabic is read with poppler's ``pdftotext`` (poppler-utils, which CI installs), the engine of most
PDF readers and indexers: the PDFs embed Noto Naskh Arabic with an encoding CMap that pypdf does not
decode. The Naskh build in use (5.0.12, see reports/pdf/fonts.py) maps every glyph to its letter, so
words come back exactly; only a letter carrying a shadda may lose a neighbour, which is why the
checks ask for nearly every word rather than all (``arabic_words_found``).
"""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

# Bidirectional controls that extraction adds around runs of text (they are not part of a word).
_BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_PUNCTUATION = "،.؛:()«»\"'"


def page_texts(path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


def poppler_page_texts(path) -> list[str]:
    """The text of each page as pdftotext extracts it, bidirectional controls removed.

    Skips the calling test, saying why, where poppler-utils is not installed."""
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext is not installed (apt-get install poppler-utils): Arabic text not checked")
    out = subprocess.run([tool, "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, timeout=120)
    pages = out.stdout.decode().split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return [_BIDI_CONTROLS.sub("", page) for page in pages]


def arabic_words_found(expected: str, extracted: str) -> tuple[list[str], list[str]]:
    """The words of ``expected`` (punctuation aside) found exactly in ``extracted``, and those not."""
    have = {word.strip(_PUNCTUATION) for word in extracted.split()}
    words = [word.strip(_PUNCTUATION) for word in expected.split()]
    return [word for word in words if word in have], [word for word in words if word not in have]


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
