"""The side panel: legend (which categories are highlighted) and tabs for entities, quotes, facts."""

from __future__ import annotations

import qtawesome as qta
from PySide6.QtCore import (
    QAbstractItemModel,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.labels import CATEGORIES
from desktop.core.model import Document
from desktop.ui.filters import Filter, Involvement, InvolvementProxy, fact_entities, quote_entities
from desktop.ui.models import (
    ENTITY_ID_ROLE,
    ITEM_ID_ROLE,
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

    def check_all(self) -> None:
        for label in CATEGORIES:
            self._boxes[label].setChecked(True)

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


# Sizing rows to their wrapped text asks every row for its data on each layout:
# fine for an article's few dozen quotes, seconds for a book's thousands of facts.
WRAPPED_ROWS_LIMIT = 300
# Quote and fact rows whose involved entities are worked out per idle turn of the event loop.
INVOLVEMENT_STEP = 250


class SpanTable(QTableView):
    """Quotes or facts: rows grow to their wrapped text (short lists); one column stretches."""

    def __init__(self, object_name: str, stretch_column: int, widths: dict[int, int]) -> None:
        super().__init__()
        self.setObjectName(object_name)
        self._stretch_column = stretch_column
        self._widths = widths
        self._wrapped = True  # matches the mode set below
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
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

    def selected_item_id(self) -> str | None:
        index = self.currentIndex()
        return index.data(ITEM_ID_ROLE) if index.isValid() and self.selectionModel().hasSelection() else None

    def _size_columns(self) -> None:
        model = self.model()
        wrapped = model is None or model.rowCount() <= WRAPPED_ROWS_LIMIT
        if wrapped != self._wrapped:  # setting the mode re-sizes every row at once: only on a change
            self._wrapped = wrapped
            rows = self.verticalHeader()
            if wrapped:
                rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            else:  # long lists: two lines a row, the whole text in the tooltip
                rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
                rows.setDefaultSectionSize(2 * self.fontMetrics().lineSpacing() + 6)
        header = self.horizontalHeader()
        for column in range(header.count()):
            if column == self._stretch_column:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
            else:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                self.setColumnWidth(column, self._widths.get(column, 100))


class FilterBar(QFrame):
    """Shows the active filter in words, with a button that clears it (as Esc does)."""

    clear_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        icon = QLabel()
        icon.setPixmap(qta.icon("mdi6.filter-variant").pixmap(16, 16))
        self.label = QLabel()
        self.label.setObjectName("filterLabel")
        self.label.setWordWrap(True)
        self.clear_button = QToolButton()
        self.clear_button.setObjectName("clearFilterButton")
        self.clear_button.setIcon(qta.icon("mdi6.close"))
        self.clear_button.setToolTip("Clear the filter (Esc)")
        self.clear_button.clicked.connect(self.clear_requested)
        layout.addWidget(icon)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.clear_button)
        self.hide()


class EntityPanel(QWidget):
    """Entities grouped by category, quotes, facts; reports what the reader picks.

    Selecting entities (Ctrl+click for several) reports them with entities_selected;
    the quote and fact lists show only the rows the active filter lets through.
    """

    entity_selected = Signal(str)  # a plain click on an entity row (also re-clicks)
    entities_selected = Signal(list)  # the entity ids now selected
    span_selected = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._involvement_timer = QTimer(self)
        self._involvement_timer.setInterval(0)
        self._involvement_timer.timeout.connect(self._on_idle_involvement)
        self._involvements: tuple[Involvement, ...] = ()
        self.setObjectName("entityPanel")
        self._rows_hidden_by_text = False
        self.legend = Legend()
        self.entity_model = EntityTreeModel(self)
        self.quote_model = QuoteTableModel(self)
        self.fact_model = FactTableModel(self)
        self.quote_proxy = InvolvementProxy(self)
        self.quote_proxy.setSourceModel(self.quote_model)
        self.fact_proxy = InvolvementProxy(self)
        self.fact_proxy.setSourceModel(self.fact_model)
        self._document: Document | None = None
        self._filter = Filter()

        self.entity_tree = QTreeView()
        self.entity_tree.setObjectName("entityTree")
        self.entity_tree.setModel(self.entity_model)
        self.entity_tree.setUniformRowHeights(True)
        self.entity_tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.entity_tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.entity_tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.entity_tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.entity_tree.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.entity_tree.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.entity_tree.setDragEnabled(True)
        self.entity_tree.setAcceptDrops(True)
        self.entity_tree.setDropIndicatorShown(True)
        self.entity_tree.setAlternatingRowColors(True)
        self.entity_tree.setToolTip(
            "Click an entity to filter quotes and facts; Ctrl+click to combine several.\n"
            "Drag one entity onto another to merge them. F2 renames."
        )
        header = self.entity_tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # A fixed width: sizing to contents re-measures every row after each reset.
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(1, self.fontMetrics().horizontalAdvance("Mentions") + 24)
        self.entity_tree.selectionModel().selectionChanged.connect(self._on_entity_selection_changed)
        self.entity_tree.clicked.connect(self._on_entity_clicked)

        self.quote_list = SpanTable("quoteList", stretch_column=2, widths={0: 120, 1: 72})
        self.quote_list.setModel(self.quote_proxy)
        self.quote_list.clicked.connect(self._on_row_clicked)
        self.fact_list = SpanTable("factList", stretch_column=0, widths={1: 100, 2: 84})
        self.fact_list.setModel(self.fact_proxy)
        self.fact_list.clicked.connect(self._on_row_clicked)
        self.filter_bar = FilterBar()

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
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.tabs, 1)
        self.legend.visibility_changed.connect(self._on_legend_changed)

    def set_document(self, document: Document | None) -> None:
        """Show a document (or the same one after an edit): the entity selection is kept where it can be."""
        selected = self.selected_entity_ids()
        self._document = document
        self.legend.set_document(document)
        self.entity_tree.selectionModel().blockSignals(True)
        try:
            self.entity_model.set_document(document)
            self.quote_model.set_document(document)
            self.fact_model.set_document(document)
            self._expand_categories()
            self._reselect([i for i in selected if document is not None and document.has_entity(i)])
        finally:
            self.entity_tree.selectionModel().blockSignals(False)
        self._rows_hidden_by_text = False  # the model reset showed every row again
        self._update_involvement()
        self._sync_category_rows()
        self._apply_text_filter()
        self._update_tab_titles()

    def set_filter(self, active: Filter, description: str) -> None:
        self._filter = active
        self.quote_proxy.set_filter(active)
        self.fact_proxy.set_filter(active)
        self._apply_text_filter()
        self._update_tab_titles()
        if active.is_active():
            shown = (
                f"{self.quote_proxy.rowCount()} of {self.quote_model.rowCount()} quotes, "
                f"{self.fact_proxy.rowCount()} of {self.fact_model.rowCount()} facts"
            )
            self.filter_bar.label.setText(f"{description}  ·  {shown}")
            self.filter_bar.show()
        else:
            self.filter_bar.hide()

    def select_entity(self, entity_id: str, add: bool = False) -> None:
        """Select an entity's row (with add: as well as those already selected)."""
        index = self.entity_model.entity_index(entity_id)
        if not index.isValid():
            return
        self.tabs.setCurrentWidget(self.entity_tree)
        self.entity_tree.expand(index.parent())
        if add:
            self.entity_tree.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
            )
        else:
            self.entity_tree.setCurrentIndex(index)
        self.entity_tree.scrollTo(index)

    def clear_selection(self) -> None:
        self.entity_tree.clearSelection()
        self.entity_tree.setCurrentIndex(QModelIndex())

    def selected_entity_id(self) -> str | None:
        index = self.entity_tree.currentIndex()
        if not index.isValid() or not self.entity_tree.selectionModel().isSelected(index):
            return None
        return index.data(ENTITY_ID_ROLE)

    def selected_entity_ids(self) -> list[str]:
        """Selected entities, the current one first (it names a merge's result)."""
        rows = self.entity_tree.selectionModel().selectedRows(0)
        ids = [i.data(ENTITY_ID_ROLE) for i in rows if i.data(ENTITY_ID_ROLE)]
        current = self.selected_entity_id()
        if current in ids:
            ids.remove(current)
            ids.insert(0, current)
        return ids

    def _reselect(self, entity_ids: list[str]) -> None:
        for number, entity_id in enumerate(entity_ids):
            index = self.entity_model.entity_index(entity_id)
            flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
            if number == 0:
                self.entity_tree.selectionModel().setCurrentIndex(index, flags)
            else:
                self.entity_tree.selectionModel().select(index, flags)

    def _expand_categories(self) -> None:
        """Category rows open; expandAll would also visit every entity row (~100 ms on 3,000 entities)."""
        for row in range(self.entity_model.rowCount()):
            self.entity_tree.expand(self.entity_model.index(row, 0))

    def _update_involvement(self) -> None:
        document = self._document
        self._involvements = (
            Involvement(document, self.quote_model.rows(), quote_entities),
            Involvement(document, self.fact_model.rows(), fact_entities),
        )
        self.quote_proxy.set_involvement(self._involvements[0])
        self.fact_proxy.set_involvement(self._involvements[1])
        self._involvement_timer.start()

    def _on_idle_involvement(self) -> None:
        """A few rows per turn of the event loop (~2 ms), until every row's involvement is known."""
        done = [involvement.compute_ahead(INVOLVEMENT_STEP) for involvement in self._involvements]
        if all(done):
            self._involvement_timer.stop()

    def _update_tab_titles(self) -> None:
        document = self._document
        self.tabs.setTabText(0, f"Entities ({len(document.entities) if document else 0})")
        for tab, proxy, model, what in (
            (1, self.quote_proxy, self.quote_model, "Quotes"),
            (2, self.fact_proxy, self.fact_model, "Facts"),
        ):
            shown, total = proxy.rowCount(), model.rowCount()
            self.tabs.setTabText(
                tab, f"{what} ({shown} of {total})" if shown != total else f"{what} ({total})"
            )

    def _apply_text_filter(self) -> None:
        """The search text hides entities whose name and spellings do not contain it."""
        needle = self._filter.text.strip().lower()
        if not needle and not self._rows_hidden_by_text:
            return  # nothing to show again: skip walking every entity row
        self._rows_hidden_by_text = bool(needle)
        for category_row in range(self.entity_model.rowCount()):
            category = self.entity_model.index(category_row, 0)
            for row in range(self.entity_model.rowCount(category)):
                index = self.entity_model.index(row, 0, category)
                names = str(index.data(Qt.ItemDataRole.ToolTipRole) or "").lower()
                self.entity_tree.setRowHidden(row, category, bool(needle) and needle not in names)

    def _sync_category_rows(self) -> None:
        """Categories the legend hides are hidden in the tree too, except the five (always shown)."""
        visible = self.legend.visible_labels()
        for row, label in enumerate(self.entity_model.labels()):
            hidden = label not in CATEGORIES and label not in visible
            self.entity_tree.setRowHidden(row, QModelIndex(), hidden)

    def _on_legend_changed(self, _label: str, _visible: bool) -> None:
        self._sync_category_rows()

    def _on_entity_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self.entities_selected.emit(self.selected_entity_ids())

    def _on_entity_clicked(self, index: QModelIndex) -> None:
        """A click on the entity already selected starts again from its first mention.

        (A click that changes the selection reports it twice; going to the first
        mention twice is harmless.)
        """
        entity_id = index.data(ENTITY_ID_ROLE)
        if entity_id and self.selected_entity_ids() == [entity_id]:
            self.entity_selected.emit(entity_id)

    def _on_row_clicked(self, index: QModelIndex) -> None:
        start, end = index.data(SPAN_ROLE)
        self.span_selected.emit(start, end)
