"""Validators shared by the members models and forms."""

import functools
import zoneinfo

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


@functools.cache
def time_zone_names() -> tuple[str, ...]:
    """The IANA time zone names this server knows, sorted; read once (it scans the tz database)."""
    return tuple(sorted(zoneinfo.available_timezones()))


def validate_time_zone(value: str) -> None:
    """Accept an empty value (the portal's default zone) or a known IANA zone name."""
    if value and value not in time_zone_names():
        raise ValidationError(_("“%(value)s” is not a known time zone."), code="invalid_time_zone",
                              params={"value": value})
