"""Word (.docx) files from colleagues: paragraphs and tables in document order.

One paragraph per line, one table row per line with its cells separated by
tabs. The zip is checked before it is unpacked so that a small file cannot
expand into gigabytes of XML.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.articles import CONTAINER_FACTOR, Article, normalize_text
from desktop.core.errors import DossierError

if TYPE_CHECKING:
    from docx.table import Table


def read(path: Path, raw: bytes, limit: int) -> Article:
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            if "word/document.xml" not in archive.namelist():
                raise DossierError(f"{path.name} is not a Word document (it has no word/document.xml).")
            damaged = archive.testzip()
    except (zipfile.BadZipFile, zlib.error) as error:
        raise DossierError(f"{path.name} is a damaged Word file ({error}).") from error
    if damaged is not None:
        raise DossierError(f"{path.name} is a damaged Word file ({damaged} is corrupt).")
    if unpacked > limit * CONTAINER_FACTOR:
        raise DossierError(f"{path.name} unpacks to more than Dossier reads; it may be damaged.")
    try:
        document = Document(io.BytesIO(raw))
    except PackageNotFoundError as error:
        raise DossierError(f"{path.name} is not a Word document ({error}).") from error
    blocks: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            blocks.extend(_table_rows(block))
        elif block.text.strip():
            blocks.append(block.text.strip())
    text = normalize_text("\n".join(blocks))
    if not text.strip():
        raise DossierError(f"{path.name} contains no text.")
    properties = document.core_properties
    meta: dict[str, str] = {"format": "docx"}
    if properties.author:
        meta["author"] = properties.author
    if properties.created:
        meta["date"] = properties.created.date().isoformat()
    title = (properties.title or "").strip() or text.split("\n", 1)[0][:120]
    return Article(text=text, source=str(path), title=title, meta=meta)


def _table_rows(table: Table) -> list[str]:
    """Each row as its cells' text, tab-separated; a merged cell counts once."""
    rows = []
    for row in table.rows:
        cells = []
        seen: list[object] = []
        for cell in row.cells:
            if any(cell._tc is other for other in seen):
                continue
            seen.append(cell._tc)
            cells.append(" ".join(cell.text.split()))
        if any(cells):
            rows.append("\t".join(cells))
    return rows
