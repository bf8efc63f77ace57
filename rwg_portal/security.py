"""The security event log: signal handlers that record sign-ins, failures, two-factor,
role, designation and invitation changes with who, when and from where."""

import json

from allauth.account import signals as account_signals
from allauth.account.adapter import get_adapter
from allauth.mfa import signals as mfa_signals
from django.contrib.auth import signals as auth_signals
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from simple_history.models import HistoricalRecords
from simple_history.signals import post_create_historical_record

from rwg_portal.models import SecurityEvent

Kind = SecurityEvent.Kind


def client_ip(request) -> str | None:
    """The client's address: the one rule of the portal, allauth's (its rate limits use it too).

    Behind the proxy (RWG_BEHIND_PROXY, which sets ALLAUTH_TRUSTED_PROXY_COUNT) it is the hop the
    proxy added to X-Forwarded-For; otherwise REMOTE_ADDR, whatever the client claims.
    """
    if request is None:
        return None
    try:
        return get_adapter().get_client_ip(request)
    except ImproperlyConfigured:  # fewer X-Forwarded-For hops than trusted proxies: not via the proxy
        return request.META.get("REMOTE_ADDR") or None
    except PermissionDenied:  # no usable address at all
        return None


def record(kind: str, *, request=None, user=None, email: str = "", detail: str | dict = "") -> SecurityEvent:
    """Store one event. ``user`` is the account concerned; the actor is whoever is signed in.

    ``detail`` is stored as JSON when it is a dict (codes, not words), so that the log page can say it
    as a sentence in the reader's language (``rwg_portal/security_log.py``).
    """
    if isinstance(detail, dict):
        detail = json.dumps(detail, ensure_ascii=False, default=str)
    actor = getattr(request, "user", None) if request is not None else None
    if actor is not None and not actor.is_authenticated:
        actor = None
    return SecurityEvent.objects.create(
        kind=kind,
        user=user if user is not None and user.pk else None,
        actor=actor,
        email=(email or getattr(user, "email", "") or "")[:254],
        ip=client_ip(request),
        user_agent=(request.META.get("HTTP_USER_AGENT", "") if request is not None else "")[:300],
        detail=detail[:500],
    )


def _on_login(sender, request, user, **kwargs):
    record(Kind.LOGIN, request=request, user=user)


def _on_login_failed(sender, credentials, request=None, **kwargs):
    # Django passes the credentials with the password already masked; keep only the login.
    email = credentials.get("email") or credentials.get("username") or credentials.get("login") or ""
    record(Kind.LOGIN_FAILED, request=request, email=str(email))


def _on_logout(sender, request, user, **kwargs):
    if user is not None:
        record(Kind.LOGOUT, request=request, user=user)


def _on_password_changed(sender, request, user, **kwargs):
    record(Kind.PASSWORD_CHANGED, request=request, user=user)


def _on_password_reset(sender, request, user, **kwargs):
    record(Kind.PASSWORD_RESET, request=request, user=user)


def _on_authenticator_added(sender, request, user, authenticator, **kwargs):
    record(Kind.MFA_ADDED, request=request, user=user, detail={"method": authenticator.type})


def _on_authenticator_removed(sender, request, user, authenticator, **kwargs):
    record(Kind.MFA_REMOVED, request=request, user=user, detail={"method": authenticator.type})


def _on_mfa_failed(sender, request, user, **kwargs):
    record(Kind.MFA_FAILED, request=request, user=user)


def _on_history(sender, instance, history_instance, **kwargs):
    """Role, agency and designation changes, and invitations, from simple-history records."""
    request = getattr(HistoricalRecords.context, "request", None)
    model = instance._meta.label
    if model == "members.User":
        previous = history_instance.prev_record
        if previous is None:
            if instance.invited_at:
                record(Kind.INVITATION, request=request, user=instance, detail={"role": instance.role})
            return
        changed = [f for f in ("role", "agency_id", "is_staff", "is_superuser", "is_active")
                   if getattr(previous, f) != getattr(history_instance, f)]
        if changed:
            detail = {"changes": [[f, getattr(previous, f), getattr(history_instance, f)] for f in changed]}
            record(Kind.ROLE_CHANGED, request=request, user=instance, detail=detail)
    elif model == "members.Designation":
        record(Kind.DESIGNATION_CHANGED, request=request, user=instance.person, detail={
            "agency": instance.agency.acronym, "role": instance.role, "ended": bool(instance.ends_on),
            "change": history_instance.history_type})


def connect() -> None:
    account_signals.user_logged_in.connect(_on_login, dispatch_uid="rwg-sec-login")
    auth_signals.user_login_failed.connect(_on_login_failed, dispatch_uid="rwg-sec-login-failed")
    auth_signals.user_logged_out.connect(_on_logout, dispatch_uid="rwg-sec-logout")
    account_signals.password_changed.connect(_on_password_changed, dispatch_uid="rwg-sec-password")
    account_signals.password_reset.connect(_on_password_reset, dispatch_uid="rwg-sec-reset")
    mfa_signals.authenticator_added.connect(_on_authenticator_added, dispatch_uid="rwg-sec-mfa-added")
    mfa_signals.authenticator_removed.connect(_on_authenticator_removed, dispatch_uid="rwg-sec-mfa-removed")
    mfa_signals.authentication_failed.connect(_on_mfa_failed, dispatch_uid="rwg-sec-mfa-failed")
    post_create_historical_record.connect(_on_history, dispatch_uid="rwg-sec-history")
