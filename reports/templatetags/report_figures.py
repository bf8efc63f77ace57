"""``{{ value|figure }}``: a figure in the format of the edition's language (reports.pdf.numbers).

``{{ text|text_dir }}``: "rtl" for a text with Arabic letters, else "ltr" (WeasyPrint has no
``dir="auto"``); ``{{ text|pdf_markdown }}``: Markdown written in the portal (not a chapter: no
citations, no data blocks), sanitised like the chapters.
"""

from django import template
from django.utils.html import escape, linebreaks
from django.utils.safestring import mark_safe

from reports import text as report_text
from reports.pdf.numbers import figure as _figure
from reports.pdf.shaping import has_arabic

register = template.Library()


@register.filter
def figure(value) -> str:
    return _figure(value)


@register.filter
def text_dir(value) -> str:
    return "rtl" if has_arabic(str(value or "")) else "ltr"


@register.filter
def pdf_markdown(value) -> str:
    try:
        return report_text.render(str(value or "")).html
    except report_text.BlockSyntaxError:  # a fenced "data" block outside a chapter: shown as written
        return mark_safe(linebreaks(escape(value)))
