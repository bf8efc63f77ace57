"""Figures in the reader's language: Arabic with the Arabic separators (rwg_portal/formats/ar), as UN
Arabic documents print them, in pages (Django's number_format, floatformat, intcomma, date formats)
and in the PDFs and charts, which call the same functions."""

import datetime
import decimal

from django.template import Context, Template
from django.test import override_settings
from django.utils import formats, translation
from hypothesis import given
from hypothesis import strategies as st

from data_hub.charts import format_value
from reports.pdf.numbers import figure

ARABIC_DECIMAL, ARABIC_THOUSANDS, ARABIC_COMMA = "\u066b", "\u066c", "\u060c"
amounts = st.decimals(min_value=-10**12, max_value=10**12, places=2, allow_nan=False, allow_infinity=False)


@given(amounts)
def test_arabic_figures_use_the_arabic_separators_and_parse_back(value):
    with translation.override("ar"):
        shown = figure(value, 2)
        assert "," not in shown and "." not in shown  # neither Latin separator, in either role
        assert shown.endswith(f"{abs(value):.2f}"[-3:].replace(".", ARABIC_DECIMAL))  # "…٫05"
        assert (ARABIC_THOUSANDS in shown) == (abs(value) >= 1000)
        assert shown.strip("-").replace(ARABIC_THOUSANDS, "").replace(ARABIC_DECIMAL, "").isdigit()  # 0-9 only
        # Django's own parser for localised input reads it back (thousands only where they are used).
        with override_settings(USE_THOUSAND_SEPARATOR=True):
            assert decimal.Decimal(formats.sanitize_separators(shown)) == value


@given(st.integers(min_value=0, max_value=10**12))
def test_whole_numbers_are_grouped_in_threes_in_every_language(value):
    for language, separator in (("en", ","), ("ar", ARABIC_THOUSANDS), ("fr", "\xa0")):
        with translation.override(language):
            shown = figure(value, 0)
            assert shown.replace(separator, "") == str(value)
            assert all(len(group) == 3 for group in shown.split(separator)[1:])


def test_pages_and_charts_share_the_arabic_format():
    template = Template('{% load humanize %}{{ share|floatformat:1 }} {{ count|intcomma }} '
                        '{{ when|date:"DATETIME_FORMAT" }}')
    context = Context({"share": 61.34, "count": 1234567, "when": datetime.datetime(2026, 12, 3, 9, 30)})
    with translation.override("ar"):
        assert template.render(context) == f"61{ARABIC_DECIMAL}3 1{ARABIC_THOUSANDS}234{ARABIC_THOUSANDS}567 " \
                                           f"3 ديسمبر{ARABIC_COMMA} 2026{ARABIC_COMMA} 09:30"
        assert format_value(49.64, percent=True) == f"49{ARABIC_DECIMAL}6%"
    with translation.override("en"):
        assert template.render(context).startswith("61.3 1,234,567 ")


def test_lists_use_the_arabic_comma_in_arabic():
    template = Template("{% load rwg_lists %}{{ years|listing }}")
    context = Context({"years": [1990, 2000, "<b>"]})
    with translation.override("ar"):
        assert template.render(context) == f"1990{ARABIC_COMMA} 2000{ARABIC_COMMA} &lt;b&gt;"
    with translation.override("fr"):
        assert template.render(context) == "1990, 2000, &lt;b&gt;"
