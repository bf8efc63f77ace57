"""The security log in words: each event as a sentence in the reader's language.

Events store codes (``rwg_portal/security.py``: the kind, and a JSON detail such as
``{"changes": [["role", "member", "secretariat"]]}``); this module turns them into sentences
for the secretariat ("3 failed sign-ins for j.doe@example.org from 10.0.0.1"). Runs of failures
(same kind, account and address, one after the other in the list) become one line with a count,
so a burst of guessing reads as one thing. Events recorded before details were JSON keep their raw
detail beside a plain sentence.
"""

import json
from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rwg_portal.models import SecurityEvent
from rwg_portal.registry import hook

Kind = SecurityEvent.Kind
GROUPED = {Kind.LOGIN_FAILED, Kind.MFA_FAILED}


@dataclass
class Line:
    """One line of the log page: an event, or a run of ``count`` failures from ``first_at`` to ``at``."""

    event: SecurityEvent
    at: datetime
    first_at: datetime
    count: int = 1
    sentence: str = ""
    raw: str = ""
    events: list = field(default_factory=list)


def _detail(event) -> tuple[dict, str]:
    """The event's detail as a dict, or ({}, the raw text) for events from before details were JSON."""
    if not event.detail:
        return {}, ""
    try:
        data = json.loads(event.detail)
    except ValueError:
        return {}, event.detail
    return (data, "") if isinstance(data, dict) else ({}, event.detail)


def _method(code: str) -> str:
    return {"totp": _("authenticator app"), "recovery_codes": _("recovery codes"),
            "webauthn": _("security key")}.get(code, code)


def _role(code) -> str:
    return str(hook("role_label")(code))


def _change(name: str, old, new, agencies: dict) -> str:
    if name == "role":
        return _("role “%(old)s” → “%(new)s”") % {"old": _role(old or ""), "new": _role(new or "")}
    if name == "agency_id":
        none = _("none")
        return _("agency %(old)s → %(new)s") % {"old": agencies.get(old, none) if old else none,
                                                "new": agencies.get(new, none) if new else none}
    if name == "is_staff":
        return _("access to the admin site given") if new else _("access to the admin site removed")
    if name == "is_superuser":
        return _("superuser rights given") if new else _("superuser rights removed")
    if name == "is_active":
        return _("account reactivated") if new else _("account deactivated")
    return f"{name}: {old} → {new}"


def sentence(event: SecurityEvent, *, count: int = 1, agencies: dict | None = None) -> str:
    """The event as a sentence, translated into the active language."""
    data, _raw = _detail(event)
    account = event.email or getattr(event.user, "email", "") or _("an unknown account")
    actor = getattr(event.actor, "email", "")
    ip = event.ip or _("an unknown address")
    values = {"account": account, "actor": actor, "ip": ip, "count": count}
    kind = event.kind
    if kind == Kind.LOGIN:
        return _("%(account)s signed in.") % values
    if kind == Kind.LOGIN_FAILED:
        return ngettext("%(count)s failed sign-in for %(account)s from %(ip)s.",
                        "%(count)s failed sign-ins for %(account)s from %(ip)s.", count) % values
    if kind == Kind.LOGOUT:
        return _("%(account)s signed out.") % values
    if kind == Kind.PASSWORD_CHANGED:
        return _("%(account)s changed the password.") % values
    if kind == Kind.PASSWORD_RESET:
        return _("%(account)s set a new password with a reset link.") % values
    if kind == Kind.MFA_ADDED:
        return _("%(account)s added a two-factor method: %(method)s.") % {
            **values, "method": _method(data.get("method", ""))}
    if kind == Kind.MFA_REMOVED:
        return _("%(account)s removed a two-factor method: %(method)s.") % {
            **values, "method": _method(data.get("method", ""))}
    if kind == Kind.MFA_FAILED:
        return ngettext("%(count)s wrong two-factor code for %(account)s from %(ip)s.",
                        "%(count)s wrong two-factor codes for %(account)s from %(ip)s.", count) % values
    if kind == Kind.ROLE_CHANGED:
        changes = "; ".join(_change(name, old, new, agencies or {}) for name, old, new in data.get("changes", []))
        if not changes:
            return _("The account of %(account)s was changed.") % values
        if actor:
            return _("%(actor)s changed the account of %(account)s: %(changes)s.") % {**values, "changes": changes}
        return _("The account of %(account)s was changed: %(changes)s.") % {**values, "changes": changes}
    if kind == Kind.DESIGNATION_CHANGED:
        if not data:
            return _("A designation of %(account)s changed.") % values
        role = data.get("role", "")
        values["role"] = str(hook("designation_role_label")(role))
        values["agency"] = data.get("agency", "")
        if data.get("ended"):
            return _("The designation of %(account)s as %(role)s of %(agency)s ended.") % values
        if data.get("change") == "+":
            return _("%(account)s was designated %(role)s of %(agency)s.") % values
        return _("The designation of %(account)s as %(role)s of %(agency)s was changed.") % values
    if kind == Kind.INVITATION:
        values["role"] = _role(data.get("role", ""))
        if actor:
            return _("%(actor)s invited %(account)s (role: %(role)s).") % values
        return _("%(account)s was invited (role: %(role)s).") % values
    if kind == Kind.SESSION_EXPIRED:
        return _("The session of %(account)s ended after a time without activity.") % values
    return str(event.get_kind_display())


def lines(events) -> list[Line]:
    """The page's events as lines, newest first, with runs of the same failure folded into one."""
    events = list(events)
    agency_ids = set()
    for event in events:
        if event.kind == Kind.ROLE_CHANGED:
            data, _raw = _detail(event)
            agency_ids |= {v for name, old, new in data.get("changes", []) if name == "agency_id"
                           for v in (old, new) if v}
    agencies = hook("agency_acronyms")(agency_ids) if agency_ids else {}
    result: list[Line] = []
    for event in events:
        last = result[-1] if result else None
        if (last is not None and event.kind in GROUPED and last.event.kind == event.kind
                and last.event.email.lower() == event.email.lower() and last.event.ip == event.ip):
            last.count += 1
            last.first_at = event.at
            last.events.append(event)
            continue
        result.append(Line(event=event, at=event.at, first_at=event.at, raw=_detail(event)[1], events=[event]))
    for line in result:
        line.sentence = sentence(line.event, count=line.count, agencies=agencies)
    return result
