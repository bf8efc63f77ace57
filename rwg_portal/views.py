"""Shell views: the dashboard home, the portal-wide search, the health check and the error pages."""

import logging

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views import i18n
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from rwg_portal import security_log
from rwg_portal.refusals import Refused
from rwg_portal.registry import DASHBOARD_PANELS, hook
from rwg_portal.shortcuts import paginate

logger = logging.getLogger(__name__)


def home(request):
    """Each role's dashboard: the panels that the apps registered and that apply to the user (those
    the same for a whole role or agency come rendered from the shared cache)."""
    from rwg_portal.dashboard_cache import render_panels

    return render(request, "home.html", {"panels": render_panels(request, DASHBOARD_PANELS)})


FACET_TITLES = {"type": _("Type"), "agency": _("Agency"), "year": _("Year"), "country": _("Country or area"),
                "gcm": _("GCM objective"), "sdg": _("SDG target")}
MAX_QUERY = 200


@require_GET
def search(request):
    """Search the whole portal: only what the visitor's pages would show them, ranked, with facets."""
    from rwg_portal import search as engine

    query = request.GET.get("q", "").strip()[:MAX_QUERY]
    selected = {facet: request.GET.get(facet, "")[:100] for facet in engine.FACETS if request.GET.get(facet)}
    results = engine.search(request.user, query, selected=selected, page=request.GET.get("page", 1))
    for result in results.results:
        # The engine escaped the text and added only <mark> tags (rwg_portal.search._mark).
        result.excerpt = mark_safe(result.excerpt)  # noqa: S308

    def link(**changes) -> str:
        params = {"q": query, **selected, **changes}
        return "?" + urlencode({key: value for key, value in params.items() if value})

    facets = [
        {"name": facet, "title": FACET_TITLES[facet],
         "values": [{"label": item.label, "count": item.count, "selected": item.selected,
                     "url": link(**{facet: "" if item.selected else item.value})} for item in values]}
        for facet, values in results.facets.items()
    ]
    return render(request, "search.html", {"query": query, "results": results, "facets": facets,
                                           "page_obj": results.page, "selected": bool(selected)})


def set_language(request):
    """Django's language switch; a signed-in person's choice is also kept on their account, so that
    the e-mails the portal sends them are written in it."""
    response = i18n.set_language(request)
    language = request.POST.get("language", "") if request.method == "POST" else ""
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        hook("user_set_language")(user=request.user, language=language)
    return response


def _check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _check_broker() -> str:
    if not settings.CELERY_BROKER_URL:
        return "in-process"
    from rwg_portal.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
    return "ok"


@never_cache
@require_GET
def health(request):
    """Report whether the database and (where configured) the broker answer; 503 if not."""
    checks, healthy = {}, True
    for name, check in (("database", _check_database), ("broker", _check_broker)):
        try:
            checks[name] = check()
        except Exception as exc:  # any failure means unhealthy; say which
            logger.warning("health check %s failed: %s", name, exc)
            checks[name] = "error"
            healthy = False
    return JsonResponse({"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503)


@require_GET
def robots_txt(request):
    """Keep crawlers out of the private areas (sign-in, members' pages, the admin); point them to the sitemap."""
    return render(request, "robots.txt", {"sitemap_url": request.build_absolute_uri("/sitemap.xml")},
                  content_type="text/plain; charset=utf-8")


def error_403(request, exception=None):
    """The 403 page, with the reason when the refusal carries one written for the reader."""
    reason = exception.reason if isinstance(exception, Refused) else ""
    return render(request, "errors/403.html", {"reason": reason}, status=403)


def error_404(request, exception=None):
    return render(request, "errors/404.html", status=404)


def error_500(request):
    return render(request, "errors/500.html", status=500)


def security_events(request):
    """The security log, for the secretariat: filter by kind and by account."""
    from django.core.exceptions import PermissionDenied

    from rwg_portal.filters import SecurityEventFilter
    from rwg_portal.models import SecurityEvent

    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    if not hook("is_secretariat")(request.user):
        raise PermissionDenied
    filterset = SecurityEventFilter(request.GET or None,
                                    queryset=SecurityEvent.objects.select_related("user", "actor"))
    page = paginate(request, filterset.qs, 50)
    return render(request, "security_events.html", {"page_obj": page, "lines": security_log.lines(page),
                                                    "filter": filterset})
