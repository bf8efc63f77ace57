"""Small helpers shared by the reports app's views."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import get_language

from reports.choices import ReportLanguage


def preview_language(request: HttpRequest) -> str:
    """The language to show a text in: ?lang=en|ar, else Arabic for Arabic readers, else English."""
    asked = request.GET.get("lang", "")
    if asked in ReportLanguage.values:
        return asked
    return ReportLanguage.ARABIC if (get_language() or "")[:2] == "ar" else ReportLanguage.ENGLISH


def deny(request: HttpRequest):
    """Anonymous readers are asked to sign in; signed-in ones get 403."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied
