"""The public calendar of the Group's meetings: for anyone, in the language of the address.

Date (with its time zone), place or videoconference and status of every meeting; the summary and the
decisions only where the secretariat published them. Never the video link, agenda, papers or minutes.
"""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from meetings import selectors
from rwg_portal.shortcuts import paginate

PAST_PAGE_SIZE = 20


@login_not_required
@require_GET
def calendar(request):
    """Planned meetings, then the past ones (paginated)."""
    upcoming = list(selectors.public_upcoming_meetings()[:12])
    past = paginate(request, selectors.public_past_meetings(), PAST_PAGE_SIZE)
    return render(request, "meetings/public/calendar.html", {
        "upcoming": upcoming, "next_meeting": next((m for m in upcoming if m.status == "planned"), None),
        "page_obj": past, "page_title": _("Meetings of the Group"),
        "meta_description": _("Past and planned meetings of the Working Group on International Migration in the "
                              "Arab Region, with published summaries and decisions."),
    })


@login_not_required
@require_GET
def meeting(request, pk: int):
    """One meeting, at its stable address (its id: renumbering the year's meetings does not move it)."""
    meeting = selectors.public_meeting_get(pk)
    return render(request, "meetings/public/meeting.html", {
        "meeting": meeting, "summary": selectors.public_summary(meeting),
        "decisions": selectors.public_decisions(meeting), "page_title": meeting.reference,
        "meta_description": _("Meeting %(reference)s of the Working Group on International Migration in the Arab "
                              "Region.") % {"reference": meeting.reference},
    })


@login_not_required
@require_GET
def meeting_by_reference(request, year: int, number: int):
    """The address of a reference (RWG <year>/<number>): sends to the stable page of the meeting that has that
    reference now. Temporary (302), not permanent: a later renumbering may give the reference to another meeting,
    and a browser or search engine must not remember the old answer."""
    return redirect("meetings_public:meeting", pk=selectors.public_meeting_by_reference(year, number).pk)
