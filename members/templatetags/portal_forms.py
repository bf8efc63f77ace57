"""Template filters that give forms rendered outside our own form classes (allauth's) Bootstrap's look."""

from django import forms, template

register = template.Library()


def _css_class(widget) -> str:
    if isinstance(widget, (forms.CheckboxInput, forms.RadioSelect, forms.CheckboxSelectMultiple)):
        return "form-check-input" if isinstance(widget, forms.CheckboxInput) else ""
    if isinstance(widget, (forms.Select, forms.SelectMultiple)):
        return "form-select"
    return "form-control"


@register.filter
def bootstrap(bound_field):
    """Render the field's widget with the Bootstrap class for its kind (and is-invalid when it has errors)."""
    css = _css_class(bound_field.field.widget)
    if bound_field.errors and css:
        css += " is-invalid"
    existing = bound_field.field.widget.attrs.get("class", "")
    attrs = {"class": f"{existing} {css}".strip()} if css else {}
    return bound_field.as_widget(attrs=attrs)


@register.filter
def is_checkbox(bound_field) -> bool:
    return isinstance(bound_field.field.widget, forms.CheckboxInput)
