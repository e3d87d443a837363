"""Entity grouping: which mentions name the same thing, and under which name."""

from __future__ import annotations

import re

import pytest

from desktop.core.grouping import group_mentions, normalize_name
from desktop.core.model import Entity, Mention


def mentions_in(text: str, names: list[tuple[str, str]]) -> list[Mention]:
    """Mentions for each (name, label) wherever it occurs as whole words outside a longer name."""
    found: list[Mention] = []
    for name, label in sorted(names, key=lambda n: -len(n[0])):
        for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            if not any(m.start < match.end() and match.start() < m.end for m in found):
                found.append(Mention(f"m{len(found) + 1}", match.start(), match.end(), label, name))
    return sorted(found, key=lambda m: m.start)


def grouped(text: str, names: list[tuple[str, str]]) -> tuple[list[Entity], dict[str, Mention]]:
    mentions = mentions_in(text, names)
    return group_mentions(text, mentions), {m.id: m for m in mentions}


def entity_of(entities: list[Entity], mentions: dict[str, Mention], text: str) -> list[Entity]:
    """The entities of every mention written ``text``."""
    ids = {m.entity_id for m in mentions.values() if m.text == text}
    return [e for e in entities if e.id in ids]


def test_normalized_names_ignore_case_dots_determiner_and_possessive() -> None:
    assert normalize_name("the U.S.") == normalize_name("US") == "us"
    assert normalize_name("Russia’s") == normalize_name("RUSSIA") == "russia"


def test_surname_joins_the_full_name_seen_earlier() -> None:
    text = "Kim Jong Un left Russia. Kim waved. Vladimir Putin spoke; Putin smiled."
    entities, mentions = grouped(
        text,
        [("Kim Jong Un", "PERSON"), ("Kim", "PERSON"), ("Vladimir Putin", "PERSON"), ("Putin", "PERSON")],
    )
    people = [e for e in entities if e.label == "PERSON"]
    assert sorted(e.name for e in people) == ["Kim Jong Un", "Vladimir Putin"]
    kim = entity_of(entities, mentions, "Kim Jong Un")[0]
    assert len(kim.mention_ids) == 2 and kim.aliases == ["Kim"]


def test_a_short_name_that_fits_two_people_goes_to_the_nearest_one_before() -> None:
    text = "Kim Jong Un arrived. Kim spoke. Later Kim Yo Jong arrived. Kim left."
    entities, mentions = grouped(
        text, [("Kim Jong Un", "PERSON"), ("Kim Yo Jong", "PERSON"), ("Kim", "PERSON")]
    )
    kims = sorted((m for m in mentions.values() if m.text == "Kim"), key=lambda m: m.start)
    by_id = {e.id: e.name for e in entities}
    assert [by_id[m.entity_id] for m in kims] == ["Kim Jong Un", "Kim Yo Jong"]


def test_different_surnames_stay_apart() -> None:
    text = "Vladimir Putin met Kim Jong Un. Putin and Kim spoke."
    entities, _ = grouped(
        text,
        [("Vladimir Putin", "PERSON"), ("Kim Jong Un", "PERSON"), ("Putin", "PERSON"), ("Kim", "PERSON")],
    )
    assert len(entities) == 2


def test_titles_do_not_make_another_person_or_the_canonical_name() -> None:
    text = "Vladimir Putin spoke. President Putin then left."
    entities, _ = grouped(text, [("Vladimir Putin", "PERSON"), ("President Putin", "PERSON")])
    assert len(entities) == 1
    assert entities[0].name == "Vladimir Putin"


@pytest.mark.parametrize("spellings", [("U.S.", "US", "United States"), ("UK", "Britain", "United Kingdom")])
def test_known_country_aliases_are_one_place(spellings: tuple[str, ...]) -> None:
    text = " and ".join(spellings) + "."
    entities, _ = grouped(text, [(s, "PLACE") for s in spellings])
    assert len(entities) == 1
    assert entities[0].name == spellings[-1]
    assert sorted(entities[0].aliases) == sorted(spellings[:-1])


