"""``{{ items|listing }}``: items joined as the reader's language lists them, with the Arabic comma
U+060C in Arabic ("1990، 2000، 2010") and a comma elsewhere. Escapes each item, like ``join``."""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from rwg_portal.history import list_separator

register = template.Library()


@register.filter(needs_autoescape=True)
def listing(items, autoescape=True) -> str:
    escape = conditional_escape if autoescape else str
    return mark_safe(list_separator().join(str(escape(item)) for item in items))
