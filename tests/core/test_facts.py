"""Fact extraction: subject — predicate — object with qualifiers and sources, from the parse.

Pattern tests run on hand-parsed Docs (spacy.blank), so that they test the rules and not
the model's parse; the model tests check that the rules hold up on the real parser and on
the seed article end to end.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from desktop.core.nlp.facts import find_facts
from desktop.core.nlp.spans import ENTITY_GROUP, FACT_GROUP, QUOTE_GROUP

NLP = spacy.blank("en")


def parsed(spec: str, ents: dict[str, str] | None = None, mentions: dict[str, str] | None = None) -> Doc:
    """A Doc from "word/TAG/dep/head[/lemma]" tokens; head is a token index.

    ents: model entities by their text (first occurrence) → label (DATE, PERSON …);
    mentions: Dossier mentions (ENTITY_GROUP) by text → label (NUMBER, PLACE …).
    """
    rows = [item.split("/") for item in spec.split()]
    words = [row[0] for row in rows]
    pos_of = {"V": "VERB", "A": "AUX", "N": "NOUN", "P": "PROPN", "D": "DET", "I": "ADP", "C": "NUM"}
    doc = Doc(
        NLP.vocab,
        words=words,
        tags=[row[1] for row in rows],
        pos=[_pos(row[1], pos_of) for row in rows],
        deps=[row[2] for row in rows],
        heads=[int(row[3]) for row in rows],
        lemmas=[row[4] if len(row) > 4 else row[0].lower() for row in rows],
    )
    doc.ents = [_span(doc, text, label) for text, label in (ents or {}).items()]
    doc.spans[ENTITY_GROUP] = [_span(doc, text, label) for text, label in (mentions or {}).items()]
    return doc


def _pos(tag: str, pos_of: dict[str, str]) -> str:
    table = {
        "VBD": "VERB",
        "VBZ": "VERB",
        "VBP": "VERB",
        "VB": "VERB",
        "VBN": "VERB",
        "VBG": "VERB",
        "NN": "NOUN",
        "NNS": "NOUN",
        "NNP": "PROPN",
        "DT": "DET",
        "IN": "ADP",
        "CD": "NUM",
        "PRP": "PRON",
        "MD": "AUX",
        "TO": "PART",
        "RB": "ADV",
        "JJ": "ADJ",
        "WDT": "PRON",
        "CC": "CCONJ",
        ".": "PUNCT",
        ",": "PUNCT",
        "``": "PUNCT",
        "''": "PUNCT",
    }
    return table.get(tag, pos_of.get(tag, "X"))


def _span(doc: Doc, text: str, label: str) -> Span:
    start = doc.text.index(text)
    span = doc.char_span(start, start + len(text), label=label)
    assert span is not None, text
    return span


def facts(doc: Doc) -> list[dict]:
    """The facts as texts, for readable assertions."""
    find_facts(doc)
    text = doc.text
    out = []
    for span in doc.spans[FACT_GROUP]:
        info = span._.dossier_fact
        out.append(
            {
                "span": (span.start_char, span.end_char),
                "subject": text[slice(*info["subject"])] if info["subject"] else None,
                "predicate": text[slice(*info["predicate"])],
                "object": text[slice(*info["object"])] if info["object"] else None,
                "qualifiers": [(text[s:e], label) for s, e, label in info["qualifiers"]],
                "source": text[slice(*info["source"])] if info["source"] else None,
                "source_resolved": text[slice(*info["source_resolved"])] if info["source_resolved"] else None,
                "quote": info["quote"],
            }
        )
    return out


def set_quote(doc: Doc, content: str, speaker: str | None, cue: str, kind: str = "indirect") -> Span:
    """Stand in for the quote finder: one quote span with its details."""
    quote = _span(doc, content, "QUOTE")
    speaker_offsets = None
    if speaker is not None:
        start = doc.text.index(speaker)
        speaker_offsets = [start, start + len(speaker)]
    cue_start = doc.text.index(cue)
    quote._.dossier_quote = {
        "kind": kind,
        "speaker": speaker_offsets,
        "speaker_resolved": speaker_offsets,
        "cue": [cue_start, cue_start + len(cue)],
        "fragments": [[quote.start_char, quote.end_char]],
    }
    doc.spans[QUOTE_GROUP] = [*doc.spans.get(QUOTE_GROUP, []), quote]
    return quote


# --- patterns, hand-parsed ------------------------------------------------------------------


def test_subject_verb_object_with_time_qualifier() -> None:
    doc = parsed(
        "Kim/NNP/nsubj/1 left/VBD/ROOT/1/leave Russia/NNP/dobj/1 on/IN/prep/1 Sunday/NNP/pobj/3 ./././1",
        ents={"Sunday": "DATE", "Kim": "PERSON"},
        mentions={"Kim": "PERSON", "Russia": "PLACE"},
    )
    [fact] = facts(doc)
    assert (fact["subject"], fact["predicate"], fact["object"]) == ("Kim", "left", "Russia")
    # Russia is the object (linked through it), so not repeated as a qualifier; Sunday qualifies.
    assert fact["qualifiers"] == [("Sunday", "TIME")]
    assert fact["source"] is None and fact["quote"] is None
    assert doc.text[slice(*fact["span"])] == "Kim left Russia on Sunday"


def test_passive_takes_the_agent_as_object() -> None:
    doc = parsed(
        "The/DT/det/1 bridge/NN/nsubjpass/3 was/VBD/auxpass/3 destroyed/VBN/ROOT/3/destroy "
        "by/IN/agent/3 rockets/NNS/pobj/4 ./././3"
    )
    [fact] = facts(doc)
    assert (fact["subject"], fact["predicate"], fact["object"]) == (
        "The bridge",
        "was destroyed by",
        "rockets",
    )


def test_copula_with_attribute() -> None:
    doc = parsed("Moscow/NNP/nsubj/1 is/VBZ/ROOT/1/be the/DT/det/3 capital/NN/attr/1 ./././1")
    doc[1].pos_ = "AUX"
    [fact] = facts(doc)
    assert (fact["subject"], fact["predicate"], fact["object"]) == ("Moscow", "is", "the capital")


def test_prepositional_object_moves_the_preposition_into_the_predicate() -> None:
    doc = parsed(
        "Putin/NNP/nsubj/1 spoke/VBD/ROOT/1/speak of/IN/prep/1 military/JJ/amod/4 ties/NNS/pobj/2 ./././1"
    )
    [fact] = facts(doc)
    assert (fact["subject"], fact["predicate"], fact["object"]) == ("Putin", "spoke of", "military ties")


def test_negation_and_auxiliaries_stay_in_the_predicate() -> None:
    doc = parsed(
        "Kim/NNP/nsubj/3 did/VBD/aux/3/do not/RB/neg/3 leave/VB/ROOT/3/leave Russia/NNP/dobj/3 ./././3"
    )
    [fact] = facts(doc)
    assert fact["predicate"] == "did not leave"


def test_number_and_place_qualifiers_outside_subject_and_object() -> None:
    doc = parsed(
        "Troops/NNS/nsubj/1 fired/VBD/ROOT/1/fire rockets/NNS/dobj/1 near/IN/prep/1 Mosul/NNP/pobj/3 "
        "with/IN/prep/1 30/CD/nummod/7 launchers/NNS/pobj/5 on/IN/prep/1 Friday/NNP/pobj/8 ./././1",
        ents={"Friday": "DATE"},
        mentions={"Mosul": "PLACE", "30": "NUMBER"},
    )
    [fact] = facts(doc)
    assert fact["object"] == "rockets near Mosul with 30 launchers"  # prepositions right after the object
    assert fact["qualifiers"] == [("Friday", "TIME")]
    doc = parsed(
        "Troops/NNS/nsubj/1 fired/VBD/ROOT/1/fire rockets/NNS/dobj/1 on/IN/prep/1 Friday/NNP/pobj/3 "
        "near/IN/prep/1 Mosul/NNP/pobj/5 with/IN/prep/1 30/CD/nummod/9 launchers/NNS/pobj/7 ./././1",
        ents={"Friday": "DATE"},
        mentions={"Mosul": "PLACE", "30": "NUMBER"},
    )
    [fact] = facts(doc)
    assert fact["object"] == "rockets"
    assert fact["qualifiers"] == [("Friday", "TIME"), ("Mosul", "PLACE"), ("30", "NUMBER")]


REPORTED = (
    "TASS/NNP/nsubj/1 reported/VBD/ROOT/1/report that/IN/mark/4 Kim/NNP/nsubj/4 received/VBD/ccomp/1/receive "
    "five/CD/nummod/6 drones/NNS/dobj/4 ./././1"
)


def test_reported_speech_takes_its_source_from_the_quote() -> None:
    doc = parsed(REPORTED, mentions={"five": "NUMBER"})
    quote = set_quote(doc, "Kim received five drones", speaker="TASS", cue="reported")
    [fact] = facts(doc)  # the frame "TASS reported …" is not a fact of its own
    assert (fact["subject"], fact["predicate"], fact["object"]) == ("Kim", "received", "five drones")
    assert fact["source"] == "TASS" and fact["source_resolved"] == "TASS"
    assert fact["quote"] == [quote.start_char, quote.end_char]


def test_reported_speech_without_a_found_quote_falls_back_to_the_frame_subject() -> None:
    [fact] = facts(parsed(REPORTED))
    assert fact["predicate"] == "received"
    assert fact["source"] == "TASS"
    assert fact["source_resolved"] is None and fact["quote"] is None


def test_fact_inside_a_direct_quote_fragment_gets_its_speaker() -> None:
    doc = parsed(
        "“/``/punct/3 We/PRP/nsubj/3 will/MD/aux/3 win/VB/ccomp/9/win the/DT/det/5 war/NN/dobj/3 "
        ",/,/punct/9 ”/''/punct/9 Putin/NNP/nsubj/9 said/VBD/ROOT/9/say ./././9"
    )
    quote = set_quote(doc, "We will win the war", speaker="Putin", cue="said", kind="direct")
    [fact] = facts(doc)
    assert (fact["subject"], fact["predicate"], fact["object"]) == ("We", "will win", "the war")
    assert fact["source"] == "Putin" and fact["quote"] == [quote.start_char, quote.end_char]


def test_a_denial_is_the_fact_not_what_it_denies() -> None:
    doc = parsed(
        "Moscow/NNP/nsubj/1 denied/VBD/ROOT/1/deny that/IN/mark/4 it/PRP/nsubj/4 sent/VBD/ccomp/1/send "
        "weapons/NNS/dobj/4 ./././1"
    )
    [fact] = facts(doc)
    assert (fact["subject"], fact["predicate"], fact["object"]) == ("Moscow", "denied", "it sent weapons")


def test_question_is_not_a_fact() -> None:
    doc = parsed("Did/VBD/aux/2/do Kim/NNP/nsubj/2 leave/VB/ROOT/2/leave Russia/NNP/dobj/2 ?/./punct/2")
    assert facts(doc) == []


def test_sentence_without_a_verb_is_not_a_fact() -> None:
    doc = parsed("Kim/NNP/ROOT/0 in/IN/prep/0 Moscow/NNP/pobj/1 ./././0")
    assert facts(doc) == []


def test_imperative_without_subject_is_not_a_fact() -> None:
    doc = parsed("Read/VB/ROOT/0/read the/DT/det/2 report/NN/dobj/0 ./././0")
    assert facts(doc) == []


def test_conditional_and_relative_clauses_are_not_facts() -> None:
    doc = parsed(
        "If/IN/mark/2 Kim/NNP/nsubj/2 leaves/VBZ/advcl/5/leave ,/,/punct/5 Putin/NNP/nsubj/5 "
        "meets/VBZ/ROOT/5/meet the/DT/det/7 governor/NN/dobj/5 who/WP/nsubj/9 fled/VBD/relcl/7/flee ./././5"
    )
    [fact] = facts(doc)
    assert (fact["subject"], fact["predicate"], fact["object"]) == ("Putin", "meets", "the governor who fled")


def test_infinitive_complement_is_not_a_fact_of_its_own() -> None:
    doc = parsed(
        "Jordan/NNP/nsubj/1 allowed/VBD/ROOT/1/allow refugees/NNS/nsubj/4 to/TO/aux/4 "
        "work/VB/ccomp/1/work ./././1"
    )
    [fact] = facts(doc)
    assert (fact["subject"], fact["predicate"]) == ("Jordan", "allowed")
    assert fact["object"] == "refugees to work"


def test_coordinated_verbs_share_the_subject() -> None:
    doc = parsed(
        "Ria/NNP/compound/1 Novosti/NNP/nsubj/2 released/VBD/ROOT/2/release a/DT/det/4 video/NN/dobj/2 "
        "and/CC/cc/2 showed/VBD/conj/2/show photos/NNS/dobj/6 ./././2"
    )
    found = facts(doc)
    assert [(f["subject"], f["predicate"], f["object"]) for f in found] == [
        ("Ria Novosti", "released", "a video"),
        ("Ria Novosti", "showed", "photos"),
    ]
    assert len({f["span"] for f in found}) == 2  # one span per fact: extensions are keyed by offsets


def test_facts_never_cross_a_sentence_boundary() -> None:
    doc = parsed(
        "Kim/NNP/nsubj/1 left/VBD/ROOT/1/leave Russia/NNP/dobj/1 ./././1 "
        "Putin/NNP/nsubj/5 stayed/VBD/ROOT/5/stay in/IN/prep/5 Moscow/NNP/pobj/6 ./././5"
    )
    sentences = [(s.start_char, s.end_char) for s in doc.sents]
    assert len(sentences) == 2
    found = facts(doc)
    assert [f["predicate"] for f in found] == ["left", "stayed in"]
    for fact, (start, end) in zip(found, sentences, strict=True):
        assert start <= fact["span"][0] < fact["span"][1] <= end


def test_wh_clause_and_bare_copula_are_not_facts() -> None:
    headline = parsed("What/WP/dobj/3 Mexico/NNP/nsubj/3 could/MD/aux/3 do/VB/ROOT/3/do")
    assert facts(headline) == []
    bare = parsed("The/DT/det/1 question/NN/nsubj/2 is/VBZ/ROOT/2/be ./././2")
    bare[2].pos_ = "AUX"
    assert facts(bare) == []


def test_expletive_there_stands_as_the_subject() -> None:
    doc = parsed("There/EX/expl/1 were/VBD/ROOT/1/be 43/CD/nummod/3 casualties/NNS/attr/1 ./././1")
    doc[1].pos_ = "AUX"
    [fact] = facts(doc)
    assert (fact["subject"], fact["predicate"], fact["object"]) == ("There", "were", "43 casualties")


def test_object_is_cut_before_a_set_off_relative_clause() -> None:
    doc = parsed(
        "Kim/NNP/nsubj/1 visited/VBD/ROOT/1/visit the/DT/det/3 region/NN/dobj/1 ,/,/punct/3 "
        "which/WDT/nsubj/6 borders/VBZ/relcl/3/border China/NNP/dobj/6 ./././1"
    )
    [fact] = facts(doc)
    assert fact["object"] == "the region"


def test_unparsed_doc_gives_no_facts() -> None:
    doc = NLP("Kim left Russia on Sunday.")
    assert facts(doc) == []


# --- the real model -------------------------------------------------------------------------


@pytest.mark.model
def test_model_parse_reported_speech_and_questions(pipeline) -> None:
    doc = pipeline.nlp(
        "Officials said the army fired 30 rockets at Aleppo on Monday. Did the army fire them?"
    )
    found = facts(doc)
    assert len(found) == 1
    [fact] = found
    assert (fact["subject"], fact["predicate"]) == ("the army", "fired")
    assert fact["object"].startswith("30 rockets")
    assert fact["source"] == "Officials"
    assert ("Monday", "TIME") in fact["qualifiers"]


@pytest.mark.model
def test_seed_article_facts_with_entities_and_sources(pipeline, seed_text: str) -> None:
    document = pipeline.analyze(seed_text)
    by_name = {(e.name, e.label): e.id for e in document.entities}
    kim, tass = by_name[("Kim Jong Un", "PERSON")], by_name[("TASS", "ORG")]
    russia = by_name[("Russia", "PLACE")]

    def fact(predicate: str, subject_end: str):
        matches = [
            f
            for f in document.facts
            if f.predicate.text == predicate and f.subject and f.subject.text.endswith(subject_end)
        ]
        assert len(matches) == 1, [(f.subject and f.subject.text, f.predicate.text) for f in document.facts]
        return matches[0]

    left = fact("left", "Kim Jong Un")
    assert kim in left.subject.entity_ids
    assert left.object.text == "Russia" and left.object.entity_ids == [russia]
    assert [(q.text, q.label) for q in left.qualifiers] == [("Sunday", "TIME")]
    assert left.source is None

    # Coordinated objects are one fact each (GUIDELINES: split, not swallowed), each with its source.
    received = [f for f in document.facts if f.predicate.text == "received" and f.subject.text == "Kim"]
    objects = [f.object.text for f in received]
    assert objects[:2] == ["five explosive drones", "a reconnaissance drone"]
    assert objects[2].startswith("a body armor")
    for each in received[:3]:
        assert each.subject.entity_ids == [kim]
        assert each.source == "TASS" and each.source_entity_id == tass

    heading = fact("was heading", "Kim’s train")
    assert kim in heading.subject.entity_ids
    assert heading.object.text.startswith("about 250 kilometers (155 miles) to the border")
    distance = next(m for m in document.mentions if m.label == "NUMBER" and "250 kilometers" in m.text)
    assert distance.entity_id in heading.object.entity_ids
    assert heading.source == "The official TASS news agency"
    assert heading.source_entity_id == tass  # resolved by the quote finder
    assert heading.quote_id is not None

    # Attribution frames are not facts of their own.
    assert not [f for f in document.facts if f.predicate.text in ("reported", "said")]


@pytest.mark.model
@pytest.mark.parametrize("text", ["", "???", "“ ” ‘", "\n\n\n", "Kim.", "TASS said. Said TASS that?"])
def test_odd_input_never_raises_and_gives_nothing_odd(pipeline, text: str) -> None:
    for fact in facts(pipeline.nlp(text)):
        assert fact["predicate"]
        assert 0 <= fact["span"][0] < fact["span"][1] <= len(text)


# -- what the sentence asserts (GUIDELINES "Facts") ----------------------------


def only_fact(pipeline, text: str):
    document = pipeline.analyze(text)
    assert len(document.facts) == 1, [
        (f.subject and f.subject.text, f.predicate.text) for f in document.facts
    ]
    return document, document.facts[0]


@pytest.mark.model
def test_a_condition_stays_with_its_fact(pipeline) -> None:
    _, fact = only_fact(pipeline, "Iran will resume enrichment unless the sanctions are lifted.")
    assert fact.condition is not None and fact.condition.text == "unless the sanctions are lifted"
    assert fact.modality == "will"


@pytest.mark.model
def test_negation_and_modality_are_fields(pipeline) -> None:
    document = pipeline.analyze("Russia did not receive the jets. Moscow may strike again.")
    received, strike = document.facts
    assert (received.predicate.text, received.negated, received.modality) == ("did not receive", True, None)
    assert (strike.negated, strike.modality) == (False, "may")


@pytest.mark.model
def test_prospective_clauses_are_not_facts_but_past_ones_are(pipeline) -> None:
    for text in (
        "Ukraine must reform its courts before it can join NATO.",
        "Kyiv will counterattack once the jets arrive.",
    ):
        document = pipeline.analyze(text)
        assert [f.predicate.text for f in document.facts] in (["must reform"], ["will counterattack"]), text
    document = pipeline.analyze("The army shelled the town before the rebels withdrew.")
    assert {f.predicate.text for f in document.facts} == {"shelled", "withdrew"}


@pytest.mark.model
def test_coordinated_objects_are_split(pipeline) -> None:
    document = pipeline.analyze("The United States sent tanks, missiles and drones to Ukraine.")
    assert [f.object.text for f in document.facts if f.object] == ["tanks", "missiles", "drones"]


@pytest.mark.model
def test_a_pronoun_subject_resolves_like_a_speaker(pipeline) -> None:
    document = pipeline.analyze("Maria Zakharova was injured on Sunday. She remains in hospital.")
    remains = next(f for f in document.facts if f.subject and f.subject.text == "She")
    assert [document.entity(e).name for e in remains.subject.entity_ids] == ["Maria Zakharova"]


@pytest.mark.model
def test_narration_of_footage_and_headlines_are_not_facts(pipeline) -> None:
    assert pipeline.analyze("Footage shows Kim boarding the train.").facts == []
    document = pipeline.analyze("Russia Seizes Two Towns In The East\n\nThe army seized the towns on Monday.")
    assert [f.subject.text for f in document.facts if f.subject] == ["The army"]


@pytest.mark.model
def test_a_number_is_linked_to_the_weapon_it_counts(pipeline) -> None:
    document = pipeline.analyze("The army had six HIMARS systems and killed nine civilians.")
    numbers = {m.text: m for m in document.mentions if m.label == "NUMBER"}
    assert document.mention(numbers["six"].linked_to).text == "HIMARS systems"
    assert numbers["nine"].linked_to is None  # civilians are not a mention: the count stays with the fact


@pytest.mark.model
def test_a_reporting_verb_with_an_addressee_is_a_cue_not_a_fact(pipeline) -> None:
    document = pipeline.analyze(
        "Steve Whitmore told LA Weekly that the case was being handled as grand theft."
    )
    assert [f.predicate.text for f in document.facts] == ["was being handled as"]


@pytest.mark.model
def test_credit_lines_and_naming_participles_are_not_facts(pipeline) -> None:
    document = pipeline.analyze(
        "The army shelled the town.\n\nYoumi Kim in Seoul contributed to this report. I'm Mario Ritter.\n"
    )
    assert [f.predicate.text for f in document.facts] == ["shelled"]
    document = pipeline.analyze(
        "Reports revealed that a defector from the elite group within Scientology called the Sea Org "
        "was persuaded to travel back."
    )
    assert "called" not in [f.predicate.text for f in document.facts]


@pytest.mark.model
def test_a_subject_links_the_name_it_is_about_not_one_in_its_modifiers(pipeline) -> None:
    document = pipeline.analyze(
        "News of the arrest of a boy in Texas has inspired a global movement. "
        "Foreign Minister Sergei Lavrov visited Beijing."
    )
    inspired = next(f for f in document.facts if f.predicate.text == "has inspired")
    assert inspired.subject.entity_ids == []
    visited = next(f for f in document.facts if f.predicate.text == "visited")
    assert [document.entity(e).name for e in visited.subject.entity_ids] == ["Sergei Lavrov"]


@pytest.mark.model
def test_a_pronoun_inside_someones_quoted_words_is_left_unresolved(pipeline) -> None:
    text = (
        'Mark Rathbun described the arrest on his blog. Rathbun wrote, "Daniel was picked up by an '
        'investigator. He was taken to the Century City Towers."'
    )
    document = pipeline.analyze(text)
    taken = next(f for f in document.facts if f.predicate.text == "was taken to")
    assert taken.subject.text == "He" and taken.subject.entity_ids == []


@pytest.mark.model
def test_either_or_halves_are_not_facts_of_their_own(pipeline) -> None:
    document = pipeline.analyze("Many schools will increase their fees or they will close.")
    assert [f.predicate.text for f in document.facts] == []


@pytest.mark.model
def test_an_inverted_condition_stays_with_its_fact(pipeline) -> None:
    document = pipeline.analyze(
        "Had it happened five hours earlier, the death toll would have been much higher."
    )
    fact = next(f for f in document.facts if f.predicate.text == "would have been")
    assert fact.condition is not None and fact.condition.text.startswith("Had it happened")


@pytest.mark.model
def test_beliefs_and_things_told_to_the_speaker_are_not_asserted(pipeline) -> None:
    document = pipeline.analyze("Posts on the forum theorized that an attack had occurred.")
    assert [f.predicate.text for f in document.facts] == ["theorized"]
    document = pipeline.analyze("I was told that my mother had attacked the church.")
    assert "had attacked" not in [f.predicate.text for f in document.facts]
    document = pipeline.analyze("It is asserted by the Crown that both parents knew this.")
    assert "knew" in [f.predicate.text for f in document.facts]


@pytest.mark.model
def test_a_cue_whose_content_was_lost_and_a_vague_subject_give_no_fact(pipeline) -> None:
    assert pipeline.analyze("They estimated.").facts == []
    document = pipeline.analyze("He said North Korea has tested missiles. That is bad news for the region.")
    assert all(f.subject.text != "That" for f in document.facts if f.subject)


@pytest.mark.model
def test_only_a_reporting_frame_gives_a_source(pipeline) -> None:
    document = pipeline.analyze(
        "The new law is not retroactive, so the taxes requested in arrears are under the old system."
    )
    assert all(f.source is None for f in document.facts)
    document = pipeline.analyze("The study found that ozone caused most of the damage.")
    caused = next(f for f in document.facts if f.predicate.text == "caused")
    assert caused.source == "The study"


@pytest.mark.model
def test_a_subject_named_in_its_apposition_links_that_person(pipeline) -> None:
    document = pipeline.analyze(
        "The president of the Lombardy region, Roberto Maroni, has proposed new funding for schools."
    )
    fact = next(f for f in document.facts if f.predicate.text == "has proposed")
    assert [document.entity(e).name for e in fact.subject.entity_ids] == ["Roberto Maroni"]


@pytest.mark.model
def test_a_when_clause_is_the_scene_of_its_claim_not_a_fact(pipeline) -> None:
    document = pipeline.analyze("Her parents moved her to the United Kingdom when she was six.")
    assert [f.predicate.text for f in document.facts] == ["moved"]


@pytest.mark.model
def test_what_the_object_is_asked_to_do_stays_with_it(pipeline) -> None:
    document = pipeline.analyze("Rathke asked the governments of the region not to turn away boats.")
    fact = next(f for f in document.facts if f.predicate.text == "asked")
    assert fact.object.text == "the governments of the region not to turn away boats"


@pytest.mark.model
def test_a_bare_reporting_verb_is_no_fact(pipeline) -> None:
    assert pipeline.analyze("Smith arrived on Monday. He said so on Tuesday.").facts[1:] == []


@pytest.mark.model
def test_it_as_a_fact_subject_is_not_the_organization_quoted_last(pipeline) -> None:
    document = pipeline.analyze(
        "The Democratic National Committee said the rules were clear. It would trigger an obscure mechanism."
    )
    fact = next(f for f in document.facts if f.predicate.text == "would trigger")
    assert fact.subject.text == "It" and fact.subject.entity_ids == []


@pytest.mark.model
def test_an_address_and_an_extraposed_it_are_no_facts(pipeline) -> None:
    assert pipeline.analyze("You pay your taxes every year.").facts == []
    document = pipeline.analyze(
        "It was unclear whether the plan would pass. It wasn't particularly sensitive."
    )
    assert [f.predicate.text for f in document.facts] == ["wasn't"]


@pytest.mark.model
def test_a_dateline_is_neither_a_subject_nor_part_of_a_quote(pipeline) -> None:
    document = pipeline.analyze(
        "HEMPSTEAD, N.Y., Sept. 26 (UPI) -- Green Party presidential candidate Jill Stein was escorted "
        "off the Hofstra University campus on Monday."
    )
    assert document.facts[0].subject.text == "Green Party presidential candidate Jill Stein"
    document = pipeline.analyze(
        "MOSCOW (Reuters) - Russian forces shelled the town on Sunday, officials said."
    )
    assert document.facts[0].subject.text == "Russian forces"
    assert document.quotes[0].text == "Russian forces shelled the town on Sunday"


@pytest.mark.model
def test_saying_this_and_going_on_are_no_facts(pipeline) -> None:
    document = pipeline.analyze("Caddell went on. He said this in Indiana. The army shelled the town.")
    assert [f.predicate.text for f in document.facts] == ["shelled"]


@pytest.mark.model
def test_an_object_keeps_what_is_demanded_and_a_comparative_before_it(pipeline) -> None:
    document = pipeline.analyze("The bloc aims to rely less on U.S. support.")
    assert (document.facts[0].predicate.text, document.facts[0].object.text) == (
        "aims to rely less on",
        "U.S. support",
    )
    document = pipeline.analyze("Donald Trump is demanding President Barack Obama release the documents.")
    assert document.facts[0].object.text == "President Barack Obama release the documents"
