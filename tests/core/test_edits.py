"""Reader corrections on the core Document, and carrying them over a re-analysis."""

from __future__ import annotations

import copy
from collections.abc import Callable

import pytest

from desktop.core.annotated_json import document_from_dict, document_to_dict
from desktop.core.edits import (
    add_all_occurrences,
    add_fact,
    add_mention,
    add_quote,
    carry_over_user_edits,
    delete_quote,
    merge_entities,
    relabel_entity,
    relabel_mention,
    remove_entity,
    remove_mention,
    rename_entity,
    set_fact_source,
    set_fact_status,
    split_mention,
    update_fact_part,
    update_quote,
)
from desktop.core.errors import DossierError
from desktop.core.grouping import group_mentions
from desktop.core.model import Document, Entity, Fact, FactPart, Mention, Quote

TEXT = "The US said Kim met Putin. Pyongyang and North Korea are one. Kim left. Putin stayed."


def spans(text: str, *items: tuple[str, str, int]) -> list[Mention]:
    """Mentions for (text, label, occurrence) triples."""
    mentions = []
    for needle, label, nth in items:
        start = -1
        for _ in range(nth + 1):
            start = text.index(needle, start + 1)
        mentions.append(Mention(f"m{len(mentions) + 1}", start, start + len(needle), label, needle))
    return mentions


def make() -> Document:
    mentions = spans(
        TEXT,
        ("US", "PLACE", 0),
        ("Kim", "PERSON", 0),
        ("Putin", "PERSON", 0),
        ("Pyongyang", "PLACE", 0),
        ("North Korea", "PLACE", 0),
        ("Kim", "PERSON", 1),
    )
    quote = Quote("q1", "indirect", 12, 25, TEXT[12:25], speaker="The US", speaker_start=0, speaker_end=6)
    document = Document(text=TEXT, mentions=mentions, entities=group_mentions(TEXT, mentions), quotes=[quote])
    return document


def entity_named(document: Document, name: str):  # type: ignore[no-untyped-def]
    return next(e for e in document.entities if e.name == name)


def test_added_mention_joins_the_entity_with_that_name() -> None:
    document = make()
    start = TEXT.rindex("Putin")
    mention = add_mention(document, start, start + len("Putin"), "PERSON")
    assert mention.origin == "user"
    assert len(entity_named(document, "Putin").mention_ids) == 2


def test_selection_is_trimmed_and_overlaps_give_way() -> None:
    document = make()
    start = TEXT.index("Kim met")
    mention = add_mention(document, start - 1, start + len("Kim met") + 1, "ORG")
    assert mention.text == "Kim met"
    assert all(
        not (m.start < mention.end and mention.start < m.end) for m in document.mentions if m is not mention
    )
    assert (start, start + 3, "PERSON") in document.deleted


def test_apply_to_all_occurrences_marks_every_whole_word() -> None:
    document = make()
    start = TEXT.rindex("Putin")
    added = add_all_occurrences(document, start, start + 5, "ORG")
    assert len(added) == 2
    assert [m.label for m in document.mentions if m.text == "Putin"] == ["ORG", "ORG"]
    assert len([e for e in document.entities if e.name == "Putin"]) == 1


def test_remove_records_deletion_and_drops_empty_entity() -> None:
    document = make()
    putin = entity_named(document, "Putin")
    remove_mention(document, putin.mention_ids[0])
    assert all(e.name != "Putin" for e in document.entities)
    assert (TEXT.index("Putin"), TEXT.index("Putin") + 5, "PERSON") in document.deleted


def test_relabel_moves_the_mention_to_an_entity_of_the_new_label() -> None:
    document = make()
    kim = entity_named(document, "Kim")
    relabel_mention(document, kim.mention_ids[0], "ORG")
    assert entity_named(document, "Kim").label in ("PERSON", "ORG")
    labels = sorted(e.label for e in document.entities if e.name == "Kim")
    assert labels == ["ORG", "PERSON"]


def test_merge_renames_and_repoints_quote_speakers() -> None:
    document = make()
    places = [entity_named(document, "Pyongyang").id, entity_named(document, "North Korea").id]
    document.quotes[0].speaker_entity_id = places[-1]
    merged = merge_entities(document, places)
    assert merged.name == "North Korea" and merged.aliases == ["Pyongyang"]
    assert len(merged.mention_ids) == 2
    assert document.quotes[0].speaker_entity_id == merged.id
    assert [e.name for e in document.entities if e.label == "PLACE"] == ["US", "North Korea"]


