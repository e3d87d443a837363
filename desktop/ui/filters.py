"""What the reader filters the quote and fact lists by: entities, categories, text.

A quote or fact "involves" an entity when the entity is its speaker or
source, one of its parts, or is mentioned anywhere in its span. The sets
are computed once per document change (bisection over the sorted mentions),
so re-filtering on every keystroke in the search box stays cheap.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from desktop.core.labels import CATEGORIES
from desktop.core.model import Document, Fact, Quote


@dataclass
class Filter:
    """The active filter; empty means everything shows."""

    entity_ids: list[str] = field(default_factory=list)
    labels: set[str] = field(default_factory=lambda: set(CATEGORIES))  # categories checked in the legend
    text: str = ""

    def category_filtered(self) -> bool:
        return not set(CATEGORIES) <= self.labels

    def is_active(self) -> bool:
        return bool(self.entity_ids or self.text.strip() or self.category_filtered())


def _mentioned_in(document: Document, starts: list[int], start: int, end: int) -> set[str]:
    ids: set[str] = set()
    first = bisect.bisect_left(starts, start)
    for mention in document.mentions[first : bisect.bisect_left(starts, end)]:
        if mention.entity_id is not None and mention.end <= end:
            ids.add(mention.entity_id)
    return ids


def quote_entities(document: Document, starts: list[int], quote: Quote) -> set[str]:
    ids = _mentioned_in(document, starts, quote.start, quote.end)
    if quote.speaker_start is not None and quote.speaker_end is not None:
        ids |= _mentioned_in(document, starts, quote.speaker_start, quote.speaker_end)
    if quote.speaker_entity_id:
        ids.add(quote.speaker_entity_id)
    return ids


def fact_entities(document: Document, starts: list[int], fact: Fact) -> set[str]:
    ids = _mentioned_in(document, starts, fact.sentence_start, fact.sentence_end)
    for part in (fact.subject, fact.predicate, fact.object, *fact.qualifiers):
        if part is not None:
            ids.update(part.entity_ids)
    if fact.source_entity_id:
        ids.add(fact.source_entity_id)
    return ids


class InvolvementProxy(QSortFilterProxyModel):
    """Rows of a quote or fact table that pass the filter: all its entities, a category, the text."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._filter = Filter()
        self._entities: list[set[str]] = []  # per source row
        self._labels: dict[str, str] = {}  # entity id -> label
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_involvement(self, per_row: list[set[str]], labels: dict[str, str]) -> None:
        self._entities = per_row
        self._labels = labels
        self.invalidateFilter()

    def set_filter(self, active: Filter) -> None:
        self._filter = active
        self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        if source_row >= len(self._entities):
            return True
        involved = self._entities[source_row]
        active = self._filter
        if active.entity_ids and not set(active.entity_ids) <= involved:
            return False
        if active.category_filtered() and not any(self._labels.get(i) in active.labels for i in involved):
            return False
        needle = active.text.strip().lower()
        if needle:
            model = self.sourceModel()
            cells = (model.index(source_row, c, source_parent).data() for c in range(model.columnCount()))
            return any(needle in str(cell or "").lower() for cell in cells)
        return True
