"""The pipeline's own parts: resolving overlaps, trimming, chunked analysis."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Span

from desktop.core.nlp.pipeline import Pipeline, paragraph_chunks, split_stray_full_stops
from desktop.core.nlp.spans import WEAPON_GROUP


def ruler_pipeline(patterns: list[dict]) -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns(patterns)
    nlp.add_pipe("dossier_entities")
    return nlp


def test_model_labels_are_mapped_and_trimmed() -> None:
    nlp = ruler_pipeline(
        [
            {"label": "GPE", "pattern": [{"LOWER": "the"}, {"LOWER": "kremlin"}]},
            {"label": "CARDINAL", "pattern": "five"},
            {"label": "NORP", "pattern": "Russian"},
        ]
    )
    document = Pipeline(nlp, "blank").analyze("The Kremlin sent five Russian envoys.")
    found = [(m.text, m.label, m.origin) for m in document.mentions]
    assert found == [("Kremlin", "PLACE", "model"), ("five", "NUMBER", "model"), ("Russian", "NORP", "model")]


def test_rule_spans_win_over_overlapping_model_entities() -> None:
    @Language.component("test_weapon_rule")
    def weapon_rule(doc):  # type: ignore[no-untyped-def]
        doc.spans[WEAPON_GROUP] = [Span(doc, 0, 2, label="WEAPON")]
        return doc

    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns([{"label": "ORG", "pattern": "Patriot"}])
    nlp.add_pipe("test_weapon_rule")
    nlp.add_pipe("dossier_entities")
    document = Pipeline(nlp, "blank").analyze("Patriot missiles arrived.")
    assert [(m.text, m.label, m.origin) for m in document.mentions] == [
        ("Patriot missiles", "WEAPON", "rule")
    ]


def test_paragraph_chunks_cover_the_text_and_cut_at_newlines() -> None:
    text = "\n".join(f"Paragraph {i} about Moscow." for i in range(200))
    chunks = paragraph_chunks(text, 500)
    assert "".join(chunk for _offset, chunk in chunks) == text
    assert all(len(chunk) <= 500 for _offset, chunk in chunks)
    assert all(chunk.endswith("\n") for _offset, chunk in chunks[:-1])
    assert all(text[offset : offset + len(chunk)] == chunk for offset, chunk in chunks)
    assert paragraph_chunks("short", 500) == [(0, "short")]


def test_chunked_analysis_gives_offsets_into_the_whole_text() -> None:
    nlp = ruler_pipeline([{"label": "GPE", "pattern": "Moscow"}, {"label": "PERSON", "pattern": "Putin"}])
    text = "\n".join(f"Putin went to Moscow on day {i}." for i in range(300))
    whole = Pipeline(nlp, "blank", chunk_chars=10**9).analyze(text)
    chunked = Pipeline(nlp, "blank", chunk_chars=700).analyze(text)
    assert [(m.start, m.end, m.label) for m in chunked.mentions] == [
        (m.start, m.end, m.label) for m in whole.mentions
    ]
    assert all(text[m.start : m.end] == m.text for m in chunked.mentions)
    assert len(chunked.entities) == 2
    assert {len(e.mention_ids) for e in chunked.entities} == {300}


@pytest.mark.model
def test_a_range_reaches_the_document_with_both_ends(pipeline) -> None:
    document = pipeline.analyze("Officials said it costs $2-3 billion, and prices rose 15 to 20 percent.")
    ranges = {m.text: (m.value, m.value_max, m.unit) for m in document.mentions if m.label == "NUMBER"}
    assert ranges == {"$2-3 billion": (2e9, 3e9, "USD"), "15 to 20 percent": (15, 20, "%")}


def test_a_stray_full_stop_before_a_word_is_split_off() -> None:
    """ " .North Korean leader" (a scraping slip) must not put ".North" into names and fact subjects."""
    nlp = spacy.blank("en")
    split_stray_full_stops(nlp)
    words = [
        t.text
        for t in nlp.make_doc("MOSCOW: .North Korean leader left, said U.S. officials at .NET and .5 percent")
    ]
    assert words[:4] == ["MOSCOW", ":", ".", "North"]
    assert "U.S." in words and ".NET" in words and ".5" in words


def test_a_custom_tokenizer_is_left_as_it_is() -> None:
    nlp = spacy.blank("en")
    custom = nlp.tokenizer.__call__
    nlp.tokenizer = custom
    split_stray_full_stops(nlp)
    assert nlp.tokenizer is custom
    plain = spacy.blank("en")
    plain.tokenizer.prefix_search = None
    split_stray_full_stops(plain)
    assert [t.text for t in plain.make_doc(".North")] == [".", "North"]
