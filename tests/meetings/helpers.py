"""Building meetings through the services, as the secretariat would."""

import datetime
import zoneinfo

from django.utils import timezone

from meetings.choices import MeetingCity, MeetingMode
from meetings.services.meetings import meeting_schedule

BEIRUT = zoneinfo.ZoneInfo("Asia/Beirut")


def schedule(by, *, starts_at=None, hours=3, **kwargs):
    """A meeting in Beirut (in person) starting at ``starts_at`` (default: in two weeks at 10:00)."""
    if starts_at is None:
        day = timezone.localtime(timezone.now(), BEIRUT).date() + datetime.timedelta(days=14)
        starts_at = datetime.datetime.combine(day, datetime.time(10), tzinfo=BEIRUT)
    values = dict(kind="regular", time_zone="Asia/Beirut", mode=MeetingMode.IN_PERSON, city=MeetingCity.BEIRUT,
                  venue="UN House")
    values.update(kwargs)
    return meeting_schedule(starts_at=starts_at, ends_at=starts_at + datetime.timedelta(hours=hours), by=by, **values)


def past(days=7, hour=10):
    day = timezone.localtime(timezone.now(), BEIRUT).date() - datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=BEIRUT)


def held(by, *, days_ago=7, **kwargs):
    """A meeting that took place ``days_ago`` and is marked held."""
    from meetings.services.meetings import meeting_set_status

    meeting = schedule(by, starts_at=past(days_ago), **kwargs)
    return meeting_set_status(meeting=meeting, status="held", by=by)
