"""Bulk update of an agency's activities through a spreadsheet.

1. ``workbook_for_agency`` writes the agency's activities (led or joined) to an .xlsx file:
   one row per activity, one column per field, codes for the controlled lists (a second
   sheet lists them).
2. ``validate_upload`` reads the returned file with pandas (calamine engine), checks every row
   with a form, and returns the errors (row, column, message) and the changes it would make.
3. ``services_bulk.activity_import_apply`` writes the changes in one transaction.

Rows without an ID create new activities led by the agency. Partners, indicators, links and
priority areas are not in the sheet: they are kept as they are.
"""

import datetime
import decimal
import io
import math
from dataclasses import dataclass, field

import pandas as pd
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from programmes.choices import (
    ActivityKind,
    ActivityStatus,
    Currency,
    FundingSource,
    Marker,
    TargetGroup,
)
from programmes.models import Activity
from rwg_portal import reference
from rwg_portal.reference import Theme
from rwg_portal.spreadsheets import FORMULA_STARTS, force_text_cells, neutralise

MAX_ROWS = 2000
LIST_SEPARATOR = ";"
COLUMNS = [
    "id", "lead_agency", "title_en", "title_ar", "title_fr", "summary_en", "summary_ar", "summary_fr", "kind",
    "status", "themes", "countries", "target_groups", "sdg_targets", "gcm_objectives", "starts_on", "ends_on",
    "budget", "currency", "funding_source", "funding_detail", "gender_marker", "gender_justification",
    "human_rights_marker", "human_rights_justification", "iati_identifier",
]
LIST_FIELDS = ("themes", "countries", "target_groups", "sdg_targets", "gcm_objectives")
# Columns the upload may change (``id`` identifies the row, ``lead_agency`` is for reading only).
EDITABLE = [name for name in COLUMNS if name not in ("id", "lead_agency")]


def _cell(activity: Activity, name: str):
    value = getattr(activity, name) if name != "lead_agency" else activity.lead_agency.acronym
    if name in LIST_FIELDS:
        return LIST_SEPARATOR.join(str(v) for v in value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    return "" if value is None else value


def workbook_for_agency(activities) -> bytes:
    """The agency's activities as an .xlsx workbook, with a sheet of the valid codes."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "activities"
    sheet.append(COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for activity in activities:
        sheet.append([neutralise(_cell(activity, name)) for name in COLUMNS])
    force_text_cells(sheet)
    sheet.freeze_panes = "C2"
    codes = workbook.create_sheet("codes")
    codes.append(["column", "code", "meaning"])
    for cell in codes[1]:
        cell.font = Font(bold=True)
    lists = [
        ("kind", ActivityKind.choices), ("status", ActivityStatus.choices), ("themes", Theme.choices),
        ("countries", [(c, reference.place_name(c, "en")) for c in reference.PLACE_CODES]),
        ("target_groups", TargetGroup.choices), ("sdg_targets", reference.SDG_CHOICES),
        ("gcm_objectives", reference.GCM_CHOICES), ("currency", Currency.choices),
        ("funding_source", FundingSource.choices), ("gender_marker", Marker.choices),
        ("human_rights_marker", Marker.choices),
    ]
    for column, choices in lists:
        for code, label in choices:
            codes.append([column, code, str(label)])
    codes.append(["(lists)", LIST_SEPARATOR, _("Separate several codes with a semicolon.")])
    codes.append(["(dates)", "YYYY-MM-DD", _("Dates as year-month-day.")])
    codes.append(["id", "", _("Leave empty to add a new activity led by your agency.")])
    force_text_cells(codes)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class RowForm(forms.Form):
    """One spreadsheet row. Lists are codes separated by semicolons; the model validates the codes."""

    title_en = forms.CharField(max_length=255)
    title_ar = forms.CharField(max_length=255, required=False)
    title_fr = forms.CharField(max_length=255, required=False)
    summary_en = forms.CharField()
    summary_ar = forms.CharField(required=False)
    summary_fr = forms.CharField(required=False)
    kind = forms.ChoiceField(choices=ActivityKind.choices)
    status = forms.ChoiceField(choices=ActivityStatus.choices)
    themes = forms.CharField(required=False)
    countries = forms.CharField(required=False)
    target_groups = forms.CharField(required=False)
    sdg_targets = forms.CharField(required=False)
    gcm_objectives = forms.CharField(required=False)
    starts_on = forms.DateField(input_formats=["%Y-%m-%d"])
    ends_on = forms.DateField(input_formats=["%Y-%m-%d"], required=False)
    budget = forms.DecimalField(max_digits=14, decimal_places=2, min_value=0, required=False)
    currency = forms.ChoiceField(choices=Currency.choices, required=False)
    funding_source = forms.ChoiceField(choices=[("", ""), *FundingSource.choices], required=False)
    funding_detail = forms.CharField(max_length=255, required=False)
    gender_marker = forms.TypedChoiceField(choices=Marker.choices, coerce=int)
    gender_justification = forms.CharField(max_length=255, required=False)
    human_rights_marker = forms.TypedChoiceField(choices=Marker.choices, coerce=int)
    human_rights_justification = forms.CharField(max_length=255, required=False)
    iati_identifier = forms.CharField(max_length=150, required=False)

    def _codes(self, name):
        return [code.strip() for code in self.cleaned_data.get(name, "").split(LIST_SEPARATOR) if code.strip()]

    def clean_themes(self):
        return self._codes("themes")

    def clean_countries(self):
        return [code.upper() for code in self._codes("countries")]

    def clean_target_groups(self):
        return self._codes("target_groups")

    def clean_sdg_targets(self):
        return self._codes("sdg_targets")

    def clean_gcm_objectives(self):
        try:
            return [int(code) for code in self._codes("gcm_objectives")]
        except ValueError:
            raise ValidationError(_("Give the objectives as numbers from 1 to 23.")) from None

    def clean_currency(self):
        return self.cleaned_data.get("currency") or Currency.USD


def _plain(value) -> str:
    """A cell as the form expects it: text, with empty cells empty and integral numbers without '.0'."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return ""
    if isinstance(value, (pd.Timestamp, datetime.datetime)):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    # Undo the export's formula neutralisation, so a round trip changes nothing.
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        text = text[1:]
    return text


def _display(value) -> str:
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(v) for v in value)
    if value is None:
        return ""
    if isinstance(value, decimal.Decimal):
        return f"{value:.2f}"
    return str(value)


