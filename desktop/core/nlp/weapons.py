"""Dossier component dossier_weapons (being written)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("dossier_weapons")
def find_weapons(doc: Doc) -> Doc:
    return doc
