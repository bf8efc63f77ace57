"""History as people read it, shared by every app's history pages and previews.

django-simple-history stores field names, stored values (choice codes, foreign key ids) and the
services' change reasons, in English. These helpers turn them into the field's label, the choice's
label and a translated reason, in the reader's language: "Status: Open → Done", not
"status open -> done".
"""

import datetime
import decimal
import re
from collections import defaultdict

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

# The reasons the services record (in English, in the database), as readers see them.
REASON_LABELS = {
    "invited": gettext_lazy("invited"),
    "invitation sent again": gettext_lazy("invitation sent again"),
    "person updated by the secretariat": gettext_lazy("updated by the secretariat"),
    "updated by the secretariat": gettext_lazy("updated by the secretariat"),
    "own account updated": gettext_lazy("updated by the person"),
    "deactivated": gettext_lazy("account deactivated"),
    "reactivated": gettext_lazy("account reactivated"),
    "created": gettext_lazy("created"),
    "updated": gettext_lazy("updated"),
    "deleted": gettext_lazy("deleted"),
    "contact details updated": gettext_lazy("contact details updated"),
    "designated": gettext_lazy("designated"),
    "ended": gettext_lazy("designation ended"),
    "ended: replaced": gettext_lazy("designation ended: replaced"),
    "ended: account deactivated": gettext_lazy("designation ended: account deactivated"),
    "submitted through the public form": gettext_lazy("submitted through the public form"),
    "decided": gettext_lazy("decision recorded"),
    # meetings
    "scheduled": gettext_lazy("scheduled"),
    "details changed": gettext_lazy("details changed"),
    "minutes shared for comments": gettext_lazy("minutes shared for comments"),
    "minutes approved": gettext_lazy("minutes approved"),
    "answered": gettext_lazy("answered"),
    "revoked": gettext_lazy("revoked"),
    # programmes
    "submitted for validation": gettext_lazy("submitted for validation"),
    "validated and published": gettext_lazy("validated and published"),
    "returned": gettext_lazy("returned"),
    # data hub
    "made current": gettext_lazy("made current"),
    "published": gettext_lazy("published"),
    "withdrawn": gettext_lazy("withdrawn"),
    # reports
    "added": gettext_lazy("added"),
    "details updated": gettext_lazy("details updated"),
    "added to the outline": gettext_lazy("added to the outline"),
    "moved in the outline": gettext_lazy("moved in the outline"),
    "outline updated": gettext_lazy("outline updated"),
    "submitted": gettext_lazy("submitted"),
    "reviewed, changes requested": gettext_lazy("reviewed, changes requested"),
    "approved": gettext_lazy("approved"),
    "reopened": gettext_lazy("reopened"),
    "saved": gettext_lazy("saved"),
    "text edited": gettext_lazy("text edited"),
    "questionnaire opened": gettext_lazy("questionnaire opened"),
    "questionnaire closed": gettext_lazy("questionnaire closed"),
    "requested": gettext_lazy("requested"),
    "withdrawn from publication": gettext_lazy("withdrawn from publication"),
    "made public": gettext_lazy("made public"),
    "made non-public": gettext_lazy("made non-public"),
    # stakeholders (members.stakeholders)
    "amended by the organisation": gettext_lazy("amended by the organisation"),
    "accepted": gettext_lazy("accepted"),
    "rejected": gettext_lazy("rejected"),
    "opened": gettext_lazy("opened"),
    "changed": gettext_lazy("changed"),
    "closed early": gettext_lazy("closed early"),
}

_STATUS = re.compile(r"status (?P<old>\S+) -> (?P<new>\S+)")
_BULK = re.compile(r"bulk update #(?P<number>\d+)")
_IMPORTED = re.compile(r"imported (?P<name>.+)")
_ON_BEHALF = re.compile(r"answered on behalf by (?P<who>.+)")


def list_separator() -> str:
    """What separates listed items: the Arabic comma U+060C in Arabic, a comma elsewhere."""
    return "\u060c " if (get_language() or "")[:2] == "ar" else ", "


