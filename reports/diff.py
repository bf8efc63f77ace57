"""Comparing two versions of a chapter, field by field and line by line."""

from dataclasses import dataclass
from difflib import SequenceMatcher

from django.utils.translation import gettext_lazy as _

COMPARED_FIELDS = [
    ("title_en", _("Title (English)")),
    ("title_ar", _("Title (Arabic)")),
    ("state", _("State")),
    ("deadline", _("Deadline")),
    ("lead_agency", _("Lead agency")),
    ("body_en", _("Text (English)")),
    ("body_ar", _("Text (Arabic)")),
]
LONG_FIELDS = {"body_en", "body_ar"}


@dataclass
class Line:
    """One line of a text comparison: kept, removed or added."""

    kind: str  # "same", "removed", "added"
    text: str
    old_number: int | None = None
    new_number: int | None = None


@dataclass
class FieldChange:
    name: str
    label: str
    old: str
    new: str
    lines: list[Line] | None = None

    @property
    def added(self) -> int:
        return sum(1 for line in self.lines or [] if line.kind == "added")

    @property
    def removed(self) -> int:
        return sum(1 for line in self.lines or [] if line.kind == "removed")


def line_diff(old: str, new: str, *, context: int = 2) -> list[Line]:
    """The lines that differ, with ``context`` unchanged lines around each change ("…" between)."""
    old_lines, new_lines = (old or "").splitlines(), (new or "").splitlines()
    result: list[Line] = []
    for group in SequenceMatcher(a=old_lines, b=new_lines, autojunk=False).get_grouped_opcodes(context):
        if result:
            result.append(Line("gap", "…"))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                result.extend(Line("same", old_lines[i], i + 1, j1 + (i - i1) + 1) for i in range(i1, i2))
                continue
            if tag in ("replace", "delete"):
                result.extend(Line("removed", old_lines[i], old_number=i + 1) for i in range(i1, i2))
            if tag in ("replace", "insert"):
                result.extend(Line("added", new_lines[j], new_number=j + 1) for j in range(j1, j2))
    return result


def _display(version, name: str) -> str:
    if name == "state":
        return version.get_state_display()
    if name == "lead_agency":
        return str(version.lead_agency) if version.lead_agency_id else ""
    value = getattr(version, name)
    return "" if value is None else str(value)


def compare_versions(old, new) -> list[FieldChange]:
    """The fields that differ between two historical versions of a chapter."""
    changes = []
    for name, label in COMPARED_FIELDS:
        before, after = _display(old, name), _display(new, name)
        if before == after:
            continue
        change = FieldChange(name=name, label=str(label), old=before, new=after)
        if name in LONG_FIELDS:
            change.lines = line_diff(before, after)
        changes.append(change)
    return changes
