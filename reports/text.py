"""Chapter text: Markdown rendered safely, with data blocks, citations and footnotes.

What authors write (see docs/reports.md, "Writing a chapter"):

- Markdown: headings (``#`` is a section of the chapter), lists, emphasis, links, tables,
  definition lists, abbreviations; raw HTML is shown as text, never interpreted.
- Footnotes: ``text[^1]`` and, anywhere below, ``[^1]: the note``. On the web they are
  listed under the chapter; in the PDF they sit at the foot of the page.
- Citations: ``[@undesa-2024]`` refers to the report's source with that key; it becomes a
  numbered reference to the list of sources.
- Data blocks: a fenced block whose info string is ``data``, holding ``key: value`` lines::

      ```data
      id: stock-by-sex
      kind: stock_by_sex
      place: ARAB
      years: 2010, 2015, 2020, 2024
      show: both
      ```

  ``kind`` and ``place`` are required; ``years``, ``release`` and ``limit`` go to the
  data hub with them; ``id`` names the block in messages; ``show`` is ``table``, ``chart``
  or ``both``; ``title`` replaces the data hub's title. Blocks are resolved when the PDF
  is built, never when the text is saved.

Everything is rendered by Python-Markdown with raw HTML switched off, then cleaned by nh3
with a short allow-list, so chapter text can never carry script or styles into a page.
"""

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field

import markdown
import pycountry
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from lxml import html as lxml_html

from rwg_portal import markup
from rwg_portal.reference import PLACE_GROUPS

BLOCK_KINDS = ("stock_by_sex", "female_share", "top_origins", "map")
BLOCK_KEYS = ("id", "kind", "place", "years", "release", "limit", "show", "title")
SHOW_CHOICES = ("both", "table", "chart")

_FENCE_OPEN = re.compile(r"^(?P<fence>`{3,}|~{3,})\s*data\s*$", re.IGNORECASE)
_CITATION = re.compile(r"\[@([a-z0-9][a-z0-9-]*)\]")
# Each render marks its data blocks with a fresh random token, so text an author types can never
# be taken for a block (a typed "RWGDATABLOCK7X" once raised a KeyError on every page and build).
_TOKEN = "RWGDATABLOCK{}X"


def _new_token() -> str:
    return f"RWGDATABLOCK{secrets.token_hex(12)}N{{}}X"

ALLOWED_TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "u", "s", "del", "ins", "mark",
    "sub", "sup", "small", "a", "abbr", "code", "pre", "blockquote", "ul", "ol", "li", "dl", "dt", "dd",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "div", "span",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "id"},
    "sup": {"id"},
    "li": {"id"},
    "abbr": {"title"},
    "th": {"style", "colspan", "rowspan", "scope"},
    "td": {"style", "colspan", "rowspan"},
    "ol": {"start"},
}
ALLOWED_CLASSES = {"a": {"footnote-ref", "footnote-backref"}, "div": {"footnote"}}
_ID_PATTERN = re.compile(r"^fn(ref)?:\d+(-\d+)?$")


class BlockSyntaxError(ValueError):
    """A data block that cannot be read; ``line`` is where it starts in the chapter text."""

    def __init__(self, message: str, *, line: int, index: int):
        super().__init__(message)
        self.line = line
        self.index = index

    def __str__(self):
        return _("Data block %(index)s (line %(line)s): %(message)s") % {
            "index": self.index, "line": self.line, "message": self.args[0],
        }


@dataclass(frozen=True)
class BlockSpec:
    """A data block as written in a chapter, before it is resolved by the data hub."""

    index: int
    line: int
    spec: dict
    block_id: str = ""
    show: str = "both"
    title: str = ""

    @property
    def label(self) -> str:
        """How messages name the block: its id, or its position and what it shows."""
        if self.block_id:
            return f"“{self.block_id}”"
        return _("%(index)s (%(kind)s, %(place)s)") % {
            "index": self.index, "kind": self.spec.get("kind", "?"), "place": self.spec.get("place", "?"),
        }


def _is_known_place(code: str) -> bool:
    if code in PLACE_GROUPS:
        return True
    return len(code) == 3 and pycountry.countries.get(alpha_3=code) is not None


