"""Time zones as people know them: a city and its country, in the reader's language.

The lists offer the zones the Group's people work in (the 22 Arab states, the UN duty stations and
the capitals where its members' headquarters sit) instead of the 600 raw IANA names with their old
aliases. Names come from CLDR through babel, so that Beirut is "بيروت، لبنان" in Arabic and
"Beyrouth, Liban" in French (a comma, not brackets: the label is often shown in brackets itself).
A stored zone outside the list (chosen before the list existed, or set by the admin) is still
offered and shown by its name.
"""

import functools
import zoneinfo

from babel import Locale
from babel.core import UnknownLocaleError, get_global
from babel.dates import get_timezone_location
from django.utils.translation import get_language

# Each member state's zones (capital first), then the duty stations and headquarters, then UTC.
ARAB_STATES = [
    "Africa/Algiers", "Asia/Bahrain", "Indian/Comoro", "Africa/Djibouti", "Africa/Cairo", "Asia/Baghdad",
    "Asia/Amman", "Asia/Kuwait", "Asia/Beirut", "Africa/Tripoli", "Africa/Nouakchott", "Africa/Casablanca",
    "Asia/Muscat", "Asia/Gaza", "Asia/Hebron", "Asia/Qatar", "Asia/Riyadh", "Africa/Mogadishu", "Africa/Khartoum",
    "Asia/Damascus", "Africa/Tunis", "Asia/Dubai", "Asia/Aden",
]
DUTY_STATIONS = [
    "Europe/Zurich",  # Geneva
    "America/New_York", "Europe/Vienna", "Europe/Paris", "Europe/Rome", "Europe/London", "Africa/Nairobi",
    "Asia/Bangkok", "Europe/Brussels", "Africa/Addis_Ababa", "Europe/Berlin", "Europe/Copenhagen",
]
UTC = "Etc/UTC"
ZONES = [*ARAB_STATES, *DUTY_STATIONS, UTC]


@functools.cache
def _known() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


@functools.cache
def _label(zone: str, language: str) -> str:
    if zone in ("UTC", UTC):
        return "UTC"
    try:
        locale = Locale.parse(language)
        city = get_timezone_location(zone, locale=locale, return_city=True)
    except (LookupError, UnknownLocaleError, ValueError):
        return zone.replace("_", " ")
    territory = get_global("zone_territories").get(zone)
    country = locale.territories.get(territory) if territory else None
    comma = "\u060c " if language == "ar" else ", "  # the Arabic comma in Arabic
    return f"{city}{comma}{country}" if country and country not in city else city


def zone_label(zone: str, language: str | None = None) -> str:
    """``zone`` as "City, Country" in ``language`` (the active one by default)."""
    if not zone:
        return ""
    return _label(zone, (language or get_language() or "en")[:2])


def zone_choices(*, current: str = "", language: str | None = None, zones=None) -> list[tuple[str, str]]:
    """The curated zones (or ``zones``) as (IANA name, label) choices in the reader's language, sorted by
    label; the ``current`` stored zone is added when it is not among them, so that a form keeps it."""
    zones = [zone for zone in (ZONES if zones is None else zones) if zone in _known() or zone == UTC]
    if current and current not in zones:
        zones.append(current)
    return sorted(((zone, zone_label(zone, language)) for zone in zones), key=lambda choice: choice[1].casefold())
