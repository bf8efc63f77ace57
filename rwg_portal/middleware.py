"""Shell middleware: idle timeout for the accounts that hold the most power."""

import logging
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from rwg_portal import security
from rwg_portal.registry import hook

_LAST_SEEN = "rwg_last_seen"
logger = logging.getLogger(__name__)


class IdleTimeoutMiddleware:
    """Sign secretariat and admin sessions out after ``RWG_IDLE_MINUTES`` without a request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if hook("needs_two_factor")(request.user):
            now = int(time.time())
            last_seen = request.session.get(_LAST_SEEN)
            if last_seen is not None and now - last_seen > settings.RWG_IDLE_MINUTES * 60:
                user = request.user
                logout(request)
                security.record(security.Kind.SESSION_EXPIRED, request=request, user=user)
                messages.info(request, _("You were signed out after a period of inactivity."))
                return redirect(settings.LOGIN_URL)
            # Write the session at most once a minute, not on every request.
            if last_seen is None or now - last_seen > 60:
                request.session[_LAST_SEEN] = now
        return self.get_response(request)


class QueueUnavailableMiddleware:
    """Say clearly that the broker (Redis) is away when a request could not queue its task.

    Tasks are published after the transaction commits, so the job row is saved (waiting) and
    only the publication failed, quickly (see CELERY_TASK_PUBLISH_RETRY_POLICY): a 503 page
    that says so instead of the generic error page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.shortcuts import render
        from kombu.exceptions import OperationalError

        if isinstance(exception, OperationalError):
            logger.error("could not queue a task, the broker is unavailable: %s", exception)
            return render(request, "errors/503_queue.html", status=503)
        return None
