"""Readable change history for the secretariat, built on django-simple-history.

Each historical row becomes an ``Entry``: when, who, which record, and the fields that
changed (old and new value, as people read them), found with ``diff_against`` on the
previous row of the same record. Related records (an agency's designations and co-chair
periods) are merged into one timeline. Everything is read in a fixed number of queries:
one per history table, plus one per kind of related object named in the changes.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import models
from django.db.models import QuerySet
from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rwg_portal.history import display_value, reason_label

# Never shown, even where a model tracks them.
HIDDEN_FIELDS = {"id", "password", "last_login"}

KIND_LABELS = {
    "+": gettext_lazy("created"),
    "~": gettext_lazy("changed"),
    "-": gettext_lazy("deleted"),
}


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class Entry:
    when: datetime.datetime
    who: object
    kind: str
    model: str
    record: str
    reason: str
    changes: list[Change] = field(default_factory=list)
    # True when ``changes`` hold before/after pairs; False when they list the values a record started with.
    is_diff: bool = False

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]


def _related_labels(records: list, fields: dict[str, models.ForeignKey]) -> dict[tuple[type, object], str]:
    """Names of the objects that foreign keys in ``records`` point to, one query per related model."""
    wanted: dict[type, set] = defaultdict(set)
    for record in records:
        for fk in fields.values():
            value = getattr(record, fk.attname)
            if value is not None:
                wanted[fk.related_model].add(value)
    labels = {}
    for model, ids in wanted.items():
        for obj in model._default_manager.filter(pk__in=ids):
            labels[(model, obj.pk)] = str(obj)
    return labels


def _display(record, model_field, value, labels) -> str:
    return display_value(model_field, value, labels)


def _record_label(record, labels) -> str:
    """How a record is named in the timeline, as it was at that time."""
    model = record.instance_type
    name = model._meta.model_name
    if name == "designation":
        person = labels.get((record._meta.get_field("person").related_model, record.person_id), "?")
        return _("%(role)s: %(person)s") % {"role": record.get_role_display(), "person": person}
    if name == "cochairperiod":
        return _("from %(date)s") % {"date": formats.date_format(record.starts_on, "j M Y")}
    if name == "user":
        return " ".join(part for part in (record.first_name, record.last_name) if part) or record.email
    return str(record.instance)


def _entries_for(queryset: QuerySet) -> list[Entry]:
    records = list(queryset.select_related("history_user").order_by("history_date", "history_id"))
    if not records:
        return []
    meta = records[0]._meta
    tracked = [f for f in records[0].tracked_fields if f.editable and f.name not in HIDDEN_FIELDS]
    fks = {f.name: meta.get_field(f.name) for f in tracked if isinstance(f, models.ForeignKey)}
    labels = _related_labels(records, fks)
    model_label = capfirst(records[0].instance_type._meta.verbose_name)
    field_names = [f.name for f in tracked]
    previous: dict = {}
    entries = []
    for record in records:
        before = previous.get(record.id)
        previous[record.id] = record
        is_diff = record.history_type == "~" and before is not None
        if is_diff:
            delta = record.diff_against(before, included_fields=field_names)
            changes = [
                Change(capfirst(meta.get_field(c.field).verbose_name),
                       _display(record, meta.get_field(c.field), c.old, labels),
                       _display(record, meta.get_field(c.field), c.new, labels))
                for c in delta.changes
            ]
            if not changes and not record.history_change_reason:
                continue  # saved without changing anything: nothing to tell
        else:
            # Created (or the first row we have): list the values it started with.
            changes = []
            if record.history_type != "-":
                for name in field_names:
                    model_field = meta.get_field(name)
                    value = getattr(record, model_field.attname)
                    if value not in (None, ""):
                        changes.append(Change(capfirst(model_field.verbose_name), "",
                                              _display(record, model_field, value, labels)))
        entries.append(Entry(
            when=record.history_date, who=record.history_user, kind=record.history_type, model=model_label,
            record=_record_label(record, labels), changes=changes, is_diff=is_diff,
            reason=reason_label(record.history_change_reason, record.instance_type),
        ))
    return entries


def entries(*querysets: QuerySet) -> list[Entry]:
    """The history rows of ``querysets`` as one timeline, newest first."""
    timeline = [entry for queryset in querysets for entry in _entries_for(queryset)]
    timeline.sort(key=lambda entry: entry.when, reverse=True)
    return timeline
