"""A consultation's answers as CSV or Excel, formula-safe (rwg_portal/spreadsheets.py)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import Consultation
from rwg_portal import spreadsheets

FORMATS = {"csv", "xlsx"}


def answer_rows(consultation: Consultation) -> tuple[list[str], list[list]]:
    """The header and one row per answer; times in the consultation's time zone, ISO 8601 with the offset."""
    import zoneinfo

    zone = zoneinfo.ZoneInfo(consultation.time_zone)
    header = [_("Received at"), _("Organisation"), _("Kind of organisation"), _("Contact person"),
              _("Contact e-mail"), _("Language"), _("Status"), _("Answer"),
              *consultation.questions, _("Moderation note")]
    rows = []
    for answer in consultation.answers.order_by("submitted_at"):
        replies = list(answer.replies) + [""] * (len(consultation.questions) - len(answer.replies))
        rows.append([timezone.localtime(answer.submitted_at, zone).isoformat(timespec="minutes"),
                     answer.organisation, answer.get_organisation_kind_display(), answer.contact_name,
                     answer.contact_email, answer.language, answer.get_status_display(), answer.answer,
                     *replies[:len(consultation.questions)], answer.moderation_note])
    return header, rows


def answers_file(consultation: Consultation, fmt: str) -> tuple[bytes, str]:
    header, rows = answer_rows(consultation)
    if fmt == "csv":
        return spreadsheets.rows_csv(header, rows), spreadsheets.CSV_CONTENT_TYPE
    return spreadsheets.rows_xlsx(header, rows, sheet_title=_("Answers")), spreadsheets.XLSX_CONTENT_TYPE
