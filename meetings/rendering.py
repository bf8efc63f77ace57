"""Markdown written in the portal, rendered to HTML and then sanitised.

``markdown`` turns the text into HTML, then ``nh3`` keeps only a short list of harmless
tags and attributes, so nothing typed into minutes or an agenda can run script in a
reader's browser.
"""

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "code", "pre", "blockquote", "ul", "ol", "li",
    "h1", "h2", "h3", "h4", "h5", "h6", "a", "table", "thead", "tbody", "tr", "th", "td", "del", "sup", "sub",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}, "td": set(), "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}


def render_markdown(text: str) -> SafeString:
    """Markdown to sanitised HTML, safe to put in a page or an e-mail."""
    if not text:
        return mark_safe("")
    html = markdown.markdown(text, extensions=["sane_lists", "tables"], output_format="html")
    cleaned = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                        link_rel="noopener noreferrer nofollow")
    return mark_safe(cleaned)  # noqa: S308 - sanitised by nh3 just above
