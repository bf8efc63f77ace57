"""The fonts of the PDFs: Noto Sans Arabic and Noto Naskh Arabic from npm (@fontsource).

Arabic text is set in Noto Naskh Arabic 5.0.12 (package.json pins it): later builds (5.1 on) draw
each dotted letter as a dotless base glyph plus separate dot glyphs, which a PDF cannot map back to
letters, so copying, searching and screen readers got the wrong words; 5.0.12 maps every glyph to
its letter. Headings and margin boxes in Arabic use it too (bold), for the same reason.

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

# (family name in our CSS, package, subset)
FACES = [
    ("RWG Sans Latin", "noto-sans-arabic", "latin"),
    ("RWG Sans Latin Ext", "noto-sans-arabic", "latin-ext"),
    ("RWG Sans Arabic", "noto-sans-arabic", "arabic"),
    ("RWG Naskh Arabic", "noto-naskh-arabic", "arabic"),
]
WEIGHTS = (400, 700)

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


@cache
def font_face_css() -> str:
    """``@font-face`` rules for every face and weight, pointing at the files in node_modules."""
    rules = []
    for family, package, subset in FACES:
        for weight in WEIGHTS:
            path = font_file(package, subset, weight)
            if not path.exists():
                raise FileNotFoundError(f"{path} is missing: run npm ci (bin/setup does)")
            rules.append(
                f"@font-face {{ font-family: '{family}'; font-style: normal; font-weight: {weight}; "
                f"src: url('{path.as_uri()}') format('woff2'); }}"
            )
    return "\n".join(rules)


def allowed_roots() -> tuple[Path, ...]:
    """The only directories a PDF build may read files from."""
    return (FONTSOURCE.resolve(),)
