"""Published reports: the downloads page for RCM delegates and members, and the public page."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from reports import selectors


@login_required
def downloads(request):
    """Every published report, the newest PDF of each language, earlier editions included."""
    builds = selectors.published_builds_for_user(request.user)
    return render(request, "reports/downloads.html", {"reports": selectors.group_by_report(builds), "public": False})


def public(request):
    """What the secretariat published and marked public, for anyone."""
    return render(request, "reports/downloads.html", {
        "reports": selectors.group_by_report(selectors.public_builds()), "public": True,
    })
