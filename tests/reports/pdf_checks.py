"""Reading built PDFs back: text per page, Arabic text as a reader's tools extract it, page images,
and the glyphs each page really draws.

Arabic is read with poppler's ``pdftotext`` (poppler-utils, which CI installs), the engine of most
PDF readers, and with pypdf. The Naskh build in use (Debian's 2.004, see reports/pdf/fonts.py) maps
every glyph to its letter and, with no missing glyph, WeasyPrint writes the Identity-H encoding that
pypdf decodes: pypdf gives every word back. Poppler splits a word where a mark (shadda, tanwin) is
drawn raised, which is why its checks ask for nearly every word rather than all
(``arabic_words_found``).
"""

import html
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


# --- Missing glyphs -----------------------------------------------------------------------------
# A PDF reader draws a glyph id that a font lacks, or glyph 0, as the font's .notdef: usually a box.
# WeasyPrint embeds every font as Type0/CIDFontType2 and, when a character had no glyph, maps its
# code to CID 0 through an encoding CMap of its own (else Identity-H); the checks below read the
# codes each page really shows, turn them into glyph ids as a reader does, and look the ids up in
# the embedded font program.

_CIDCHAR = re.compile(rb"<([0-9a-fA-F]+)>\s*(\d+)")
_CIDRANGE = re.compile(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\d+)")
_BFCHAR = re.compile(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>")


def _cmap_blocks(data: bytes, keyword: bytes) -> list[bytes]:
    return re.findall(rb"begin" + keyword + rb"(.*?)end" + keyword, data, re.S)


class _Type0Font:
    """What a reader needs of one embedded Type0 font: code → CID → glyph id, the glyph count, the text."""

    def __init__(self, font):
        from io import BytesIO

        from fontTools.ttLib import TTFont

        self.name = str(font.get("/BaseFont", "?")).lstrip("/").split("+", 1)[-1]
        self.subtype = str(font.get("/Subtype"))
        self.unsupported = self.subtype != "/Type0"
        if self.unsupported:
            return
        encoding = font["/Encoding"]
        self.code_to_cid: dict[int, int] | None = None  # None: Identity-H
        if not isinstance(encoding, str) and hasattr(encoding.get_object(), "get_data"):
            data = encoding.get_object().get_data()
            self.code_to_cid = {}
            for block in _cmap_blocks(data, b"cidchar"):
                for code, cid in _CIDCHAR.findall(block):
                    self.code_to_cid[int(code, 16)] = int(cid)
            for block in _cmap_blocks(data, b"cidrange"):
                for low, high, cid in _CIDRANGE.findall(block):
                    for offset, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                        self.code_to_cid[code] = int(cid) + offset
        elif str(encoding) != "/Identity-H":
            self.unsupported = True
            return
        descendant = font["/DescendantFonts"][0].get_object()
        cid_to_gid = descendant.get("/CIDToGIDMap", "/Identity")
        self.cid_to_gid = None if str(cid_to_gid) == "/Identity" else cid_to_gid.get_object().get_data()
        descriptor = descendant["/FontDescriptor"].get_object()
        program = descriptor.get("/FontFile2") or descriptor.get("/FontFile3")
        if program is None:
            self.unsupported = True  # not embedded: nothing says the reader has it
            return
        tt = TTFont(BytesIO(program.get_object().get_data()), lazy=True)
        self.glyph_count = tt["maxp"].numGlyphs
        self.to_unicode: dict[int, str] = {}
        if "/ToUnicode" in font:
            data = font["/ToUnicode"].get_object().get_data()
            for block in _cmap_blocks(data, b"bfchar"):
                for code, text in _BFCHAR.findall(block):
                    self.to_unicode[int(code, 16)] = bytes.fromhex(text.decode()).decode("utf-16-be", "replace")

    def glyph(self, code: int) -> int:
        cid = code if self.code_to_cid is None else self.code_to_cid.get(code, 0)
        if self.cid_to_gid is not None:
            return int.from_bytes(self.cid_to_gid[2 * cid:2 * cid + 2], "big") if 2 * cid + 2 <= len(
                self.cid_to_gid) else 0
        return cid

    def is_notdef(self, code: int) -> bool:
        gid = self.glyph(code)
        return gid == 0 or gid >= self.glyph_count


def _shown_strings(operations):
    """(font resource name, bytes) for every string a content stream shows."""
    font = None
    for operands, operator in operations:
        if operator == b"Tf":
            font = operands[0]
        elif operator in (b"Tj", b"'"):
            yield font, bytes(operands[0])
        elif operator == b'"':
            yield font, bytes(operands[2])
        elif operator == b"TJ":
            for item in operands[0]:
                if isinstance(item, bytes | str) or hasattr(item, "original_bytes"):
                    yield font, bytes(getattr(item, "original_bytes", item))


def _walk(reader, contents, resources, seen, found, page_number, fonts_cache):
    from pypdf.generic import ContentStream

    fonts = resources.get("/Font", {}) if resources else {}
    for font_name, data in _shown_strings(ContentStream(contents, reader).operations):
        ref = fonts[font_name]
        key = getattr(ref, "idnum", id(ref))
        if key not in fonts_cache:
            fonts_cache[key] = _Type0Font(ref.get_object())
        font = fonts_cache[key]
        if font.unsupported:
            found.append((page_number, font.name, f"font of type {font.subtype} not checked"))
            continue
        for i in range(0, len(data) - 1, 2):
            code = int.from_bytes(data[i:i + 2], "big")
            if font.is_notdef(code):
                found.append((page_number, font.name, font.to_unicode.get(code, "?")))
    xobjects = resources.get("/XObject", {}) if resources else {}
    for ref in xobjects.values():
        xobject = ref.get_object()
        key = getattr(ref, "idnum", id(ref))
        if xobject.get("/Subtype") == "/Form" and key not in seen:
            seen.add(key)
            inner = xobject.get("/Resources")
            _walk(reader, xobject, inner.get_object() if inner else resources, seen, found, page_number, fonts_cache)


def notdef_glyphs(path) -> list[tuple[int, str, str]]:
    """Every glyph the pages draw (Form XObjects such as charts included) that is .notdef in its
    embedded font, as (page number, font name, the character the text layer gives for it)."""
    reader = PdfReader(path)
    found: list[tuple[int, str, str]] = []
    fonts_cache: dict = {}
    for number, page in enumerate(reader.pages, start=1):
        contents = page.get_contents()
        if contents is None:
            continue
        resources = page.get("/Resources")
        _walk(reader, contents, resources.get_object() if resources else {}, set(), found, number, fonts_cache)
    return found


def page_image(path, page: int, out: Path, *, dpi: int = 150) -> Path:
    """The page as a PNG at ``out`` (pdftoppm); skips the calling test where poppler-utils is missing."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        pytest.skip("pdftoppm is not installed (apt-get install poppler-utils): page images not checked")
    out = Path(out)
    subprocess.run([tool, "-f", str(page), "-l", str(page), "-r", str(dpi), "-png", "-singlefile", str(path),
                    str(out.with_suffix(""))], check=True, capture_output=True, timeout=60)
    return out


def word_boxes(path, page: int) -> list[list[tuple[float, float, float, float, str]]]:
    """The words of each text line of the page, as poppler finds them, left to right:
    [(x0, y0, x1, y1, text)] in points (an Arabic word's letters come in visual order)."""
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext is not installed (apt-get install poppler-utils): text layout not checked")
    out = subprocess.run([tool, "-bbox-layout", "-f", str(page), "-l", str(page), str(path), "-"],
                         check=True, capture_output=True, timeout=60).stdout.decode()
    lines = []
    for line in re.findall(r"<line [^>]*>(.*?)</line>", out, re.S):
        words = [(*(float(v) for v in match[:4]), html.unescape(match[4])) for match in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', line)]
        lines.append(sorted(words))
    return lines


def boxes_in_word_gaps(path, page: int, out_dir, *, dpi: int = 150) -> list[tuple[float, float]]:
    """Where the page image shows a missing-glyph box in the gap between two words of a line.

    A reader's text layer turns a .notdef drawn for a space back into a space (its ToUnicode says
    so), so the words on either side come out right; but the picture shows a hollow rectangle in
    the gap. Between two words a real space leaves the gap empty: this looks at each gap of a line
    (narrower than the line is tall, so that table cells and chart bars are left alone), inside the
    line's height, and reports the gaps whose ink forms a hollow box: dark along the sides, light
    inside. Returns the (x, y) in points of each box found.
    """
    png = page_image(path, page, Path(out_dir) / f"gaps-{page}.png", dpi=dpi)
    image = Image.open(png).convert("L")
    pixels = image.load()
    scale = dpi / 72
    boxes = []
    for words in word_boxes(path, page):
        for (_x0, y0, x1, y1, _t), (nx0, ny0, _nx1, ny1, _n) in zip(words, words[1:], strict=False):
            top, bottom = max(y0, ny0), min(y1, ny1)
            height = bottom - top
            gap = nx0 - x1
            if height <= 0 or not 0.15 * height <= gap <= height:
                continue
            if _hollow_box(pixels, int(x1 * scale) - 1, int(nx0 * scale) + 1, int(top * scale), int(bottom * scale)):
                boxes.append((round(x1, 1), round(top, 1)))
    return boxes


def _hollow_box(pixels, left: int, right: int, top: int, bottom: int) -> bool:
    """Whether the region holds a hollow rectangle: two tall dark sides joined by a dark top and bottom
    edge, light between (a filled bar, a letter's stroke or a table rule is not one)."""
    height = bottom - top + 1
    if right - left < 4 or height < 6:
        return False

    def dark(x, y):
        return pixels[x, y] < 140

    tall = [x for x in range(left, right + 1) if sum(dark(x, y) for y in range(top, bottom + 1)) >= 0.55 * height]
    if len(tall) < 2 or tall[-1] - tall[0] < 4:
        return False
    first, last = tall[0], tall[-1]
    inner = range(first + 1, last)
    if any(x in tall for x in range(first + 2, last - 1)) and len(tall) > 4 + (last - first) // 2:
        return False  # filled rather than hollow
    rows = [y for y in range(top, bottom + 1) if sum(dark(x, y) for x in inner) >= 0.8 * len(inner)]
    if len(rows) < 2 or rows[-1] - rows[0] < 0.5 * height:
        return False
    middle = [(x, y) for x in range(first + 2, last - 1) for y in range(rows[0] + 2, rows[-1] - 1)]
    return bool(middle) and sum(dark(x, y) for x, y in middle) / len(middle) < 0.2
