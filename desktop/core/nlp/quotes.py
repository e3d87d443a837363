"""Dossier component dossier_quotes (being written)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("dossier_quotes")
def find_quotes(doc: Doc) -> Doc:
    return doc
