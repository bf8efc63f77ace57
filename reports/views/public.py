"""Publications and data for anyone, in the language of the address: the published reports (each at a
stable address with a citation), the open data and its API, and the good practices."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from reports import selectors


@login_not_required
@require_GET
def publications(request):
    """Published report editions (earlier years included), then the open data and the good practices."""
    from programmes.selectors import practice_list_published

    return render(request, "reports/public/publications.html", {
        "reports": selectors.public_reports(), "practices": practice_list_published()[:5],
        "page_title": _("Publications and data"),
        "meta_description": _("Reports of the Working Group, its open migration data and API, and good practices."),
    })


@login_not_required
@require_GET
def report(request, pk: int):
    """One report at its stable address: its PDFs, earlier editions and how to cite it."""
    report, builds, earlier = selectors.public_report_get(pk)
    published = min(build.published_at for build in builds)
    return render(request, "reports/public/report.html", {
        "report": report, "builds": builds, "earlier": earlier, "published": published,
        "page_title": report.title, "meta_description": (report.summary or report.title)[:300],
    })
