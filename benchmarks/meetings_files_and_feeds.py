"""Time the meetings app's CPU-bound parts: checking uploads, building iCalendar feeds, rendering minutes.

Usage: .venv/bin/python benchmarks/meetings_files_and_feeds.py [meetings] [repeats]

No database is needed: files are generated in memory, and the feed is built from unsaved
meetings (default 300: about ten years of a busy Group, the most a personal feed holds).
Prints the median of ``repeats`` runs (default 5) of each step.
"""

import datetime
import io
import os
import platform
import statistics
import sys
import time
import zipfile
import zoneinfo
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rwg_portal.settings")
os.environ.setdefault("RWG_DEBUG", "true")

import django  # noqa: E402

django.setup()

from django.core.exceptions import ValidationError  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from icalendar import Calendar  # noqa: E402

from meetings import ical  # noqa: E402
from meetings.choices import MeetingCity, MeetingMode, MeetingStatus  # noqa: E402
from meetings.demo import _pdf  # noqa: E402
from meetings.models import Meeting  # noqa: E402
from meetings.uploads import check_upload  # noqa: E402
from rwg_portal.markup import render_markdown  # noqa: E402

ZONES = ["Asia/Beirut", "Africa/Cairo"]


def say(line: str) -> None:
    sys.stdout.write(line + "\n")


def median_seconds(function, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def big_pdf(size: int) -> bytes:
    base = _pdf("Benchmark paper", ["A line of text."] * 30)
    return base + b"%" + b"0" * (size - len(base) - 1)


def docx(members: int, payload: bytes = b"") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        for n in range(members):
            archive.writestr(f"word/media/part{n}.bin", payload)
    return out.getvalue()


def meetings(count: int) -> list[Meeting]:
    start = datetime.datetime(2020, 1, 15, 10, tzinfo=zoneinfo.ZoneInfo("Asia/Beirut"))
    result = []
    for n in range(count):
        zone = ZONES[n % 2]
        begins = (start + datetime.timedelta(days=12 * n)).astimezone(zoneinfo.ZoneInfo(zone))
        result.append(Meeting(pk=n + 1, year=begins.year, number=n % 9 + 1, starts_at=begins,
                              ends_at=begins + datetime.timedelta(hours=3), time_zone=zone,
                              mode=MeetingMode.HYBRID, city=MeetingCity.BEIRUT if zone == ZONES[0] else "cairo",
                              venue="UN House", video_link="https://meet.example.org/rwg", title="Benchmark",
                              status=MeetingStatus.HELD))
    return result


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    say(f"Python {platform.python_version()} on {platform.machine()}, median of {repeats} runs")

    pdf = big_pdf(20 * 1024 * 1024 - 1)
    seconds = median_seconds(lambda: check_upload(SimpleUploadedFile("big.pdf", pdf)), repeats)
    say(f"check a 20 MB PDF (type, size, SHA-256):          {seconds * 1000:8.1f} ms")

    office = docx(300, b"x" * 2000)
    seconds = median_seconds(lambda: check_upload(SimpleUploadedFile("many.docx", office)), repeats)
    say(f"check a .docx of 300 parts ({len(office) // 1024} KB):                {seconds * 1000:8.1f} ms")

    bomb = docx(1, b"\0" * (200 * 1024 * 1024))

    def refuse_bomb():
        try:
            check_upload(SimpleUploadedFile("bomb.docx", bomb))
        except ValidationError:
            return
        raise AssertionError("the zip bomb was accepted")

    seconds = median_seconds(refuse_bomb, repeats)
    say(f"refuse a zip bomb ({len(bomb) // 1024} KB unpacking to 200 MB):   {seconds * 1000:8.1f} ms")

    items = meetings(count)
    content = b""

    def build():
        nonlocal content
        content = ical.calendar_bytes([(m, ical.meeting_event(m, with_link=True)) for m in items], name="bench")

    seconds = median_seconds(build, repeats)
    say(f"build a feed of {count} meetings ({len(content) // 1024} KB):            {seconds * 1000:8.1f} ms")
    seconds = median_seconds(lambda: Calendar.from_ical(content), repeats)
    say(f"parse it back with icalendar:                     {seconds * 1000:8.1f} ms")

    minutes = "\n\n".join(f"**Item {n}.** Members discussed the *workplan*; see [the ToR](https://example.org).\n\n"
                          f"- point one\n- point two\n\n| a | b |\n|---|---|\n| {n} | x |" for n in range(200))
    seconds = median_seconds(lambda: render_markdown(minutes), repeats)
    say(f"render and sanitise {len(minutes) // 1024} KB of Markdown minutes:     {seconds * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