def test_rename_split_and_remove_entity() -> None:
    document = make()
    kim = entity_named(document, "Kim")
    rename_entity(document, kim.id, "Kim Jong Un")
    assert entity_named(document, "Kim Jong Un").aliases == ["Kim"]
    split = split_mention(document, kim.mention_ids[1])
    assert split.id != kim.id and len(document.entity(kim.id).mention_ids) == 1
    remove_entity(document, split.id)
    assert split.id not in {e.id for e in document.entities}
    with pytest.raises(DossierError):
        rename_entity(document, kim.id, "  ")


def test_snapshot_restore_gives_back_the_identical_document() -> None:
    document = make()
    before = document_to_dict(document)
    state = document.snapshot()
    merge_entities(document, [e.id for e in document.entities if e.label == "PLACE"])
    remove_entity(document, entity_named(document, "Putin").id)
    after_state = document.snapshot()
    after = document_to_dict(document)
    document.restore(state)
    assert document_to_dict(document) == before
    document.restore(after_state)
    assert document_to_dict(document) == after
    document.restore(state)
    assert document_to_dict(document) == before


def with_fact(document: Document) -> Document:
    """make() plus a fact whose parts and source point at entities, and a speaker entity on the quote."""
    kim, putin = entity_named(document, "Kim"), entity_named(document, "Putin")
    us = entity_named(document, "US")
    document.quotes[0].speaker_entity_id = us.id
    met = TEXT.index("Kim met Putin")
    document.facts.append(
        Fact(
            "f1",
            met,
            met + 13,
            subject=FactPart("Kim", met, met + 3, [kim.id]),
            predicate=FactPart("met", met + 4, met + 7),
            object=FactPart("Putin", met + 8, met + 13, [putin.id]),
            source="The US",
            source_entity_id=us.id,
            quote_id="q1",
        )
    )
    return document


def first_id(document: Document, name: str) -> str:
    return entity_named(document, name).mention_ids[0]


EDITS: dict[str, Callable[[Document], object]] = {
    "relabel mention": lambda d: relabel_mention(d, first_id(d, "Kim"), "ORG"),
    "remove mention": lambda d: remove_mention(d, first_id(d, "Putin")),
    "remove entity": lambda d: remove_entity(d, entity_named(d, "US").id),
    "relabel entity": lambda d: relabel_entity(d, entity_named(d, "Kim").id, "ORG"),
    "rename entity": lambda d: rename_entity(d, entity_named(d, "Kim").id, "Kim Jong Un"),
    "merge entities": lambda d: merge_entities(d, [entity_named(d, "Putin").id, entity_named(d, "Kim").id]),
    "split mention": lambda d: split_mention(d, first_id(d, "Kim")),
    "add mention over others": lambda d: add_mention(d, TEXT.index("Kim met"), TEXT.index(" Putin"), "ORG"),
    "delete quote": lambda d: delete_quote(d, "q1"),
    "update quote": lambda d: update_quote(d, "q1", speaker="Kim"),
    "update fact part": lambda d: update_fact_part(d, "f1", "object", 0, 6),
    "set fact source": lambda d: set_fact_source(d, "f1", "Putin"),
    "set fact status": lambda d: set_fact_status(d, "f1", "disputed", "denied"),
}


@pytest.mark.parametrize("name", EDITS)
def test_edits_never_change_what_a_snapshot_holds(name: str) -> None:
    """Snapshots share objects with the document (copy on write): an edit must copy before it changes."""
    document = with_fact(make())
    state = document.snapshot()
    frozen = copy.deepcopy(state)
    before = document_to_dict(document)
    EDITS[name](document)
    assert state == frozen
    assert document_to_dict(document) != before
    document.restore(state)
    assert document_to_dict(document) == before


def test_edits_change_a_document_no_snapshot_shares_in_place() -> None:
    """Without a snapshot (the CLI, carrying edits over) nothing is copied: held references stay live."""
    document = make()
    kim = entity_named(document, "Kim")
    rename_entity(document, kim.id, "Kim Jong Un")
    assert kim.name == "Kim Jong Un" and document.entity(kim.id) is kim


def test_quote_and_fact_edits() -> None:
    document = make()
    quote = add_quote(document, TEXT.index("Kim left"), TEXT.index("Kim left") + 8, speaker="Putin")
    assert quote.speaker_entity_id == entity_named(document, "Putin").id and quote.origin == "user"
    edited = update_quote(document, quote.id, cue="said", kind="mixed")
    assert (edited.cue, edited.kind) == ("said", "mixed")
    with pytest.raises(DossierError):
        update_quote(document, quote.id, kind="rumour")
    delete_quote(document, quote.id)
    assert quote.id not in {q.id for q in document.quotes}
    fact = add_fact(document, 0, TEXT.index("."))
    assert entity_named(document, "Kim").id in fact.predicate.entity_ids
    set_fact_status(document, fact.id, "disputed", "only one source")
    assert (fact.status, fact.note) == ("disputed", "only one source")


