"""Open any supported file: an article to analyse, or Dossier JSON to restore."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.core.annotated_json import load_document
from desktop.core.articles import TEXT_SUFFIXES, Article, read_article
from desktop.core.errors import DossierError
from desktop.core.model import Document

SUPPORTED_SUFFIXES = (*TEXT_SUFFIXES, ".json")


@dataclass
class Opened:
    """Either an article that still needs analysis, or a restored document."""

    path: Path
    article: Article | None = None
    document: Document | None = None


def open_any(path: str | Path) -> Opened:
    path = Path(path)
    if not path.exists():
        raise DossierError(f"{path} does not exist.")
    suffix = path.suffix.lower()
    if suffix == ".json":
        return Opened(path, document=load_document(path))
    if suffix in TEXT_SUFFIXES or path.is_dir():
        return Opened(path, article=read_article(path))
    kind = suffix or "files without an extension"
    raise DossierError(f"{path.name}: Dossier opens {', '.join(SUPPORTED_SUFFIXES)} files, not {kind}.")
