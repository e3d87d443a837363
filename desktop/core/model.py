"""The annotated document: text plus mentions, entities, quotes and facts.

Everything is addressed by character offsets into ``Document.text``; the
views and the exporter never see a spaCy ``Doc``. Origins say who produced
an annotation ("model", "rule" or "user") so that user edits can win over
re-analysis.
"""

from __future__ import annotations

import bisect
import copy
from dataclasses import dataclass, field
from typing import Any

ORIGINS = ("model", "rule", "user")


@dataclass
class Mention:
    """One highlighted span of text with its category."""

    id: str
    start: int
    end: int
    label: str
    text: str
    origin: str = "model"
    entity_id: str | None = None
    # Numbers only: normalized value, unit, hedge ("about", "at least"),
    # and the id of the mention this one restates in other units.
    value: float | None = None
    unit: str | None = None
    qualifier: str | None = None
    linked_to: str | None = None


@dataclass
class Entity:
    """Mentions that name the same thing, under one canonical name."""

    id: str
    label: str
    name: str
    mention_ids: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    origin: str = "model"


@dataclass
class Quote:
    """Something a source is reported to have said, tied to the text."""

    id: str
    kind: str  # direct | indirect | mixed
    start: int
    end: int
    text: str
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_entity_id: str | None = None
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    fragments: list[tuple[int, int]] = field(default_factory=list)
    origin: str = "rule"


@dataclass
class FactPart:
    """A piece of a fact (subject, predicate, object, qualifier) and its evidence."""

    text: str
    start: int
    end: int
    entity_ids: list[str] = field(default_factory=list)
    label: str | None = None  # qualifiers only: NUMBER, PLACE, TIME


@dataclass
class Fact:
    """One checkable claim from one sentence."""

    id: str
    sentence_start: int
    sentence_end: int
    subject: FactPart | None
    predicate: FactPart
    object: FactPart | None = None
    qualifiers: list[FactPart] = field(default_factory=list)
    source: str | None = None
    source_entity_id: str | None = None
    quote_id: str | None = None
    status: str = "unverified"  # unverified | verified | disputed
    note: str = ""
    origin: str = "rule"


@dataclass
class Annotations:
    """What a snapshot holds: the editable part of a Document."""

    mentions: list[Mention]
    entities: list[Entity]
    quotes: list[Quote]
    facts: list[Fact]
    deleted: list[tuple[int, int, str]]


@dataclass
class Document:
    """An article and everything found in it."""

    text: str
    source: str | None = None
    title: str | None = None
    pipeline: dict[str, Any] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    # Spans the user deleted, as (start, end, label), so re-analysis never
    # resurrects them.
    deleted: list[tuple[int, int, str]] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.mentions.sort(key=lambda m: (m.start, m.end))
        self._reindex()

    def _reindex(self) -> None:
        self._mention_by_id = {m.id: m for m in self.mentions}
        self._entity_by_id = {e.id: e for e in self.entities}
        self._starts = [m.start for m in self.mentions]

    def reindex(self) -> None:
        """Re-sort mentions and rebuild lookups after an edit changed the lists."""
        self.mentions.sort(key=lambda m: (m.start, m.end))
        self._reindex()

    def snapshot(self) -> Annotations:
        """A deep copy of everything an edit can change (the text never changes)."""
        return _clone(Annotations(self.mentions, self.entities, self.quotes, self.facts, self.deleted))

    def restore(self, state: Annotations) -> None:
        """Go back to a snapshot; the snapshot stays reusable (undo, then redo, then undo …)."""
        state = _clone(state)
        self.mentions, self.entities, self.quotes = state.mentions, state.entities, state.quotes
        self.facts, self.deleted = state.facts, state.deleted
        self._reindex()

    def mention(self, mention_id: str) -> Mention:
        return self._mention_by_id[mention_id]

    def entity(self, entity_id: str) -> Entity:
        return self._entity_by_id[entity_id]

    def has_entity(self, entity_id: str) -> bool:
        """Whether an id (say, one a view remembered across an edit) still names an entity."""
        return entity_id in self._entity_by_id

    def entity_mentions(self, entity_id: str) -> list[Mention]:
        """Mentions of an entity in reading order."""
        entity = self._entity_by_id[entity_id]
        return sorted((self._mention_by_id[i] for i in entity.mention_ids), key=lambda m: m.start)

    def mention_at(self, position: int) -> Mention | None:
        """The mention covering a character position, if any (innermost wins)."""
        index = bisect.bisect_right(self._starts, position)
        best: Mention | None = None
        # Mentions never nest deeply; a short look back is enough.
        for mention in reversed(self.mentions[max(0, index - 8) : index]):
            if mention.start <= position < mention.end and (
                best is None or mention.end - mention.start < best.end - best.start
            ):
                best = mention
        return best

    def mentions_with_label(self, label: str) -> list[Mention]:
        return [m for m in self.mentions if m.label == label]

    def labels(self) -> list[str]:
        """All labels present, in first-seen order."""
        return list(dict.fromkeys(m.label for m in self.mentions))


def _clone(state: Annotations) -> Annotations:
    """Copy deep enough that edits to one copy never show in the other.

    Hand-written rather than copy.deepcopy: it is ~30x faster, which keeps an
    edit on a 100,000-word article well under 100 ms.
    """

    def entity(e: Entity) -> Entity:
        clone = copy.copy(e)
        clone.mention_ids, clone.aliases = list(e.mention_ids), list(e.aliases)
        return clone

    def quote(q: Quote) -> Quote:
        clone = copy.copy(q)
        clone.fragments = list(q.fragments)
        return clone

    def part(p: FactPart | None) -> FactPart | None:
        if p is None:
            return None
        clone = copy.copy(p)
        clone.entity_ids = list(p.entity_ids)
        return clone

    def fact(f: Fact) -> Fact:
        clone = copy.copy(f)
        clone.subject, clone.object = part(f.subject), part(f.object)
        clone.predicate = part(f.predicate) or f.predicate
        clone.qualifiers = [q for q in map(part, f.qualifiers) if q]
        return clone

    return Annotations(
        [copy.copy(m) for m in state.mentions],
        [entity(e) for e in state.entities],
        [quote(q) for q in state.quotes],
        [fact(f) for f in state.facts],
        list(state.deleted),
    )
