"""The history pages of an agency and of a person."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from members import selectors
from rwg_portal.shortcuts import paginate

HISTORY_PAGE_SIZE = 20


@login_required
def agency_history(request, pk: int):
    agency, entries = selectors.agency_history_for_user(request.user, pk)
    return render(request, "members/history.html", {
        "subject": agency.acronym, "back_url": reverse("members:agency_detail", args=[agency.pk]),
        "page_obj": paginate(request, entries, HISTORY_PAGE_SIZE),
        "scope": _("Changes to the agency, its designations and its co-chair periods."),
    })


@login_required
def person_history(request, pk: int):
    person, entries = selectors.person_history_for_user(request.user, pk)
    return render(request, "members/history.html", {
        "subject": str(person), "back_url": reverse("members:person_detail", args=[person.pk]),
        "page_obj": paginate(request, entries, HISTORY_PAGE_SIZE),
        "scope": _("Changes to the person's account and designations."),
    })
