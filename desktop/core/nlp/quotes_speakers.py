"""Speakers of quotes: the span as written, and the named mention it refers to.

News names a source once and then calls it "he", "the agency" or "the
ministry"; the reader wants the name. Resolution looks back through the
resolved mentions (``doc.spans[ENTITY_GROUP]``) for the nearest compatible
one, preferring sources already quoted, since a description usually
points at the source the article is following.
"""

from __future__ import annotations

import json
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

from spacy.tokens import Doc, Span, Token

from desktop.core.nlp.spans import ENTITY_GROUP
from desktop.core.resources import resource_path

_SPEAKER_LABELS = ("PERSON", "ORG", "PLACE")
_MODEL_LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE"}
# Dependents that belong to a speaker's name ("the leader of the party"); an
# apposition or relative clause after it is extra information, not the name.
_DESCRIPTION_LOOKBACK = 20  # mentions searched back for one a description names ("the agency")
_NAME_RIGHT_DEPS = {"compound", "prep", "pobj", "nummod", "poss", "amod", "nmod", "flat", "case"}


@dataclass(frozen=True)
class Cues:
    """The quote finder's lexicon, from resources/cues.json."""

    speech_verbs: frozenset[str]
    clause_verbs: frozenset[str]
    phrase_cues: tuple[tuple[str, ...], ...]
    person_pronouns: frozenset[str]
    org_pronouns: frozenset[str]
    plural_pronouns: frozenset[str]
    labeling_verbs: frozenset[str]
    title_small_words: frozenset[str]
    prepositional_cues: dict[str, tuple[str, ...]]
    description_heads: dict[str, str]
    circumstance_prepositions: frozenset[str]


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    data = json.loads(resource_path("cues.json").read_text(encoding="utf-8"))
    return Cues(
        speech_verbs=frozenset(data["speech_verbs"]),
        clause_verbs=frozenset(data["clause_verbs"]),
        phrase_cues=tuple(tuple(p) for p in data["phrase_cues"]),
        person_pronouns=frozenset(data["person_pronouns"]),
        org_pronouns=frozenset(data["org_pronouns"]),
        plural_pronouns=frozenset(data["plural_pronouns"]),
        labeling_verbs=frozenset(data["labeling_verbs"]),
        title_small_words=frozenset(data["title_small_words"]),
        prepositional_cues={verb: tuple(preps) for verb, preps in data["prepositional_cues"].items()},
        description_heads=dict(data["description_heads"]),
        circumstance_prepositions=frozenset(data["circumstance_prepositions"]),
    )


def speaker_span(token: Token) -> Span:
    """The noun phrase a subject token heads, cut before appositions and clauses."""
    doc = token.doc
    start, end = token.left_edge.i, token.i + 1
    for child in token.rights:
        if child.dep_ in _NAME_RIGHT_DEPS and child.left_edge.i == end:
            end = child.right_edge.i + 1
        else:
            break
    breaks = [t.i for t in doc[start:end] if "\n" in t.text and t.i < token.i]
    if breaks:
        start = breaks[-1] + 1  # a dateline or timestamp line above is not part of the name
    while start < end - 1 and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end - 1 > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start:end]


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    label: str
    text: str  # lowercase
    head_lemma: str  # lemma of the word the mention's last token attaches to


class SpeakerResolver:
    """Resolve speakers left to right through one document."""

    def __init__(self, doc: Doc, cues: Cues) -> None:
        self._cues = cues
        spans = doc.spans.get(ENTITY_GROUP)
        if spans is not None:
            pairs = [(s, s.label_) for s in spans if s.label_ in _SPEAKER_LABELS]
        else:
            pairs = [(e, _MODEL_LABELS[e.label_]) for e in doc.ents if e.label_ in _MODEL_LABELS]
        self._mentions = sorted(
            (
                _Mention(s.start_char, s.end_char, label, s.text.lower(), s[-1].head.lemma_.lower())
                for s, label in pairs
            ),
            key=lambda m: m.start,
        )
        self._starts = [m.start for m in self._mentions]
        self._speakers: list[_Mention] = []  # resolved speakers so far, in text order

    def named_in(self, start: int, end: int) -> _Mention | None:
        """The longest mention inside [start, end)."""
        best = None
        for mention in self._mentions[bisect_left(self._starts, start) :]:
            if mention.start >= end:
                break
            if mention.end <= end and (best is None or mention.end - mention.start > best.end - best.start):
                best = mention
        return best

    def _before(self, offset: int, label: str) -> Iterator[_Mention]:
        """Mentions of a label that start before offset, nearest first."""
        for i in range(bisect_left(self._starts, offset) - 1, -1, -1):
            if self._mentions[i].label == label:
                yield self._mentions[i]

    def _last_speaker(self, offset: int, label: str) -> _Mention | None:
        return next((m for m in reversed(self._speakers) if m.label == label and m.start < offset), None)

    def resolve(self, speaker: Span, apposition: Span | None = None) -> tuple[int, int] | None:
        """Offsets of the named mention a speaker stands for; None when nothing fits."""
        found = self.named_in(speaker.start_char, speaker.end_char)
        if found is None and apposition is not None:
            found = self.named_in(apposition.start_char, apposition.end_char)
        if found is None:
            found = self._antecedent(speaker)
        if found is None:
            return None
        self._speakers.append(found)
        return found.start, found.end

    def _antecedent(self, speaker: Span) -> _Mention | None:
        words = [t.lower_ for t in speaker if not t.is_punct]
        if not words:
            return None
        offset = speaker.start_char
        if len(words) == 1 and words[0] in self._cues.person_pronouns:
            return self._last_speaker(offset, "PERSON") or next(self._before(offset, "PERSON"), None)
        if len(words) == 1 and words[0] in self._cues.org_pronouns:
            return self._last_speaker(offset, "ORG")
        head = speaker.root.lemma_.lower() or words[-1]
        label = self._cues.description_heads.get(head)
        if label is None or speaker.root.pos_ == "PROPN":
            return None
        for mention in islice(self._before(offset, label), _DESCRIPTION_LOOKBACK):
            if mention.head_lemma == head or head in mention.text.split():
                return mention  # "the TASS news agency" / "the Ministry of Defence" earlier
        return self._last_speaker(offset, label) or next(self._before(offset, label), None)
