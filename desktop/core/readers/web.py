"""Web pages saved from a browser: the article's main text, title, author and date.

trafilatura drops navigation, comments, scripts, styles and footers. It is
given the page's text, never a URL, so nothing is fetched; lxml parses the
markup and nothing in the page is executed.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Any

from desktop.core.articles import Article, normalize_text
from desktop.core.errors import DossierError
from desktop.core.readers.plain import decode

# Shorter extractions are checked again with trafilatura's precise mode.
_CHECK_BELOW_CHARS = 500
# An article has at least one line this long; a menu ("Home", "World") does not.
_MIN_SENTENCE_WORDS = 4
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def read(path: Path, raw: bytes, limit: int) -> Article:
    from trafilatura import bare_extraction
    from trafilatura.settings import use_config

    html, encoding = _decode_page(raw, path)
    config = use_config()
    # trafilatura refuses pages over its own 20 MB default; our limit is checked before.
    config.set("DEFAULT", "MAX_FILE_SIZE", str(max(len(raw), 1) * 4))

    def extract(precise: bool) -> Any:  # trafilatura's Document, or None
        return bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            favor_precision=precise,
            config=config,
        )

    extracted = extract(precise=False)
    text = normalize_text(extracted.text or "") if extracted is not None else ""
    # On a page without an article the fallback extractors return menus or a
    # "please enable JavaScript" line; the precise extractor returns nothing.
    if len(text) < _CHECK_BELOW_CHARS and text.strip():
        precise = extract(precise=True)
        text = text if precise is not None and (precise.text or "").strip() else ""
    if extracted is None or not any(len(line.split()) >= _MIN_SENTENCE_WORDS for line in text.split("\n")):
        raise DossierError(f"{path.name} has no article text that Dossier can find.")
    meta: dict[str, str] = {"format": "html", "encoding": encoding}
    for key in ("author", "date", "sitename", "url"):
        value = getattr(extracted, key, None)
        if value:
            meta[key] = str(value)
    title = extracted.title or text.split("\n", 1)[0][:120]
    return Article(text=text, source=str(path), title=title, meta=meta)


def _decode_page(raw: bytes, path: Path) -> tuple[str, str]:
    """The charset the page declares when it fits the bytes, else the detected one."""
    declared = _META_CHARSET.search(raw[:4096])
    if declared and not raw.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            encoding = codecs.lookup(declared.group(1).decode("ascii")).name
            # As browsers do: pages labelled Latin-1 or ASCII are Windows-1252 in practice.
            encoding = "cp1252" if encoding in ("iso8859-1", "ascii") else encoding
            return raw.decode(encoding), encoding
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(raw, path)
