"""History and previews in templates, in the reader's language (rwg_portal.history):
``{{ record|change_reason }}`` for a historical record's reason, ``field_label_of`` and ``field_value_of``
for previews that hold field names and stored values."""

import contextlib
import decimal

from django import template
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models

from rwg_portal.history import display_value, field_label, reason_label

register = template.Library()


@register.filter
def change_reason(record) -> str:
    """The record's change reason, translated, with field and choice labels ("Status: Open → Done")."""
    model = getattr(record, "instance_type", None)
    return reason_label(getattr(record, "history_change_reason", None), model)


@register.simple_tag
def field_label_of(model_label: str, name: str) -> str:
    """``{% field_label_of "programmes.Activity" "budget" %}``: the field's label ("Budget")."""
    return field_label(apps.get_model(model_label), name)


@register.simple_tag
def field_value_of(model_label: str, name: str, value) -> str:
    """``{% field_value_of "programmes.Activity" "status" "pipeline" %}``: the value as people read it
    ("In the pipeline"), for previews that hold stored values (codes, ids) rather than records."""
    model = apps.get_model(model_label)
    try:
        model_field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return "—" if value in (None, "") else str(value)
    if isinstance(value, str) and value and getattr(model_field, "base_field", None) is not None:
        value = [item.strip() for item in value.split(";") if item.strip()]  # lists as spreadsheets hold them
    elif isinstance(value, str) and value and isinstance(model_field, models.DecimalField):
        with contextlib.suppress(decimal.InvalidOperation):
            value = decimal.Decimal(value)
    labels = {}
    if model_field.many_to_one and value not in (None, ""):
        # A preview shows a handful of rows: one query for the record a foreign key names is fine here.
        related = model_field.related_model._default_manager.filter(pk=value).first()
        labels = {(model_field.related_model, value): str(related)} if related is not None else {}
    return display_value(model_field, value, labels)
