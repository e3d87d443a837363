"""PDF reports and wire copy: the text layer in reading order, as paragraphs.

pypdf gives the text of each page in content-stream order, one line per
printed line. Lines that repeat at the top or bottom of most pages (running
heads, "Page 3 of 12") are dropped; printed lines are joined back into
paragraphs, and words hyphenated at a line end are joined again.
"""

from __future__ import annotations

import io
import logging
import math
import re
from collections import Counter
from pathlib import Path

from desktop.core.articles import Article, check_text_size, normalize_text
from desktop.core.errors import DossierError

# Lines examined at each edge of a page for running heads and page numbers.
_EDGE_LINES = 2
# A line ending a sentence this much shorter than a full line ends its paragraph.
_SENTENCE_END_WIDTH = 0.9
# A line this much shorter than a full line ends its paragraph anyway (a heading).
_SHORT_LINE_WIDTH = 0.6
_SENTENCE_END = re.compile(r"[.!?:;\"”’)\]]$")
_HYPHENATED = re.compile(r"[^\W\d_]-$")
_DIGITS = re.compile(r"\d+")

# pypdf logs every repair it makes to a damaged file; without a handler of its own
# Python would print them on stderr, next to the one-line message the user should see.
logging.getLogger("pypdf").addHandler(logging.NullHandler())


def read(path: Path, raw: bytes, limit: int) -> Article:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    if b"%PDF-" not in raw[:1024]:
        raise DossierError(f"{path.name} is not a PDF file (it lacks the PDF header).")
    if b"%%EOF" not in raw[-2048:]:
        raise DossierError(f"{path.name} is cut short: the PDF ends before its end marker.")
    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DossierError(f"{path.name} is protected by a password; Dossier cannot open it.")
        pages = []
        total = 0
        for page in reader.pages:
            lines = [line.strip() for line in normalize_text(page.extract_text() or "").split("\n")]
            pages.append([line for line in lines if line])
            total += sum(len(line) + 1 for line in pages[-1])
            check_text_size(total, path, limit)
        info = reader.metadata
    except (FileNotDecryptedError, DependencyError) as error:
        raise DossierError(f"{path.name} is encrypted in a way Dossier cannot read ({error}).") from error
    except PdfReadError as error:
        raise DossierError(f"{path.name} is a damaged PDF ({error}).") from error
    text = _paragraphs(_drop_running_lines(pages))
    if not text.strip():
        raise DossierError(
            f"{path.name} has no text layer (it may be a scan); Dossier reads PDFs that contain text."
        )
    meta: dict[str, str] = {"format": "pdf"}
    title = None
    if info is not None:
        title = _clean(info.title)
        for key, value in (("author", info.author), ("date", info.creation_date_raw)):
            if _clean(value):
                meta[key] = _pdf_date(_clean(value)) if key == "date" else _clean(value)
    return Article(text=text, source=str(path), title=title or text.split("\n", 1)[0][:120], meta=meta)


def _clean(value: object) -> str:
    return str(value).strip() if value else ""


def _pdf_date(value: str) -> str:
    """'D:20230917100000Z' → '2023-09-17'; other spellings are kept as written."""
    match = re.match(r"D:(\d{4})(\d{2})?(\d{2})?", value)
    if not match:
        return value
    return "-".join(part for part in match.groups() if part)


def _drop_running_lines(pages: list[list[str]]) -> list[str]:
    """All lines in reading order without those repeated at the edges of most pages."""
    if len(pages) < 2:
        return [line for page in pages for line in page]

    def key(line: str) -> str:
        return _DIGITS.sub("#", line.casefold())

    def edges(page: list[str]) -> set[str]:
        return {key(line) for line in page[:_EDGE_LINES] + page[-_EDGE_LINES:]}

    counts = Counter(edge for page in pages for edge in edges(page))
    needed = max(2, math.ceil(len(pages) / 2))
    running = {edge for edge, count in counts.items() if count >= needed}
    kept = []
    for page in pages:
        for index, line in enumerate(page):
            at_edge = index < _EDGE_LINES or index >= len(page) - _EDGE_LINES
            if not (at_edge and key(line) in running):
                kept.append(line)
    return kept


def _paragraphs(lines: list[str]) -> str:
    """Join printed lines into paragraphs: a line that is short, or short and ends a
    sentence, ends its paragraph; a word hyphenated at a line end is joined."""
    if not lines:
        return ""
    lengths = sorted(len(line) for line in lines)
    full = lengths[min(len(lengths) - 1, int(len(lengths) * 0.9))]
    paragraphs: list[str] = []
    current = ""
    for line in lines:
        if not current:
            current = line
        elif current.endswith("\u00ad") or (_HYPHENATED.search(current) and line[:1].islower()):
            current = current[:-1] + line
        else:
            current = f"{current} {line}"
        if len(line) < full * _SHORT_LINE_WIDTH or (
            _SENTENCE_END.search(line) and len(line) < full * _SENTENCE_END_WIDTH
        ):
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return "\n".join(paragraphs)
