"""Dossier component dossier_names (being written)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("dossier_names")
def find_names(doc: Doc) -> Doc:
    return doc
