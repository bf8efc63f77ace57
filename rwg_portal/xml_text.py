"""Text that XML 1.0 cannot hold is never stored.

Control characters such as ``\\x0b`` (pasted from Word or PDFs) are invisible in a page but make
lxml refuse the whole IATI export, and WeasyPrint and spreadsheets choke on them too. One model-level
rule strips them from every text field of every model on save (forms, services, the bulk sheet and
the importers all save models); tab, newline and carriage return are kept. Exports that write XML
also pass their text through ``xml_safe`` for rows stored before the rule existed.
"""

import re

from django.db import models
from django.db.models.signals import pre_save

# Everything outside XML 1.0's Char production: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-].
_ILLEGAL = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(value: str) -> str:
    """``value`` without the characters XML 1.0 cannot hold."""
    return _ILLEGAL.sub("", value) if value else value


def _strip_text_fields(sender, instance, raw=False, **kwargs):
    if raw:  # loading fixtures: stored as given
        return
    for field in instance._meta.concrete_fields:
        if isinstance(field, (models.CharField, models.TextField)):
            value = getattr(instance, field.attname)
            if isinstance(value, str) and _ILLEGAL.search(value):
                setattr(instance, field.attname, xml_safe(value))


def connect() -> None:
    pre_save.connect(_strip_text_fields, dispatch_uid="rwg-xml-safe-text")