def _parse_int(value: str, *, low: int, high: int, what: str) -> int:
    try:
        number = int(value)
    except ValueError:
        message = _("%(what)s must be a whole number, not “%(value)s”.") % {"what": what, "value": value}
        raise ValueError(message) from None
    if not low <= number <= high:
        raise ValueError(_("%(what)s must be between %(low)s and %(high)s.") % {"what": what, "low": low, "high": high})
    return number


def _parse_block(lines: list[str], *, index: int, line: int) -> BlockSpec:
    values: dict[str, str] = {}
    for offset, raw in enumerate(lines, start=1):
        text = raw.strip()
        if not text or text.startswith("#"):
            continue
        key, sep, value = text.partition(":")
        key, value = key.strip().lower(), value.strip()
        if not sep or not key:
            raise BlockSyntaxError(_("write each setting as “key: value” (line %(n)s of the block).") % {"n": offset},
                                   line=line, index=index)
        if key not in BLOCK_KEYS:
            raise BlockSyntaxError(
                _("unknown setting “%(key)s”; use %(keys)s.") % {"key": key, "keys": ", ".join(BLOCK_KEYS)},
                line=line, index=index,
            )
        if key in values:
            raise BlockSyntaxError(_("“%(key)s” is given twice.") % {"key": key}, line=line, index=index)
        values[key] = value
    try:
        kind = values.get("kind", "")
        if not kind:
            raise ValueError(_("“kind” is required (one of %(kinds)s).") % {"kinds": ", ".join(BLOCK_KINDS)})
        if kind not in BLOCK_KINDS:
            raise ValueError(_("unknown kind “%(kind)s”; use one of %(kinds)s.") % {
                "kind": kind, "kinds": ", ".join(BLOCK_KINDS)})
        place = values.get("place", "").upper()
        if not place:
            raise ValueError(_("“place” is required: a country's ISO3 code or one of %(groups)s.") % {
                "groups": ", ".join(PLACE_GROUPS)})
        if not _is_known_place(place):
            raise ValueError(_("unknown place “%(place)s”: use a country's ISO3 code or one of %(groups)s.") % {
                "place": place, "groups": ", ".join(PLACE_GROUPS)})
        spec: dict = {"kind": kind, "place": place}
        if values.get("years"):
            years = [_parse_int(y, low=1950, high=2100, what=_("A year"))
                     for y in re.split(r"[,\s]+", values["years"]) if y]
            spec["years"] = sorted(set(years))
        if values.get("release"):
            spec["release"] = _parse_int(values["release"], low=1, high=2**31 - 1, what=_("The release"))
        if values.get("limit"):
            spec["limit"] = _parse_int(values["limit"], low=1, high=50, what=_("The limit"))
        show = values.get("show", "both").lower() or "both"
        if show not in SHOW_CHOICES:
            raise ValueError(_("“show” must be table, chart or both."))
        block_id = values.get("id", "")
        if block_id and not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]{0,59}", block_id):
            raise ValueError(_("“id” may hold letters, digits, hyphens and underscores only."))
    except ValueError as exc:
        raise BlockSyntaxError(str(exc), line=line, index=index) from None
    return BlockSpec(index=index, line=line, spec=spec, block_id=block_id, show=show, title=values.get("title", ""))


def extract_blocks(text: str, *, token: str = _TOKEN) -> tuple[str, list[BlockSpec]]:
    """Replace each ```data fence by a placeholder line; return the text and the parsed blocks."""
    out: list[str] = []
    blocks: list[BlockSpec] = []
    lines = (text or "").replace("\r\n", "\n").split("\n")
    i = 0
    while i < len(lines):
        match = _FENCE_OPEN.match(lines[i].strip())
        if not match:
            out.append(lines[i])
            i += 1
            continue
        fence, start = match["fence"], i + 1
        end = i + 1
        while end < len(lines) and not lines[end].strip().startswith(fence):
            end += 1
        index = len(blocks) + 1
        if end == len(lines):
            raise BlockSyntaxError(_("the block is not closed with %(fence)s.") % {"fence": fence},
                                   line=start, index=index)
        blocks.append(_parse_block(lines[i + 1:end], index=index, line=start))
        out.extend(["", token.format(index), ""])
        i = end + 1
    return "\n".join(out), blocks


