"""Qt item models over the core Document: the views read through these, never own data.

EntityTreeModel: categories (with counts) → entities (with mention counts,
most mentioned first). QuoteTableModel and FactTableModel: one row per quote
or fact. Each row knows the character span it selects in the article.
"""

from __future__ import annotations

from abc import abstractmethod
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from desktop.core.attribution import UNKNOWN_SPEAKER, credited_as, credited_name, quote_display_text
from desktop.core.labels import CATEGORIES, CATEGORY_TITLES, colour_for
from desktop.core.model import Document, Entity, Fact, FactPart, Quote

ENTITY_ID_ROLE = Qt.ItemDataRole.UserRole + 1
LABEL_ROLE = Qt.ItemDataRole.UserRole + 2
SPAN_ROLE = Qt.ItemDataRole.UserRole + 3  # (start, end) in the article
ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 4  # a quote's or fact's id
ENTITY_MIME = "application/x-dossier-entity-ids"

AnyIndex = QModelIndex | QPersistentModelIndex

_CATEGORY_ID = 0  # internal id of category rows; an entity row's is its category's row + 1
_CATEGORY_FLAGS = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
_ENTITY_FLAGS = _CATEGORY_FLAGS | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled


# spaCy's labels outside the five, as the legend names them.
EXTRA_TITLES = {
    "NORP": "Nationalities, groups",
    "DATE": "Dates",
    "TIME": "Times",
    "EVENT": "Events",
    "WORK_OF_ART": "Titles of works",
    "LAW": "Laws",
    "LANGUAGE": "Languages",
    "PRODUCT": "Products",
    "ORDINAL": "Ordinals",
}


def label_title(label: str) -> str:
    return CATEGORY_TITLES.get(label) or EXTRA_TITLES.get(label) or label.replace("_", " ").title()


