"""Dialogs of the workbench: edit a quote or a fact, the user dictionary, the keyboard shortcuts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.attribution import quote_display_text
from desktop.core.edits import FACT_STATUSES, QUOTE_KINDS
from desktop.core.errors import DossierError
from desktop.core.labels import CATEGORIES
from desktop.core.model import Document, Fact, Quote
from desktop.core.user_dictionary import ACTIONS, Entry, load_dictionary, save_dictionary

SPEAKER_LABELS = ("PERSON", "ORG", "PLACE")


def _speaker_names(document: Document) -> list[str]:
    """Entities that can speak, most mentioned first."""
    entities = [e for e in document.entities if e.label in SPEAKER_LABELS]
    entities.sort(key=lambda e: (SPEAKER_LABELS.index(e.label), -len(e.mention_ids), e.name.lower()))
    return list(dict.fromkeys(e.name for e in entities))


def _speaker_combo(document: Document, current: str | None, object_name: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(object_name)
    combo.setEditable(True)
    combo.addItems(_speaker_names(document))
    combo.setCurrentText(current or "")
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    return combo


NOBODY = "nobody (unresolved)"


def _credit_combo(document: Document, current: str | None) -> QComboBox:
    """Who the words are credited to, apart from how the text names the speaker ("he", "officials")."""
    combo = QComboBox()
    combo.setObjectName("creditCombo")
    combo.addItem(NOBODY, None)
    entities = [e for e in document.entities if e.label in SPEAKER_LABELS]
    entities.sort(key=lambda e: (SPEAKER_LABELS.index(e.label), -len(e.mention_ids), e.name.lower()))
    for entity in entities:
        combo.addItem(f"{entity.name} ({entity.label.lower()})", entity.id)
    combo.setCurrentIndex(max(combo.findData(current), 0) if current else 0)
    return combo


def _excerpt(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class QuoteDialog(QDialog):
    """Speaker (an entity or typed), cue, kind; optionally the words now selected in the article."""

    def __init__(
        self,
        document: Document,
        quote: Quote,
        selection: tuple[int, int] | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("quoteDialog")
        self.setWindowTitle("Edit quote")
        self.setMinimumWidth(460)
        form = QFormLayout(self)
        text = QLabel(f"“{_excerpt(quote_display_text(document.text, quote))}”")
        text.setWordWrap(True)
        form.addRow("Quote:", text)
        self.speaker = _speaker_combo(document, quote.speaker, "speakerCombo")
        form.addRow("&Speaker:", self.speaker)
        self.credited = _credit_combo(document, quote.speaker_entity_id)
        form.addRow("C&redited to:", self.credited)
        self.cue = QLineEdit(quote.cue or "")
        self.cue.setObjectName("cueEdit")
        self.cue.setPlaceholderText("said, told, according to …")
        form.addRow("&Cue:", self.cue)
        self.kind = QComboBox()
        self.kind.setObjectName("kindCombo")
        self.kind.addItems(QUOTE_KINDS)
        self.kind.setCurrentText(quote.kind)
        form.addRow("&Kind:", self.kind)
        self.use_selection = QCheckBox("Use the text selected in the article as the quote")
        self.use_selection.setObjectName("useSelection")
        self.use_selection.setEnabled(selection is not None)
        self.selection = selection
        if selection is not None:
            self.use_selection.setToolTip(_excerpt(document.text[selection[0] : selection[1]]))
        form.addRow(self.use_selection)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def text_range(self) -> tuple[int, int] | None:
        return self.selection if self.use_selection.isChecked() else None

    def credited_entity_id(self) -> str | None:
        """The entity chosen under "Credited to"; None for nobody (an unnamed source)."""
        value = self.credited.currentData()
        return str(value) if value else None


class FactDialog(QDialog):
    """Source (an entity or typed), status with a note; optionally a part from the article selection."""

    PART_CHOICES = ("(keep)", "subject", "predicate", "object")

    def __init__(
        self, document: Document, fact: Fact, selection: tuple[int, int] | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("factDialog")
        self.setWindowTitle("Edit fact")
        self.setMinimumWidth(460)
        form = QFormLayout(self)
        for role, part in (("Subject", fact.subject), ("Predicate", fact.predicate), ("Object", fact.object)):
            label = QLabel(_excerpt(part.text) if part else "—")
            label.setWordWrap(True)
            form.addRow(f"{role}:", label)
        self.source = _speaker_combo(document, fact.source, "sourceCombo")
        form.addRow("&Source:", self.source)
        self.status = QComboBox()
        self.status.setObjectName("statusCombo")
        self.status.addItems(FACT_STATUSES)
        self.status.setCurrentText(fact.status)
        form.addRow("S&tatus:", self.status)
        self.note = QPlainTextEdit(fact.note)
        self.note.setObjectName("noteEdit")
        self.note.setPlaceholderText("Why verified or disputed: a source, a link …")
        self.note.setFixedHeight(70)
        form.addRow("&Note:", self.note)
        self.part = QComboBox()
        self.part.setObjectName("partCombo")
        self.part.addItems(self.PART_CHOICES)
        self.part.setEnabled(selection is not None)
        self.selection = selection
        form.addRow("Selected text becomes the:", self.part)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def part_role(self) -> str | None:
        """Which part the selection replaces, if the reader chose one."""
        if self.selection is None or self.part.currentIndex() == 0:
            return None
        return self.part.currentText()


class DictionaryDialog(QDialog):
    """The user dictionary as an editable table; Save writes it (atomically) only if every row is valid."""

    COLUMNS = ("Action", "Text", "Category", "Canonical name")

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dictionaryDialog")
        self.setWindowTitle("User dictionary")
        self.resize(640, 420)
        self.path = path
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Corrections Dossier applies to every article it analyses. <b>add</b> marks every occurrence, "
            "<b>ignore</b> removes mentions of the text, <b>alias</b> groups the text under a canonical name."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setObjectName("dictionaryTable")
        self.table.setHorizontalHeaderLabels(self.COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        layout.addWidget(self.table, 1)
        row_buttons = QHBoxLayout()
        self.add_button = QPushButton("Add entry")
        self.add_button.setObjectName("addEntryButton")
        self.add_button.clicked.connect(lambda: self._add_row(Entry("add", "", "PERSON")))
        self.remove_button = QPushButton("Remove selected")
        self.remove_button.setObjectName("removeEntryButton")
        self.remove_button.clicked.connect(self.remove_selected)
        row_buttons.addWidget(self.add_button)
        row_buttons.addWidget(self.remove_button)
        row_buttons.addStretch(1)
        layout.addLayout(row_buttons)
        self.location = QLabel(f"Stored in {path}")
        self.location.setObjectName("dictionaryLocation")
        self.location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.location)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        for entry in load_dictionary(path):
            self._add_row(entry)

    def _add_row(self, entry: Entry) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        action = QComboBox()
        action.addItems(ACTIONS)
        action.setCurrentText(entry.action)
        self.table.setCellWidget(row, 0, action)
        self.table.setItem(row, 1, QTableWidgetItem(entry.text))
        label = QComboBox()
        label.addItems(["", *CATEGORIES])
        label.setCurrentText(entry.label or "")
        self.table.setCellWidget(row, 2, label)
        self.table.setItem(row, 3, QTableWidgetItem(entry.canonical or ""))

    def remove_selected(self) -> None:
        for row in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(row)

    def entries(self) -> list[Entry]:
        """The rows as entries; a row without text is skipped, an incomplete one is an error."""
        entries = []
        for row in range(self.table.rowCount()):
            action = self.table.cellWidget(row, 0)
            label = self.table.cellWidget(row, 2)
            assert isinstance(action, QComboBox) and isinstance(label, QComboBox)
            text_item, canonical_item = self.table.item(row, 1), self.table.item(row, 3)
            text = text_item.text().strip() if text_item else ""
            canonical = canonical_item.text().strip() if canonical_item else ""
            if not text:
                continue
            entry = Entry(action.currentText(), text, label.currentText() or None, canonical or None)
            if entry.action in ("add", "alias") and not entry.label:
                raise DossierError(f"Row {row + 1} ({text}): choose a category for “{entry.action}”.")
            if entry.action == "alias" and not entry.canonical:
                raise DossierError(f"Row {row + 1} ({text}): an alias needs the canonical name.")
            entries.append(entry)
        return entries

    def save(self) -> None:
        try:
            save_dictionary(self.entries(), self.path)
        except (DossierError, OSError) as error:
            QMessageBox.warning(self, "User dictionary", str(error))
            return
        self.accept()


def shortcut_rows(actions: list[QAction]) -> list[tuple[str, str]]:
    """(what, keys) for every action that has a shortcut, in menu order, without duplicates."""
    rows = []
    seen = set()
    for action in actions:
        keys = ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts())
        name = action.text().replace("&", "").rstrip("…").strip()
        if keys and (name, keys) not in seen:
            seen.add((name, keys))
            rows.append((name, keys))
    return rows


class ShortcutsDialog(QDialog):
    """Help > Keyboard shortcuts: generated from the window's actions, so it is never out of date."""

    def __init__(self, actions: list[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle("Keyboard shortcuts")
        self.resize(520, 560)
        layout = QVBoxLayout(self)
        rows = shortcut_rows(actions)
        self.table = QTableWidget(len(rows), 2)
        self.table.setObjectName("shortcutsTable")
        self.table.setHorizontalHeaderLabels(("Action", "Keys"))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        for row, (name, keys) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(name))
            self.table.setItem(row, 1, QTableWidgetItem(keys))
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
