"""Read an article file into text and metadata, with a clear message when it cannot."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.core.errors import DossierError

TEXT_SUFFIXES = (".txt", ".md", ".text", ".markdown")
MAX_TEXT_BYTES = 20 * 1024 * 1024


@dataclass
class Article:
    text: str
    source: str
    title: str | None
    meta: dict[str, Any] = field(default_factory=dict)


def _title_from(text: str, path: Path) -> str:
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line[:120]
    return path.stem


def _decode(raw: bytes) -> tuple[str, str]:
    """Decode by BOM, then UTF-8, then the Windows and Latin-1 code pages."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), "utf-16"
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw.decode("utf-8-sig", errors="replace"), "utf-8-sig"
    for encoding in ("utf-8", "cp1252"):
        try:
            return raw.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1"), "latin-1"


def read_article(path: str | Path) -> Article:
    """Read a .txt/.md article; UTF-8 (with or without BOM), line endings normalized."""
    path = Path(path)
    if path.is_dir():
        raise DossierError(f"{path} is a folder, not an article file.")
    try:
        size = path.stat().st_size
        if size > MAX_TEXT_BYTES:
            raise DossierError(
                f"{path.name} is {size / 1e6:.0f} MB; Dossier opens articles up to "
                f"{MAX_TEXT_BYTES // (1024 * 1024)} MB of text."
            )
        raw = path.read_bytes()
    except OSError as error:
        raise DossierError(f"Cannot open {path.name}: {(error.strerror or str(error)).lower()}.") from error
    if not raw.strip():
        raise DossierError(f"{path.name} is empty.")
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DossierError(f"{path.name} looks like a binary file, not text.")
    text, encoding = _decode(raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Article(text=text, source=str(path), title=_title_from(text, path), meta={"encoding": encoding})
