"""Figures about the data hub itself, for the Group's annual reporting."""

import datetime

from data_hub.models import Release


def releases_added(year: int) -> int:
    """How many releases (revisions of datasets) were imported during the calendar year ``year``, in UTC.

    Releases deleted since are not counted.
    """
    start = datetime.datetime(int(year), 1, 1, tzinfo=datetime.UTC)
    end = datetime.datetime(int(year) + 1, 1, 1, tzinfo=datetime.UTC)
    return Release.objects.filter(imported_at__gte=start, imported_at__lt=end).count()
