"""dossier_weapons: lexicon heads with their modifiers, named systems, designations, ships.

Most rules are checked on a blank English pipeline (tokenizer + sentencizer, no
lemmas or tags), where plurals come from the -s rule; lemma- and tag-driven
behaviour and the seed article use the real model.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
import spacy

import desktop.core.nlp.weapons  # noqa: F401  (registers the factory)
from desktop.core.nlp.spans import WEAPON_GROUP
from desktop.core.nlp.weapons import LABEL, load_lexicon

Find = Callable[[str], list[str]]


@pytest.fixture(scope="module")
def find() -> Find:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("dossier_weapons")

    def run(text: str) -> list[str]:
        doc = nlp(text)
        return [span.text for span in doc.spans[WEAPON_GROUP]]

    return run


@pytest.fixture(scope="module")
def find_with_model(pipeline) -> Find:
    def run(text: str) -> list[str]:
        doc = pipeline.nlp(text)
        return [span.text for span in doc.spans[WEAPON_GROUP]]

    return run


# ---- generic weapons and their modifiers -----------------------------------------------------------


def test_spans_are_labelled_weapon() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("dossier_weapons")
    doc = nlp("They fired rockets.")
    assert [(s.text, s.label_) for s in doc.spans[WEAPON_GROUP]] == [("rockets", LABEL)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kim received five kamikaze drones.", ["kamikaze drones"]),
        (
            "They fired 12 cruise missiles and two ballistic missiles.",
            ["cruise missiles", "ballistic missiles"],
        ),
        ("The drones carried explosives.", ["drones", "explosives"]),
        ("a vertical launch reconnaissance drone", ["vertical launch reconnaissance drone"]),
        ("a tour of the fighter jet factory", ["fighter jet"]),
        (
            "a heavy machine gun and a rocket-propelled grenade launcher",
            ["heavy machine gun", "rocket-propelled grenade launcher"],
        ),
        ("a rocket propelled grenade", ["rocket propelled grenade"]),
        ("three VBIEDs and an IED", ["VBIEDs", "IED"]),
        ("the 155mm artillery shells", ["155mm artillery shells"]),
        ("two artillery systems and a body armor kit", ["artillery systems", "body armor kit"]),
        ("its internationally condemned missile program", ["missile"]),
        ("the use of chemical weapons", ["chemical weapons"]),
    ],
)
def test_head_with_modifiers_but_no_count_or_determiner(find: Find, text: str, expected: list[str]) -> None:
    assert find(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Pyongyang was sanctioned for nuclear tests.",
        "The operating system and the immune system failed.",
        "Heavy rain and light traffic; a military parade.",
        "They brought a first aid kit and special clothing.",
        "An air strike was reported.",
    ],
)
def test_modifiers_or_qualified_heads_alone_are_not_weapons(find: Find, text: str) -> None:
    assert find(text) == []


def test_british_and_american_spellings_and_plurals(find: Find) -> None:
    assert find("body armour, armoured vehicles and an air-defence system") == [
        "body armour",
        "armoured vehicles",
        "air-defence system",
    ]
    assert find("body armor, armored vehicles and an air defense system") == [
        "body armor",
        "armored vehicles",
        "air defense system",
    ]
    assert find("one howitzer, two howitzers, one tank, two tanks") == [
        "howitzer",
        "howitzers",
        "tank",
        "tanks",
    ]


def test_spelling_table_is_data(find: Find) -> None:
    assert load_lexicon()["spelling"]["armour"] == "armor"


# ---- context-sensitive words -----------------------------------------------------------------------


def test_arms_only_as_weapons(find: Find) -> None:
    assert find("Moscow and Pyongyang will strike an arms deal.") == ["arms"]
    assert find("Arms sales rose. Small arms were seized.") == ["Arms", "Small arms"]
    assert find("Weapons and arms were smuggled.") == ["Weapons", "arms"]
    assert find("She folded her arms. He raised his arms above his head.") == []
    assert find("They welcomed him with open arms.") == []


def test_tank_shell_and_bomb_in_civilian_senses(find: Find) -> None:
    assert find("A think tank said the fuel tank and the water tank leaked.") == []
    assert find("The Shell company and a shell company in Cyprus.") == []
    assert find("Tanks and shells hit the town.") == ["Tanks", "shells"]
    assert find("A bomb threat closed the school; a bath bomb.") == []
    assert find("A car bomb exploded.") == ["car bomb"]


def test_metaphors_and_compounds_of_civilian_words(find: Find) -> None:
    assert find("Shootings rose in gun-controlled Chicago; gun control was debated.") == []
    assert find("Cap-and-trade became a political weapon and an economic weapon.") == []
    assert find("Patriot mines and the Patriot company were sold.") == []


def test_suicide_bomber_is_a_person_and_drone_footage_is_a_picture(find: Find) -> None:
    assert find("A suicide bomber struck.") == []
    assert find("Drone footage shows the damage.") == []


def test_aircraft_and_jets_need_a_military_sentence(find: Find) -> None:
    assert find("The aircraft landed in Paris after a quiet flight.") == []
    assert find("A private jet and a passenger aircraft collided.") == []
    assert find("Coalition aircraft conducted a strike against the depot.") == ["aircraft"]
    assert find("One jet dropped a bomb on the school.") == ["jet", "bomb"]


def test_coordinated_modifiers_share_their_head(find: Find) -> None:
    assert find("using attack, bomber, fighter and remotely piloted aircraft against targets") == [
        "attack, bomber, fighter and remotely piloted aircraft"
    ]


def test_spans_never_cross_a_sentence_boundary(find: Find) -> None:
    assert find("They bought a kamikaze. Drones flew over.") == ["Drones"]


# ---- named systems and designations ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ukraine used HIMARS and an S-400 battery.", ["HIMARS", "S-400 battery"]),
        ("Russia fired Kinzhal and Iskander-M missiles.", ["Kinzhal", "Iskander-M missiles"]),
        ("Turkey sold Bayraktar TB2 drones.", ["Bayraktar TB2 drones"]),
        ("Germany sent Leopard 2 tanks and F-16s.", ["Leopard 2 tanks", "F-16s"]),
        ("a Kalashnikov rifle and an AK-47", ["Kalashnikov rifle", "AK-47"]),
        ("Iran supplied Shahed-136 drones, called Geran-2 in Russia.", ["Shahed-136 drones", "Geran-2"]),
    ],
)
def test_named_systems(find: Find, text: str, expected: list[str]) -> None:
    assert find(text) == expected


def test_designations_with_a_known_family_prefix(find: Find) -> None:
    assert find("The Kh-101 hit a plant; the Tu-95MS took off.") == ["Kh-101", "Tu-95MS"]
    assert find("a ‘Geran-25’ vertical launch reconnaissance drone") == [
        "Geran-25",
        "vertical launch reconnaissance drone",
    ]


def test_designations_without_family_need_a_weapon_nearby(find: Find) -> None:
    assert find("Ukraine received M777 howitzers.") == ["M777 howitzers"]
    assert find("The 9M723 missile was found.") == ["9M723 missile"]
    assert find("The QX-300 was mentioned in the report.") == []
    assert find("The QX-300 howitzer fired.") == ["QX-300 howitzer"]
    assert find("The XR-200 was unveiled at the fair.") == []


@pytest.mark.parametrize(
    "text",
    [
        "The COVID-19 pandemic delayed the G-20 summit.",
        "He flew on a Boeing 737 to the G-20.",
        "Drones were shown at the G-20 during COVID-19 talks, a Boeing 737 nearby.",
        "CO2 emissions rose and H1N1 spread.",
    ],
)
def test_names_joined_to_numbers_that_are_not_weapons(find: Find, text: str) -> None:
    assert "COVID-19" not in find(text)
    assert "G-20" not in find(text)
    assert not any("737" in found or "CO2" in found or "H1N1" in found for found in find(text))


def test_ambiguous_names_need_weapon_context(find: Find) -> None:
    assert find("The Patriot intercepted a missile.") == ["Patriot", "missile"]
    assert find("Ukraine asked for Abrams tanks.") == ["Abrams tanks"]
    assert find("Stacey Abrams spoke in Atlanta.") == []
    assert find("A Patriot fan cheered at the stadium.") == []


# ---- ships -----------------------------------------------------------------------------------------


def test_ships_with_hull_numbers_and_later_mentions(find: Find) -> None:
    text = "FS Forbin joined USS Hopper (DDG 70) and HMS Ocean (L 12). Forbin is a frigate."
    assert find(text) == ["FS Forbin", "USS Hopper", "DDG 70", "HMS Ocean", "L 12", "Forbin", "frigate"]


# ---- the real model --------------------------------------------------------------------------------


@pytest.mark.model
def test_verbs_are_not_weapons(find_with_model: Find) -> None:
    assert find_with_model("They shelled the town, bombed the bridge and out-gunned the rebels.") == []


@pytest.mark.model
def test_generic_words_inside_other_names(find_with_model: Find) -> None:
    found = find_with_model(
        "Soldiers from the 3rd Battalion, 321st Field Artillery Regiment fired howitzers."
    )
    assert found == ["howitzers"]
    assert find_with_model("Harrison Ford starred in the film.") == []


@pytest.mark.model
def test_military_verbs_make_a_jet_a_weapon(find_with_model: Find) -> None:
    assert find_with_model("One jet bombed a school for girls.") == ["jet"]
    assert find_with_model("The jet landed safely after the flight.") == []


@pytest.mark.model
def test_lemmas_match_irregular_plurals(find_with_model: Find) -> None:
    assert find_with_model("Two enemy mortar systems and 101 munitions were destroyed.") == [
        "mortar systems",
        "munitions",
    ]


@pytest.mark.model
def test_artillery_and_mortar_systems_is_one_list(find_with_model: Find) -> None:
    assert find_with_model("The strikes destroyed 224 artillery and mortar systems, he said.") == [
        "artillery and mortar systems"
    ]
    assert find_with_model("They saw tanks, artillery and armored vehicles.") == [
        "tanks",
        "artillery",
        "armored vehicles",
    ]


@pytest.mark.model
def test_seed_article_weapons(pipeline, seed_text: str, seed_gold: dict) -> None:
    doc = pipeline.nlp(seed_text)
    found = {(s.start_char, s.end_char) for s in doc.spans[WEAPON_GROUP]}
    gold = {(e["start"], e["end"]) for e in seed_gold["entities"] if e["label"] == "WEAPON"}
    assert len(gold) == 13
    assert found == gold