def cited_keys(text: str) -> list[str]:
    """The source keys cited in ``text``, in order of first citation."""
    seen: dict[str, None] = {}
    for key in _CITATION.findall(text or ""):
        seen.setdefault(key, None)
    return list(seen)


@dataclass
class Citations:
    """Numbers the sources in order of first citation; one instance spans a whole document."""

    known: set[str]
    numbers: dict[str, int] = field(default_factory=dict)
    unknown: list[str] = field(default_factory=list)

    def number(self, key: str) -> int | None:
        if key not in self.known:
            if key not in self.unknown:
                self.unknown.append(key)
            return None
        return self.numbers.setdefault(key, len(self.numbers) + 1)


def _markdown() -> markdown.Markdown:
    return markup.parser("footnotes", "def_list", "abbr",
                         footnotes={"BACKLINK_TITLE": _("Back to note %d in the text")})


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "id":
        return value if _ID_PATTERN.match(value) else None
    return value


def sanitize(html: str) -> str:
    """Keep only the tags and attributes that Markdown produces and pages may show."""
    return markup.sanitise(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, allowed_classes=ALLOWED_CLASSES,
                           attribute_filter=_attribute_filter, filter_style_properties={"text-align"})


_ALIGN = re.compile(r"text-align:\s*(left|right|center)")


def _postprocess(root, *, citations: Citations | None, id_prefix: str, footnotes_inline: bool) -> None:
    """Shift headings, turn alignment into classes, number citations, place footnotes."""
    for level in range(5, 0, -1):  # "#" in a chapter is a section: the chapter title is the h1
        for heading in root.iter(f"h{level}"):
            heading.tag = f"h{level + 1}"
    for cell in root.iter("th", "td"):
        style = cell.attrib.pop("style", "")
        if match := _ALIGN.search(style):
            align = {"left": "start", "right": "end", "center": "center"}[match[1]]
            cell.set("class", f"align-{align}")
    for table in root.iter("table"):
        table.set("class", "md-table")
        for th in table.iter("th"):
            th.set("scope", "col")
    if citations is not None:
        _link_citations(root, citations)
    for element in root.iter("a", "sup", "li"):
        for attribute in ("id", "href"):
            value = element.get(attribute, "")
            bare = value.removeprefix("#")
            if _ID_PATTERN.match(bare):
                new = f"{id_prefix}{bare.replace(':', '-')}"
                element.set(attribute, f"#{new}" if value.startswith("#") else new)
    if footnotes_inline:
        _inline_footnotes(root, id_prefix)


def _cite_link(number: int | None, key: str):
    if number is None:
        element = lxml_html.Element("span", {"class": "cite-missing"})
        element.text = f"[@{key}?]"
        return element
    element = lxml_html.Element("a", {"class": "cite", "href": f"#source-{key}"})
    element.text = f"[{number}]"
    return element


def _split_citations(text: str, citations: Citations) -> list:
    """``text`` as a list of strings and citation elements."""
    parts: list = []
    position = 0
    for match in _CITATION.finditer(text):
        parts.append(text[position:match.start()])
        parts.append(_cite_link(citations.number(match[1]), match[1]))
        position = match.end()
    parts.append(text[position:])
    return parts


def _link_citations(root, citations: Citations) -> None:
    """Replace ``[@key]`` in running text (never inside code) by numbered links to the sources."""
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        if element.text and "[@" in element.text and element.tag not in ("code", "pre"):
            parts = _split_citations(element.text, citations)
            element.text = parts[0]
            for position, i in enumerate(range(1, len(parts), 2)):
                link = parts[i]
                link.tail = parts[i + 1]
                element.insert(position, link)
        if element.tail and "[@" in element.tail and element.getparent() is not None:
            parts = _split_citations(element.tail, citations)
            element.tail = parts[0]
            anchor = element
            for i in range(1, len(parts), 2):
                link = parts[i]
                link.tail = parts[i + 1]
                anchor.addnext(link)
                anchor = link


