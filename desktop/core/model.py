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
    # the id of the mention this one restates in other units, and for a
    # range ("15 to 20 percent") its upper end, value being the lower one.
    value: float | None = None
    unit: str | None = None
    qualifier: str | None = None
    linked_to: str | None = None
    value_max: float | None = None


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
    # What the sentence asserts, made visible: "did not receive" is negated, "may strike"
    # has modality "may", and "unless the sanctions are lifted" is the fact's condition.
    negated: bool = False
    modality: str | None = None
    condition: FactPart | None = None
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
        self._shared: dict[int, object] = {}  # id → object; nothing is shared with a snapshot yet
        self._reindex()

    def _reindex(self) -> None:
        self._mention_by_id = {m.id: m for m in self.mentions}
        self._entity_by_id = {e.id: e for e in self.entities}
        self._starts = [m.start for m in self.mentions]

    def reindex(self) -> None:
        """Re-sort mentions and rebuild lookups after an edit changed the lists."""
        self.mentions.sort(key=lambda m: (m.start, m.end))
        self._reindex()

    def reindex_entities(self) -> None:
        """Rebuild the entity lookup only, after entities were added or removed (mentions untouched)."""
        self._entity_by_id = {e.id: e for e in self.entities}

    def snapshot(self) -> Annotations:
        """Everything an edit can change, sharing its objects with the document.

        Copying ~35,000 annotations of a 100,000-word article took most of a
        second per edit; sharing them costs a few milliseconds. It is safe
        because an edit never changes a shared object: it asks ``editable_*``
        for a private copy first (copy on write).
        """
        state = Annotations(
            list(self.mentions), list(self.entities), list(self.quotes), list(self.facts), list(self.deleted)
        )
        self._share_current_objects()
        return state

    def restore(self, state: Annotations) -> None:
        """Go back to a snapshot; the snapshot stays reusable (undo, then redo, then undo …)."""
        self.mentions, self.entities = list(state.mentions), list(state.entities)
        self.quotes, self.facts, self.deleted = list(state.quotes), list(state.facts), list(state.deleted)
        self._share_current_objects()
        self._reindex()

    def _share_current_objects(self) -> None:
        # The objects themselves are kept, not only their ids: an id can be reused by a new object
        # once the old one is gone, and a new object must never count as shared.
        groups: tuple[list[Any], ...] = (self.mentions, self.entities, self.quotes, self.facts)
        self._shared = {id(item): item for items in groups for item in items}

    def _is_shared(self, item: object) -> bool:
        return self._shared.get(id(item)) is item

    def editable_mention(self, mention_id: str) -> Mention:
        """The mention, safe to change: a copy takes its place if a snapshot shares it."""
        mention = self._mention_by_id[mention_id]
        if not self._is_shared(mention):
            return mention
        clone = copy.copy(mention)
        index = bisect.bisect_left(self._starts, mention.start)
        while self.mentions[index] is not mention:
            index += 1
        self.mentions[index] = self._mention_by_id[mention_id] = clone
        return clone

    def editable_entity(self, entity_id: str) -> Entity:
        """The entity, safe to change (see editable_mention)."""
        entity = self._entity_by_id[entity_id]
        if not self._is_shared(entity):
            return entity
        clone = _clone_entity(entity)
        _swap(self.entities, entity, clone)
        self._entity_by_id[entity_id] = clone
        return clone

    def editable_quote(self, quote_id: str) -> Quote:
        """The quote, safe to change (see editable_mention)."""
        quote = next(q for q in self.quotes if q.id == quote_id)
        if not self._is_shared(quote):
            return quote
        clone = copy.copy(quote)
        clone.fragments = list(quote.fragments)
        _swap(self.quotes, quote, clone)
        return clone

    def editable_fact(self, fact_id: str) -> Fact:
        """The fact and its parts, safe to change (see editable_mention)."""
        fact = next(f for f in self.facts if f.id == fact_id)
        if not self._is_shared(fact):
            return fact
        clone = _clone_fact(fact)
        _swap(self.facts, fact, clone)
        return clone

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


def _swap(items: list[Any], old: object, new: object) -> None:
    """Put `new` where `old` is (by identity: equal objects are not the same object)."""
    index = next(i for i, item in enumerate(items) if item is old)
    items[index] = new


def _clone_entity(entity: Entity) -> Entity:
    clone = copy.copy(entity)
    clone.mention_ids, clone.aliases = list(entity.mention_ids), list(entity.aliases)
    return clone


def _clone_part(part: FactPart) -> FactPart:
    clone = copy.copy(part)
    clone.entity_ids = list(part.entity_ids)
    return clone


def _clone_fact(fact: Fact) -> Fact:
    clone = copy.copy(fact)
    clone.subject = _clone_part(fact.subject) if fact.subject else None
    clone.object = _clone_part(fact.object) if fact.object else None
    clone.predicate = _clone_part(fact.predicate)
    clone.qualifiers = [_clone_part(q) for q in fact.qualifiers]
    clone.condition = _clone_part(fact.condition) if fact.condition else None
    return clone
