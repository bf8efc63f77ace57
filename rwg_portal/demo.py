"""When the demo's story happens: its dates follow the day the demo is loaded.

The demo tells a year of the Group's life, written for 2026: meetings held in February, May and July,
one postponed in September, one planned for December and the next year's first one planned for
February; the assessment of that year and the next year's Situation Report. Loaded on any other day it
tells the same story about its *story year*: the year whose August to the next July holds today (in
Beirut, the Group's home). So the held meetings are always in the past, and the few dates whose side of
today matters (the planned meetings, the open action items, the deadlines) are moved, where needed, to
stay on the side the story puts them. The demo and the tests that use it look the same on any day.

The demo modules write dates as in the story (``day(2026, 2, 17)``, ``year(2027)``); this module maps
them onto the story year.
"""

import calendar
import datetime
import io
import zoneinfo

from django.utils import timezone

BEIRUT = zoneinfo.ZoneInfo("Asia/Beirut")
WRITTEN_FOR = 2026  # the year the demo's texts were written for
FIRST_MONTH = 8  # the story reads as written from August of its year to the next July


def today() -> datetime.date:
    """Today in Beirut (not in UTC: from 21:00 or 22:00 UTC, Beirut is already on the next day)."""
    return timezone.localdate(timezone=BEIRUT)


def story_year() -> int:
    """The year the story is about: its August to the next July holds today."""
    now = today()
    return now.year if now.month >= FIRST_MONTH else now.year - 1


def year(written: int) -> int:
    """A year as the story writes it (2025, 2026, 2027), in the story year's terms."""
    return written + story_year() - WRITTEN_FOR


def day(y: int, m: int, d: int) -> datetime.date:
    """A day as the story writes it, moved to the story year (same month and day; 29 February to the 28th)."""
    target = year(y)
    if (m, d) == (2, 29) and not calendar.isleap(target):
        d = 28
    return datetime.date(target, m, d)


def shifted(value: datetime.date) -> datetime.date:
    """A ``datetime.date`` written in the story, moved to the story year."""
    return day(value.year, value.month, value.day)


def working_day(value: datetime.date) -> datetime.date:
    """The same day, or the nearest Monday to Thursday: a story date may fall on a weekend in another year."""
    shift = {4: -1, 5: -2, 6: 1}.get(value.weekday(), 0)  # Friday, Saturday back to Thursday; Sunday to Monday
    return value + datetime.timedelta(days=shift)


def at(zone: zoneinfo.ZoneInfo, y: int, m: int, d: int, hh: int, mm: int = 0) -> datetime.datetime:
    """A meeting's moment as the story writes it (venue time), on a working day of the story year."""
    local = working_day(day(y, m, d))
    return datetime.datetime(local.year, local.month, local.day, hh, mm, tzinfo=zone)


def not_before_today(value: datetime.date, *, days: int) -> datetime.date:
    """The story's day, or ``days`` after today if that is later: it must still be ahead."""
    return max(value, today() + datetime.timedelta(days=days))


def not_after_today(value: datetime.date, *, days: int) -> datetime.date:
    """The story's day, or ``days`` before today if that is earlier: it must be past already."""
    return min(value, today() - datetime.timedelta(days=days))


def ahead(value: datetime.datetime, *, days: int) -> datetime.datetime:
    """A planned meeting's start: the story's, or ``days`` from today at the same hour, on a working day."""
    zone = value.tzinfo
    earliest = working_day(today() + datetime.timedelta(days=days))
    if value.date() >= earliest:
        return value
    return datetime.datetime(earliest.year, earliest.month, earliest.day, value.hour, value.minute, tzinfo=zone)


def demo_pdf(title: str, lines: list[str]) -> bytes:
    """A small, valid one-page PDF (Helvetica text), stamped as demo content."""
    def escape(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("latin-1", "replace").decode(
            "latin-1")

    rows = ["BT /F1 16 Tf 56 780 Td (" + escape(title) + ") Tj ET",
            "BT /F1 11 Tf 56 756 Td (DEMO CONTENT - RWG Portal demonstration paper, not a real document) Tj ET"]
    y = 720
    for line in lines:
        rows.append(f"BT /F1 11 Tf 56 {y} Td ({escape(line)}) Tj ET")
        y -= 18
    stream = "\n".join(rows).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()
