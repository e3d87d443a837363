"""Open any supported file: an article to analyse, or Dossier JSON to restore."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.core.annotated_json import load_document
from desktop.core.articles import ARTICLE_SUFFIXES, CONTAINER_FACTOR, Article, max_text_bytes, read_article
from desktop.core.errors import DossierError
from desktop.core.model import Document

SUPPORTED_SUFFIXES = (*ARTICLE_SUFFIXES, ".json")


@dataclass
class Opened:
    """Either an article that still needs analysis, or a restored document."""

    path: Path
    article: Article | None = None
    document: Document | None = None


def open_any(path: str | Path, max_mb: float | None = None) -> Opened:
    """Open by extension; every failure is a DossierError whose message names the file."""
    path = Path(path)
    if path.suffix.lower() != ".json":
        return Opened(path, article=read_article(path, max_mb))
    if not path.exists():
        raise DossierError(f"{path} does not exist.")
    if path.is_dir():
        raise DossierError(f"{path} is a folder, not a Dossier file.")
    limit = max_text_bytes(max_mb)
    if path.stat().st_size > limit * CONTAINER_FACTOR:
        raise DossierError(f"{path.name} is larger than the Dossier files this version opens.")
    return Opened(path, document=load_document(path))
