"""Download counters that count a visitor once per file and day: a published PDF build's, a library item's.

Who downloads is kept only as a keyed hash (``download_visitor``); a row per visitor, file and day
(``reports.models.DownloadVisit``) makes the check-and-count atomic, and old days are pruned.
"""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import F, Model
from django.utils import timezone
from django.utils.crypto import salted_hmac

from reports.models import DownloadVisit
from rwg_portal.security import client_ip


def download_visitor(request, day: datetime.date) -> str:
    """Who downloads, as a keyed hash: the signed-in user, or an anonymous visitor's address and agent.

    The address is the portal's one client-IP rule (``rwg_portal.security.client_ip``). The hash is
    an HMAC with SECRET_KEY and the day is part of it, so the stored key cannot be turned back into
    an address nor linked to the same visitor's key of another day.
    """
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        who = f"user:{user.pk}"
    else:
        agent = request.META.get("HTTP_USER_AGENT", "")[:512]
        who = f"anonymous:{client_ip(request) or ''}:{agent}"
    return salted_hmac("reports.download_visitor", f"{day.isoformat()}|{who}", algorithm="sha256").hexdigest()


def count_once(*, obj: Model, visit: dict, request) -> bool:
    """Raise ``obj``'s ``download_count`` once per visitor and day; True if this download was counted.

    ``visit`` names the file on the visit row (``{"build_id": 3}`` or ``{"library_item_id": 7}``).
    A row per visitor and day rather than a cache entry: its unique constraint makes the check-and-insert
    atomic under concurrent requests (two at once from one visitor count once) and it keeps counting
    correctly when Redis is away, where a cache would either count every request or none. The row and
    the counter change in one transaction, so they cannot disagree.
    """
    day = timezone.localdate()
    visitor = download_visitor(request, day)
    with transaction.atomic():
        try:
            with transaction.atomic():  # a savepoint: the conflict must not spoil an outer transaction
                DownloadVisit.objects.create(day=day, visitor=visitor, **visit)
        except IntegrityError:
            return False
        type(obj)._base_manager.filter(pk=obj.pk).update(download_count=F("download_count") + 1)
    return True


def download_visits_prune(*, keep_days: int = 2) -> int:
    """Forget the visits of days that can no longer be repeated (yesterday is kept for time zones)."""
    deleted, _counts = DownloadVisit.objects.filter(
        day__lt=timezone.localdate() - datetime.timedelta(days=keep_days - 1)).delete()
    return deleted
