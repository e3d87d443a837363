"""Plain text and Markdown in whatever encoding the file was saved in.

Order of evidence: a byte-order mark; valid UTF-8 (by far the most common,
and charset-normalizer misjudges short UTF-8 and cp1252 samples); then
charset-normalizer's guess, weighed against cp1252, the code page most
Western news copy was saved in.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from desktop.core.articles import Article, first_line_title, normalize_text
from desktop.core.errors import DossierError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE, whose BOM is its prefix
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Undecodable bytes tolerated in otherwise valid UTF-8 (a copy cut mid-character,
# a stray byte), as a share of the characters that did decode as multi-byte UTF-8.
_UTF8_DAMAGE_RATIO = 0.1
# Share of UTF-16 code units with a NUL byte for BOM-less UTF-16 to be believed.
_UTF16_NUL_SHARE = 0.5
# Control characters (other than tab, newline, form feed …) allowed in real text.
_MAX_CONTROL_RATIO = 0.01
# How much more "mess" (charset-normalizer's measure) cp1252 may show than the best guess.
_CP1252_MESS_MARGIN = 0.1


def read(path: Path, raw: bytes, limit: int) -> Article:
    text, encoding = decode(raw, path)
    text = normalize_text(text)
    if not text.strip():
        raise DossierError(f"{path.name} is empty.")
    return Article(
        text=text,
        source=str(path),
        title=first_line_title(text, path),
        meta={
            "format": "markdown" if path.suffix.lower() in (".md", ".markdown") else "text",
            "encoding": encoding,
        },
    )


def decode(raw: bytes, path: Path) -> tuple[str, str]:
    """The text and the name of the encoding it was stored in."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding), encoding
            except UnicodeDecodeError:
                raise DossierError(f"{path.name} is damaged: it is not valid {encoding} text.") from None
    # NUL bytes are valid UTF-8 but only UTF-16/32 text without a byte-order mark has them.
    text = None if b"\x00" in raw else _mostly_utf8(raw)
    if text is not None:
        return _refuse_binary(text, path), "utf-8"
    text, encoding = _guess(raw, path)
    return _refuse_binary(text, path), encoding


def _mostly_utf8(raw: bytes) -> str | None:
    """UTF-8, allowing a character cut off at the end (a truncated copy) and a few
    damaged bytes (replaced by U+FFFD) among many good characters."""
    try:
        return codecs.getincrementaldecoder("utf-8")().decode(raw, final=False)
    except UnicodeDecodeError:
        pass
    text = raw.decode("utf-8", errors="replace")
    damaged = text.count("\ufffd")
    multibyte = sum(1 for char in text if ord(char) > 0x7F) - damaged
    return text if multibyte and damaged <= multibyte * _UTF8_DAMAGE_RATIO else None


def _guess(raw: bytes, path: Path) -> tuple[str, str]:
    from charset_normalizer import from_bytes
    from charset_normalizer.md import mess_ratio

    if b"\x00" in raw:
        encoding = _bomless_utf16(raw)
        if encoding is None:
            raise _binary(path)
        return raw.decode(encoding, errors="replace"), encoding
    best = from_bytes(raw).best()
    try:
        western = raw.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if best is None:
        if western is None:
            raise _binary(path)
        return western, "cp1252"
    guessed = str(best)
    if (
        western is not None
        and mess_ratio(western, 1.0) <= best.chaos + _CP1252_MESS_MARGIN
        and _letters_inside_words(western) >= _letters_inside_words(guessed)
    ):
        return western, "cp1252"
    return guessed, codecs.lookup(best.encoding).name


def _bomless_utf16(raw: bytes) -> str | None:
    """UTF-16 without a byte-order mark, as Windows tools write it: in Latin-script text
    most characters have a NUL high byte, always on the same side."""
    if len(raw) % 2:
        return None
    even_nuls, odd_nuls = raw[0::2].count(0), raw[1::2].count(0)
    units = len(raw) // 2
    if odd_nuls >= units * _UTF16_NUL_SHARE and even_nuls == 0:
        return "utf-16-le"
    if even_nuls >= units * _UTF16_NUL_SHARE and odd_nuls == 0:
        return "utf-16-be"
    return None


def _letters_inside_words(text: str) -> int:
    """Non-ASCII characters between two letters that are letters, minus those that are not.

    The wrong code page turns "naïve" into "na’ve" and Polish "ł" into "³":
    symbols where a word needs a letter.
    """
    score = 0
    for index in range(1, len(text) - 1):
        char = text[index]
        if ord(char) > 0x7F and text[index - 1].isalpha() and text[index + 1].isalpha():
            score += 1 if char.isalpha() else -1
    return score


# Control characters other than whitespace: a binary file decoded as text is full of them.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _refuse_binary(text: str, path: Path) -> str:
    controls = len(_CONTROLS.findall(text))  # C speed: a Python loop took ~100 ms on 100k words
    if controls > len(text) * _MAX_CONTROL_RATIO:
        raise _binary(path)
    return text


def _binary(path: Path) -> DossierError:
    return DossierError(f"{path.name} looks like a binary file, not text.")
