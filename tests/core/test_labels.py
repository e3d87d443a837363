from desktop.core.labels import CATEGORIES, category_for, colour_for, is_main_category


def test_spacy_labels_map_onto_the_five_categories() -> None:
    assert category_for("PERSON") == "PERSON"
    assert category_for("ORG") == "ORG"
    for place in ("GPE", "LOC", "FAC"):
        assert category_for(place) == "PLACE"
    for number in ("CARDINAL", "QUANTITY", "MONEY", "PERCENT"):
        assert category_for(number) == "NUMBER"


def test_other_labels_stay_extra_categories() -> None:
    for extra in ("DATE", "NORP", "EVENT", "WORK_OF_ART", "ORDINAL", "TIME"):
        assert category_for(extra) == extra
        assert not is_main_category(extra)


def test_each_category_has_its_own_colour() -> None:
    colours = [colour_for(label) for label in CATEGORIES]
    assert len(set(colours)) == len(CATEGORIES)
    assert colour_for("DATE") not in colours
