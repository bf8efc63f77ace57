"""iCalendar (RFC 5545) files for meetings: one meeting's .ics, and a person's feed.

Start and end are written in the venue's time zone with its VTIMEZONE definition, so
a calendar program shows the right time wherever its user is.

The files e-mailed to invitees are scheduling messages (iTIP, RFC 5546): ``METHOD:REQUEST``
with the secretariat as ``ORGANIZER`` and the recipient as the one ``ATTENDEE`` (each person's
copy names only them: no one learns the other invitees' addresses), so that a calendar
program files the invitation and applies every later update (same ``UID``, higher
``SEQUENCE``) to the same event; a cancellation is ``METHOD:CANCEL``. Downloads and feeds
stay ``METHOD:PUBLISH``. The texts (status, agenda) are in the active language: the recipient's
for e-mails, the reader's for downloads and feeds.
"""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from icalendar import Calendar, Event, vCalAddress

from meetings.choices import MeetingStatus
from meetings.models import Meeting

PRODID = "-//RWG Portal//Meetings//EN"
STATUS = {
    MeetingStatus.PLANNED: "CONFIRMED",
    MeetingStatus.HELD: "CONFIRMED",
    MeetingStatus.POSTPONED: "TENTATIVE",
    MeetingStatus.CANCELLED: "CANCELLED",
}


def meeting_uid(meeting: Meeting) -> str:
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0] or "rwg-portal"
    return f"meeting-{meeting.pk}@{host}"


def _summary(meeting: Meeting) -> str:
    title = f" \u2014 {meeting.title}" if meeting.title else ""
    summary = f"{meeting.reference}{title}"
    if meeting.status == MeetingStatus.CANCELLED:
        return gettext("CANCELLED: %(meeting)s") % {"meeting": summary}
    if meeting.status == MeetingStatus.POSTPONED:
        return gettext("POSTPONED: %(meeting)s") % {"meeting": summary}
    return summary


def _location(meeting: Meeting, *, with_link: bool) -> str:
    parts = [meeting.venue, meeting.get_city_display() if meeting.city else ""]
    if meeting.is_online and with_link and meeting.video_link:
        parts.append(meeting.video_link)
    elif meeting.is_online:
        parts.append(gettext("Videoconference"))
    return ", ".join(part for part in parts if part)


def meeting_event(meeting: Meeting, *, with_link: bool, agenda: Iterable | None = None) -> Event:
    """The VEVENT of a meeting. ``with_link``: include the videoconference link (members only)."""
    url = settings.SITE_URL + reverse("meetings:meeting_detail", args=[meeting.pk])
    lines = [_summary(meeting)]
    if agenda:
        lines += ["", gettext("Agenda:")] + [f"{item.position}. {item.display_title_marked}" for item in agenda]
    if with_link and meeting.video_link:
        lines += ["", gettext("Videoconference: %(link)s") % {"link": meeting.video_link}]
    lines += ["", url]
    # Times in the venue's zone: add_missing_timezones() then writes its VTIMEZONE.
    event = Event.new(
        uid=meeting_uid(meeting),
        summary=_summary(meeting),
        start=meeting.local_starts_at,
        end=meeting.local_ends_at,
        stamp=timezone.now(),
        location=_location(meeting, with_link=with_link),
        description="\n".join(lines),
        url=url,
        status=STATUS[meeting.status],
        # SEQUENCE must grow when the meeting changes, so programs replace their copy.
        sequence=meeting.sequence,
    )
    return event


def calendar_bytes(events: Iterable[tuple[Meeting, Event]], *, name: str, method: str = "PUBLISH") -> bytes:
    """A VCALENDAR holding the events, with the VTIMEZONE of every zone they use."""
    meetings_and_events = list(events)
    calendar = Calendar.new(prodid=PRODID, method=method, name=name,
                            subcomponents=[event for _meeting, event in meetings_and_events])
    if meetings_and_events:
        years = [m.starts_at.year for m, _event in meetings_and_events]
        calendar.add_missing_timezones(first_date=datetime.date(min(years) - 1, 1, 1),
                                       last_date=datetime.date(max(years) + 2, 1, 1))
    return calendar.to_ical()


def meeting_ics(meeting: Meeting, *, with_link: bool, agenda: Iterable | None = None) -> bytes:
    return calendar_bytes([(meeting, meeting_event(meeting, with_link=with_link, agenda=agenda))],
                          name=meeting.reference)


# An invitee's answer as an iCalendar participation status.
PARTSTAT = {
    "pending": "NEEDS-ACTION",
    "in_person": "ACCEPTED",
    "remote": "ACCEPTED",
    "cannot_attend": "DECLINED",
    # Guests' answers (GuestResponse)
    "attending": "ACCEPTED",
    "maybe": "TENTATIVE",
    "not_attending": "DECLINED",
}


def attendee(email: str, *, name: str = "", response: str = "pending") -> vCalAddress:
    """An ``ATTENDEE`` line: the invitee's address, name and answer, asked to reply."""
    return vCalAddress.new(email, cn=name or None, role="REQ-PARTICIPANT", rsvp=True,
                           partstat=PARTSTAT.get(response, "NEEDS-ACTION"))


def itip_method(meeting: Meeting) -> str:
    """``CANCEL`` for a cancelled meeting, ``REQUEST`` (add or update the event) otherwise."""
    return "CANCEL" if meeting.status == MeetingStatus.CANCELLED else "REQUEST"


def meeting_itip(meeting: Meeting, *, attendees: Iterable[vCalAddress], agenda: Iterable | None = None,
                 with_link: bool = True) -> tuple[bytes, str]:
    """The scheduling message e-mailed to invitees, and its method (for the MIME type).

    The secretariat organises (``RWG_SECRETARIAT_EMAIL``); ``attendees`` are the recipients named (one: the
    person the copy is for). The
    ``UID`` is the meeting's and ``SEQUENCE`` its counter, so each message replaces the last.
    """
    method = itip_method(meeting)
    event = meeting_event(meeting, with_link=with_link, agenda=agenda)
    event.organizer = vCalAddress.new(settings.RWG_SECRETARIAT_EMAIL, cn="RWG secretariat")
    event.attendees = list(attendees)
    return calendar_bytes([(meeting, event)], name=meeting.reference, method=method), method