def test_an_acronym_defined_in_the_text_joins_its_expansion() -> None:
    text = "Fighters of the Islamic State (IS) fled. IS lost Raqqa."
    entities, _ = grouped(text, [("Islamic State", "ORG"), ("IS", "ORG")])
    assert len(entities) == 1
    assert entities[0].name == "Islamic State"


def test_an_acronym_of_initials_joins_its_expansion() -> None:
    text = "The Syrian Democratic Forces advanced. SDF fighters held the dam."
    entities, _ = grouped(text, [("Syrian Democratic Forces", "ORG"), ("SDF", "ORG")])
    assert len(entities) == 1 and entities[0].name == "Syrian Democratic Forces"


def test_an_acronym_without_its_expansion_stays_alone() -> None:
    text = "The Free Syrian Army and SDF fighters met."
    entities, _ = grouped(text, [("Free Syrian Army", "ORG"), ("SDF", "ORG")])
    assert len(entities) == 2


def test_a_dateline_in_capitals_is_the_same_place_under_its_usual_spelling() -> None:
    text = "MOSCOW: Kim left. Moscow denied it."
    entities, _ = grouped(text, [("MOSCOW", "PLACE"), ("Moscow", "PLACE")])
    assert len(entities) == 1 and entities[0].name == "Moscow"


def test_same_words_under_different_labels_are_different_entities() -> None:
    text = "Jordan said Jordan would play."
    mentions = [Mention("m1", 0, 6, "PLACE", "Jordan"), Mention("m2", 12, 18, "PERSON", "Jordan")]
    assert len(group_mentions(text, mentions)) == 2


def test_canonical_name_is_the_longest_proper_name_mention() -> None:
    text = "TASS said so. The official TASS news agency added. Ria Novosti and RIA agreed."
    entities, _ = grouped(text, [("TASS", "ORG"), ("Ria Novosti", "ORG"), ("RIA", "ORG")])
    assert sorted(e.name for e in entities) == ["Ria Novosti", "TASS"]


def test_every_mention_gets_exactly_one_entity() -> None:
    text = "Kim Jong Un, Kim, the DPRK and North Korea."
    mentions = mentions_in(
        text, [("Kim Jong Un", "PERSON"), ("Kim", "PERSON"), ("DPRK", "PLACE"), ("North Korea", "PLACE")]
    )
    entities = group_mentions(text, mentions)
    listed = [i for e in entities for i in e.mention_ids]
    assert sorted(listed) == sorted(m.id for m in mentions)
    assert all(m.entity_id for m in mentions)
    assert len(entities) == 2


def test_an_acronym_defined_in_the_text_need_not_be_its_initials() -> None:
    text = "The Ministry of Defence (MoD) said so. The MoD denied it."
    entities, _ = grouped(text, [("Ministry of Defence", "ORG"), ("MoD", "ORG")])
    assert len(entities) == 1 and entities[0].name == "Ministry of Defence"


def test_an_honorific_keeps_a_surname_with_the_person_of_that_gender() -> None:
    text = "Bill Clinton spoke. Hillary Clinton campaigned. Mrs. Clinton said no. Mr. Clinton said yes."
    entities, mentions = grouped(
        text, [("Bill Clinton", "PERSON"), ("Hillary Clinton", "PERSON"), ("Clinton", "PERSON")]
    )
    by_start = sorted(mentions.values(), key=lambda m: m.start)
    names = {e.id: e.name for e in entities}
    assert [names[m.entity_id] for m in by_start] == [
        "Bill Clinton",
        "Hillary Clinton",
        "Hillary Clinton",
        "Bill Clinton",
    ]


def test_an_honorific_never_joins_a_person_of_the_other_gender() -> None:
    text = "Bill Clinton spoke in Ohio. Mrs. Clinton said the race was close."
    entities, _ = grouped(text, [("Bill Clinton", "PERSON"), ("Clinton", "PERSON")])
    assert len(entities) == 2


def test_a_hyphen_in_a_persons_name_does_not_make_another_person() -> None:
    text = "Kim Jong Un spoke. Later Kim Jong-Un left, and Kim waved."
    entities, _ = grouped(text, [("Kim Jong Un", "PERSON"), ("Kim Jong-Un", "PERSON"), ("Kim", "PERSON")])
    assert len(entities) == 1
