"""``{{ items|listing }}``: items joined as the reader's language lists them, with the Arabic comma
U+060C in Arabic ("1990، 2000، 2010") and a comma elsewhere. Escapes each item, like ``join``."""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from rwg_portal.history import list_separator

register = template.Library()


@register.filter(needs_autoescape=True)
def listing(items, autoescape=True) -> str:
    escape = conditional_escape if autoescape else str
    return mark_safe(list_separator().join(str(escape(item)) for item in items))


@register.simple_tag(name="list_separator")
def list_separator_tag() -> str:
    """``{% list_separator %}``: the comma between two items written by hand ("UN House، بيروت" in Arabic)."""
    return list_separator()


@register.simple_tag(name="colon")
def colon_tag() -> str:
    """``{% colon %}`` after a label written by hand ("Lieu : …"): French puts a no-break space before the colon."""
    return "\u00a0:" if (get_language() or "")[:2] == "fr" else ":"
