"""The fonts of the PDFs: Noto Sans Arabic from npm (@fontsource) and Noto Naskh Arabic from Debian.

Arabic text, headings and margin boxes are set in Noto Naskh Arabic, complete, from Debian's
``fonts-noto-core`` (version 2.004; bin/setup, .ci/run and the Dockerfile install the package).
A complete font is needed because Pango never changes fonts for a space ("every font has one"):
the space between two Arabic words is set in the Arabic font whatever the stack says, and
@fontsource's Arabic subset of Noto Naskh has no U+0020, so every space came out as .notdef, a box
(unicode-range cannot help, for the same reason). Version 2.004 also maps every glyph to its letter;
later builds (Google Fonts' 2.018 on, @fontsource 5.1 on) draw each dotted letter as a dotless base
glyph plus separate dot glyphs, which a PDF cannot map back to letters, so copying, searching and
screen readers got the wrong words. And with no missing glyph, WeasyPrint writes the plain
Identity-H encoding, which every reader (pypdf too) decodes.

Each @fontsource file covers one script subset (latin, latin-ext, arabic). WeasyPrint
embeds fonts in the PDF by family name, so two files under one family name end up
sharing one PDF font and their glyphs get mixed up: every file therefore gets its own
family name here, and the stacks below list them in the order to try.

Name a stack explicitly wherever text is drawn outside the normal flow: in ``@page``
margin boxes and in SVG ``<text>``, WeasyPrint otherwise falls back to a serif font.
"""

from functools import cache
from pathlib import Path

from django.conf import settings

FONTSOURCE = Path(settings.NODE_MODULES) / "@fontsource"
# Debian's fonts-noto-core (Ubuntu's too).
NOTO = Path("/usr/share/fonts/truetype/noto")
NOTO_PACKAGE = "fonts-noto-core"

# (family name in our CSS, package, subset): @fontsource files
FACES = [
    ("RWG Sans Latin", "noto-sans-arabic", "latin"),
    ("RWG Sans Latin Ext", "noto-sans-arabic", "latin-ext"),
    ("RWG Sans Arabic", "noto-sans-arabic", "arabic"),
]
# (family name in our CSS, file name in NOTO without the weight): complete fonts from Debian
SYSTEM_FACES = [
    ("RWG Naskh Arabic", "NotoNaskhArabic"),
]
WEIGHTS = (400, 700)
_WEIGHT_NAMES = {400: "Regular", 700: "Bold"}

SANS = "'RWG Sans Latin', 'RWG Sans Latin Ext', 'RWG Sans Arabic', sans-serif"
ARABIC_TEXT = "'RWG Naskh Arabic', 'RWG Sans Latin', 'RWG Sans Latin Ext', serif"
ARABIC_HEADINGS = "'RWG Naskh Arabic', 'RWG Sans Latin', 'RWG Sans Latin Ext', serif"
# SVG text takes a presentation attribute: the same stacks with double-quote-free names.
SVG_SANS = "RWG Sans Latin, RWG Sans Latin Ext, RWG Sans Arabic, sans-serif"


def stacks(language: str) -> dict[str, str]:
    """The font stacks for body text, headings and margin boxes in ``language``."""
    if language == "ar":
        return {"body": ARABIC_TEXT, "headings": ARABIC_HEADINGS, "margin": ARABIC_HEADINGS, "svg": SVG_SANS}
    return {"body": SANS, "headings": SANS, "margin": SANS, "svg": SVG_SANS}


def font_file(package: str, subset: str, weight: int) -> Path:
    return FONTSOURCE / package / "files" / f"{package}-{subset}-{weight}-normal.woff2"


def system_font_file(name: str, weight: int) -> Path:
    return NOTO / f"{name}-{_WEIGHT_NAMES[weight]}.ttf"


def _face(family: str, path: Path, weight: int, fix: str) -> str:
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: {fix} (bin/setup does)")
    kind = "woff2" if path.suffix == ".woff2" else "truetype"
    return (f"@font-face {{ font-family: '{family}'; font-style: normal; font-weight: {weight}; "
            f"src: url('{path.as_uri()}') format('{kind}'); }}")


@cache
def font_face_css() -> str:
    """``@font-face`` rules for every face and weight, pointing at the files in node_modules."""
    rules = [_face(family, font_file(package, subset, weight), weight, "run npm ci")
             for family, package, subset in FACES for weight in WEIGHTS]
    rules += [_face(family, system_font_file(name, weight), weight, f"apt-get install {NOTO_PACKAGE}")
              for family, name in SYSTEM_FACES for weight in WEIGHTS]
    return "\n".join(rules)


def allowed_roots() -> tuple[Path, ...]:
    """The only directories a PDF build may read files from."""
    return (FONTSOURCE.resolve(), NOTO.resolve())
