"""Dossier component dossier_facts (being written)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("dossier_facts")
def find_facts(doc: Doc) -> Doc:
    return doc
