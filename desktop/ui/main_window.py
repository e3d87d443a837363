"""The reader window: article, side panel, menus, and the hand-off to the analysis thread."""

from __future__ import annotations

from pathlib import Path

import qtawesome as qta
from PySide6.QtCore import QSettings, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QWidget,
)

from desktop.core.annotated_json import save_document
from desktop.core.errors import DossierError
from desktop.core.io import SUPPORTED_SUFFIXES, open_any
from desktop.core.model import Document, Mention
from desktop.ui.article_view import ArticleView
from desktop.ui.entity_panel import EntityPanel
from desktop.ui.workers import AnalysisThread, PipelineLoader, load_default_pipeline

APP_NAME = "Dossier"
MAX_RECENT = 10
RECENT_KEY = "recentFiles"
GEOMETRY_KEY = "window/geometry"
SPLITTER_KEY = "window/splitter"
OPEN_FILTER = "Articles and Dossier files (*.txt *.md *.text *.markdown *.json);;All files (*)"


class MainWindow(QMainWindow):
    """Shows one article at a time; analysis results arrive from the worker thread.

    ``pipeline_loader`` is called once, on the worker thread, to get an object
    with ``model_name`` and ``analyze(text, source, title) -> Document``; tests
    pass a fake one. ``settings`` holds the recent-files list. With
    ``preload_model`` the model loads as soon as the window exists, so the
    first article is analysed sooner; otherwise on the first analysis.
    """

    document_shown = Signal(object)  # a Document, once its highlights are applied
    analysis_failed = Signal(str)  # the article being opened could not be analysed
    error_reported = Signal(str)  # any message shown to the reader

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
        self._settings = settings if settings is not None else QSettings()
        self._document: Document | None = None
        self._path: Path | None = None
        self._token = 0
        self._pending_token: int | None = None
        self._pending_meta: dict[str, object] = {}
        self._nav_mentions: list[Mention] = []
        self._nav_index = -1
        self._error_box: QMessageBox | None = None
        self._model_name: str | None = None
        self._clicked_mention: Mention | None = None

        self.article_view = ArticleView()
        self.article_view.mention_clicked.connect(self._on_mention_clicked)
        self.entity_panel = EntityPanel()
        self.entity_panel.entity_selected.connect(self._on_entity_selected)
        self.entity_panel.span_selected.connect(self._on_span_selected)
        self.entity_panel.legend.visibility_changed.connect(self._on_legend_changed)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.article_view)
        self.splitter.addWidget(self.entity_panel)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([860, 420])
        self.splitter.setContentsMargins(8, 8, 8, 0)
        self.setCentralWidget(self.splitter)

        self._build_actions()
        self._build_menus_and_toolbar()
        self._build_status_bar()
        self._update_title()

        self._restore_layout()

        self._analysis = AnalysisThread(pipeline_loader, self)
        worker = self._analysis.worker
        worker.model_loading.connect(self._on_model_loading)
        worker.model_loaded.connect(self._on_model_loaded)
        worker.analysed.connect(self._on_analysed)
        worker.failed.connect(self._on_analysis_failed)
        if preload_model:
            self._analysis.load()

    # Public API

    @property
    def document(self) -> Document | None:
        """The document shown with its annotations (None while the text awaits analysis)."""
        return self._document

    @property
    def path(self) -> Path | None:
        return self._path

    def open_file(self, path: str | Path) -> bool:
        """Open an article (analysed in the background) or a Dossier JSON (shown as saved).

        On failure the current article stays and the reason is reported.
        """
        try:
            opened = open_any(path)
        except DossierError as error:
            self.report_error(str(error))
            return False
        except Exception as error:  # a bug must not close the window and lose the article on screen
            self.report_error(f"Could not open {Path(path).name}: {type(error).__name__}: {error}")
            return False
        self._path = opened.path
        self._add_recent(opened.path)
        if opened.document is not None:
            self._token += 1
            self._pending_token = None
            self._show_document(opened.document)
            self.statusBar().showMessage(f"Opened {opened.path.name} (saved annotations)", 5000)
            return True
        article = opened.article
        assert article is not None
        self._clear_document()
        self.article_view.show_text(article.text)
        self._update_title(article.title or opened.path.stem)
        self._token += 1
        self._pending_token = self._token
        self._pending_meta = dict(article.meta)
        self._set_busy(f"Analysing {opened.path.name}…")
        self._analysis.analyze(self._token, article.text, article.source, article.title)
        return True

    def export_to(self, path: str | Path) -> bool:
        if self._document is None:
            self.report_error("There is nothing to export yet: the article has not been analysed.")
            return False
        try:
            save_document(self._document, path)
        except (DossierError, OSError) as error:
            self.report_error(f"Could not export to {Path(path).name}: {error}")
            return False
        self.statusBar().showMessage(f"Exported {Path(path).name}", 5000)
        return True

    def recent_files(self) -> list[str]:
        """Recently opened files, newest first; files that no longer exist are dropped."""
        stored = self._settings.value(RECENT_KEY, [])
        # QSettings hands back a lone string for a one-item list in some formats.
        files = [stored] if isinstance(stored, str) else [str(f) for f in stored or []]  # type: ignore[attr-defined]
        existing = [f for f in files if Path(f).exists()]
        if existing != files:
            self._settings.setValue(RECENT_KEY, existing)
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

    def shutdown(self) -> None:
        self._analysis.shutdown()

    # Building

    def _build_actions(self) -> None:
        self.open_action = QAction(qta.icon("mdi6.folder-open-outline"), "&Open…", self)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.setToolTip("Open an article or a Dossier JSON file (Ctrl+O)")
        self.open_action.triggered.connect(self._on_open)
        self.export_action = QAction(qta.icon("mdi6.code-json"), "&Export annotated JSON…", self)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.setToolTip("Export the article with its annotations as JSON (Ctrl+E)")
        self.export_action.setEnabled(False)
        self.export_action.triggered.connect(self._on_export)
        self.quit_action = QAction(qta.icon("mdi6.exit-to-app"), "&Quit", self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.previous_action = QAction(qta.icon("mdi6.chevron-up"), "&Previous mention", self)
        self.previous_action.setShortcut(QKeySequence("Shift+F3"))
        self.previous_action.setToolTip("Previous mention of the selected entity (Shift+F3)")
        self.previous_action.triggered.connect(self.previous_mention)
        self.next_action = QAction(qta.icon("mdi6.chevron-down"), "&Next mention", self)
        self.next_action.setShortcut(QKeySequence("F3"))
        self.next_action.setToolTip("Next mention of the selected entity (F3)")
        self.next_action.triggered.connect(self.next_mention)
        self._update_navigation()

    def _build_menus_and_toolbar(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction(self.open_action)
        self.recent_menu = QMenu("Open &Recent", self)
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(self._on_recent_menu_about_to_show)
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        navigate_menu = self.menuBar().addMenu("&Navigate")
        navigate_menu.addAction(self.previous_action)
        navigate_menu.addAction(self.next_action)

        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("mainToolBar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addAction(self.open_action)
        toolbar.addAction(self.export_action)
        toolbar.addSeparator()
        toolbar.addAction(self.previous_action)
        toolbar.addAction(self.next_action)
        self.navigation_label = QLabel()
        self.navigation_label.setObjectName("navigationLabel")
        toolbar.addWidget(self.navigation_label)

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
        self.entity_panel.set_document(document)
        self.article_view.show_document(document, self.entity_panel.legend.visible_labels())
        self._reset_navigation()
        self.export_action.setEnabled(True)
        self._update_title(document.title or (self._path.stem if self._path else None))
        self.counts_label.setText(
            f"{len(document.mentions)} mentions · {len(document.entities)} entities · "
            f"{len(document.quotes)} quotes · {len(document.facts)} facts"
        )
        self._set_idle()
        self.document_shown.emit(document)

    def _clear_document(self) -> None:
        self._document = None
        self.entity_panel.set_document(None)
        self._reset_navigation()
        self.export_action.setEnabled(False)
        self.counts_label.setText("")

    def _update_title(self, title: str | None = None) -> None:
        self.setWindowTitle(f"{APP_NAME} — {title}" if title else APP_NAME)

    def _set_busy(self, message: str) -> None:
        self.progress.show()
        self.statusBar().showMessage(message)

    def _set_idle(self, message: str = "Ready") -> None:
        self.progress.hide()
        self.statusBar().showMessage(message, 5000)

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

    # Slots

    def _on_entity_selected(self, entity_id: str) -> None:
        if self._document is None:
            return
        mentions = self._document.entity_mentions(entity_id)
        if not mentions:
            return
        self._nav_mentions = mentions
        self.article_view.highlighter.set_emphasised(m.id for m in mentions)
        # Selected by a click in the text: stay on the clicked mention; from the panel: go to the first.
        clicked = self._clicked_mention
        self._nav_index = mentions.index(clicked) if clicked in mentions else 0
        self._go_to_current_mention()

    def _on_mention_clicked(self, mention: Mention) -> None:
        if mention.entity_id is None:
            return
        self._clicked_mention = mention
        try:
            if self.entity_panel.selected_entity_id() == mention.entity_id:
                self._on_entity_selected(mention.entity_id)  # same entity: the panel signals no change
            else:
                self.entity_panel.select_entity(mention.entity_id)
        finally:
            self._clicked_mention = None

    def _on_span_selected(self, start: int, end: int) -> None:
        self.article_view.select_span(start, end)

    def _on_legend_changed(self, label: str, visible: bool) -> None:
        self.article_view.highlighter.set_label_visible(label, visible)

    def _on_model_loading(self) -> None:
        self.model_label.setText("Model: loading…")
        self._set_busy("Loading the language model…")

    def _on_model_loaded(self, model_name: str) -> None:
        self._model_name = model_name
        self.model_label.setText(f"Model: {model_name}")
        if self._pending_token is None:
            self._set_idle("Language model ready")
        else:
            self._set_busy("Analysing…")

    def _on_analysed(self, token: int, document: Document) -> None:
        if token != self._pending_token:
            return  # the reader opened something else meanwhile
        self._pending_token = None
        document.meta.update(self._pending_meta)
        self._show_document(document)
        self.statusBar().showMessage(
            f"Analysed: {len(document.mentions)} mentions of {len(document.entities)} entities", 5000
        )

    def _on_analysis_failed(self, token: int, message: str) -> None:
        if self._model_name is None:
            self.model_label.setText("Model: unavailable")
        if token == -1:
            if self._pending_token is not None:
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

    def _on_export(self) -> None:
        if self._document is None:
            return
        suggested = self._path.with_suffix(".json") if self._path else Path.home() / "article.json"
        path, _filter = QFileDialog.getSaveFileName(
            self, "Export annotated JSON", str(suggested), "Dossier JSON (*.json)"
        )
        if path:
            self.export_to(path)

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
        geometry = self._settings.value(GEOMETRY_KEY)
        if geometry is not None:
            self.restoreGeometry(geometry)  # type: ignore[arg-type]
        splitter = self._settings.value(SPLITTER_KEY)
        if splitter is not None:
            self.splitter.restoreState(splitter)  # type: ignore[arg-type]

    def _save_layout(self) -> None:
        self._settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        self._settings.setValue(SPLITTER_KEY, self.splitter.saveState())

    # Recent files

    def _add_recent(self, path: Path) -> None:
        resolved = str(path.resolve())
        files = [f for f in self.recent_files() if f != resolved]
        self._settings.setValue(RECENT_KEY, [resolved, *files][:MAX_RECENT])

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
        self._save_layout()
        self.shutdown()
        super().closeEvent(event)


def _dropped_file(urls: list[QUrl]) -> str | None:
    """The first dropped local file Dossier can open (by extension), if any."""
    for url in urls:
        if url.isLocalFile() and Path(url.toLocalFile()).suffix.lower() in SUPPORTED_SUFFIXES:
            return url.toLocalFile()
    return None
