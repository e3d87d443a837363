"""What the reader filters the quote and fact lists by: entities, categories, text.

A quote or fact "involves" an entity when the entity is its speaker or
source, one of its parts, or is mentioned anywhere in its span. The sets
are computed once per document change (bisection over the sorted mentions),
in small steps while the window is idle, or at once when a filter needs them
first: for the 6,500 quotes and facts of a 100,000-word article they take
~70 ms, which neither an edit nor a filter click should pay in one go.
Re-filtering on every keystroke in the search box stays cheap.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
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


class Involvement:
    """The entity ids each row of a quote or fact table involves, worked out row by row when needed.

    The window works them out ahead in small steps while it is idle (compute_ahead), so a filter
    click usually finds them ready; a row asked for earlier is computed on the spot.
    """

    def __init__(
        self,
        document: Document | None,
        rows: Sequence[Any],
        involved_in: Callable[[Document, list[int], Any], set[str]],
    ) -> None:
        self._document, self._rows, self._involved_in = document, rows, involved_in
        self._per_row: list[set[str] | None] = [None] * (len(rows) if document is not None else 0)
        self._ahead = 0  # rows before this one have been worked out
        self._starts: list[int] | None = None
        self._labels: dict[str, str] | None = None

    def of_row(self, row: int) -> set[str]:
        if row >= len(self._per_row):
            return set()
        found = self._per_row[row]
        return found if found is not None else self._compute(row)

    def compute_ahead(self, count: int) -> bool:
        """Work out the next `count` rows; True once every row is done."""
        end = min(self._ahead + count, len(self._per_row))
        for row in range(self._ahead, end):
            if self._per_row[row] is None:
                self._compute(row)
        self._ahead = end
        return end >= len(self._per_row)

    def _compute(self, row: int) -> set[str]:
        assert self._document is not None  # rows exist only with a document
        if self._starts is None:
            self._starts = [m.start for m in self._document.mentions]
        involved = self._per_row[row] = self._involved_in(self._document, self._starts, self._rows[row])
        return involved

    def label_of(self, entity_id: str) -> str | None:
        if self._labels is None:
            entities = self._document.entities if self._document is not None else []
            self._labels = {e.id: e.label for e in entities}
        return self._labels.get(entity_id)


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
        self._remember_filter_shape()
        self._involvement = Involvement(None, [], quote_entities)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_involvement(self, involvement: Involvement) -> None:
        """New involvement after a document change; rows are re-filtered only if a filter is on."""
        self._involvement = involvement
        if self._filter.is_active():
            self.invalidateFilter()

    def set_filter(self, active: Filter) -> None:
        """A copy is kept: the window changes its Filter in place, and an unchanged filter skips the work."""
        if active == self._filter:
            return
        self._filter = replace(active, entity_ids=list(active.entity_ids), labels=set(active.labels))
        self._remember_filter_shape()
        self.invalidateFilter()

    def _remember_filter_shape(self) -> None:
        """What filterAcceptsRow needs, worked out once per filter change rather than once per row."""
        self._filter_on = self._filter.is_active()
        self._category_filtered = self._filter.category_filtered()
        self._needle = self._filter.text.strip().lower()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        if not self._filter_on:
            return True  # the common case, asked for every row after every document change
        active = self._filter
        if active.entity_ids or self._category_filtered:
            involved = self._involvement.of_row(source_row)
            if active.entity_ids and not set(active.entity_ids) <= involved:
                return False
            if self._category_filtered and not any(
                self._involvement.label_of(i) in active.labels for i in involved
            ):
                return False
        if self._needle:
            model = self.sourceModel()
            cells = (model.index(source_row, c, source_parent).data() for c in range(model.columnCount()))
            return any(self._needle in str(cell or "").lower() for cell in cells)
        return True
