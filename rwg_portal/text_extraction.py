"""The text of an uploaded paper, for the search index: PDF with pypdf, Word (DOCX) with python-docx.

Called from Celery tasks (never in a request: a long PDF takes seconds). A file that cannot be read
(scanned images, damaged, protected) yields what could be read, possibly nothing: search then finds
the paper by its title only.
"""

import logging

logger = logging.getLogger(__name__)

MAX_CHARS = 200_000  # enough for the search index (rwg_portal.search.MAX_BODY); the rest is not read
MAX_PAGES = 300


def _pdf_text(path) -> str:
    from pypdf import PdfReader

    reader = PdfReader(path)
    parts, size = [], 0
    for page in reader.pages[:MAX_PAGES]:
        text = page.extract_text() or ""
        parts.append(text)
        size += len(text)
        if size >= MAX_CHARS:
            break
    return "\n".join(parts)


def _docx_text(path) -> str:
    import docx

    document = docx.Document(path)
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


READERS = {"pdf": _pdf_text, "docx": _docx_text}


def extract_text(path, extension: str) -> str:
    """The file's text, or "" for a kind we do not read or a file we cannot read (logged)."""
    reader = READERS.get((extension or "").lower())
    if reader is None:
        return ""
    try:
        text = reader(path)
    except Exception:  # a damaged or protected file must not fail the upload; search falls back to the title
        logger.warning("could not read the text of %s", path, exc_info=True)
        return ""
    return text.replace("\x00", "")[:MAX_CHARS]
