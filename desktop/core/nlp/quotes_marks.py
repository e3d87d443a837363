"""Pair quotation marks in raw text: the direct-quote candidates of the quote finder.

Works on characters, not tokens, because news text mixes straight and curly
marks, NYT-style doubled apostrophes (''…'') and apostrophes that look like
single marks (don’t, ’90s, voters’). A mark that cannot be paired is skipped
and pairing resumes after it, so one broken quote never costs the rest of
the article. A quote may run over several paragraphs when each continuing
paragraph reopens with a mark (the news convention for long quotations).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

_MARK = re.compile(r"''|``|[“”\"„«»‘’']")
_DOUBLE = {"“", "”", '"', "„", "«", "»", "''", "``"}
_OPEN_ONLY = {"“", "„", "«", "``", "‘"}
_CLOSE_ONLY = {"»"}
_OPEN_CONTEXT = set(" \t\n([{—–-/")  # what may stand before an opening mark
_CLOSE_CONTEXT = set(" \t\n)]}.,;:!?—–-/…")  # what may stand after a closing mark


class Fragmented:
    """Something made of text fragments (a quote split by its attribution): it spans first to last."""

    fragments: list[tuple[int, int]]

    @property
    def start(self) -> int:
        return self.fragments[0][0]

    @property
    def end(self) -> int:
        return self.fragments[-1][1]


@dataclass
class Quoted(Fragmented):
    """Text between a pair of marks; ``fragments`` are the content pieces, one per paragraph."""

    open_start: int  # offset of the opening mark
    close_end: int  # offset just after the closing mark
    fragments: list[tuple[int, int]] = field(default_factory=list)
    double: bool = True


@dataclass
class _Mark:
    start: int
    end: int
    double: bool
    can_open: bool
    can_close: bool


def _classify(text: str, match: re.Match[str]) -> _Mark | None:
    """Which way a mark may face, from the characters around it; None for an apostrophe."""
    mark, start, end = match.group(), match.start(), match.end()
    before = text[start - 1] if start > 0 else "\n"
    after = text[end] if end < len(text) else "\n"
    double = mark in _DOUBLE
    if mark in ("’", "'") and (before.isalnum() and after.isalnum()):
        return None  # don’t, Kim’s, rock'n'roll
    if mark in ("’", "'", "‘") and before in _OPEN_CONTEXT and re.match(r"\d\ds\b", text[end : end + 3]):
        return None  # ’90s
    opens_here = (before in _OPEN_CONTEXT or before in _DOUBLE or before in "‘’'") and not after.isspace()
    # a closing mark may follow a space after a nested closing mark or end punctuation: …outreach,' "
    hugs = not before.isspace() or (start > 1 and text[start - 2] in "‘’'.,!?")
    closes_here = hugs and (after in _CLOSE_CONTEXT or after in _DOUBLE or after in "‘’'")
    if mark in _OPEN_ONLY:
        return _Mark(start, end, double, can_open=True, can_close=False)
    if mark in _CLOSE_ONLY:
        return _Mark(start, end, double, can_open=False, can_close=True)
    if mark == "”":  # some outlets open with ” too; accept it where nothing else fits
        if before == "\n":
            return _Mark(start, end, double, can_open=True, can_close=False)  # no paragraph starts by closing
        return _Mark(start, end, double, can_open=opens_here and not closes_here, can_close=not opens_here)
    if mark == "’":
        if opens_here and not closes_here:
            return None  # ’em, ’til: an elided word, not a mark
        return _Mark(start, end, double, can_open=False, can_close=closes_here)
    if not (opens_here or closes_here):
        return None
    return _Mark(start, end, double, can_open=opens_here, can_close=closes_here)


class _Paragraphs:
    """Paragraph index and bounds of any offset (paragraphs are separated by newlines)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts = [0] + [m.end() for m in re.finditer(r"\n", text)]

    def index(self, offset: int) -> int:
        return bisect_right(self._starts, offset) - 1

    def bounds(self, index: int) -> tuple[int, int]:
        start = self._starts[index]
        end = self._starts[index + 1] - 1 if index + 1 < len(self._starts) else len(self._text)
        return start, end

    def opens_paragraph(self, offset: int) -> bool:
        start, _ = self.bounds(self.index(offset))
        return not self._text[start:offset].strip()


def _content(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The piece between marks without surrounding blanks; None when empty."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def _pair(text: str, marks: list[_Mark], paragraphs: _Paragraphs) -> list[Quoted]:
    """Pair marks left to right; a mark that breaks the pattern is dropped, not fatal."""
    found: list[Quoted] = []
    opened: _Mark | None = None
    piece_start = 0  # where the current content piece begins
    pieces: list[tuple[int, int]] = []
    for mark in marks:
        if opened is not None:
            open_para = paragraphs.index(piece_start)
            mark_para = paragraphs.index(mark.start)
            if mark_para != open_para:
                continues = (
                    mark.can_open
                    and mark_para == _next_text_paragraph(text, paragraphs, open_para)
                    and paragraphs.opens_paragraph(mark.start)
                )
                if continues:
                    piece = _content(text, piece_start, paragraphs.bounds(open_para)[1])
                    if piece:
                        pieces.append(piece)
                    piece_start = mark.end
                    continue
                opened = None  # unclosed at the paragraph's end: a broken mark
        if opened is None:
            if mark.can_open:
                opened, piece_start, pieces = mark, mark.end, []
            continue
        if mark.can_close:
            piece = _content(text, piece_start, mark.start)
            if piece:
                pieces.append(piece)
            if pieces:
                found.append(Quoted(opened.start, mark.end, pieces, opened.double))
            opened = None
        elif mark.can_open:
            opened, piece_start, pieces = mark, mark.end, []  # the earlier opener was never closed
    return found


def _next_text_paragraph(text: str, paragraphs: _Paragraphs, index: int) -> int:
    """Index of the next paragraph with any text (blank lines between paragraphs are common)."""
    _, end = paragraphs.bounds(index)
    rest = len(text) - len(text[end:].lstrip())
    return paragraphs.index(rest) if rest < len(text) else index + 1


def find_quoted(text: str) -> list[Quoted]:
    """All spans in quotation marks, double marks first; single marks only outside them."""
    paragraphs = _Paragraphs(text)
    marks = [m for match in _MARK.finditer(text) if (m := _classify(text, match))]
    doubles = _pair(text, [m for m in marks if m.double], paragraphs)
    covered = [(q.open_start, q.close_end) for q in doubles]
    starts = [a for a, _ in covered]

    def inside_double(offset: int) -> bool:
        i = bisect_right(starts, offset) - 1
        return i >= 0 and covered[i][0] <= offset < covered[i][1]

    singles = [m for m in marks if not m.double and not inside_double(m.start)]
    found = doubles + [q for q in _pair(text, singles, paragraphs) if len(q.fragments) == 1]
    found.sort(key=lambda q: q.open_start)
    return found
