"""The five reading categories, their colours, and how spaCy labels map onto them."""

from __future__ import annotations

CATEGORIES: tuple[str, ...] = ("PERSON", "ORG", "PLACE", "WEAPON", "NUMBER")

# Colour-blind-friendly hues (Okabe-Ito family), pale enough to read black text on.
CATEGORY_COLOURS: dict[str, str] = {
    "PERSON": "#f4c27a",  # orange
    "ORG": "#8fc7ef",  # sky blue
    "PLACE": "#9bdcb8",  # bluish green
    "WEAPON": "#f29a9a",  # vermilion
    "NUMBER": "#d5b6e8",  # reddish purple
}
EXTRA_COLOUR = "#dddddd"

CATEGORY_TITLES: dict[str, str] = {
    "PERSON": "People",
    "ORG": "Organizations",
    "PLACE": "Places",
    "WEAPON": "Weapons",
    "NUMBER": "Numbers",
}

SPACY_TO_CATEGORY: dict[str, str] = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "PLACE",
    "LOC": "PLACE",
    "FAC": "PLACE",
    "CARDINAL": "NUMBER",
    "QUANTITY": "NUMBER",
    "MONEY": "NUMBER",
    "PERCENT": "NUMBER",
}


def category_for(spacy_label: str) -> str:
    """Map a spaCy entity label to a Dossier label.

    Labels outside the five (DATE, NORP, EVENT …) are kept under their own
    name so the reader can show them as hidden-by-default extras.
    """
    return SPACY_TO_CATEGORY.get(spacy_label, spacy_label)


def is_main_category(label: str) -> bool:
    return label in CATEGORIES


def colour_for(label: str) -> str:
    return CATEGORY_COLOURS.get(label, EXTRA_COLOUR)
