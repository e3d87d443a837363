"""Dossier component dossier_numbers (being written)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("dossier_numbers")
def find_numbers(doc: Doc) -> Doc:
    return doc
