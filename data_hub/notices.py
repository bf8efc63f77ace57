"""Import messages that can be shown in the reader's language, not only in the uploader's.

An import's notes and problems are written by the worker (in the uploader's language) and kept on the job
row; a colleague reading the job in another language should read them in theirs. The importers use
``gettext`` from here, under the usual name ``_`` (so that ``makemessages`` finds the strings): it returns
the text translated as Django's would, a ``str`` that also remembers its message id and its parameters
(``%`` and ``+`` keep them). ``stored`` turns it into JSON for the job's preview; ``render`` translates a
stored message again, in the active language, when a page shows it.
"""

import numbers

from django.utils.translation import gettext as django_gettext


def _translate(part) -> str:
    msgid, params = part
    if msgid is None:
        return params
    text = django_gettext(msgid)
    return text % params if params is not None else text


def _clean(value):
    """A parameter as JSON keeps it: numbers as numbers (numpy's included), anything else as text."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return float(value)
    return str(value)


class Notice(str):
    """Translated text that remembers how it was made: ((msgid, params) or (None, literal text), ...)."""

    parts: tuple

    def __new__(cls, parts: tuple):
        notice = super().__new__(cls, "".join(_translate(p) for p in parts))
        notice.parts = parts
        return notice

    def __mod__(self, params):
        if len(self.parts) == 1 and self.parts[0][0] is not None and self.parts[0][1] is None:
            if isinstance(params, dict):
                cleaned = {key: _clean(value) for key, value in params.items()}
            elif isinstance(params, tuple):
                cleaned = tuple(_clean(value) for value in params)
            else:
                cleaned = _clean(params)
            return Notice(((self.parts[0][0], cleaned),))
        return str(self) % params

    def __add__(self, other):
        return Notice(self.parts + _parts(other))

    def __radd__(self, other):
        return Notice(_parts(other) + self.parts)


def _parts(value) -> tuple:
    return value.parts if isinstance(value, Notice) else ((None, str(value)),)


def gettext(message: str) -> Notice:
    """``django.utils.translation.gettext``, remembering the message id (see the module's docstring)."""
    return Notice(((message, None),))


def stored(value) -> dict | str:
    """A message for a JSON field: its text and, when it is a ``Notice``, how to translate it again."""
    if isinstance(value, Notice):
        return {"text": str(value), "parts": [[msgid, params] for msgid, params in value.parts]}
    return str(value)


def render(value) -> str:
    """A stored message in the active language (text stored without its parts is shown as it is)."""
    if isinstance(value, dict):
        try:
            parts = tuple((msgid, tuple(p) if isinstance(p, list) else p) for msgid, p in value.get("parts") or [])
            return "".join(_translate(part) for part in parts) if parts else str(value.get("text", ""))
        except (KeyError, TypeError, ValueError):
            return str(value.get("text", ""))  # a translation whose placeholders do not fit: the stored text
    return "" if value is None else str(value)
