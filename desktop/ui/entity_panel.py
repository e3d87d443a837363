"""The side panel: legend (which categories are highlighted) and tabs for entities, quotes, facts."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QItemSelection, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.labels import CATEGORIES
from desktop.core.model import Document
from desktop.ui.models import (
    ENTITY_ID_ROLE,
    SPAN_ROLE,
    EntityTreeModel,
    FactTableModel,
    QuoteTableModel,
    label_title,
    swatch,
)

LEGEND_COLUMNS = 2


class Legend(QGroupBox):
    """A checkbox per category: the five always (checked), extra labels as found (unchecked)."""

    visibility_changed = Signal(str, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Highlight", parent)
        self.setObjectName("legend")
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(10, 6, 10, 8)
        self._grid.setHorizontalSpacing(16)
        self._grid.setVerticalSpacing(4)
        self._boxes: dict[str, QCheckBox] = {}
        self._extras_title = QLabel("Other labels")
        self._extras_title.setObjectName("legendExtrasTitle")
        for label in CATEGORIES:
            self._add_box(label, checked=True)
        self._relayout()

    def checkbox(self, label: str) -> QCheckBox:
        return self._boxes[label]

    def labels(self) -> list[str]:
        return list(self._boxes)

    def visible_labels(self) -> set[str]:
        return {label for label, box in self._boxes.items() if box.isChecked()}

    def set_document(self, document: Document | None) -> None:
        """Extra labels of the new document get boxes (kept checked if the user had checked them)."""
        counts: dict[str, int] = {}
        for mention in document.mentions if document is not None else []:
            counts[mention.label] = counts.get(mention.label, 0) + 1
        for label in [label for label in self._boxes if label not in CATEGORIES and label not in counts]:
            self._boxes.pop(label).deleteLater()
        for label in counts:
            if label not in self._boxes:
                self._add_box(label, checked=False)
        for label, box in self._boxes.items():
            box.setText(f"{label_title(label)} ({counts.get(label, 0)})")
        self._relayout()

    def _add_box(self, label: str, checked: bool) -> None:
        box = QCheckBox(label_title(label))
        box.setObjectName(f"legend_{label}")
        box.setIcon(swatch(label, 14))
        box.setChecked(checked)
        box.toggled.connect(lambda on, label=label: self.visibility_changed.emit(label, on))
        self._boxes[label] = box

    def _relayout(self) -> None:
        while self._grid.count():
            self._grid.takeAt(0)
        main = [self._boxes[label] for label in CATEGORIES]
        extras = [box for label, box in self._boxes.items() if label not in CATEGORIES]
        for i, box in enumerate(main):
            self._grid.addWidget(box, i // LEGEND_COLUMNS, i % LEGEND_COLUMNS)
        row = (len(main) + LEGEND_COLUMNS - 1) // LEGEND_COLUMNS
        self._extras_title.setVisible(bool(extras))
        if extras:
            self._grid.addWidget(self._extras_title, row, 0, 1, LEGEND_COLUMNS)
            row += 1
        for i, box in enumerate(extras):
            self._grid.addWidget(box, row + i // LEGEND_COLUMNS, i % LEGEND_COLUMNS)


class SpanTable(QTableView):
    """Quotes or facts: rows grow to their wrapped text; one column stretches, the others keep a width."""

    def __init__(self, object_name: str, stretch_column: int, widths: dict[int, int]) -> None:
        super().__init__()
        self.setObjectName(object_name)
        self._stretch_column = stretch_column
        self._widths = widths
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft)
        self.horizontalHeader().setStretchLastSection(False)

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        if model is not None:
            model.modelReset.connect(self._size_columns)
            self._size_columns()

    def _size_columns(self) -> None:
        header = self.horizontalHeader()
        for column in range(header.count()):
            if column == self._stretch_column:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
            else:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                self.setColumnWidth(column, self._widths.get(column, 100))


class EntityPanel(QWidget):
    """Entities grouped by category, quotes, facts; reports what the reader picks."""

    entity_selected = Signal(str)
    span_selected = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entityPanel")
        self.legend = Legend()
        self.entity_model = EntityTreeModel(self)
        self.quote_model = QuoteTableModel(self)
        self.fact_model = FactTableModel(self)

        self.entity_tree = QTreeView()
        self.entity_tree.setObjectName("entityTree")
        self.entity_tree.setModel(self.entity_model)
        self.entity_tree.setUniformRowHeights(True)
        self.entity_tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.entity_tree.setAlternatingRowColors(True)
        header = self.entity_tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.entity_tree.selectionModel().selectionChanged.connect(self._on_entity_selection_changed)
        self.entity_tree.clicked.connect(self._on_entity_clicked)

        self.quote_list = SpanTable("quoteList", stretch_column=2, widths={0: 120, 1: 72})
        self.quote_list.setModel(self.quote_model)
        self.quote_list.clicked.connect(self._on_row_clicked)
        self.fact_list = SpanTable("factList", stretch_column=0, widths={1: 110})
        self.fact_list.setModel(self.fact_model)
        self.fact_list.clicked.connect(self._on_row_clicked)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("panelTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.entity_tree, "Entities")
        self.tabs.addTab(self.quote_list, "Quotes")
        self.tabs.addTab(self.fact_list, "Facts")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.legend)
        layout.addWidget(self.tabs, 1)
        self.legend.visibility_changed.connect(self._on_legend_changed)

    def set_document(self, document: Document | None) -> None:
        self.legend.set_document(document)
        self.entity_model.set_document(document)
        self.quote_model.set_document(document)
        self.fact_model.set_document(document)
        self.tabs.setTabText(0, f"Entities ({len(document.entities) if document else 0})")
        self.tabs.setTabText(1, f"Quotes ({len(document.quotes) if document else 0})")
        self.tabs.setTabText(2, f"Facts ({len(document.facts) if document else 0})")
        self.entity_tree.expandAll()
        self._sync_category_rows()

    def select_entity(self, entity_id: str) -> None:
        index = self.entity_model.entity_index(entity_id)
        if not index.isValid():
            return
        self.tabs.setCurrentWidget(self.entity_tree)
        self.entity_tree.expand(index.parent())
        self.entity_tree.setCurrentIndex(index)
        self.entity_tree.scrollTo(index)

    def selected_entity_id(self) -> str | None:
        index = self.entity_tree.currentIndex()
        return index.data(ENTITY_ID_ROLE) if index.isValid() else None

    def _sync_category_rows(self) -> None:
        """Categories the legend hides are hidden in the tree too, except the five (always shown)."""
        visible = self.legend.visible_labels()
        for row, label in enumerate(self.entity_model.labels()):
            hidden = label not in CATEGORIES and label not in visible
            self.entity_tree.setRowHidden(row, QModelIndex(), hidden)

    def _on_legend_changed(self, _label: str, _visible: bool) -> None:
        self._sync_category_rows()

    def _on_entity_selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        entity_id = indexes[0].data(ENTITY_ID_ROLE) if indexes else None
        if entity_id:
            self.entity_selected.emit(entity_id)

    def _on_entity_clicked(self, index: QModelIndex) -> None:
        """A click on the entity already selected starts again from its first mention.

        (A click that changes the selection reports it twice; going to the first
        mention twice is harmless.)
        """
        entity_id = index.data(ENTITY_ID_ROLE)
        if entity_id:
            self.entity_selected.emit(entity_id)

    def _on_row_clicked(self, index: QModelIndex) -> None:
        start, end = index.data(SPAN_ROLE)
        self.span_selected.emit(start, end)
