"""Names of the span groups and extensions the components share.

Each Dossier component stores its results in ``doc.spans[GROUP]``; per-span
details live in a custom extension whose name is unique to the component
(span extensions are keyed by character offsets, so two components must not
share one name).
"""

from __future__ import annotations

from spacy.tokens import Span

HEADING_GROUP = "dossier_headings"  # headline, subheading and byline lines: never a quote or a fact
NAME_GROUP = "dossier_names"  # PERSON/ORG/PLACE spans from rules (datelines, lexicon …)
WEAPON_GROUP = "dossier_weapons"  # WEAPON spans
NUMBER_GROUP = "dossier_numbers"  # NUMBER spans, details in span._.dossier_number
ENTITY_GROUP = "dossier_entities"  # the resolved, non-overlapping mentions
QUOTE_GROUP = "dossier_quotes"  # quote content spans, details in span._.dossier_quote
FACT_GROUP = "dossier_facts"  # fact clause spans, details in span._.dossier_fact

# span._.dossier_origin: "model" or "rule" on ENTITY_GROUP spans.
# span._.dossier_number: {"value": float|None, "value_max": float|None, "unit": str|None,
#     "qualifier": str|None, "linked_to": [start_char, end_char]|None}
#     A range ("3,000 to 5,000", "$2-3 billion") has value = its lower end and value_max = its upper
#     end, both in the same unit and scale (2e9 and 3e9 USD); value_max is None for a single number.
# span._.dossier_quote: {"kind", "speaker": [s, e]|None, "speaker_resolved": [s, e]|None,
#     "cue": [s, e]|None, "fragments": [[s, e], …]}   (character offsets)
# span._.dossier_fact: {"subject": [s, e]|None, "subject_resolved": [s, e]|None (a pronoun's person),
#     "predicate": [s, e], "object": [s, e]|None, "qualifiers": [[s, e, label], …], "source": [s, e]|None,
#     "source_resolved": [s, e]|None, "quote": [s, e]|None, "negated": bool, "modality": str|None,
#     "condition": [s, e]|None ("unless the sanctions are lifted")}
#     A resolved offset pair is a named mention; None means credited to no entity.
for _name in ("dossier_origin", "dossier_number", "dossier_quote", "dossier_fact"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)
