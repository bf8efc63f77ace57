"""Shared form behaviour: Bootstrap classes on every widget, so templates stay plain, a cap on free
text, and dates within the years the portal deals with."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.forms.renderers import TemplatesSetting
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Free text with no limit of its own (Markdown bodies, summaries, notes: TextFields) is capped, so that
# a megabyte pasted or posted by a script is refused with a message instead of stored. About 15,000
# words: more than the longest chapter or minutes section the Group writes.
TEXT_LIMIT = 100_000

# A date in year 1 or 9999 is a typing slip or a probe; the portal's records (activities, action
# items, deadlines, designations) fall well inside these years, and reminders and exports expect it.
FIRST_YEAR, LAST_YEAR = 1950, 2100

# The empty choice of a select, as Django 6 words it. Named here so that the shell's catalogue carries
# its Arabic (Django's Arabic catalogue has none yet); Django's own BLANK_CHOICE_LABEL, the same msgid,
# then reads it from there too, since LOCALE_PATHS come first.
BLANK_LABEL = _("- Select an option -")
# Django's older empty choice, which forms and libraries still write by hand and no reader understands.
DASHES = "---------"


class FormRenderer(TemplatesSetting):
    """The project's form renderer (settings.FORM_RENDERER): every field renders one way, through
    templates/includes/field.html (``{{ field.as_field_group }}``); widgets are Django's own templates,
    found through the project's TEMPLATES ("django.forms" is installed for them)."""

    field_template_name = "includes/field.html"


def validate_plausible_year(value) -> None:
    if value is not None and not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValidationError(_("Give a date between %(first)s and %(last)s."), code="date_range",
                              params={"first": FIRST_YEAR, "last": LAST_YEAR})


def _replace_dashes(field) -> None:
    """Give a select's "---------" empty choice the translated "- Select an option -"."""
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label == DASHES:
            field.empty_label = BLANK_LABEL
    # Only plain lists: iterating callable choices here would run their queries at every form.
    elif (isinstance(field, forms.ChoiceField) and isinstance(field.choices, list)
          and any(label == DASHES for _value, label in field.choices)):
        field.choices = [(value, BLANK_LABEL if label == DASHES else label) for value, label in field.choices]


class StyledFormMixin:
    """Give each widget the Bootstrap class that matches its kind; cap text fields that have no limit;
    keep dates between FIRST_YEAR and LAST_YEAR.

    A form sets ``text_limit`` for a tighter cap on its uncapped text fields.
    """

    text_limit = TEXT_LIMIT

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and field.max_length is None:
                field.max_length = self.text_limit
                field.validators.append(MaxLengthValidator(self.text_limit))
            if isinstance(field, (forms.DateField, forms.DateTimeField)):
                field.validators.append(validate_plausible_year)
            _replace_dashes(field)
            widget = field.widget
            if isinstance(widget, (forms.CheckboxInput, forms.RadioSelect, forms.CheckboxSelectMultiple)):
                css = "form-check-input"
            elif isinstance(widget, (forms.Select, forms.SelectMultiple)):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


def add_service_errors(form, error: ValidationError, *, aliases: dict[str, str] | None = None) -> None:
    """Put a service's ValidationError on the form: on the field it names where the form has that field
    (``aliases`` maps a model field to the form field that edits it), else on top of the form. A translated
    text's error names its language's column ("text_ar"); the form edits the three in one field ("text")."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        field = (aliases or {}).get(field, field)
        base = field.rsplit("_", 1)[0]
        form.add_error(field if field in form.fields else base if base in form.fields else None, errors)


class LocalDateTimeInput(forms.DateTimeInput):
    """The browser's date and time picker; it needs ISO values whatever the language."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class VenueDateTimeField(forms.DateTimeField):
    """A date and time typed in the venue's zone: kept naive here, the form attaches the zone."""

    widget = LocalDateTimeInput
    # A year near 1 or 9999 cannot be turned into UTC and back: such a meeting, once stored, broke
    # every page that lists it. The Group meets in this range.
    FIRST_YEAR, LAST_YEAR = 1990, 2100

    def to_python(self, value):
        # Parse as if in UTC so that the reader's zone is not applied, then drop the zone.
        with timezone.override(datetime.UTC):
            result = super().to_python(value)
        if isinstance(result, datetime.datetime):
            if not self.FIRST_YEAR <= result.year <= self.LAST_YEAR:
                raise ValidationError(_("Give a date between %(first)s and %(last)s.")
                                      % {"first": self.FIRST_YEAR, "last": self.LAST_YEAR}, code="out_of_range")
            return result.replace(tzinfo=None, second=0, microsecond=0)
        return result