def test_reanalysis_keeps_user_edits() -> None:
    edited = make()
    putin = entity_named(edited, "Putin")
    remove_mention(edited, putin.mention_ids[0])
    start = TEXT.index("one")
    add_mention(edited, start, start + 3, "NUMBER")
    places = [entity_named(edited, "Pyongyang").id, entity_named(edited, "North Korea").id]
    merge_entities(edited, places, "DPRK")
    add_quote(edited, TEXT.index("Kim left"), TEXT.index("Kim left") + 8, speaker="Kim")

    fresh = make()  # what the model gives again
    result = carry_over_user_edits(edited, fresh)
    texts = {(m.text, m.label) for m in result.mentions}
    assert ("Putin", "PERSON") not in texts
    assert ("one", "NUMBER") in texts
    dprk = entity_named(result, "DPRK")
    assert {result.mention(i).text for i in dprk.mention_ids} == {"Pyongyang", "North Korea"}
    assert [q.text for q in result.quotes if q.origin == "user"] == ["Kim left"]
    assert len({q.id for q in result.quotes}) == len(result.quotes)


def test_removing_an_entity_unlinks_it_from_facts_and_quotes() -> None:
    document = make()
    fact = add_fact(document, 0, TEXT.index("."))
    kim = entity_named(document, "Kim").id
    document.quotes[0].speaker_entity_id = kim
    assert kim in fact.predicate.entity_ids
    remove_entity(document, kim)
    assert kim not in fact.predicate.entity_ids and None not in fact.predicate.entity_ids
    assert document.quotes[0].speaker_entity_id is None


def test_an_entity_emptied_by_an_edit_is_gone_from_the_lookups() -> None:
    """Views ask has_entity for ids they remembered across an edit (the entity filter)."""
    mentions = spans(TEXT, ("Kim", "PERSON", 0), ("Kim", "ORG", 1))
    document = Document(text=TEXT, mentions=mentions, entities=group_mentions(TEXT, mentions))
    org = next(e for e in document.entities if e.label == "ORG")
    relabel_mention(document, org.mention_ids[0], "PERSON")
    assert not document.has_entity(org.id)
    assert [e.label for e in document.entities] == ["PERSON"]


def _analysed() -> Document:
    """What the model finds in a two-quote text (a fresh copy each time, as a re-analysis gives)."""
    text = "Jens Stoltenberg spoke. Sergei Shoigu said the village fell. He said the war was long."
    mentions = [
        Mention("m1", 0, 16, "PERSON", "Jens Stoltenberg", entity_id="e1"),
        Mention("m2", 24, 37, "PERSON", "Sergei Shoigu", entity_id="e2"),
    ]
    entities = [
        Entity("e1", "PERSON", "Jens Stoltenberg", ["m1"]),
        Entity("e2", "PERSON", "Sergei Shoigu", ["m2"]),
    ]
    quotes = []
    for number, (said, speaker, entity) in enumerate(
        (("the village fell", "Sergei Shoigu", "e2"), ("the war was long", "He", "e2")), 1
    ):
        start = text.index(said)
        quotes.append(
            Quote(f"q{number}", "indirect", start, start + len(said), said, speaker, speaker_entity_id=entity)
        )
    return Document(text=text, mentions=mentions, entities=entities, quotes=quotes)


def test_a_corrected_speaker_replaces_the_models_quote_after_any_number_of_reanalyses() -> None:
    edited = _analysed()
    update_quote(edited, "q2", speaker="He", speaker_entity_id="e1")
    for _ in range(3):
        edited = carry_over_user_edits(edited, _analysed())
        edited = document_from_dict(document_to_dict(edited))  # and a save/reopen cycle
    assert len(edited.quotes) == 2
    corrected = next(q for q in edited.quotes if q.text == "the war was long")
    assert (
        corrected.origin == "user" and edited.entity(corrected.speaker_entity_id).name == "Jens Stoltenberg"
    )


def test_a_deleted_quote_stays_deleted_after_reanalysis() -> None:
    edited = _analysed()
    delete_quote(edited, "q1")
    fresh = carry_over_user_edits(document_from_dict(document_to_dict(edited)), _analysed())
    assert [q.text for q in fresh.quotes] == ["the war was long"]
