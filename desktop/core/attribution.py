"""How a quote's source and words are shown: who was credited, and what was said.

Crediting words to the wrong person is the one error a reader cannot forgive,
so every view shows the speaker as written *and* the entity it resolved to
("he → Jens Stoltenberg"), and says so when a speaker was credited to nobody.
A quote split by narration reads as its fragments joined by " … ", never with
the narration in between (GUIDELINES, "Paragraphs, headlines and split quotes").
"""

from __future__ import annotations

from desktop.core.model import Document, Quote

UNKNOWN_SPEAKER = "(unknown)"
UNRESOLVED = "unresolved"
FRAGMENT_JOINER = " … "


def credited_name(document: Document, quote: Quote) -> str | None:
    """The name of the entity the quote is credited to, if any (and if it still exists)."""
    if quote.speaker_entity_id and document.has_entity(quote.speaker_entity_id):
        return document.entity(quote.speaker_entity_id).name
    return None


def credited_as(document: Document, quote: Quote) -> str:
    """ "he → Jens Stoltenberg", "TASS", "officials (unresolved)", "(unknown)"."""
    name = credited_name(document, quote)
    written = (quote.speaker or "").strip()
    if not written:
        return name or UNKNOWN_SPEAKER
    if name is None:
        return f"{written} ({UNRESOLVED})"
    if written.casefold() == name.casefold():
        return name
    return f"{written} → {name}"


def quote_display_text(text: str, quote: Quote) -> str:
    """What was said: the fragments joined by " … " (the quote's own text when it is one piece)."""
    if len(quote.fragments) <= 1:
        return quote.text
    pieces = [text[start:end].strip().rstrip(",;").strip() for start, end in quote.fragments]
    return FRAGMENT_JOINER.join(piece for piece in pieces if piece)
