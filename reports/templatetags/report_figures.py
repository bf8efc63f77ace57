"""``{{ value|figure }}``: a figure in the format of the edition's language (reports.pdf.numbers)."""

from django import template

from reports.pdf.numbers import figure as _figure

register = template.Library()


@register.filter
def figure(value) -> str:
    return _figure(value)
