"""Figures as each edition prints them.

English: 1,234,567.8. French: Django's French format, 1 234 567,8 (no-break spaces). Arabic: as UN
Arabic documents write them, Western digits with the Arabic separators, 1٬234٬567٫8 (the portal's
format module, rwg_portal/formats/ar, which pages and charts share; docs/reports.md says why).
"""

import numbers

from django.utils.formats import number_format


def figure(value, decimals: int | None = None) -> str:
    """``value`` in the active language's format; ``decimals`` fixes the places (else as it comes)."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, numbers.Number):
        return str(value)
    return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)
