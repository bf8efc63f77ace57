"""Helpers shared by the meetings views."""

from django.core.exceptions import ValidationError

# Model fields whose form field has another name.
ALIASES = {"starts_at": "starts", "ends_at": "ends"}


def form_errors_from(form, exc: ValidationError) -> None:
    """Show a service's validation errors on the form: on their field when it has one."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            field = ALIASES.get(field, field)
            target = field if field in form.fields else None
            for error in errors:
                form.add_error(target, error)
    else:
        for message in exc.messages:
            form.add_error(None, message)


