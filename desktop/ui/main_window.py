"""The reader window: article, side panel, menus, files, filter, undo, and the analysis thread."""

from __future__ import annotations

import html
from pathlib import Path

import qtawesome as qta
from PySide6.QtCore import QPoint, QSettings, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.core.annotated_json import save_document
from desktop.core.edits import carry_over_user_edits
from desktop.core.errors import DossierError
from desktop.core.export import export_csv_folder, export_csv_zip, export_html
from desktop.core.io import SUPPORTED_SUFFIXES, Opened, open_any
from desktop.core.labels import CATEGORIES, CATEGORY_TITLES
from desktop.core.model import Document, Mention
from desktop.core.recovery import (
    AUTOSAVE_EVERY_EDITS,
    AUTOSAVE_SECONDS,
    FrozenDocument,
    RecoveryWriter,
    pending_recoveries,
)
from desktop.core.user_dictionary import apply_dictionary, dictionary_path, load_dictionary
from desktop.ui.article_view import READING_POINT_SIZE, ArticleView
from desktop.ui.corrections import Corrections
from desktop.ui.dialogs import DictionaryDialog, ShortcutsDialog
from desktop.ui.entity_panel import EntityPanel
from desktop.ui.file_reader import FileReader, reads_in_background
from desktop.ui.filters import Filter
from desktop.ui.models import ENTITY_ID_ROLE
from desktop.ui.themes import THEMES, apply_theme
from desktop.ui.undo import EditStack
from desktop.ui.workers import AnalysisThread, PipelineLoader, load_default_pipeline

APP_NAME = "Dossier"
MAX_RECENT = 10
RECENT_KEY = "recentFiles"
GEOMETRY_KEY = "window/geometry"
SPLITTER_KEY = "window/splitter"
THEME_KEY = "view/theme"
FONT_SIZE_KEY = "view/fontSize"
MIN_POINT_SIZE, MAX_POINT_SIZE = 7.0, 40.0
HEADER_TITLE_CHARS = 110
ICON_PROPERTY = "dossierIcon"  # the qtawesome name, to redraw the icon in the theme's colour
ICON_COLOURS = {"light": "#3a3833", "dark": "#d6d3cc"}
DISABLED_ICON_COLOURS = {"light": "#b5b2ab", "dark": "#5d6168"}
OPEN_FILTER = (
    f"Articles and Dossier files ({' '.join('*' + s for s in SUPPORTED_SUFFIXES)});;"
    "Text (*.txt *.md);;Web pages (*.html *.htm *.xhtml);;PDF (*.pdf);;Word (*.docx);;"
    "Dossier JSON (*.json);;All files (*)"
)


def articles_in(folder: Path) -> list[Path]:
    """The files of a folder Dossier can open, by name."""
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    return sorted(
        (p for p in entries if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES),
        key=lambda p: p.name.lower(),
    )


