"""Figures as each edition prints them.

English: 1,234,567.8. French: Django's French format, 1 234 567,8 (no-break spaces). Arabic: as UN
Arabic documents and the data hub write them, Western digits with a comma for thousands and a point
for decimals (Django's Arabic format would write 1.234.567,8, which these readers take for another
number).
"""

import numbers

from django.utils.formats import number_format
from django.utils.translation import get_language


def figure(value, decimals: int | None = None) -> str:
    """``value`` in the active language's format; ``decimals`` fixes the places (else as it comes)."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, numbers.Number):
        return str(value)
    if (get_language() or "en")[:2] == "ar":
        return f"{value:,.{decimals}f}" if decimals is not None else f"{value:,}"
    return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)