@dataclass
class Validation:
    """What checking an upload found: ``errors`` (row, column, message) and ``changes``."""

    rows: int = 0
    errors: list = field(default_factory=list)
    changes: list = field(default_factory=list)

    def error(self, row, column, message) -> None:
        self.errors.append({"row": row, "column": column, "message": str(message)})


def _column_label(name: str) -> str:
    return f"{get_column_letter(COLUMNS.index(name) + 1)} ({name})" if name in COLUMNS else name


def read_rows(upload) -> tuple[list[dict], list[str]]:
    """The sheet's data rows as dicts of text, and its header; raises ValueError if unreadable."""
    try:
        frame = pd.read_excel(upload, sheet_name=0, dtype=object, engine="calamine")
    except Exception as exc:  # calamine raises several kinds of error for a damaged file
        raise ValueError(_("The file could not be read as a spreadsheet.")) from exc
    header = [str(column).strip() for column in frame.columns]
    rows = [{name: _plain(value) for name, value in zip(header, values, strict=True)}
            for values in frame.itertuples(index=False, name=None)]
    return rows, header


def validate_upload(upload, *, agency, editable_ids: set[int], whole_ids: set[int] | None = None) -> Validation:
    """Check every row; collect errors and, for valid rows that change something, the change.

    ``editable_ids`` are the activities the sheet may list; of those, only ``whole_ids`` (led by
    the agency, or any for the secretariat) may be changed: a partner's row must stay as it is.
    """
    whole_ids = editable_ids if whole_ids is None else whole_ids
    result = Validation()
    try:
        rows, header = read_rows(upload)
    except ValueError as exc:
        result.error(None, None, exc)
        return result
    missing = [name for name in COLUMNS if name not in header]
    if missing:
        result.error(1, None, _("Missing columns: %(columns)s. Start again from a downloaded sheet.")
                     % {"columns": ", ".join(missing)})
        return result
    rows = [row for row in rows if any(row.values())]
    result.rows = len(rows)
    if len(rows) > MAX_ROWS:
        result.error(None, None, _("The sheet has more than %(max)s rows.") % {"max": MAX_ROWS})
        return result
    existing = Activity.objects.in_bulk([int(r["id"]) for r in rows if r["id"].isdigit()])
    seen: set[int] = set()
    for number, row in enumerate(rows, start=2):
        _validate_row(result, number, row, agency=agency, existing=existing, editable_ids=editable_ids,
                      whole_ids=whole_ids, seen=seen)
    return result


def _validate_row(result, number, row, *, agency, existing, editable_ids, whole_ids, seen) -> None:
    activity = None
    if row["id"]:
        if not row["id"].isdigit() or int(row["id"]) not in existing:
            result.error(number, _column_label("id"), _("There is no activity with this ID."))
            return
        pk = int(row["id"])
        if pk not in editable_ids:
            result.error(number, _column_label("id"), _("This activity is neither led nor joined by your agency."))
            return
        if pk in seen:
            result.error(number, _column_label("id"), _("This activity appears twice in the sheet."))
            return
        seen.add(pk)
        activity = existing[pk]
    form = RowForm({name: row.get(name, "") for name in EDITABLE})
    if not form.is_valid():
        for name, messages in form.errors.items():
            for message in messages:
                result.error(number, _column_label(name), message)
        return
    values = dict(form.cleaned_data)
    candidate = Activity(lead_agency_id=activity.lead_agency_id if activity else agency.pk)
    if activity:
        for name in Activity._meta.concrete_fields:
            setattr(candidate, name.attname, getattr(activity, name.attname))
    for name, value in values.items():
        setattr(candidate, name, value)
    try:
        candidate.full_clean(exclude=["created_by"], validate_unique=False)
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            for message in messages:
                result.error(number, _column_label(name) if name != "__all__" else None, message)
        return
    diff = {name: [_display(getattr(activity, name)) if activity else "", _display(value)]
            for name, value in values.items() if activity is None or getattr(activity, name) != value}
    if diff and activity is not None and activity.pk not in whole_ids:
        result.error(number, _column_label(next(iter(diff))),
                     _("Only the lead agency or the secretariat changes this joint programme; leave its row as it is."))
        return
    if diff:
        result.changes.append({
            "row": number,
            "id": activity.pk if activity else None,
            "title": values["title_en"],
            "updated_at": activity.updated_at.isoformat() if activity else None,
            "fields": diff,
            "raw": {name: row.get(name, "") for name in EDITABLE},
        })
