"""The NUMBER component: what counts as a number, its span, value, unit, qualifier and conversion link."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from desktop.core.nlp import numbers  # noqa: F401  (registers dossier_numbers)
from desktop.core.nlp.spans import ENTITY_GROUP, NUMBER_GROUP


@pytest.fixture(scope="module")
def blank() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("dossier_numbers")
    return nlp


def _with_ents(nlp: Language, text: str, ents: list[tuple[str, str]]) -> Doc:
    """A Doc whose model entities are given as (text, label), found left to right."""
    doc = nlp.make_doc(text)
    spans, offset = [], 0
    for ent_text, label in ents:
        start = text.index(ent_text, offset)
        offset = start + len(ent_text)
        spans.append(doc.char_span(start, offset, label=label))
    doc.ents = spans
    return nlp.get_pipe("dossier_numbers")(doc)


def _found(doc: Doc) -> dict[str, dict]:
    return {span.text: span._.dossier_number for span in doc.spans[NUMBER_GROUP]}


# -- hand-built Docs: each rule in isolation -------------------------------------


def test_group_exists_even_without_numbers(blank: Language) -> None:
    doc = _with_ents(blank, "No figures here.", [])
    assert NUMBER_GROUP in doc.spans and len(doc.spans[NUMBER_GROUP]) == 0


def test_qualifier_leaves_the_span(blank: Language) -> None:
    doc = _with_ents(blank, "It is about 250 kilometers away.", [("about 250 kilometers", "QUANTITY")])
    expected = {"value": 250.0, "value_max": None, "unit": "km", "qualifier": "about", "linked_to": None}
    assert _found(doc) == {"250 kilometers": expected}


def test_qualifier_just_outside_the_model_span(blank: Language) -> None:
    found = _found(_with_ents(blank, "They pledged nearly $100 million.", [("$100 million", "MONEY")]))
    assert found["$100 million"]["qualifier"] == "nearly"


def test_multiword_qualifiers(blank: Language) -> None:
    ents = [("At least 10", "CARDINAL"), ("more than 20", "CARDINAL")]
    doc = _with_ents(blank, "At least 10 died and more than 20 fled.", ents)
    found = _found(doc)
    assert found["10"]["qualifier"] == "at least"
    assert found["20"]["qualifier"] == "more than"


def test_conversion_is_linked_to_the_quantity(blank: Language) -> None:
    text = "heading 250 kilometers (155 miles) to the border"
    found = _found(_with_ents(blank, text, [("250 kilometers", "QUANTITY"), ("155 miles", "QUANTITY")]))
    start = text.index("250")
    assert found["155 miles"]["linked_to"] == [start, start + len("250 kilometers")]
    assert found["155 miles"]["unit"] == "mi"
    assert found["250 kilometers"]["linked_to"] is None


def test_every_figure_of_a_bracketed_conversion_is_linked(blank: Language) -> None:
    text = "at two Jordanian dinars (£2.10; $2.80) an hour"
    found = _found(
        _with_ents(blank, text, [("two Jordanian dinars", "MONEY"), ("2.10", "MONEY"), ("2.80", "MONEY")])
    )
    dinars = [text.index("two"), text.index(" (")]
    assert found["two Jordanian dinars"]["value"] == 2.0
    assert found["two Jordanian dinars"]["unit"] == "JOD"
    assert found["two Jordanian dinars"]["linked_to"] is None
    assert found["£2.10"]["linked_to"] == dinars and found["£2.10"]["unit"] == "GBP"
    assert found["$2.80"]["linked_to"] == dinars and found["$2.80"]["unit"] == "USD"


def test_figures_in_brackets_without_a_unit_are_not_conversions(blank: Language) -> None:
    text = "250 kilometers (2023) later"
    found = _found(_with_ents(blank, text, [("250 kilometers", "QUANTITY")]))
    assert list(found) == ["250 kilometers"]


@pytest.mark.parametrize(
    ("text", "ent", "span", "value", "unit"),
    [
        ("It cost $1.2 billion.", "$1.2 billion", "$1.2 billion", 1.2e9, "USD"),
        ("A $100m loan.", "100", "$100m", 1e8, "USD"),
        ("A £20m grant.", "20", "£20m", 2e7, "GBP"),
        ("over 9 billion euros", "9 billion euros", "9 billion euros", 9e9, "EUR"),
        ("Turnout was 43% today.", "43%", "43%", 43.0, "%"),
        ("just 10 per cent of them", "10 per cent", "10 per cent", 10.0, "%"),
        ("a town 7km away", "7km", "7km", 7.0, "km"),
        ("It weighs 20 tonnes.", "20 tonnes", "20 tonnes", 20.0, "t"),
        ("some 700 square miles", "700 square miles", "700 square miles", 700.0, "sq mi"),
        ("three nautical miles", "three", "three nautical miles", 3.0, "nmi"),
    ],
)
def test_money_percent_and_units(
    blank: Language, text: str, ent: str, span: str, value: float, unit: str
) -> None:
    found = _found(_with_ents(blank, text, [(ent, "QUANTITY")]))
    assert found[span]["value"] == pytest.approx(value)
    assert found[span]["unit"] == unit


@pytest.mark.parametrize(
    ("words", "value"),
    [("five", 5.0), ("twenty-one", 21.0), ("Ninety-Four", 94.0), ("4.7 million", 4.7e6)],
)
def test_words_become_values(blank: Language, words: str, value: float) -> None:
    found = _found(_with_ents(blank, f"They counted {words} trucks.", [(words, "CARDINAL")]))
    assert found[words]["value"] == pytest.approx(value)
    assert found[words]["unit"] is None


@pytest.mark.parametrize("vague", ["tens of thousands", "hundreds", "dozens", "a few thousand"])
def test_vague_amounts_have_no_value(blank: Language, vague: str) -> None:
    found = _found(_with_ents(blank, f"There were {vague} of them.", [(vague, "CARDINAL")]))
    assert found[vague]["value"] is None


# -- ranges: value is the lower end, value_max the upper, in one unit and scale --------


def _range(found: dict[str, dict], text: str) -> tuple[float | None, float | None, str | None]:
    return found[text]["value"], found[text]["value_max"], found[text]["unit"]


@pytest.mark.parametrize(
    ("text", "ents", "span", "expected"),
    [
        (
            "facing 3,000 to 5,000 militants",
            [("3,000 to 5,000", "CARDINAL")],
            "3,000 to 5,000",
            (3e3, 5e3, None),
        ),
        (
            "Between 3,000 and 5,000 troops were sent.",
            [("Between 3,000 and 5,000", "CARDINAL")],
            "Between 3,000 and 5,000",
            (3e3, 5e3, None),
        ),
        (
            "Prices rose 15 to 20 percent.",
            [("15 to 20 percent", "PERCENT")],
            "15 to 20 percent",
            (15, 20, "%"),
        ),
        ("The range is 300-400 km.", [("300-400 km", "QUANTITY")], "300-400 km", (300, 400, "km")),
        ("The base is 5–7km away.", [("5–7km", "QUANTITY")], "5–7km", (5, 7, "km")),
        (
            "It will cost between $1.5 billion and $2 billion.",
            [("between $1.5 billion and $2 billion", "MONEY")],
            "between $1.5 billion and $2 billion",
            (1.5e9, 2e9, "USD"),
        ),
        (
            "It cost $2 billion to $3 billion.",
            [("$2 billion to $3 billion", "MONEY")],
            "$2 billion to $3 billion",
            (2e9, 3e9, "USD"),
        ),
        ("It costs $2bn-$3bn.", [("2bn-$3bn", "MONEY")], "$2bn-$3bn", (2e9, 3e9, "USD")),
        ("Output grew two to three times.", [("two to three", "CARDINAL")], "two to three", (2, 3, None)),
        (
            "There were 20,000-25,000 people.",
            [("20,000-25,000", "CARDINAL")],
            "20,000-25,000",
            (2e4, 2.5e4, None),
        ),
        # a scale written once belongs to both ends, unless the lower end would pass the upper
        (
            "between 3 and 5 million people",
            [("between 3 and 5 million", "CARDINAL")],
            "between 3 and 5 million",
            (3e6, 5e6, None),
        ),
        (
            "from 500 to 5 million people",
            [("500 to 5 million", "CARDINAL")],
            "500 to 5 million",
            (500, 5e6, None),
        ),
        (
            "They sent 1500 to 2000 troops.",
            [("1500 to 2000", "CARDINAL")],
            "1500 to 2000",
            (1500, 2000, None),
        ),
    ],
)
def test_a_range_carries_both_ends(
    blank: Language, text: str, ents: list[tuple[str, str]], span: str, expected: tuple
) -> None:
    found = _found(_with_ents(blank, text, ents))
    assert list(found) == [span]
    value, value_max, unit = _range(found, span)
    assert (value, value_max) == pytest.approx(expected[:2])
    assert unit == expected[2]


@pytest.mark.parametrize(
    ("text", "ents", "span", "expected"),
    [
        ("It costs $2-3 billion.", [("2", "MONEY")], "$2-3 billion", (2e9, 3e9)),  # the model's edge
        ("It costs $2-3 billion.", [], "$2-3 billion", (2e9, 3e9)),  # "$2" and "3 billion" as numerals
        ("the $2-3bn deal", [("2", "MONEY")], "$2-3bn", (2e9, 3e9)),  # "bn" without its own "$"
        ("It cost $2 to $3 billion.", [("$2 to $3 billion", "MONEY")], "$2 to $3 billion", (2e9, 3e9)),
        ("It cost $20m to $30m today.", [("20", "MONEY"), ("30", "MONEY")], "$20m to $30m", (2e7, 3e7)),
    ],
)
def test_a_money_range_is_not_split_and_shares_its_scale(
    blank: Language, text: str, ents: list[tuple[str, str]], span: str, expected: tuple[float, float]
) -> None:
    found = _found(_with_ents(blank, text, ents))
    assert list(found) == [span]
    assert (found[span]["value"], found[span]["value_max"]) == pytest.approx(expected)
    assert found[span]["unit"] == "USD"


def test_a_range_tagged_up_to_its_connector_takes_the_upper_end(blank: Language) -> None:
    found = _found(_with_ents(blank, "Estimates range from 40 to 50 per cent.", [("40 to", "CARDINAL")]))
    assert list(found) == ["40 to 50 per cent"]
    assert _range(found, "40 to 50 per cent") == (40, 50, "%")


def test_a_range_keeps_its_qualifier(blank: Language) -> None:
    found = _found(_with_ents(blank, "Some 10 to 12 drones hit the city.", [("Some 10 to 12", "CARDINAL")]))
    assert found == {
        "10 to 12": {"value": 10.0, "value_max": 12.0, "unit": None, "qualifier": "some", "linked_to": None}
    }


def test_up_to_is_a_qualifier_not_a_range(blank: Language) -> None:
    found = _found(_with_ents(blank, "Missiles fly up to 300 km.", [("up to 300 km", "QUANTITY")]))
    assert found == {
        "300 km": {"value": 300.0, "value_max": None, "unit": "km", "qualifier": "up to", "linked_to": None}
    }


def test_a_range_after_the_is_an_estimate_not_a_back_reference(blank: Language) -> None:
    found = _found(_with_ents(blank, "the two to three men", [("two to three", "CARDINAL")]))
    assert _range(found, "two to three") == (2, 3, None)


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        # scores and tallies run downwards: two counts, no range
        ("The match ended 1-0.", [("1", "CARDINAL")], {"1": 1.0, "0": 0.0}),
        ("The bill passed in a 3-2 vote.", [("3", "CARDINAL")], {"3": 3.0, "2": 2.0}),
        ("The council voted 7 to 5.", [("7", "CARDINAL")], {"7": 7.0, "5": 5.0}),
        # "rose from 40 to 50": the figure before and after a change
        ("Support rose from 40 to 50 per cent.", [("40 to", "CARDINAL")], {"40": 40.0, "50 per cent": 50.0}),
        # a bare hyphenated pair that counts nothing may be a name or a code
        ("After 9-11 everything changed.", [("9-11", "CARDINAL")], {"9-11": None}),
        # different units: two quantities
        (
            "It is 5 miles to 10 km away.",
            [("5 miles", "QUANTITY"), ("10 km", "QUANTITY")],
            {"5 miles": 5.0, "10 km": 10.0},
        ),
    ],
)
def test_pairs_that_are_not_ranges(
    blank: Language, text: str, ents: list[tuple[str, str]], expected: dict[str, float | None]
) -> None:
    found = _found(_with_ents(blank, text, ents))
    assert {span: info["value"] for span, info in found.items()} == expected
    assert all(info["value_max"] is None for info in found.values())


def test_model_span_listing_two_numbers_is_split(blank: Language) -> None:
    text = "a few thousand, half a million"
    found = _found(_with_ents(blank, text, [(text, "CARDINAL")]))
    assert set(found) == {"a few thousand", "half a million"}
    assert found["half a million"]["value"] == 5e5


def test_unlabelled_numerals_are_found(blank: Language) -> None:
    found = _found(_with_ents(blank, "Troops found 43 rifles and $5 million.", []))
    assert found["43"]["value"] == 43.0
    assert found["$5 million"] == {
        "value": 5e6,
        "value_max": None,
        "unit": "USD",
        "qualifier": None,
        "linked_to": None,
    }


def test_ages_the_model_calls_dates(blank: Language) -> None:
    text = "For 14-year-old Amjad it is safer."
    found = _found(_with_ents(blank, text, [("14-year-old", "DATE")]))
    assert found["14-year-old"]["value"] == 14.0


@pytest.mark.parametrize(
    ("text", "ents"),
    [
        ("She was born in 2001 there.", [("2001", "CARDINAL")]),  # a year
        ("Visited on 5-6 April 2016.", [("5", "CARDINAL")]),  # a day of the month
        ("It began at 10:30 today.", [("10:30", "CARDINAL")]),  # a clock time
        ("built in 575 B.C. by the king", [("575", "CARDINAL")]),  # an era
        ("Call 888-847-6592 now.", [("888-847-6592", "QUANTITY")]),  # a phone number
        ("Coordinates: 33°47′N 44°30′E", [("33", "CARDINAL")]),  # a coordinate
        ("Coordinates 33.783°N / 33.783; 44.500 here", [("44.500", "CARDINAL")]),
        ("The two men met again.", [("two", "CARDINAL")]),  # a set already introduced
        ("It runs 24/7 here.", [("24/7", "CARDINAL")]),
        ("He served 2014-2016 as minister.", []),  # a period of years
        ("He served 2014 to 2016 as minister.", [("2014", "CARDINAL")]),
        ("The war of 1990-91 ended.", []),
        ("The budget in 2019-20 was cut.", []),
        ("Call 555-1234 now.", []),  # a phone number
        ("See pp. 12-15 for details.", [("12-15", "CARDINAL")]),  # pages: where to look, not how many
        ("as paragraph 4 says", [("4", "CARDINAL")]),
        ("an ISIL-held building", [("ISIL", "CARDINAL")]),  # no number at all
        ("the 93rd anniversary", [("93rd", "ORDINAL")]),
        ("for five years now", [("five", "CARDINAL")]),  # a duration is a time
        ("It joined Task Force (CTF) 50 today.", [("50", "CARDINAL")]),  # the end of a unit's name
        ("Transponder: 77 Frequency: 12.245 MHz", [("77", "CARDINAL"), ("12.245 MHz", "QUANTITY")]),
        ("Symbol rate: 27.5 Mb/s", [("27.5", "CARDINAL")]),  # a broadcast setting
        ("Terrestrial broadcasting 64 UHF here", [("64", "CARDINAL")]),  # a channel
        ("He was there once.", []),  # "once" alone is "formerly", not a count
        ("It once controlled the town and once again fell.", []),
    ],
)
def test_not_numbers(blank: Language, text: str, ents: list[tuple[str, str]]) -> None:
    assert _found(_with_ents(blank, text, ents)) == {}


@pytest.mark.parametrize("name", ["Geran-25", "F-16", "COVID-19", "9M723", "Tu-95MS", "Su-35", "G-20"])
def test_designations_are_not_numbers(blank: Language, name: str) -> None:
    assert _found(_with_ents(blank, f"They saw the {name} yesterday.", [])) == {}


@pytest.mark.parametrize(
    ("text", "ents", "kept"),
    [
        ("said the rebels (FSA) 300 had left", [("300", "CARDINAL")], "300"),  # no name before the bracket
        ("The unemployment rate: 5% now", [("5%", "PERCENT")], "5%"),  # not a broadcast field
        ("The frequency of attacks rose to 12 a day", [("12", "CARDINAL")], "12"),  # no field colon
        ("It broadcast to 64 cities", [("64", "CARDINAL")], "64"),  # no band after the number
    ],
)
def test_lookalikes_of_names_and_identifiers_are_numbers(
    blank: Language, text: str, ents: list[tuple[str, str]], kept: str
) -> None:
    assert set(_found(_with_ents(blank, text, ents))) == {kept}


@pytest.mark.parametrize(
    ("text", "word", "value", "qualifier"),
    [
        ("Daesh has used such weapons at least once.", "once", 1.0, "at least"),
        ("The town changed hands more than twice.", "twice", 2.0, "more than"),
    ],
)
def test_once_and_twice_after_a_qualifier_are_counts(
    blank: Language, text: str, word: str, value: float, qualifier: str
) -> None:
    found = _found(_with_ents(blank, text, []))
    assert found == {
        word: {"value": value, "value_max": None, "unit": None, "qualifier": qualifier, "linked_to": None}
    }


def test_a_count_of_many_after_the_is_kept(blank: Language) -> None:
    """Only small counts after "the" are back-references; "the 3,000 militants" is news."""
    found = _found(_with_ents(blank, "the 3,000 militants inside", [("3,000", "CARDINAL")]))
    assert found["3,000"]["value"] == 3000.0


def test_span_has_the_number_label(blank: Language) -> None:
    doc = _with_ents(blank, "five drones", [("five", "CARDINAL")])
    assert [s.label_ for s in doc.spans[NUMBER_GROUP]] == ["NUMBER"]
    assert isinstance(doc.spans[NUMBER_GROUP][0], Span)


# -- the real model ----------------------------------------------------------------


@pytest.mark.model
def test_seed_numbers_reach_the_document(pipeline, seed_text: str, seed_gold: dict) -> None:
    document = pipeline.analyze(seed_text)
    numbers_found = [m for m in document.mentions if m.label == "NUMBER"]
    gold = [(e["start"], e["end"]) for e in seed_gold["entities"] if e["label"] == "NUMBER"]
    assert [(m.start, m.end) for m in numbers_found] == gold
    by_text = {m.text: m for m in numbers_found}
    assert by_text["five"].value == 5
    assert (by_text["250 kilometers"].value, by_text["250 kilometers"].unit) == (250, "km")
    assert by_text["250 kilometers"].qualifier == "about"
    assert by_text["155 miles"].linked_to == by_text["250 kilometers"].id
    assert by_text["5,000 miles"].linked_to == by_text["8,000 kilometers"].id
    assert by_text["8,000 kilometers"].qualifier == "some"


@pytest.mark.model
def test_model_counts_money_and_exclusions(pipeline) -> None:
    text = (
        "At least 43 people were killed on Sunday in 2023, and the F-16 and COVID-19 were not. "
        "The fund got $1.2 billion and 7km of road; 43% agreed. It was the first visit."
    )
    found = {m.text: m for m in pipeline.analyze(text).mentions if m.label == "NUMBER"}
    assert set(found) == {"43", "$1.2 billion", "7km", "43%"}
    assert found["43"].qualifier == "at least"
    assert (found["$1.2 billion"].value, found["$1.2 billion"].unit) == (1.2e9, "USD")
    assert (found["7km"].value, found["7km"].unit) == (7, "km")
    assert (found["43%"].value, found["43%"].unit) == (43, "%")


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a bare "one" before a noun is an emphatic "a", not an amount
        ("One jet bombed a school and one strike hit a bridge.", set()),
        ("One man I spoke to said that in one case the militants fled.", set()),
        # a qualifier, a unit or a second number makes "one" a count
        ("Only one strike hit the bridge.", {"one"}),
        ("More than one person was hurt.", {"one"}),
        ("One or two strikes hit it; one in five Syrians fled.", {"One", "two", "one", "five"}),
        ("They paid one dinar an hour.", {"one dinar"}),
        ("He was one of our own, and they moved from one village to another.", set()),  # pronoun, contrast
        ("Troops drove down Route 66 and joined Mobile Unit Two with 30 trucks.", {"30"}),  # name parts
    ],
)
def test_one_and_name_parts_need_the_parse(pipeline, text: str, expected: set[str]) -> None:
    found = {m.text for m in pipeline.analyze(text).mentions if m.label == "NUMBER"}
    assert found == expected


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Between 3,000 and 5,000 troops were sent.", {"Between 3,000 and 5,000": (3e3, 5e3, None, None)}),
        ("Prices rose 15 to 20 percent.", {"15 to 20 percent": (15, 20, "%", None)}),
        ("The range is 300-400 km.", {"300-400 km": (300, 400, "km", None)}),
        ("It costs $2-3 billion.", {"$2-3 billion": (2e9, 3e9, "USD", None)}),
        ("Some 10 to 12 drones hit the city.", {"10 to 12": (10, 12, None, "some")}),
        ("It was 5-7 km away.", {"5-7 km": (5, 7, "km", None)}),  # the model tags only "5"
        ("There were 20,000-25,000 people there.", {"20,000-25,000": (2e4, 2.5e4, None, None)}),
        ("Missiles fly up to 300 km.", {"300 km": (300, None, "km", "up to")}),
        ("The bill passed in a 3-2 vote.", {"3": (3, None, None, None), "2": (2, None, None, None)}),
        ("After 9-11 everything changed.", {"9-11": (None, None, None, None)}),
        ("He served 2014-2016 and in 2019-20 as minister; see pp. 12-15 or call 555-1234.", {}),
        ("The Su-35, the G-20 and COVID-19.", {}),
    ],
)
def test_ranges_with_the_model(pipeline, text: str, expected: dict[str, tuple]) -> None:
    doc = pipeline.nlp(text)
    found = {
        span.text: tuple(span._.dossier_number[key] for key in ("value", "value_max", "unit", "qualifier"))
        for span in doc.spans[ENTITY_GROUP]
        if span.label_ == "NUMBER"
    }
    assert found == expected
