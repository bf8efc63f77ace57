"""HTML to PDF with WeasyPrint. Only the Celery worker calls this (and the demo, in-process).

The document may read nothing but the font files (@fontsource's and Debian's Noto): chapter links are links, never
fetched, and any other URL is refused, so a report cannot make the worker read a local
file or call another machine.
"""

import contextlib
import gc
import logging
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO
from urllib.parse import unquote, urlsplit

from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from reports.pdf.fonts import allowed_roots

logger = logging.getLogger(__name__)

_LAYOUT_PAGE = re.compile(r"Creating layout - Page (\d+)")


class LocalFilesOnly(URLFetcher):
    """Serve ``file:`` URLs under the allowed roots and ``data:`` URLs; refuse everything else."""

    def fetch(self, url, headers=None):
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            path = Path(unquote(urlsplit(url).path)).resolve()
            if any(path.is_relative_to(root) for root in allowed_roots()) and path.is_file():
                kind = "font/woff2" if path.suffix == ".woff2" else "font/ttf"
                return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": kind})
        logger.warning("PDF build refused to fetch %s", url[:200])
        raise ValueError(f"refused: {url[:200]}")


class _PageProgress(logging.Handler):
    """Forward WeasyPrint's "Creating layout - Page N" messages, at most once a second."""

    def __init__(self, on_page: Callable[[int], None]):
        super().__init__(level=logging.INFO)
        self.on_page = on_page
        self.last = 0.0

    def emit(self, record: logging.LogRecord) -> None:
        match = _LAYOUT_PAGE.search(record.getMessage())
        now = time.monotonic()
        if match and now - self.last >= 1.0:
            self.last = now
            try:
                self.on_page(int(match[1]))
            except Exception:  # progress is a courtesy; never let it break a build
                logger.exception("could not record build progress")


@contextlib.contextmanager
def _progress(on_page: Callable[[int], None] | None) -> Iterator[None]:
    if on_page is None:
        yield
        return
    progress_logger = logging.getLogger("weasyprint.progress")
    handler = _PageProgress(on_page)
    previous_level, previous_propagate = progress_logger.level, progress_logger.propagate
    progress_logger.addHandler(handler)
    progress_logger.setLevel(logging.INFO)
    # A line per page in the worker's log says nothing that the build row does not.
    progress_logger.propagate = False
    try:
        yield
    finally:
        progress_logger.removeHandler(handler)
        progress_logger.setLevel(previous_level)
        progress_logger.propagate = previous_propagate


# WeasyPrint's layout makes millions of short-lived objects: with Python's default thresholds the
# cyclic garbage collector ran some 1,700 times per 100-page build (about 15 % of its time, measured
# with gc.callbacks). Collecting less often during one build cut its CPU time by 5 to 10 % at
# the same peak memory (docs/reports.md, "Performance"); the previous thresholds come back after.
LAYOUT_GC_THRESHOLDS = (20_000, 20, 20)


@contextlib.contextmanager
def _fewer_collections() -> Iterator[None]:
    previous = gc.get_threshold()
    gc.set_threshold(*LAYOUT_GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*previous)


def html_to_pdf(
    html: str,
    target: BinaryIO,
    *,
    base_url: str,
    on_page: Callable[[int], None] | None = None,
    on_layout_done: Callable[[int], None] | None = None,
) -> int:
    """Lay ``html`` out on A4 pages and write the PDF to ``target``; return the page count."""
    font_config = FontConfiguration()
    with _fewer_collections():
        with _progress(on_page):
            document = HTML(string=html, base_url=base_url, url_fetcher=LocalFilesOnly()).render(
                font_config=font_config)
        pages = len(document.pages)
        if on_layout_done:
            on_layout_done(pages)
        # A tagged PDF: headings, lists, tables and reading order for screen readers.
        document.write_pdf(target, pdf_tags=True)
        del document
    return pages
