"""Helpers shared by the meetings views."""

import functools

from rwg_portal.forms import add_service_errors

# Model fields whose form field has another name.
ALIASES = {"starts_at": "starts", "ends_at": "ends"}


# A service's validation errors on the form, model fields shown on their renamed form fields.
form_errors_from = functools.partial(add_service_errors, aliases=ALIASES)


