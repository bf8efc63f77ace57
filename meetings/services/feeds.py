"""Personal iCalendar feeds: a secret URL per person, revocable at any time."""

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from meetings.models import CalendarFeed
from members.models import User


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def calendar_feed_create(*, user: User) -> tuple[CalendarFeed, str]:
    """Make a new secret feed URL for the user (revoking the previous one).

    Returns the feed and the token: only its hash is stored, so this is the one moment
    the token can be shown.
    """
    calendar_feed_revoke(user=user)
    token = secrets.token_urlsafe(32)
    feed = CalendarFeed(user=user, token_hash=hash_token(token))
    feed.full_clean()
    feed.save()
    return feed, token


@transaction.atomic
def calendar_feed_revoke(*, user: User) -> int:
    """Stop the user's feed URL from working."""
    revoked = 0
    for feed in CalendarFeed.objects.select_for_update().filter(user=user, revoked_at__isnull=True):
        feed.revoked_at = timezone.now()
        feed._change_reason = "revoked"
        feed.save()
        revoked += 1
    return revoked