def _append_text(parent, text: str | None) -> None:
    if not text:
        return
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _inline_footnotes(root, id_prefix: str) -> None:
    """Move each footnote's text to where it is called, as a ``span.fn`` (CSS ``float: footnote``)."""
    notes = {}
    for container in list(root.find_class("footnote")):
        for item in container.iter("li"):
            for backref in list(item.find_class("footnote-backref")):
                backref.drop_tree()
            notes[item.get("id", "")] = item
        container.drop_tree()
    for ref in list(root.find_class("footnote-ref")):
        item = notes.get(ref.get("href", "").removeprefix("#"))
        sup = ref.getparent()
        if item is None or sup is None or sup.tag != "sup":
            continue
        span = lxml_html.Element("span", {"class": "fn"})
        for number, paragraph in enumerate([child for child in item if child.tag == "p"] or [item]):
            if number:
                span.append(lxml_html.Element("br"))
            _append_text(span, paragraph.text)
            for child in list(paragraph):
                span.append(child)
        if len(span):
            span[-1].tail = (span[-1].tail or "").rstrip("\xa0 ")
        else:
            span.text = (span.text or "").rstrip("\xa0 ")
        span.tail = sup.tail
        sup.getparent().replace(sup, span)


@dataclass
class Rendered:
    """A rendered text: safe HTML, the data blocks it holds, the unknown citations it has."""

    html: SafeString
    blocks: list[BlockSpec]
    unknown_sources: list[str]


def render(
    text: str,
    *,
    citations: Citations | None = None,
    id_prefix: str = "",
    footnotes_inline: bool = False,
    block_html: Callable[[BlockSpec], str] | None = None,
) -> Rendered:
    """Render chapter Markdown to safe HTML.

    ``block_html(spec)`` returns the (already safe) HTML that replaces each data block;
    without it a short placeholder says what the block will show. Raises
    ``BlockSyntaxError`` for a data block that cannot be read.
    """
    token = _new_token()
    body, blocks = extract_blocks(text, token=token)
    try:
        html = sanitize(_markdown().convert(body))
    except RecursionError:  # Markdown nested thousands deep (e.g. "- - - …"): shown as plain paragraphs
        html = "".join(f"<p>{escape(part.strip())}</p>" for part in body.split("\n\n") if part.strip())
    unknown: list[str] = []
    if html.strip():
        root = lxml_html.fragment_fromstring(html, create_parent="div")
        before = list(citations.unknown) if citations is not None else []
        _postprocess(root, citations=citations, id_prefix=id_prefix, footnotes_inline=footnotes_inline)
        unknown = [key for key in citations.unknown if key not in before] if citations is not None else []
        html = (root.text or "") + "".join(
            lxml_html.tostring(child, encoding="unicode", method="html") for child in root
        )
    by_index = {block.index: block for block in blocks}

    def replace(match: re.Match) -> str:
        block = by_index[int(match[1])]
        return block_html(block) if block_html else placeholder_html(block)

    prefix, suffix = token.split("{}")
    paragraph = re.compile(f"<p>{re.escape(prefix)}(\\d+){re.escape(suffix)}</p>")
    html = paragraph.sub(replace, html)
    return Rendered(html=mark_safe(html), blocks=blocks, unknown_sources=unknown)  # noqa: S308 - cleaned above


def placeholder_html(block: BlockSpec) -> str:
    """What the web page shows for a data block: what it will show once built."""
    spec = block.spec
    parts = [escape(spec["kind"]), escape(spec["place"])]
    if spec.get("years"):
        parts.append(escape(", ".join(str(y) for y in spec["years"])))
    if spec.get("release"):
        parts.append(escape(_("release %(id)s") % {"id": spec["release"]}))
    title = escape(block.title) if block.title else ""
    heading = escape(_("Data block"))
    note = escape(_("Resolved from the data hub when the PDF is built."))
    return (
        f'<div class="data-block-placeholder" role="note">'
        f'<strong>{heading} {escape(block.label)}</strong>'
        f'{" — " + title if title else ""}<br><span>{" · ".join(parts)}</span><br>'
        f'<small>{note}</small></div>'
    )


def plain_words(text: str) -> int:
    """Roughly how many words a Markdown text holds (for the outline's at-a-glance view)."""
    return len(re.findall(r"\w+", text or ""))