def field_label(model, name: str) -> str:
    """The field's label ("Status", "Budget"), or ``name`` where the model has no such field."""
    try:
        return str(capfirst(model._meta.get_field(name).verbose_name))
    except FieldDoesNotExist:
        return name


def choice_label(model, name: str, value) -> str:
    """The label of ``value`` among the choices of the model's field ``name`` (the value where none)."""
    try:
        choices = dict(model._meta.get_field(name).flatchoices)
    except FieldDoesNotExist:
        return str(value)
    return str(choices.get(value, value))


def reason_label(reason: str | None, model=None) -> str:
    """A change reason as the reader reads it, translated; unknown reasons as they were recorded."""
    if not reason:
        return ""
    if reason in REASON_LABELS:
        return str(REASON_LABELS[reason])
    if (match := _STATUS.fullmatch(reason)) and model is not None:
        return _("%(field)s: %(old)s → %(new)s") % {
            "field": field_label(model, "status"), "old": choice_label(model, "status", match["old"]),
            "new": choice_label(model, "status", match["new"])}
    if match := _BULK.fullmatch(reason):
        return _("bulk update #%(number)s") % {"number": match["number"]}
    if match := _IMPORTED.fullmatch(reason):
        return _("imported %(name)s") % {"name": match["name"]}
    if match := _ON_BEHALF.fullmatch(reason):
        return _("answered on their behalf by %(person)s") % {"person": match["who"]}
    return reason


def display_value(model_field, value, labels: dict | None = None) -> str:
    """A stored value as people read it: the choice's label, a related record's name, yes/no, a date."""
    if model_field.choices and value in dict(model_field.flatchoices):
        return str(dict(model_field.flatchoices)[value])  # "" may be a choice too ("No role")
    if value is None or value == "":
        return "—"
    if isinstance(model_field, models.ForeignKey):
        return (labels or {}).get((model_field.related_model, value), _("deleted record #%(id)s") % {"id": value})
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "j M Y H:i T")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "j M Y")
    if isinstance(value, list):
        base = getattr(model_field, "base_field", None)
        return list_separator().join(
            display_value(base, item, labels) if base is not None else str(item) for item in value)
    if isinstance(value, (float, decimal.Decimal)):  # amounts (not years or counts, which stay ungrouped)
        return formats.number_format(value, use_l10n=True, force_grouping=True)
    return str(value)


def history_of(obj, *, limit: int = 100) -> list:
    """The object's history records, newest first, each with its changes as people read them (field
    labels, choice labels, related records' names: rwg_portal.history) and its translated reason."""
    model = type(obj)
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[:limit + 1])
    concrete = {f.name: f for f in model._meta.get_fields() if getattr(f, "concrete", False)}
    deltas = [record.diff_against(older).changes if older is not None else []
              for record, older in zip(records, [*records[1:], None], strict=False)]
    # The names of the records that foreign keys pointed to, one query per related model.
    wanted = defaultdict(set)
    for changes in deltas:
        for change in changes:
            field = concrete.get(change.field)
            if field is not None and field.is_relation and field.many_to_one:
                wanted[field.related_model] |= {value for value in (change.old, change.new) if value is not None}
    labels = {(related, pk): str(row) for related, ids in wanted.items()
              for pk, row in ((row.pk, row) for row in related._default_manager.filter(pk__in=ids))}
    entries = [
        {"record": record, "reason": reason_label(record.history_change_reason, model),
         "changes": [(field_label(model, change.field), display_value(concrete[change.field], change.old, labels),
                      display_value(concrete[change.field], change.new, labels))
                     for change in changes if change.field in concrete]}
        for record, changes in zip(records, deltas, strict=True)
    ]
    return entries[:limit]


def history_page(request, obj, *, back: str, related: list | None = None) -> HttpResponse:
    """Every app's history page of ``obj``: its versions newest first with their changes (``history_of``),
    then the histories of its parts (``related``: (title, historical records) pairs); ``back`` is the record's
    address. The caller has checked that the user may see the history."""
    return render(request, "history.html", {"object": obj, "entries": history_of(obj), "related": related or [],
                                            "back": back})
