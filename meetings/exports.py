"""The decisions register as CSV and Excel files (formula-safe: ``rwg_portal.spreadsheets``)."""

from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from meetings.models import Decision
from rwg_portal.spreadsheets import rows_csv, rows_xlsx


def _yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def _address(decision: Decision) -> str:
    return f"{settings.SITE_URL}{reverse('meetings:meeting_detail', args=[decision.meeting_id])}#decision-{decision.pk}"


def _columns(*, members: bool):
    """(header, function of a decision) in the active language; ``members``: the Group's own columns too."""
    columns = [
        (_("Decision"), lambda d: d.reference),
        (_("Meeting"), lambda d: d.meeting.reference),
        (_("Date of the meeting"), lambda d: d.meeting.local_starts_at.date().isoformat()),
        (_("Agenda item"), lambda d: d.agenda_item.display_title if d.agenda_item else ""),
        # Every language, and which one is the original: the file can be read (and re-typed) in any of them.
        *((_("Text (%(language)s)") % {"language": _(name)}, lambda d, c=code: getattr(d, f"text_{c}"))
          for code, name in settings.LANGUAGES),
        (_("Language of the original"), lambda d: d.get_language_display()),
        (_("Reported to the RCM"), lambda d: _yes_no(d.report_to_rcm)),
        (_("Follow-up"), lambda d: d.get_follow_up_display()),
        (_("Action items"), lambda d: d.action_count),
        (_("Open action items"), lambda d: d.open_action_count),
    ]
    if members:
        columns += [
            (_("Minutes"), lambda d: d.meeting.get_minutes_status_display()),
            (_("Published"), lambda d: _yes_no(d.public)),
            (_("Address in the portal"), _address),
        ]
    return columns


def decisions_csv(decisions: Iterable[Decision], *, members: bool) -> bytes:
    columns = _columns(members=members)
    return rows_csv([h for h, _get in columns], ([get(d) for _h, get in columns] for d in decisions))


def decisions_xlsx(decisions: Iterable[Decision], *, members: bool) -> bytes:
    columns = _columns(members=members)
    return rows_xlsx([h for h, _get in columns], ([get(d) for _h, get in columns] for d in decisions),
                     sheet_title=_("Decisions"))
