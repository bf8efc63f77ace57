"""Signed links for guests without an account.

A guest's link carries ``{"g": <guest invitation id>, "n": <its link nonce>}`` signed with the
site's secret key and a timestamp (``django.core.signing``). The link works for
``RWG_GUEST_LINK_MAX_AGE`` seconds after it was sent; a new nonce (sending the link again)
revokes the old one. Nothing else in the URL is trusted: the meeting, the papers and the
answer all follow from the invitation the signature names.
"""

from django.conf import settings
from django.core import signing

from meetings.models import GuestInvitation

SALT = "meetings.guest-link"


class GuestLinkError(Exception):
    """The link cannot be used; ``reason`` is "expired" or "invalid" (tampered, revoked, unknown)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def guest_token(guest: GuestInvitation) -> str:
    return signing.dumps({"g": guest.pk, "n": guest.link_nonce}, salt=SALT, compress=False)


def guest_from_token(token: str) -> GuestInvitation:
    """The guest invitation a link names, or ``GuestLinkError`` (never a partial answer)."""
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.RWG_GUEST_LINK_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise GuestLinkError("expired") from exc
    except signing.BadSignature as exc:
        raise GuestLinkError("invalid") from exc
    if not isinstance(data, dict) or not isinstance(data.get("g"), int) or not isinstance(data.get("n"), str):
        raise GuestLinkError("invalid")
    guest = (GuestInvitation.objects.select_related("meeting", "meeting__chair_agency")
             .filter(pk=data["g"], link_nonce=data["n"]).first())
    if guest is None:
        raise GuestLinkError("invalid")
    return guest