def swatch(label: str, size: int = 12) -> QIcon:
    """A small square in the category's colour, as in the article."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = QColor(colour_for(label))
    painter.setPen(colour.darker(140))
    painter.setBrush(colour)
    painter.drawRoundedRect(0, 0, size - 1, size - 1, 3, 3)
    painter.end()
    return QIcon(pixmap)


@dataclass
class _CategoryNode:
    label: str
    entities: list[Entity] = field(default_factory=list)
    mention_count: int = 0


class EntityTreeModel(QAbstractItemModel):
    """Two levels: a row per category, under it a row per entity. Columns: name, mentions.

    Dragging entities onto another entity asks for a merge (merge_requested);
    the model itself never changes its data, the window's edit does.
    """

    COLUMNS = ("Entity", "Mentions")
    merge_requested = Signal(str, list)  # target entity id, the dropped entity ids

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._categories: list[_CategoryNode] = []
        self._bold = QFont()
        self._bold.setBold(True)

    def set_document(self, document: Document | None) -> None:
        self.beginResetModel()
        self._categories = _categories_of(document) if document is not None else []
        self.endResetModel()

    def labels(self) -> list[str]:
        return [node.label for node in self._categories]

    def category_index(self, label: str) -> QModelIndex:
        for row, node in enumerate(self._categories):
            if node.label == label:
                return self.index(row, 0)
        return QModelIndex()

    def entity_index(self, entity_id: str) -> QModelIndex:
        for category_row, node in enumerate(self._categories):
            for row, entity in enumerate(node.entities):
                if entity.id == entity_id:
                    return self.index(row, 0, self.index(category_row, 0))
        return QModelIndex()

    # Qt model interface

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        # Bounds checked here rather than with hasIndex(), which calls back into Python twice: the
        # view asks for every entity row after each reset.
        if not 0 <= column < len(self.COLUMNS):
            return QModelIndex()
        if not parent.isValid():
            return (
                self.createIndex(row, column, _CATEGORY_ID)
                if 0 <= row < len(self._categories)
                else QModelIndex()
            )
        if parent.internalId() != _CATEGORY_ID or parent.column() != 0:
            return QModelIndex()
        if not 0 <= row < len(self._categories[parent.row()].entities):
            return QModelIndex()
        return self.createIndex(row, column, parent.row() + 1)  # entity rows: their category's row + 1

    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == _CATEGORY_ID:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _CATEGORY_ID)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._categories)
        if parent.internalId() == _CATEGORY_ID and parent.column() == 0:
            return len(self._categories[parent.row()].entities)
        return 0

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return len(self.COLUMNS)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        # Constants: the view asks for every visible row after each reset, and combining Qt's enum
        # flags in Python is slow enough to show on 3,000 entities.
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _CATEGORY_FLAGS if index.internalId() == _CATEGORY_ID else _ENTITY_FLAGS

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction | Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [ENTITY_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override]
        ids = list(dict.fromkeys(i.data(ENTITY_ID_ROLE) for i in indexes if i.data(ENTITY_ID_ROLE)))
        mime = QMimeData()
        mime.setData(ENTITY_MIME, "\n".join(ids).encode("utf-8"))
        return mime

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        return data.hasFormat(ENTITY_MIME) and parent.isValid() and parent.internalId() != _CATEGORY_ID

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        """Dropped on an entity row: merge the dragged entities into it."""
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        target = parent.data(ENTITY_ID_ROLE)
        dropped = [i for i in bytes(data.data(ENTITY_MIME).data()).decode("utf-8").split("\n") if i]
        dropped = [i for i in dropped if i != target]
        if dropped:
            self.merge_requested.emit(target, dropped)
        return False  # nothing moves in the model: the merge edit resets it

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == _CATEGORY_ID:
            return self._category_data(self._categories[index.row()], index.column(), role)
        node = self._categories[index.internalId() - 1]
        return self._entity_data(node.entities[index.row()], index.column(), role)

    def _category_data(self, node: _CategoryNode, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return f"{label_title(node.label)}  ({len(node.entities)})"
            return node.mention_count
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return swatch(node.label)
        if role == Qt.ItemDataRole.FontRole and column == 0:
            return self._bold
        if role == Qt.ItemDataRole.ForegroundRole and not node.entities:
            return QColor("#8a8a8a")
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == LABEL_ROLE:
            return node.label
        return None

    def _entity_data(self, entity: Entity, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return entity.name if column == 0 else len(entity.mention_ids)
        if role == Qt.ItemDataRole.ToolTipRole:
            aliases = [a for a in entity.aliases if a != entity.name]
            also = f"\nAlso: {', '.join(aliases)}" if aliases else ""
            return f"{entity.name} — {label_title(entity.label)}, {len(entity.mention_ids)} mentions{also}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == ENTITY_ID_ROLE:
            return entity.id
        if role == LABEL_ROLE:
            return entity.label
        return None


def _categories_of(document: Document) -> list[_CategoryNode]:
    """The five categories always (so the panel keeps its shape), then any extra label present."""
    extra = [label for label in document.labels() if label not in CATEGORIES]
    nodes = {label: _CategoryNode(label) for label in (*CATEGORIES, *extra)}
    for entity in document.entities:
        node = nodes.get(entity.label)
        if node is None:
            node = nodes[entity.label] = _CategoryNode(entity.label)
        node.entities.append(entity)
        node.mention_count += len(entity.mention_ids)
    for node in nodes.values():
        node.entities.sort(key=lambda e: (-len(e.mention_ids), e.name.lower()))
    return list(nodes.values())


class _RowsModel(QAbstractTableModel):
    """A flat table over one of the document's lists; subclasses name the list and the columns."""

    COLUMNS: tuple[str, ...] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def set_document(self, document: Document | None) -> None:
        self.beginResetModel()
        self._rows = self.rows_of(document) if document is not None else []
        self.endResetModel()

    @staticmethod
    @abstractmethod
    def rows_of(document: Document) -> list[Any]: ...

    @staticmethod
    @abstractmethod
    def cell(row: Any, column: int) -> str: ...

    @staticmethod
    @abstractmethod
    def span_of(row: Any) -> tuple[int, int]: ...

    @staticmethod
    def tooltip(row: Any, column: int) -> str | None:
        return None

    def font(self, row: Any, column: int) -> QFont | None:
        """A cell's own font (italic for what is unsure); None: the view's."""
        return None

    def rows(self) -> list[Any]:
        return list(self._rows)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, index.column()) or self.cell(row, index.column())
        if role == Qt.ItemDataRole.FontRole:
            return self.font(row, index.column())
        if role == SPAN_ROLE:
            return self.span_of(row)
        if role == ITEM_ID_ROLE:
            return row.id
        return None


