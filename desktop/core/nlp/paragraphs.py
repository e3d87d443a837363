"""Component dossier_paragraphs: the article's layout decides where sentences may not run on.

The parser knows nothing of lines: it read a headline and the first paragraph
as one sentence in every article with a headline line, and ran sentences on
across blank lines and subheadings, so that a headline became a quote, a
subheading a fact's subject and a claim was credited to the previous
paragraph's speaker. This component runs before the parser and marks the
first token of every paragraph, headline, subheading and byline as a sentence
start; spaCy's parser keeps such marks, so every later component (names,
quotes, facts) works within them. The lines that are headings go to
``doc.spans[HEADING_GROUP]``: a heading is never a quote or a fact.

Where a line ends is a paragraph end, except in hard-wrapped text (a .txt cut
at a fixed width, where most line ends fall inside a sentence): there only a
blank line, a line that ends a sentence and a short line standing alone do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from spacy.language import Language
from spacy.tokens import Doc

from desktop.core.nlp.spans import HEADING_GROUP

_HEADING_MAX_WORDS = 20  # "Russia and North Korea sign defence pact as Putin visits Pyongyang"
_HEADLINE_MAX_WORDS = 25  # a first line this short, in Title Case, is a headline even with a full stop
_TITLE_CASE_SHARE = 0.8  # of the words longer than three letters …
_TITLE_CASE_MIN_WORDS = 5  # … of which there are this many: "Vladimir Putin met Kim in Moscow." is a lede
# A line end is "inside a sentence" when the next line goes on in lower case ("…urged allies\nto send …");
# text is hard-wrapped when at least this many of its single line ends do so.
_WRAPPED_SHARE = 0.2
_WRAPPED_MIN_LINES = 3
_WRAPPED_SHORT_LINE = 0.6  # a line this much shorter than the text's usual one ends its paragraph
_ENDS_SENTENCE = re.compile(r"[.!?…:;][\"'”’»)\]]*$|[\"”’»]$")
_WORD = re.compile(r"\w[\w'’.-]*")


@dataclass(frozen=True)
class Line:
    start: int  # offset of its first non-blank character
    end: int  # offset after its last non-blank character
    text: str
    blank_after: bool  # a blank line (or the end of the text) follows


def text_lines(text: str) -> list[Line]:
    """The non-blank lines of a text, stripped, with their offsets."""
    lines: list[Line] = []
    for match in re.finditer(r"[^\n]*\S[^\n]*", text):
        raw = match.group()
        start = match.start() + len(raw) - len(raw.lstrip())
        end = match.end() - (len(raw) - len(raw.rstrip()))
        lines.append(Line(start, end, text[start:end], False))
    result = []
    for i, line in enumerate(lines):
        following = lines[i + 1].start if i + 1 < len(lines) else len(text)
        blank = i + 1 == len(lines) or text.count("\n", line.end, following) > 1
        result.append(Line(line.start, line.end, line.text, blank))
    return result


def _is_wrapped(lines: list[Line]) -> bool:
    joins = [(a, b) for a, b in pairwise(lines) if not a.blank_after]
    running_on = sum(1 for a, b in joins if b.text[:1].islower() and not _ENDS_SENTENCE.search(a.text))
    return running_on >= _WRAPPED_MIN_LINES and running_on >= _WRAPPED_SHARE * len(joins)


def _words(line: str) -> list[str]:
    return _WORD.findall(line)


def _title_case(words: list[str]) -> bool:
    long_words = [w for w in words if len(w) > 3]
    capitalized = sum(w[0].isupper() for w in long_words)
    return len(long_words) >= _TITLE_CASE_MIN_WORDS and capitalized >= _TITLE_CASE_SHARE * len(long_words)


def _heading_like(line: Line) -> bool:
    """Short and without final punctuation: a subheading, a byline ("By Jane Doe"), a kicker."""
    if _ENDS_SENTENCE.search(line.text) or line.text.endswith(","):
        return False
    return 0 < len(_words(line.text)) <= _HEADING_MAX_WORDS


def _is_headline(line: Line) -> bool:
    """The first line, when it reads as a headline ("Stealth Over Health: … Bad Optics." included)."""
    if _heading_like(line):
        return True
    words = _words(line.text)
    return (
        len(words) <= _HEADLINE_MAX_WORDS
        and _title_case(words)
        and not line.text.endswith((":", ";", ","))
        and not line.text.rstrip("”’\"'").endswith("?")
    )


@dataclass(frozen=True)
class Layout:
    """Where sentences must start (offsets of line starts) and which lines are headings."""

    breaks: list[int]
    headings: list[tuple[int, int]]


def layout(text: str) -> Layout:
    lines = text_lines(text)
    if not lines:
        return Layout([], [])
    wrapped = _is_wrapped(lines)
    usual = sorted(len(line.text) for line in lines)[len(lines) // 2]
    breaks: list[int] = []
    headings: list[tuple[int, int]] = []
    for i, line in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        short = len(line.text) < _WRAPPED_SHORT_LINE * usual
        ends_paragraph = (
            nxt is None
            or line.blank_after
            or not wrapped
            or bool(_ENDS_SENTENCE.search(line.text))
            or (short and _heading_like(line))
        )
        stands_alone = i == 0 or lines[i - 1].blank_after or not wrapped or breaks[-1:] == [line.start]
        is_heading = _is_headline(line) if i == 0 else _heading_like(line)
        # a last line without a full stop is the article's end, not a heading
        if ends_paragraph and stands_alone and is_heading and nxt is not None:
            headings.append((line.start, line.end))
        if ends_paragraph and nxt is not None:
            breaks.append(nxt.start)
    return Layout(breaks, headings)


@Language.component("dossier_paragraphs", assigns=["token.is_sent_start"])
def mark_paragraphs(doc: Doc) -> Doc:
    """Sentence starts at every paragraph and heading; headings in doc.spans[HEADING_GROUP]."""
    found = layout(doc.text)
    headings = [
        s for start, end in found.headings if (s := doc.char_span(start, end, alignment_mode="expand"))
    ]
    starts = [
        s.start
        for offset in found.breaks
        if (s := doc.char_span(offset, offset + 1, alignment_mode="expand"))
    ]
    starts += [s.end for s in headings]
    for i in starts:
        if 0 < i < len(doc) and not doc[i].is_space:
            doc[i].is_sent_start = True
            if i + 2 < len(doc) and doc[i + 1].is_sent_start is None:
                # The parser, told where a paragraph starts, sometimes cuts its first word off
                # ("NATO | Secretary General Jens Stoltenberg urged …"); no sentence is one word long.
                doc[i + 1].is_sent_start = False
    doc.spans[HEADING_GROUP] = headings
    return doc


def headings_of(doc: Doc) -> list[tuple[int, int]]:
    """Character ranges of the doc's headings (none when the component did not run)."""
    return [(s.start_char, s.end_char) for s in doc.spans.get(HEADING_GROUP, [])]


_DATELINE_DASHES = ("-", "--", "—", "–")
_DATELINE_MAX_TOKENS = 14  # "HEMPSTEAD, N.Y., Sept. 26 (UPI) --"


def dateline_end(doc: Doc, start: int) -> int | None:
    """Index of the first token after a dateline that opens a paragraph at ``start``, if one does.

    "MOSCOW (Reuters) - …", "HEMPSTEAD, N.Y., Sept. 26 (UPI) -- …": a place in capitals or an
    agency in brackets, then a dash. The dateline says where the story was filed; it is not the
    subject of the first sentence nor part of anything quoted in it.
    """
    if start > 0 and "\n" not in doc[start - 1].text_with_ws:
        return None
    for i in range(start, min(start + _DATELINE_MAX_TOKENS, len(doc))):
        token = doc[i]
        if "\n" in token.text:
            return None
        if token.text in _DATELINE_DASHES and i > start:
            opening = doc[start]
            agency = doc[i - 1].text == ")"
            return i + 1 if (opening.is_upper and len(opening) > 1) or agency else None
    return None
