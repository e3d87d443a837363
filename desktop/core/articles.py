"""Read an article file into text and metadata, with a clear message when it cannot.

``read_article`` does the checks every format shares (missing, folder,
permissions, empty, size limit), then hands the bytes to the reader for the
file's extension in ``desktop.core.readers``. Readers import their parsers
lazily: trafilatura alone takes over a second to import, which start-up
should not pay. Whatever a parser throws on a damaged file becomes a
DossierError here, so bad input never ends in a traceback.
"""

from __future__ import annotations

import importlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.core.errors import DossierError

TEXT_SUFFIXES = (".txt", ".md", ".text", ".markdown")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
PDF_SUFFIXES = (".pdf",)
WORD_SUFFIXES = (".docx",)
ARTICLE_SUFFIXES = (*TEXT_SUFFIXES, *HTML_SUFFIXES, *PDF_SUFFIXES, *WORD_SUFFIXES)

# Extension → (reader module in desktop.core.readers, what to call the format in messages).
_READERS = {
    **dict.fromkeys(TEXT_SUFFIXES, ("plain", "text")),
    **dict.fromkeys(HTML_SUFFIXES, ("web", "web page")),
    **dict.fromkeys(PDF_SUFFIXES, ("pdf", "PDF")),
    **dict.fromkeys(WORD_SUFFIXES, ("word", "Word document")),
}

DEFAULT_MAX_MB = 20
MAX_MB_ENV = "DOSSIER_MAX_MB"
# PDF, Word and HTML files carry markup, fonts and images besides the text:
# the file may be this many times the text limit before it is refused unread.
CONTAINER_FACTOR = 10

_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85]")


@dataclass
class Article:
    """Text to analyse; ``meta`` holds format, encoding, author, date (JSON-ready values)."""

    text: str
    source: str
    title: str | None
    meta: dict[str, Any] = field(default_factory=dict)


def max_text_bytes(max_mb: float | None = None) -> int:
    """The text size limit: the argument, else $DOSSIER_MAX_MB, else 20 MB."""
    if max_mb is None:
        setting = os.environ.get(MAX_MB_ENV, "").strip()
        try:
            max_mb = float(setting) if setting else DEFAULT_MAX_MB
        except ValueError:
            raise DossierError(f"{MAX_MB_ENV} must be a number of megabytes, not {setting!r}.") from None
    if not max_mb > 0:
        raise DossierError(f"The size limit must be a positive number of megabytes, not {max_mb}.")
    return int(max_mb * 1024 * 1024)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.3g} MB"


def normalize_text(text: str) -> str:
    """One kind of line ending, no byte-order mark: offsets must not depend on the platform."""
    return _LINE_BREAKS.sub("\n", text).lstrip("\ufeff")


TITLE_MAX_CHARS = 150


def first_line_title(text: str, path: Path) -> str:
    """The first line when it reads like a headline, else the file name.

    Many .txt articles start straight with the first paragraph: cutting that at
    some length gave a title that stops mid-word. A headline is short and does
    not end in a full stop.
    """
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            if len(line) <= TITLE_MAX_CHARS and not line.endswith("."):
                return line
            break
    name = re.sub(r"[-_]+", " ", path.stem).strip()
    return name[:1].upper() + name[1:] if name else path.stem


def check_text_size(size: int, path: Path, limit: int) -> None:
    """Refuse more than ``limit`` characters of text (readers call it early to stop reading)."""
    if size > limit:
        raise DossierError(
            f"{path.name} holds {_megabytes(size)} of text; "
            f"Dossier opens up to {_megabytes(limit)} (set {MAX_MB_ENV} to raise the limit)."
        )


def _reason(error: OSError) -> str:
    return (error.strerror or str(error)).lower()


def _stat(path: Path) -> os.stat_result:
    """Refuse missing and unreachable paths and folders, before looking at the extension."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise DossierError(f"{path} does not exist.") from None
    except OSError as error:
        raise DossierError(f"Cannot open {path.name}: {_reason(error)}.") from error
    if path.is_dir():
        raise DossierError(f"{path} is a folder, not an article file.")
    return info


def _read_raw(path: Path, size: int, max_file_bytes: int, limit: int) -> bytes:
    if size > max_file_bytes:
        raise DossierError(
            f"{path.name} is {_megabytes(size)}; Dossier opens articles up to "
            f"{_megabytes(limit)} of text (set {MAX_MB_ENV} to raise the limit)."
        )
    try:
        with open(path, "rb") as stream:
            raw = stream.read(max_file_bytes + 1)
    except OSError as error:
        raise DossierError(f"Cannot open {path.name}: {_reason(error)}.") from error
    if len(raw) > max_file_bytes:  # it grew while we looked, or it is a device
        raise DossierError(f"{path.name} is larger than the {_megabytes(limit)} Dossier opens.")
    if not raw.strip():
        raise DossierError(f"{path.name} is empty.")
    return raw


def read_article(path: str | Path, max_mb: float | None = None) -> Article:
    """Read an article in any supported format, or raise DossierError saying why not."""
    path = Path(path)
    info = _stat(path)
    suffix = path.suffix.lower()
    if suffix not in _READERS:
        kind = suffix or "files without an extension"
        raise DossierError(f"{path.name}: Dossier reads {', '.join(ARTICLE_SUFFIXES)} articles, not {kind}.")
    module_name, format_name = _READERS[suffix]
    limit = max_text_bytes(max_mb)
    max_file_bytes = limit if module_name == "plain" else limit * CONTAINER_FACTOR
    raw = _read_raw(path, info.st_size, max_file_bytes, limit)
    reader = importlib.import_module(f"desktop.core.readers.{module_name}")
    try:
        article = reader.read(path, raw, limit)
    except DossierError:
        raise
    except Exception as error:  # a damaged file can make any parser fail in its own way
        raise DossierError(
            f"{path.name} could not be read as a {format_name}: it is damaged or not really a "
            f"{format_name} ({type(error).__name__})."
        ) from error
    check_text_size(len(article.text), path, limit)
    return article
