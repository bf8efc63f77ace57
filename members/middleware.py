"""Per-request middleware: the reader's time zone, and the two-factor requirement."""

import zoneinfo

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from members.permissions import needs_two_factor

# Pages a secretariat or admin account may still reach before it has set up two-factor
# authentication: the account pages (to set it up or sign out), health, static files.
_TWO_FACTOR_EXEMPT_PREFIXES = ("/accounts/", "/health/", "/static/", "/i18n/")


class UserTimezoneMiddleware:
    """Show times in the reader's chosen time zone, or the portal's default one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        name = getattr(request.user, "time_zone", "") or settings.RWG_DEFAULT_TIME_ZONE
        try:
            timezone.activate(zoneinfo.ZoneInfo(name))
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            timezone.activate(zoneinfo.ZoneInfo(settings.RWG_DEFAULT_TIME_ZONE))
        return self.get_response(request)


class RequireTwoFactorMiddleware:
    """Send secretariat and admin accounts without TOTP to set it up first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            needs_two_factor(user)
            and not request.path.startswith(_TWO_FACTOR_EXEMPT_PREFIXES)
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        ):
            messages.warning(request, _("Your role requires two-factor authentication. Please set it up first."))
            return redirect("mfa_activate_totp")
        return self.get_response(request)
