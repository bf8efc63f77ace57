"""Shared form behaviour: Bootstrap classes on every widget, so templates stay plain, and a cap on free text."""

from django import forms
from django.core.validators import MaxLengthValidator

# Free text with no limit of its own (Markdown bodies, summaries, notes: TextFields) is capped, so that
# a megabyte pasted or posted by a script is refused with a message instead of stored. About 15,000
# words: more than the longest chapter or minutes section the Group writes.
TEXT_LIMIT = 100_000


class StyledFormMixin:
    """Give each widget the Bootstrap class that matches its kind; cap text fields that have no limit.

    A form sets ``text_limit`` for a tighter cap on its uncapped text fields.
    """

    text_limit = TEXT_LIMIT

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and field.max_length is None:
                field.max_length = self.text_limit
                field.validators.append(MaxLengthValidator(self.text_limit))
            widget = field.widget
            if isinstance(widget, (forms.CheckboxInput, forms.RadioSelect, forms.CheckboxSelectMultiple)):
                css = "form-check-input" if isinstance(widget, forms.CheckboxInput) else ""
            elif isinstance(widget, (forms.Select, forms.SelectMultiple)):
                css = "form-select"
            else:
                css = "form-control"
            if css:
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
