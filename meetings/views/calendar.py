"""The calendar (month and list), .ics files and the personal iCalendar feed."""

import calendar as pycalendar
import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from meetings import ical, permissions, selectors
from meetings.models import CalendarFeed
from meetings.services import feeds as feed_services
from rwg_portal.uploads import download_response

FEED_PAST = datetime.timedelta(days=400)
FEED_FUTURE = datetime.timedelta(days=800)


def _month_from(value: str | None) -> datetime.date:
    today = timezone.localdate()
    if value:
        try:
            year, month = (int(part) for part in value.split("-", 1))
            if 2000 <= year <= 2100 and 1 <= month <= 12:
                return datetime.date(year, month, 1)
        except ValueError:
            pass
    return today.replace(day=1)


def _shift(month: datetime.date, by: int) -> datetime.date:
    index = month.year * 12 + month.month - 1 + by
    return datetime.date(index // 12, index % 12 + 1, 1)


@login_required
def calendar_view(request):
    """Meetings of a month, as a grid of weeks or as a list, in the reader's time zone."""
    if not permissions.can_view_meetings(request.user):
        raise PermissionDenied
    month = _month_from(request.GET.get("month"))
    view = "list" if request.GET.get("view") == "list" else "month"
    first_weekday = int(formats.get_format("FIRST_DAY_OF_WEEK")) % 7
    # Python counts Monday as 0, Django's formats count Sunday as 0.
    weeks = pycalendar.Calendar(firstweekday=(first_weekday - 1) % 7).monthdatescalendar(month.year, month.month)
    zone = timezone.get_current_timezone()
    grid_start = datetime.datetime.combine(weeks[0][0], datetime.time.min, tzinfo=zone)
    grid_end = datetime.datetime.combine(weeks[-1][-1] + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone)
    meetings = list(selectors.meetings_between(request.user, grid_start, grid_end))
    by_day: dict[datetime.date, list] = {}
    for meeting in meetings:
        day = timezone.localtime(meeting.starts_at).date()
        last = timezone.localtime(meeting.ends_at - datetime.timedelta(microseconds=1)).date()
        while day <= last:
            by_day.setdefault(day, []).append(meeting)
            day += datetime.timedelta(days=1)
    today = timezone.localdate()
    grid = [[{"date": day, "in_month": day.month == month.month, "today": day == today,
              "meetings": by_day.get(day, [])} for day in week] for week in weeks]
    month_end = _shift(month, 1)
    in_month = [m for m in meetings
                if timezone.localtime(m.starts_at).date() < month_end
                and timezone.localtime(m.ends_at).date() >= month]
    weekday_names = [day["date"] for day in grid[0]]
    return render(request, "meetings/calendar.html", {
        "month": month, "view": view, "grid": grid, "weekdays": weekday_names, "month_meetings": in_month,
        "previous": _shift(month, -1), "next": _shift(month, 1), "this_month": today.replace(day=1),
    })


def _ics_response(content: bytes, filename: str, *, attachment: bool) -> HttpResponse:
    response = download_response(content, filename, "text/calendar; charset=utf-8", inline=not attachment)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def meeting_ics(request, pk: int):
    """One meeting as an .ics file, for someone who may see the meeting."""
    meeting = selectors.meeting_get_for_user(request.user, pk)
    invited = bool(getattr(meeting, "is_invited", False))
    agenda = meeting.agenda_items.select_related("minutes_of").order_by("position", "pk")
    content = ical.meeting_ics(meeting, with_link=permissions.can_see_video_link(request.user, meeting,
                                                                                    invited=invited), agenda=agenda)
    filename = f"{meeting.reference.replace(' ', '-').replace('/', '-')}.ics"
    return _ics_response(content, filename, attachment=True)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def feed_settings(request):
    """Create, replace or revoke one's secret calendar feed URL. The URL is shown only once."""
    if not permissions.can_have_calendar_feed(request.user):
        raise PermissionDenied
    feed_url = None
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            if feed_services.calendar_feed_revoke(user=request.user):
                messages.success(request, _("Your calendar feed was revoked; its address no longer works."))
            return redirect("meetings:feed_settings")
        _feed, token = feed_services.calendar_feed_create(user=request.user)
        feed_url = request.build_absolute_uri(reverse("meetings:feed", args=[token]))
    active = CalendarFeed.objects.filter(user=request.user, revoked_at__isnull=True).first()
    return render(request, "meetings/feed_settings.html", {"active": active, "feed_url": feed_url})


@require_GET
def feed(request, token: str):
    """The personal feed read by calendar programs: no session, the secret token is the key."""
    hashed = feed_services.hash_token(token)
    subscription = (
        CalendarFeed.objects.select_related("user").filter(token_hash=hashed, revoked_at__isnull=True).first()
    )
    if subscription is None or not subscription.user.is_active or not permissions.can_have_calendar_feed(
        subscription.user
    ):
        raise Http404
    user = subscription.user
    now = timezone.now()
    if subscription.last_used_at is None or subscription.last_used_at < now - datetime.timedelta(hours=1):
        CalendarFeed.objects.filter(pk=subscription.pk).update(last_used_at=now)
    meetings = selectors.meetings_between(user, now - FEED_PAST, now + FEED_FUTURE)
    events = [(meeting, ical.meeting_event(meeting, with_link=True)) for meeting in meetings]
    content = ical.calendar_bytes(events, name="RWG meetings")
    response = _ics_response(content, "rwg-meetings.ics", attachment=False)
    response["Cache-Control"] = "private, max-age=900"
    return response