class MainWindow(QMainWindow):
    """Shows one article at a time; analysis results arrive from the worker thread.

    ``pipeline_loader`` is called once, on the worker thread, to get an object
    with ``model_name`` and ``analyze(text, source, title) -> Document``; tests
    pass a fake one. ``settings`` holds the recent files, layout, theme and zoom.
    With ``preload_model`` the model loads as soon as the window exists, so the
    first article is analysed sooner; otherwise on the first analysis.

    Corrections are undoable edits on the Document (``edits``, a QUndoStack);
    while some are unsaved, a recovery copy is written every 30 seconds and on
    every 20th edit, by ``recovery_writer`` on its own thread.
    """

    document_shown = Signal(object)  # a Document, once its highlights are applied
    document_edited = Signal()  # the shown document changed: an edit, undo or redo
    analysis_failed = Signal(str)  # the article being opened could not be analysed
    error_reported = Signal(str)  # any message shown to the reader
    _recovery_failed = Signal(str)  # from the recovery writer's thread, shown on the GUI thread

    def __init__(
        self,
        pipeline_loader: PipelineLoader = load_default_pipeline,
        settings: QSettings | None = None,
        preload_model: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.resize(1280, 800)
        self.setAcceptDrops(True)
        self.settings = settings if settings is not None else QSettings()
        self._document: Document | None = None
        self._path: Path | None = None
        self._save_path: Path | None = None
        self._token = 0
        self._read_token = 0  # the latest file read in the background; older reads are dropped
        self._pending_token: int | None = None
        self._reanalysis_token: int | None = None
        self._pending_meta: dict[str, object] = {}
        self._nav_mentions: list[Mention] = []
        self._nav_index = -1
        self._error_box: QMessageBox | None = None
        self._model_name: str | None = None
        self._clicked_mention: Mention | None = None
        self._filter = Filter()
        self._edits_since_autosave = 0
        self._point_size = READING_POINT_SIZE
        self.dictionary_dialog: DictionaryDialog | None = None
        self.shortcuts_dialog: ShortcutsDialog | None = None

        self.edits = EditStack(self)
        self.edits.document_changed.connect(self._on_document_edited)
        self.edits.edit_failed.connect(self.report_error)
        self.edits.cleanChanged.connect(self._on_clean_changed)
        self.edits.indexChanged.connect(self._on_history_step)
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_SECONDS * 1000)
        self.autosave_timer.timeout.connect(self.autosave)
        self._recovery_failed.connect(lambda message: self.statusBar().showMessage(message, 10000))
        self.recovery_writer = RecoveryWriter(self._recovery_failed.emit)

        self.article_view = ArticleView()
        self.article_view.mention_clicked.connect(self._on_mention_clicked)
        self.article_view.customContextMenuRequested.connect(self._on_article_context_menu)
        self.header = QLabel()
        self.header.setObjectName("articleHeader")
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.hide()
        article_pane = QWidget()
        article_layout = QVBoxLayout(article_pane)
        article_layout.setContentsMargins(0, 0, 0, 0)
        article_layout.setSpacing(2)
        article_layout.addWidget(self.header)
        article_layout.addWidget(self.article_view, 1)

        self.entity_panel = EntityPanel()
        self.entity_panel.entity_selected.connect(self._on_entity_clicked)
        self.entity_panel.entities_selected.connect(self._on_entities_selected)
        self.entity_panel.span_selected.connect(self._on_span_selected)
        self.entity_panel.legend.visibility_changed.connect(self._on_legend_changed)
        self.entity_panel.filter_bar.clear_requested.connect(self.clear_filter)
        self.entity_panel.entity_model.merge_requested.connect(self._on_merge_dropped)
        self.entity_panel.entity_tree.customContextMenuRequested.connect(self._on_entity_context_menu)
        self.entity_panel.entity_tree.doubleClicked.connect(self._on_entity_double_clicked)
        self.entity_panel.quote_list.customContextMenuRequested.connect(
            lambda point: self._on_item_context_menu("quote", point)
        )
        self.entity_panel.fact_list.customContextMenuRequested.connect(
            lambda point: self._on_item_context_menu("fact", point)
        )
        self.entity_panel.quote_list.doubleClicked.connect(self._on_item_double_clicked)
        self.entity_panel.fact_list.doubleClicked.connect(self._on_item_double_clicked)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(article_pane)
        self.splitter.addWidget(self.entity_panel)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([860, 420])
        self.splitter.setContentsMargins(8, 8, 8, 0)
        self.setCentralWidget(self.splitter)

        self.corrections = Corrections(self)
        self._build_actions()
        self._build_menus_and_toolbar()
        self._build_status_bar()
        self._update_title()
        self._update_document_actions()

        self._restore_layout()
        self.set_theme(str(self.settings.value(THEME_KEY, "system")), remember=False)
        self.article_view.ensurePolished()  # polishing later would reset the font size to the default
        self.set_point_size(float(self.settings.value(FONT_SIZE_KEY, READING_POINT_SIZE)), remember=False)  # type: ignore[arg-type]

        self._analysis = AnalysisThread(pipeline_loader, self)
        worker = self._analysis.worker
        worker.model_loading.connect(self._on_model_loading)
        worker.model_loaded.connect(self._on_model_loaded)
        worker.analysed.connect(self._on_analysed)
        worker.failed.connect(self._on_analysis_failed)
        if preload_model:
            self._analysis.load()
        self._reader = FileReader(self)
        self._reader.opened.connect(self._on_file_read)
        self._reader.failed.connect(self._on_file_read_failed)

    # Public API

    @property
    def document(self) -> Document | None:
        """The document shown with its annotations (None while the text awaits analysis)."""
        return self._document

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def save_path(self) -> Path | None:
        """Where Save writes (None until saved once, for an article opened from .txt, .pdf …)."""
        return self._save_path

    def has_unsaved_edits(self) -> bool:
        return self._document is not None and not self.edits.isClean()

    def open_file(self, path: str | Path) -> bool:
        """Open an article (analysed in the background) or a Dossier JSON (shown as saved).

        A large file is read on a thread: True then means the read has started, and the
        article or an error message follows (see reads_in_background). On failure, or if the
        reader cancels the question about unsaved edits, the current article and its edits
        stay as they were.
        """
        path = Path(path)
        self._read_token += 1
        if reads_in_background(path):
            self._set_busy(f"Opening {path.name}…")
            self._reader.start(self._read_token, path)
            return True
        try:
            opened = open_any(path)
        except DossierError as error:
            self.report_error(str(error))
            return False
        except Exception as error:  # a bug must not close the window and lose the article on screen
            self.report_error(f"Could not open {path.name}: {type(error).__name__}: {error}")
            return False
        return self._open(opened)

    def _on_file_read(self, token: int, opened: Opened) -> None:
        if token == self._read_token and not self._open(opened, text_first=True):
            self._end_background_read()

    def _on_file_read_failed(self, token: int, message: str) -> None:
        if token == self._read_token:
            self._end_background_read()
            self.report_error(message)

    def _end_background_read(self) -> None:
        """A read that shows nothing new: the busy indicator stays only for an analysis under way."""
        if self._pending_token is None and self._reanalysis_token is None:
            self._set_idle()

    def _open(self, opened: Opened, text_first: bool = False) -> bool:
        """Show what was read: the saved annotations, or the text while it is analysed.

        With text_first, saved annotations come one turn of the event loop after their text:
        on a 100,000-word article each half costs ~100 ms, together they froze the window twice
        as long.
        """
        if not self.maybe_save():
            return False
        self._path = opened.path
        self._add_recent(opened.path)
        document = opened.document
        if document is not None:
            self._token += 1
            self._pending_token = None
            self._reanalysis_token = None
            self._save_path = opened.path
            if text_first:
                self._clear_document()
                self.article_view.show_text(document.text)
                token = self._token
                QTimer.singleShot(0, lambda: self._show_opened(token, document, opened.path))
            else:
                self._show_opened(self._token, document, opened.path)
            return True
        article = opened.article
        assert article is not None
        self._clear_document()
        self._save_path = None
        self.article_view.show_text(article.text)
        self._update_title(article.title or opened.path.stem)
        self._update_header(article.title, dict(article.meta))
        self._token += 1
        self._pending_token = self._token
        self._reanalysis_token = None
        self._pending_meta = dict(article.meta)
        self._set_busy(f"Analysing {opened.path.name}…")
        self._analysis.analyze(self._token, article.text, article.source, article.title)
        return True

    def _show_opened(self, token: int, document: Document, path: Path) -> None:
        if token == self._token:  # else another file was opened in between
            self._show_document(document)
            self.statusBar().showMessage(f"Opened {path.name} (saved annotations)", 5000)

    def open_folder(self, folder: str | Path) -> bool:
        """Open the first article of a folder; next/previous article walk through the rest."""
        files = articles_in(Path(folder))
        if not files:
            self.report_error(f"{Path(folder).name} has no file Dossier can open.")
            return False
        return self.open_file(files[0])

    def next_article(self) -> bool:
        return self._step_article(+1)

    def previous_article(self) -> bool:
        return self._step_article(-1)

    def save(self) -> bool:
        """Save the annotated JSON (asks where, the first time for an article that is not JSON)."""
        if self._document is None:
            return False
        if self._save_path is None:
            return self.save_as()
        return self.save_to(self._save_path)

    def save_as(self) -> bool:
        if self._document is None:
            return False
        suggested = self._suggested_path(".json")
        path, _filter = QFileDialog.getSaveFileName(
            self, "Save annotated article", str(suggested), "Dossier JSON (*.json)"
        )
        if not path:
            return False
        target = Path(path)
        if target.suffix.lower() != ".json":
            target = (
                target.with_suffix(target.suffix + ".json") if target.suffix else target.with_suffix(".json")
            )
        return self.save_to(target)

    def save_to(self, path: str | Path) -> bool:
        """Write the document with all edits; the window is then unmodified and the recovery copy goes."""
        if self._document is None:
            return False
        path = Path(path)
        try:
            save_document(self._document, path)
        except (DossierError, OSError) as error:
            self.report_error(f"Could not save {path.name}: {error}")
            return False
        self._save_path = path
        self._add_recent(path)
        self.edits.setClean()
        self.recovery_writer.discard(self._document)
        self.statusBar().showMessage(f"Saved {path.name}", 5000)
        return True

    def export_to(self, path: str | Path) -> bool:
        """Export the annotated JSON elsewhere (the document stays attached to its own file)."""
        return self._export(path, save_document, "JSON")

    def export_csv(self, path: str | Path) -> bool:
        return self._export(path, export_csv_zip, "CSV")

    def export_csv_files(self, folder: str | Path) -> bool:
        """One CSV file per table in a folder (for a spreadsheet), instead of a zip."""
        return self._export(folder, export_csv_folder, "CSV files")

    def export_html(self, path: str | Path) -> bool:
        return self._export(path, export_html, "HTML report")

    def maybe_save(self) -> bool:
        """Before leaving a document with unsaved edits: Save, Discard or Cancel (False = stay)."""
        if not self.has_unsaved_edits():
            return True
        document = self._document
        assert document is not None
        name = (
            self._save_path.name if self._save_path else (self._path.name if self._path else "this article")
        )
        answer = QMessageBox.question(
            self,
            APP_NAME,
            f"Save your corrections to {name} before closing it?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self.recovery_writer.discard(document)
            self.edits.setClean()
            return True
        return False

    def autosave(self) -> bool:
        """Ask for the recovery copy of the document as it is now (only while there are unsaved edits).

        The copy is written in the background: serializing a 100,000-word article
        froze the window for ~0.4 s. A failure shows in the status bar.
        """
        if not self.has_unsaved_edits():
            return False
        assert self._document is not None
        frozen = FrozenDocument.of(self._document, self.edits.current_state)
        self.recovery_writer.write(frozen, str(self._save_path) if self._save_path else None)
        self._edits_since_autosave = 0
        return True

    def offer_recovery(self) -> bool:
        """At start-up: offer copies left by sessions that did not end cleanly; True if one is restored."""
        for recovery in pending_recoveries():
            document = recovery.document
            name = document.title or Path(recovery.saved_to or document.source or "an article").name
            answer = QMessageBox.question(
                self,
                APP_NAME,
                f"Dossier closed without saving your corrections to “{name}”. Restore them?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.Yes,
            )
            if answer != QMessageBox.StandardButton.Yes:
                recovery.path.unlink(missing_ok=True)
                continue
            if not self.maybe_save():
                return False
            self._token += 1
            self._pending_token = None
            self._save_path = Path(recovery.saved_to) if recovery.saved_to else None
            self._path = self._save_path or (Path(document.source) if document.source else None)
            self._show_document(document)
            self.edits.resetClean()  # restored edits are unsaved edits
            self.statusBar().showMessage(f"Restored your unsaved corrections to {name}", 8000)
            return True
        return False

    def reanalyse(self) -> bool:
        """Analyse the text again (another model, new rules); the reader's corrections are carried over."""
        if self._document is None or self._pending_token is not None:
            return False
        self._token += 1
        self._reanalysis_token = self._token
        self._set_busy("Analysing again…")
        document = self._document
        self._analysis.analyze(self._token, document.text, document.source, document.title)
        return True

    def recent_files(self) -> list[str]:
        """Recently opened files, newest first; files that no longer exist are dropped."""
        stored = self.settings.value(RECENT_KEY, [])
        # QSettings hands back a lone string for a one-item list in some formats.
        files = [stored] if isinstance(stored, str) else [str(f) for f in stored or []]  # type: ignore[attr-defined]
        existing = [f for f in files if Path(f).exists()]
        if existing != files:
            self.settings.setValue(RECENT_KEY, existing)
        return existing

    def report_error(self, message: str) -> None:
        """One message in the status bar and a dialog that does not block the event loop."""
        self.statusBar().showMessage(message.splitlines()[0], 15000)
        if self._error_box is not None:
            self._error_box.close()
        self._error_box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, message, parent=self)
        self._error_box.setObjectName("errorBox")
        self._error_box.open()
        self.error_reported.emit(message)

    def next_mention(self) -> None:
        self._step_mention(+1)

    def previous_mention(self) -> None:
        self._step_mention(-1)

    def filter(self) -> Filter:
        return self._filter

    def clear_filter(self) -> None:
        """Everything shows again: no entity, all categories, no search text."""
        self._filter = Filter()
        self.entity_panel.legend.check_all()
        self.search_box.blockSignals(True)
        self.search_box.clear()
        self.search_box.blockSignals(False)
        self.article_view.set_search("")
        self.entity_panel.clear_selection()
        self._filter = Filter(labels=self.entity_panel.legend.visible_labels())
        self._apply_filter()

    def set_theme(self, choice: str, remember: bool = True) -> str:
        """system, light or dark; returns the theme in effect."""
        if choice not in THEMES:
            choice = "system"
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        self.theme = apply_theme(app, choice)
        # A new stylesheet re-polishes the widgets, which puts back the font they had at first polish.
        self.article_view.set_point_size(self._point_size)
        colour = ICON_COLOURS[self.theme]
        for action in self.findChildren(QAction):
            name = action.property(ICON_PROPERTY)
            if name:
                action.setIcon(qta.icon(name, color=colour, color_disabled=DISABLED_ICON_COLOURS[self.theme]))
        self.theme_actions[choice].setChecked(True)
        if remember:
            self.settings.setValue(THEME_KEY, choice)
        return self.theme

    def point_size(self) -> float:
        return self.article_view.font().pointSizeF()

    def set_point_size(self, size: float, remember: bool = True) -> None:
        size = max(MIN_POINT_SIZE, min(MAX_POINT_SIZE, size))
        self._point_size = size
        self.article_view.set_point_size(size)
        if remember:
            self.settings.setValue(FONT_SIZE_KEY, size)

    def all_actions(self) -> list[QAction]:
        """Every action of the window, in menu order (for Help > Keyboard shortcuts)."""
        actions: list[QAction] = []

        def walk(menu: QMenu) -> None:
            for action in menu.actions():
                if action.menu() is not None:
                    walk(action.menu())  # type: ignore[arg-type]
                elif not action.isSeparator():
                    actions.append(action)

        for action in self.menuBar().actions():
            if action.menu() is not None:
                walk(action.menu())  # type: ignore[arg-type]
        return list(dict.fromkeys(actions))

    def show_shortcuts(self) -> ShortcutsDialog:
        self.shortcuts_dialog = ShortcutsDialog(self.all_actions(), self)
        self.shortcuts_dialog.open()
        return self.shortcuts_dialog

    def show_dictionary(self) -> DictionaryDialog | None:
        try:
            self.dictionary_dialog = DictionaryDialog(dictionary_path(), self)
        except DossierError as error:
            self.report_error(str(error))
            return None
        self.dictionary_dialog.open()
        return self.dictionary_dialog

    def shutdown(self) -> None:
        """Stop the workers; recovery copies already asked for are finished first (a kill may follow)."""
        self.autosave_timer.stop()
        self._reader.shutdown()
        self.recovery_writer.close()
        self._analysis.shutdown()

    # Building

    def _action(self, icon: str, text: str, keys: list[QKeySequence | str], slot, tip: str = "") -> QAction:
        action = QAction(qta.icon(icon), text, self)
        action.setProperty(ICON_PROPERTY, icon)
        action.setShortcuts([QKeySequence(k) if isinstance(k, str) else k for k in keys])
        shortcut_text = ", ".join(
            s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts()
        )
        action.setToolTip(f"{tip or text.replace('&', '').rstrip('…')} ({shortcut_text})")
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        std = QKeySequence
        self.open_action = self._action(
            "mdi6.folder-open-outline",
            "&Open…",
            [std(std.StandardKey.Open)],
            self._on_open,
            "Open an article or a Dossier JSON file",
        )
        self.open_folder_action = self._action(
            "mdi6.folder-multiple-outline",
            "Open &Folder…",
            ["Ctrl+Shift+O"],
            self._on_open_folder,
            "Open a folder of articles and go through them one by one",
        )
        self.save_action = self._action(
            "mdi6.content-save-outline",
            "&Save",
            ["Ctrl+S"],
            self.save,
            "Save the article with your corrections (Dossier JSON)",
        )
        self.save_as_action = self._action(
            "mdi6.content-save-edit-outline", "Save &As…", ["Ctrl+Shift+S"], self.save_as
        )
        self.export_action = self._action(
            "mdi6.code-json",
            "&Export annotated JSON…",
            ["Ctrl+E"],
            self._on_export,
            "Export the article with its annotations as JSON",
        )
        self.export_csv_action = self._action(
            "mdi6.file-delimited-outline",
            "Export CSV tables (zip)…",
            ["Ctrl+Shift+C"],
            self._on_export_csv,
            "Entities, mentions, quotes and facts as CSV files in a zip",
        )
        self.export_csv_folder_action = self._action(
            "mdi6.folder-table-outline",
            "Export CSV files to a folder…",
            ["Ctrl+Shift+T"],
            self._on_export_csv_folder,
            "entities.csv, mentions.csv, quotes.csv and facts.csv in a folder you choose",
        )
        self.export_html_action = self._action(
            "mdi6.file-document-outline",
            "Export HTML report…",
            ["Ctrl+Shift+H"],
            self._on_export_html,
            "A self-contained web page with the highlights and the lists, for people without Dossier",
        )
        self.quit_action = self._action("mdi6.exit-to-app", "&Quit", ["Ctrl+Q"], self.close)

        self.undo_action = self.edits.createUndoAction(self, "&Undo")
        self.undo_action.setProperty(ICON_PROPERTY, "mdi6.undo")
        self.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])
        self.redo_action = self.edits.createRedoAction(self, "&Redo")
        self.redo_action.setProperty(ICON_PROPERTY, "mdi6.redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.find_action = self._action(
            "mdi6.magnify",
            "&Find…",
            ["Ctrl+F"],
            self._on_find,
            "Find words in the article and filter the lists by them",
        )
        self.find_next_action = self._action(
            "mdi6.magnify-plus-outline", "Find next", ["F4"], self.article_view.find_next
        )
        self.clear_filter_action = self._action(
            "mdi6.filter-remove-outline", "Clear filter", ["Esc"], self.clear_filter
        )

        self.reanalyse_action = self._action(
            "mdi6.refresh",
            "Re-&analyse",
            ["Ctrl+R"],
            self.reanalyse,
            "Analyse the article again, keeping your corrections",
        )
        self.dictionary_action = self._action(
            "mdi6.book-open-variant",
            "User &dictionary…",
            ["Ctrl+Shift+U"],
            self.show_dictionary,
            "See and edit the corrections Dossier applies to every article",
        )

        self.previous_action = self._action(
            "mdi6.chevron-up",
            "&Previous mention",
            ["Shift+F3"],
            self.previous_mention,
            "Previous mention of the selected entity",
        )
        self.next_action = self._action(
            "mdi6.chevron-down",
            "&Next mention",
            ["F3"],
            self.next_mention,
            "Next mention of the selected entity",
        )
        self.previous_article_action = self._action(
            "mdi6.page-previous-outline",
            "P&revious article",
            ["Ctrl+PgUp"],
            self.previous_article,
            "The previous article in this folder",
        )
        self.next_article_action = self._action(
            "mdi6.page-next-outline",
            "Ne&xt article",
            ["Ctrl+PgDown"],
            self.next_article,
            "The next article in this folder",
        )

        self.zoom_in_action = self._action(
            "mdi6.magnify-plus",
            "Zoom &in",
            ["Ctrl+=", "Ctrl++"],
            lambda: self.set_point_size(self.point_size() + 1),
        )
        self.zoom_out_action = self._action(
            "mdi6.magnify-minus", "Zoom &out", ["Ctrl+-"], lambda: self.set_point_size(self.point_size() - 1)
        )
        self.zoom_reset_action = self._action(
            "mdi6.magnify-close", "&Actual size", ["Ctrl+0"], lambda: self.set_point_size(READING_POINT_SIZE)
        )
        self.theme_group = QActionGroup(self)
        self.theme_actions: dict[str, QAction] = {}
        for choice, icon, keys in (
            ("system", "mdi6.theme-light-dark", "Ctrl+Alt+0"),
            ("light", "mdi6.white-balance-sunny", "Ctrl+Alt+1"),
            ("dark", "mdi6.weather-night", "Ctrl+Alt+2"),
        ):
            action = self._action(
                icon, f"{choice.capitalize()} theme", [keys], lambda c=choice: self.set_theme(c)
            )
            action.setCheckable(True)
            self.theme_group.addAction(action)
            self.theme_actions[choice] = action
        self.shortcuts_action = self._action(
            "mdi6.keyboard-outline", "&Keyboard shortcuts", ["F1", "Ctrl+/"], self.show_shortcuts
        )
        self._update_navigation()

    def _build_menus_and_toolbar(self) -> None:
        c = self.corrections
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction(self.open_action)
        file_menu.addAction(self.open_folder_action)
        self.recent_menu = QMenu("Open &Recent", self)
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(self._on_recent_menu_about_to_show)
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.save_action)
        file_menu.addAction(self.save_as_action)
        export_menu = file_menu.addMenu(qta.icon("mdi6.export"), "E&xport")
        export_menu.addAction(self.export_action)
        export_menu.addAction(self.export_csv_action)
        export_menu.addAction(self.export_csv_folder_action)
        export_menu.addAction(self.export_html_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        edit_menu = self.menuBar().addMenu("&Edit")
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        mark_menu = edit_menu.addMenu(qta.icon("mdi6.marker"), "&Mark as")
        for action in c.mark_actions.values():
            mark_menu.addAction(action)
        mark_all_menu = edit_menu.addMenu(qta.icon("mdi6.marker-check"), "Mark all &occurrences as")
        for action in c.mark_all_actions.values():
            mark_all_menu.addAction(action)
        for action in (c.remove_mention_action, c.remove_all_action, c.split_action):
            edit_menu.addAction(action)
        edit_menu.addSeparator()
        for action in (c.rename_action, c.merge_action, c.remove_entity_action):
            edit_menu.addAction(action)
        edit_menu.addSeparator()
        for action in (
            c.add_quote_action,
            c.add_fact_action,
            c.edit_item_action,
            c.delete_item_action,
            c.verify_action,
            c.dispute_action,
            c.unverify_action,
        ):
            edit_menu.addAction(action)
        edit_menu.addSeparator()
        edit_menu.addAction(c.remember_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)
        edit_menu.addAction(self.find_next_action)
        edit_menu.addAction(self.clear_filter_action)

        view_menu = self.menuBar().addMenu("&View")
        theme_menu = view_menu.addMenu(qta.icon("mdi6.palette-outline"), "&Theme")
        for action in self.theme_actions.values():
            theme_menu.addAction(action)
        view_menu.addSeparator()
        view_menu.addAction(self.zoom_in_action)
        view_menu.addAction(self.zoom_out_action)
        view_menu.addAction(self.zoom_reset_action)

        navigate_menu = self.menuBar().addMenu("&Navigate")
        navigate_menu.addAction(self.previous_action)
        navigate_menu.addAction(self.next_action)
        navigate_menu.addSeparator()
        navigate_menu.addAction(self.previous_article_action)
        navigate_menu.addAction(self.next_article_action)

        tools_menu = self.menuBar().addMenu("&Tools")
        tools_menu.addAction(self.reanalyse_action)
        tools_menu.addAction(self.dictionary_action)

        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(self.shortcuts_action)

        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("mainToolBar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        toolbar_actions: tuple[QAction | None, ...] = (
            self.open_action,
            self.save_action,
            self.export_html_action,
            None,
            self.undo_action,
            self.redo_action,
            None,
            c.merge_action,
            c.rename_action,
            c.remove_mention_action,
            c.add_quote_action,
            c.add_fact_action,
            None,
            self.previous_article_action,
            self.next_article_action,
            None,
            self.previous_action,
            self.next_action,
        )
        for item in toolbar_actions:
            if item is None:
                toolbar.addSeparator()
            else:
                toolbar.addAction(item)
        self.navigation_label = QLabel()
        self.navigation_label.setObjectName("navigationLabel")
        toolbar.addWidget(self.navigation_label)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        self.search_box = QLineEdit()
        self.search_box.setObjectName("searchBox")
        self.search_box.setPlaceholderText("Find in article and lists (Ctrl+F)")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.addAction(qta.icon("mdi6.magnify"), QLineEdit.ActionPosition.LeadingPosition)
        self.search_box.textChanged.connect(self._on_search_changed)
        self.search_box.returnPressed.connect(self.article_view.find_next)
        toolbar.addWidget(self.search_box)

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.progress = QProgressBar()
        self.progress.setObjectName("busyIndicator")
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(140)
        self.progress.setMaximumHeight(14)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.counts_label = QLabel()
        self.counts_label.setObjectName("countsLabel")
        self.model_label = QLabel("Model: not loaded")
        self.model_label.setObjectName("modelLabel")
        status.addPermanentWidget(self.progress)
        status.addPermanentWidget(self.counts_label)
        status.addPermanentWidget(self.model_label)

    # Showing documents

    def _show_document(self, document: Document) -> None:
        self._document = document
        self.edits.set_document(document)
        self._filter = Filter(labels=self.entity_panel.legend.visible_labels())
        self.entity_panel.clear_selection()
        self.entity_panel.set_document(document)
        self.article_view.show_document(document, self.entity_panel.legend.visible_labels())
        self._reset_navigation()
        self._apply_filter()
        self._update_document_actions()
        self._update_title(document.title or (self._path.stem if self._path else None))
        self._update_header(document.title, document.meta)
        self._update_counts()
        self._set_idle()
        self.document_shown.emit(document)

    def _clear_document(self) -> None:
        self._document = None
        self.edits.set_document(None)
        self.entity_panel.set_document(None)
        self._reset_navigation()
        self._update_document_actions()
        self.counts_label.setText("")

    def _update_counts(self) -> None:
        document = self._document
        if document is None:
            self.counts_label.setText("")
            return
        self.counts_label.setText(
            f"{len(document.mentions)} mentions · {len(document.entities)} entities · "
            f"{len(document.quotes)} quotes · {len(document.facts)} facts"
        )

    def _update_document_actions(self) -> None:
        has_document = self._document is not None
        for action in (
            self.save_action,
            self.save_as_action,
            self.export_action,
            self.export_csv_action,
            self.export_csv_folder_action,
            self.export_html_action,
            self.reanalyse_action,
        ):
            action.setEnabled(has_document)
        self.corrections.update_enabled()
        siblings = articles_in(self._path.parent) if self._path is not None else []
        self.previous_article_action.setEnabled(len(siblings) > 1)
        self.next_article_action.setEnabled(len(siblings) > 1)

    def _update_title(self, title: str | None = None) -> None:
        self.setWindowTitle(f"{APP_NAME} — {title}[*]" if title else f"{APP_NAME}[*]")
        self.setWindowModified(self.has_unsaved_edits())

    def _update_header(self, title: str | None, meta: dict[str, object]) -> None:
        """Title, then author · date · source file · format, above the text."""
        details = [str(meta[key]) for key in ("author", "date") if meta.get(key)]
        if self._path is not None:
            details.append(self._path.name)
        if meta.get("format"):
            details.append(str(meta["format"]).upper())
        title = title or str(meta.get("title") or "")
        if len(title) > HEADER_TITLE_CHARS:
            title = title[: HEADER_TITLE_CHARS - 1].rstrip() + "…"
        parts = []
        if title:
            parts.append(f"<b style='font-size:13pt'>{html.escape(title)}</b>")
        if details:
            parts.append(html.escape(" · ".join(details)))
        self.header.setText("<br>".join(parts))
        self.header.setVisible(bool(parts))

    def _suggested_path(self, suffix: str) -> Path:
        base = self._save_path or self._path
        return base.with_suffix(suffix) if base else Path.home() / f"article{suffix}"

    def _export(self, path: str | Path, write, what: str) -> bool:
        if self._document is None:
            self.report_error("There is nothing to export yet: the article has not been analysed.")
            return False
        try:
            write(self._document, path)
        except (DossierError, OSError) as error:
            self.report_error(f"Could not export the {what} to {Path(path).name}: {error}")
            return False
        self.statusBar().showMessage(f"Exported {Path(path).name}", 5000)
        return True

    def _set_busy(self, message: str) -> None:
        self.progress.show()
        self.statusBar().showMessage(message)

    def _set_idle(self, message: str = "Ready") -> None:
        self.progress.hide()
        self.statusBar().showMessage(message, 5000)

    # Filter

    def _filter_description(self) -> str:
        document = self._document
        active = self._filter
        parts = []
        if document is not None and active.entity_ids:
            names = [document.entity(i).name for i in active.entity_ids]
            parts.append("Involving " + " + ".join(names))
        if active.category_filtered():
            shown = [CATEGORY_TITLES[label] for label in CATEGORIES if label in active.labels]
            parts.append("Categories: " + (", ".join(shown) or "none"))
        if active.text.strip():
            parts.append(f"Text “{active.text.strip()}”")
        return " · ".join(parts)

    def _apply_filter(self) -> None:
        """Lists, filter bar and highlights follow the active filter."""
        document = self._document
        if document is not None:
            self._filter.entity_ids = [i for i in self._filter.entity_ids if document.has_entity(i)]
        self.entity_panel.set_filter(self._filter, self._filter_description())
        emphasised = [m.id for m in self._filtered_mentions()]
        self.article_view.highlighter.set_emphasised(emphasised, dim_others=bool(self._filter.entity_ids))

    def _filtered_mentions(self) -> list[Mention]:
        document = self._document
        if document is None:
            return []
        mentions = [m for i in self._filter.entity_ids for m in document.entity_mentions(i)]
        return sorted(mentions, key=lambda m: (m.start, m.end))

    # Mention navigation

    def _reset_navigation(self) -> None:
        self._nav_mentions = []
        self._nav_index = -1
        self.article_view.highlighter.set_emphasised([])
        self.article_view.clear_current_mention()
        self._update_navigation()

    def _step_mention(self, step: int) -> None:
        if not self._nav_mentions:
            return
        self._nav_index = (self._nav_index + step) % len(self._nav_mentions)
        self._go_to_current_mention()

    def _go_to_current_mention(self) -> None:
        self.article_view.go_to_mention(self._nav_mentions[self._nav_index])
        self._update_navigation()

    def _update_navigation(self) -> None:
        has_many = len(self._nav_mentions) > 1
        self.previous_action.setEnabled(has_many)
        self.next_action.setEnabled(has_many)
        if hasattr(self, "navigation_label"):
            count = len(self._nav_mentions)
            self.navigation_label.setText(f"  Mention {self._nav_index + 1} of {count}" if count else "")

    def _step_article(self, step: int) -> bool:
        if self._path is None:
            return False
        files = articles_in(self._path.parent)
        current = self._path.resolve()
        positions = [i for i, f in enumerate(files) if f.resolve() == current]
        if not files or (len(files) == 1 and positions):
            return False
        index = (positions[0] + step) % len(files) if positions else 0
        return self.open_file(files[index])

    # Slots

    def _on_entities_selected(self, entity_ids: list[str]) -> None:
        """The panel's selection is the entity filter; navigation walks the selected entities' mentions."""
        if self._document is None:
            return
        self._filter.entity_ids = list(entity_ids)
        self._apply_filter()
        mentions = self._filtered_mentions()
        self._nav_mentions = mentions
        if not mentions:
            self._nav_index = -1
            self.article_view.clear_current_mention()
            self._update_navigation()
            return
        # Selected by a click in the text: stay on the clicked mention; from the panel: go to the first.
        clicked = self._clicked_mention
        self._nav_index = mentions.index(clicked) if clicked in mentions else 0
        self._go_to_current_mention()

    def _on_entity_clicked(self, entity_id: str) -> None:
        """A click on the entity already selected starts again from its first mention."""
        if self._document is not None and self._filter.entity_ids == [entity_id]:
            self._on_entities_selected([entity_id])

    def _on_mention_clicked(self, mention: Mention, combine: bool) -> None:
        if mention.entity_id is None:
            return
        self._clicked_mention = mention
        try:
            if combine:
                self.entity_panel.select_entity(mention.entity_id, add=True)
            elif self._filter.entity_ids == [mention.entity_id]:
                self._on_entities_selected([mention.entity_id])  # same entity: the panel signals no change
            else:
                self.entity_panel.select_entity(mention.entity_id)
        finally:
            self._clicked_mention = None

    def _on_span_selected(self, start: int, end: int) -> None:
        self.article_view.select_span(start, end)

    def _on_legend_changed(self, label: str, visible: bool) -> None:
        self.article_view.highlighter.set_label_visible(label, visible)
        self._filter.labels = self.entity_panel.legend.visible_labels()
        self._apply_filter()

    def _on_search_changed(self, text: str) -> None:
        count = self.article_view.set_search(text)
        self._filter.text = text
        self._apply_filter()
        if text.strip():
            self.statusBar().showMessage(f"{count} match{'es' if count != 1 else ''} in the article", 4000)

    def _on_find(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def _on_document_edited(self) -> None:
        """After an edit, undo or redo: models reset, on-screen blocks re-highlighted, filter re-applied."""
        document = self._document
        if document is None:
            return
        self.entity_panel.set_document(document)
        self._filter.entity_ids = [i for i in self._filter.entity_ids if document.has_entity(i)]
        self.article_view.document_edited(m.id for m in self._filtered_mentions())
        self._apply_filter()
        self._nav_mentions = self._filtered_mentions()
        self._nav_index = min(self._nav_index, len(self._nav_mentions) - 1)
        self._update_navigation()
        self._update_counts()
        self.document_edited.emit()

    def _on_clean_changed(self, clean: bool) -> None:
        self.setWindowModified(not clean and self._document is not None)
        if clean:
            self.autosave_timer.stop()
            self._edits_since_autosave = 0
            if self._document is not None:
                self.recovery_writer.discard(self._document)
        elif self._document is not None:
            self.autosave_timer.start()

    def _on_history_step(self, _index: int) -> None:
        if self.edits.isClean():
            return
        self._edits_since_autosave += 1
        if self._edits_since_autosave >= AUTOSAVE_EVERY_EDITS:
            self.autosave()

    def _on_merge_dropped(self, target: str, dropped: list[str]) -> None:
        self.corrections.merge([target, *dropped], keep_target_name=True)

    def _on_article_context_menu(self, point: QPoint) -> None:
        position = self.article_view.cursorForPosition(point).position()
        menu = self.corrections.article_menu(position)
        menu.exec(self.article_view.viewport().mapToGlobal(point))

    def _on_entity_context_menu(self, point: QPoint) -> None:
        tree = self.entity_panel.entity_tree
        index = tree.indexAt(point)
        if index.isValid() and not tree.selectionModel().isSelected(index):
            tree.setCurrentIndex(index)
        self.corrections.entity_menu().exec(tree.viewport().mapToGlobal(point))

    def _on_entity_double_clicked(self, index) -> None:
        entity_id = index.data(ENTITY_ID_ROLE)
        if entity_id:
            self.corrections.rename(entity_id)

    def _on_item_double_clicked(self, _index: object) -> None:
        self.corrections.edit_item()

    def _on_item_context_menu(self, kind: str, point: QPoint) -> None:
        table = self.entity_panel.quote_list if kind == "quote" else self.entity_panel.fact_list
        index = table.indexAt(point)
        if not index.isValid():
            return
        table.selectRow(index.row())
        self.corrections.item_menu(kind).exec(table.viewport().mapToGlobal(point))

    def _on_model_loading(self) -> None:
        self.model_label.setText("Model: loading…")
        self._set_busy("Loading the language model…")

    def _on_model_loaded(self, model_name: str) -> None:
        self._model_name = model_name
        self.model_label.setText(f"Model: {model_name}")
        if self._pending_token is None and self._reanalysis_token is None:
            self._set_idle("Language model ready")
        else:
            self._set_busy("Analysing…")

    def _on_analysed(self, token: int, document: Document) -> None:
        if token == self._reanalysis_token:
            self._reanalysis_token = None
            self._take_reanalysis(document)
            return
        if token != self._pending_token:
            return  # the reader opened something else meanwhile
        self._pending_token = None
        document.meta.update(self._pending_meta)
        applied = self._apply_user_dictionary(document)
        self._show_document(document)
        message = f"Analysed: {len(document.mentions)} mentions of {len(document.entities)} entities"
        if applied:
            message += f"; your dictionary changed {applied}"
        self.statusBar().showMessage(message, 5000)

    def _apply_user_dictionary(self, document: Document) -> int:
        """The reader's remembered corrections, applied as part of the analysis (not an undo step)."""
        try:
            return apply_dictionary(document, load_dictionary())
        except DossierError as error:
            self.report_error(str(error))
            return 0

    def _take_reanalysis(self, fresh: Document) -> None:
        current = self._document
        if current is None or fresh.text != current.text:
            self._set_idle()
            return
        try:
            carried = carry_over_user_edits(current, fresh)
        except DossierError as error:
            self._set_idle()
            self.report_error(str(error))
            return
        state = carried.snapshot()

        def take(document: Document) -> None:
            document.restore(state)
            document.pipeline = dict(carried.pipeline)

        model = self._model_name or "the model"
        if self.edits.apply("Re-analyse", take):
            self._set_idle(f"Analysed again with {model}; your corrections were kept")
        else:
            self._set_idle(f"Analysed again with {model}: nothing changed")

    def _on_analysis_failed(self, token: int, message: str) -> None:
        if self._model_name is None:
            self.model_label.setText("Model: unavailable")
        if token == self._reanalysis_token:
            self._reanalysis_token = None
            self.progress.hide()
            self.report_error(message)
            return
        if token == -1:
            if self._pending_token is not None or self._reanalysis_token is not None:
                return  # the pending analysis retries the load and reports the failure itself
        elif token != self._pending_token:
            return
        failed_article = self._pending_token is not None
        self._pending_token = None
        self.progress.hide()
        self.report_error(message)
        if failed_article:
            self.analysis_failed.emit(message)

    def _on_open(self) -> None:
        start_dir = str(self._path.parent) if self._path else str(Path.home())
        path, _filter = QFileDialog.getOpenFileName(self, "Open article", start_dir, OPEN_FILTER)
        if path:
            self.open_file(path)

    def _on_open_folder(self) -> None:
        start_dir = str(self._path.parent) if self._path else str(Path.home())
        folder = QFileDialog.getExistingDirectory(self, "Open a folder of articles", start_dir)
        if folder:
            self.open_folder(folder)

    def _ask_export_path(self, title: str, suffix: str, file_filter: str) -> str:
        path, _filter = QFileDialog.getSaveFileName(
            self, title, str(self._suggested_path(suffix)), file_filter
        )
        return path

    def _on_export(self) -> None:
        path = self._ask_export_path("Export annotated JSON", ".json", "Dossier JSON (*.json)")
        if path:
            self.export_to(path)

    def _on_export_csv(self) -> None:
        path = self._ask_export_path("Export CSV tables", ".zip", "Zip of CSV files (*.zip)")
        if path:
            self.export_csv(path)

    def _on_export_csv_folder(self) -> None:
        start = str((self._save_path or self._path or Path.home() / "article").parent)
        folder = QFileDialog.getExistingDirectory(self, "Export CSV files to a folder", start)
        if folder:
            self.export_csv_files(folder)

    def _on_export_html(self) -> None:
        path = self._ask_export_path("Export HTML report", ".html", "Web page (*.html)")
        if path:
            self.export_html(path)

    def _on_recent_menu_about_to_show(self) -> None:
        self.recent_menu.clear()
        files = self.recent_files()
        for file in files:
            action = self.recent_menu.addAction(Path(file).name)
            action.setToolTip(file)
            action.setStatusTip(file)
            action.triggered.connect(lambda _checked=False, file=file: self.open_file(file))
        if not files:
            self.recent_menu.addAction("No recent files").setEnabled(False)

    # Window layout, remembered between sessions

    def _restore_layout(self) -> None:
        geometry = self.settings.value(GEOMETRY_KEY)
        if geometry is not None:
            self.restoreGeometry(geometry)  # type: ignore[arg-type]
        splitter = self.settings.value(SPLITTER_KEY)
        if splitter is not None:
            self.splitter.restoreState(splitter)  # type: ignore[arg-type]

    def _save_layout(self) -> None:
        self.settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        self.settings.setValue(SPLITTER_KEY, self.splitter.saveState())

    # Recent files

    def _add_recent(self, path: Path) -> None:
        resolved = str(path.resolve())
        files = [f for f in self.recent_files() if f != resolved]
        self.settings.setValue(RECENT_KEY, [resolved, *files][:MAX_RECENT])

    # Qt overrides

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _dropped_file(event.mimeData().urls()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        path = _dropped_file(event.mimeData().urls())
        if path is not None:
            event.acceptProposedAction()
            self.open_file(path)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self._save_layout()
        self.shutdown()
        super().closeEvent(event)


def _dropped_file(urls: list[QUrl]) -> str | None:
    """The first dropped local file Dossier can open (by extension), if any."""
    for url in urls:
        if url.isLocalFile() and Path(url.toLocalFile()).suffix.lower() in SUPPORTED_SUFFIXES:
            return url.toLocalFile()
    return None
