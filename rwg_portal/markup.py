"""Markdown written in the portal (minutes, agendas, report chapters), one configuration for every app.

``markdown`` turns the text into HTML; raw HTML typed in the text is shown as text, never passed through.
Then ``nh3`` keeps only the tags and attributes the caller lists, so nothing typed can run script in a
reader's browser, a PDF or an e-mail.
"""

import functools

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

# What the short texts of meetings (minutes, agenda items, decisions) may show.
ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "code", "pre", "blockquote", "ul", "ol", "li",
    "h1", "h2", "h3", "h4", "h5", "h6", "a", "table", "thead", "tbody", "tr", "th", "td", "del", "sup", "sub",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}, "td": set(), "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}


def parser(*extensions: str, **configs: dict) -> markdown.Markdown:
    """A Markdown converter with tables and sane lists, plus ``extensions`` (their settings in ``configs``,
    by extension name). Raw HTML is escaped: ``<b>`` shows as typed."""
    md = markdown.Markdown(extensions=["tables", "sane_lists", *extensions], extension_configs=configs,
                           output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


def sanitise(html: str, *, tags: set[str] = ALLOWED_TAGS, attributes: dict = ALLOWED_ATTRIBUTES, **options) -> str:
    """Keep only ``tags`` and ``attributes`` (``options`` go to nh3.clean: classes, style properties, an
    attribute filter); links get ``rel="noopener noreferrer nofollow"``, comments go."""
    return nh3.clean(html, tags=tags, attributes=attributes, url_schemes=URL_SCHEMES,
                     link_rel="noopener noreferrer nofollow", strip_comments=True, **options)


# The meeting page renders the same agenda and decision texts for every reader: each process keeps the
# HTML of the latest few hundred short texts (the result depends on the text alone).
MEMO_MAX_CHARS = 20_000


def render_markdown(text: str) -> SafeString:
    """Markdown to sanitised HTML, safe to put in a page or an e-mail."""
    if not text:
        return mark_safe("")
    cleaned = _rendered(text) if len(text) <= MEMO_MAX_CHARS else _render(text)
    return mark_safe(cleaned)  # noqa: S308 - sanitised by nh3 (_render)


def _render(text: str) -> str:
    return sanitise(parser().convert(text))


_rendered = functools.lru_cache(maxsize=512)(_render)
