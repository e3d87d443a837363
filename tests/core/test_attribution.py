"""Who was credited and what was said, as every view shows them (hand-built documents)."""

from __future__ import annotations

from desktop.core.attribution import credited_as, quote_display_text
from desktop.core.export import csv_tables
from desktop.core.model import Document, Entity, Mention, Quote

TEXT = 'Jens Stoltenberg spoke. "We will win," he said, "whatever it takes." Officials said it was late.'


def document() -> Document:
    name = Mention("m1", 0, 16, "PERSON", "Jens Stoltenberg", entity_id="e1")
    first, second = TEXT.index("We will"), TEXT.index("whatever")
    pronoun = Quote(
        "q1", "direct", first, TEXT.index("takes.") + 6, TEXT[first : TEXT.index("takes.") + 6],
        speaker="he", speaker_entity_id="e1",
        fragments=[(first, first + len("We will win,")), (second, second + len("whatever it takes."))],
    )  # fmt: skip
    reported = TEXT.index("it was late")
    unnamed = Quote("q2", "indirect", reported, reported + 11, "it was late", speaker="Officials")
    return Document(
        text=TEXT,
        mentions=[name],
        entities=[Entity("e1", "PERSON", "Jens Stoltenberg", ["m1"])],
        quotes=[pronoun, unnamed],
    )


def test_speaker_shows_as_written_and_as_credited() -> None:
    doc = document()
    assert credited_as(doc, doc.quotes[0]) == "he → Jens Stoltenberg"
    assert credited_as(doc, doc.quotes[1]) == "Officials (unresolved)"


def test_written_name_equal_to_the_entity_shows_once_and_no_speaker_is_unknown() -> None:
    doc = document()
    named = Quote("q3", "direct", 0, 4, TEXT[0:4], speaker="Jens Stoltenberg", speaker_entity_id="e1")
    nobody = Quote("q4", "direct", 0, 4, TEXT[0:4])
    assert credited_as(doc, named) == "Jens Stoltenberg"
    assert credited_as(doc, nobody) == "(unknown)"


def test_split_quote_reads_as_its_fragments_without_the_narration() -> None:
    doc = document()
    assert quote_display_text(TEXT, doc.quotes[0]) == "We will win … whatever it takes."
    assert quote_display_text(TEXT, doc.quotes[1]) == "it was late"


def test_csv_gives_the_credited_speaker_and_the_joined_fragments() -> None:
    table = csv_tables(document())["quotes.csv"]
    assert "he → Jens Stoltenberg" in table and "We will win … whatever it takes." in table
    assert "he said" not in table