class QuoteTableModel(_RowsModel):
    """Quotes with who was credited ("he → Jens Stoltenberg", "officials (unresolved)")."""

    COLUMNS = ("Speaker", "Cue", "Quote")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._document: Document | None = None

    def set_document(self, document: Document | None) -> None:
        self._document = document
        super().set_document(document)

    @staticmethod
    def rows_of(document: Document) -> list[Quote]:
        return document.quotes

    def cell(self, row: Quote, column: int) -> str:  # type: ignore[override]
        document = self._document
        if column == 0:
            return credited_as(document, row) if document is not None else row.speaker or UNKNOWN_SPEAKER
        if column == 1:
            return row.cue or ""
        return quote_display_text(document.text, row) if document is not None else row.text

    @staticmethod
    def span_of(row: Quote) -> tuple[int, int]:
        return (row.start, row.end)

    def font(self, row: Quote, column: int) -> QFont | None:
        if column != 0 or self._document is None or credited_name(self._document, row) is not None:
            return None
        unsure = QFont()
        unsure.setItalic(True)  # credited to nobody: the reader should see it at a glance
        return unsure

    def tooltip(self, row: Quote, column: int) -> str | None:  # type: ignore[override]
        document = self._document
        name = credited_name(document, row) if document is not None else None
        who = row.speaker or "unknown speaker"
        credit = f"credited to {name}" if name else "credited to no named entity"
        cue = f" ({row.cue})" if row.cue else ""
        edited = " · corrected by you" if row.origin == "user" else ""
        said = quote_display_text(document.text, row) if document is not None else row.text
        return f"{row.kind.capitalize()} quote, {who}{cue}: {credit}{edited}\n{said}"


def _part_text(part: FactPart | None) -> str:
    return part.text if part is not None else ""


STATUS_MARKS = {"unverified": "", "verified": "✓ verified", "disputed": "✗ disputed"}


class FactTableModel(_RowsModel):
    COLUMNS = ("Fact", "Source", "Status")

    @staticmethod
    def rows_of(document: Document) -> list[Fact]:
        return document.facts

    @staticmethod
    def cell(row: Fact, column: int) -> str:
        if column == 1:
            return row.source or ""
        if column == 2:
            return STATUS_MARKS.get(row.status, row.status)
        claim = " — ".join(
            filter(None, (_part_text(row.subject), row.predicate.text, _part_text(row.object)))
        )
        qualifiers = ", ".join(q.text for q in row.qualifiers)
        claim = f"{claim} ({qualifiers})" if qualifiers else claim
        return f"{claim} [{row.condition.text}]" if row.condition is not None else claim

    @staticmethod
    def span_of(row: Fact) -> tuple[int, int]:
        return (row.sentence_start, row.sentence_end)

    @staticmethod
    def tooltip(row: Fact, column: int) -> str | None:
        if column == 2 and row.note:
            return f"{row.status.capitalize()}: {row.note}"
        if column == 0:
            return fact_assertion(row) or None
        return None


def fact_assertion(fact: Fact) -> str:
    """What the sentence asserts beyond who did what: "denied · may · only if: unless …"."""
    marks = ["negated (the sentence denies it)"] if fact.negated else []
    if fact.modality:
        marks.append(f"modality: {fact.modality}")
    if fact.condition is not None:
        marks.append(f"condition: {fact.condition.text}")
    return " · ".join(marks)
