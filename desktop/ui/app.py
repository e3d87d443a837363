"""Start the reader: QApplication, style, icon, recovery of unsaved edits, the first article, --screenshot."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMessageLogContext, QSettings, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from desktop.core.model import Document
from desktop.core.resources import resource_path, resources_dir
from desktop.ui.analysis_process import start_early

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

SEED_ARTICLE = Path("seeds") / "kim-jong-un-leaves-russia.txt"
SCREENSHOT_TIMEOUT_MS = 180_000


def seed_article() -> Path | None:
    """The sample article: seeds/ sits beside resources/ in a checkout and in the bundle."""
    candidate = resources_dir().parent / SEED_ARTICLE
    return candidate if candidate.exists() else None


# Harmless Qt chatter that would bury Dossier's own one-line messages on stderr.
_QT_NOISE = ("This plugin does not support propagateSizeHints()",)


def _on_qt_message(_kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    if message not in _QT_NOISE:
        print(message, file=sys.stderr)


def _application(name: str) -> QApplication:
    qInstallMessageHandler(_on_qt_message)
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setApplicationName(name)
    app.setOrganizationName(name)
    app.setApplicationDisplayName(name)
    icon = resource_path("icons/dossier.svg")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    app.setStyle("Fusion")  # the window applies the light or dark theme on top
    return app


def _fail(message: str) -> None:
    print(f"dossier: {message.splitlines()[0]}", file=sys.stderr)


class _Screenshot:
    """--screenshot: grab the window once the document is shown; exit non-zero on any failure."""

    def __init__(self, app: QApplication, window: MainWindow, out: str) -> None:
        self.app = app
        self.window = window
        self.out = out
        self.code = 0
        window.document_shown.connect(self._on_document_shown)
        window.analysis_failed.connect(self._on_failed)
        QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, self._on_timeout)

    def open(self, target: Path | str | None) -> bool:
        if target is None:
            _fail("no file given and no sample article found")
            return False
        self.window.error_reported.connect(_fail)
        opened = self.window.open_file(target)
        self.window.error_reported.disconnect(_fail)
        return opened

    def _on_document_shown(self, _document: Document) -> None:
        # One more event-loop turn, so layout and highlights are painted before the grab.
        QTimer.singleShot(50, self._save)

    def _save(self) -> None:
        if not self.window.grab().save(self.out, "PNG"):
            _fail(f"could not write the screenshot {self.out}")
            self.code = 1
        self.app.quit()

    def _on_failed(self, message: str) -> None:
        _fail(message)
        self.code = 1
        self.app.quit()

    def _on_timeout(self) -> None:
        _fail("the analysis did not finish in time; no screenshot taken")
        self.code = 1
        self.app.quit()


def _start(window: MainWindow, target: Path | str | None) -> None:
    if not window.offer_recovery() and target is not None:
        window.open_file(target)


def run_app(file: str | None = None, screenshot: str | None = None) -> int:
    """Open the window on FILE (default: the seed article); with screenshot, save a PNG once analysed."""
    if not screenshot:
        # The model loads on the other core while the window's modules load and the window is
        # built (see start_early): the window module is imported only after this.
        start_early()
    from desktop.ui.main_window import APP_NAME, MainWindow

    app = _application(APP_NAME)
    if screenshot:
        # Reproducible pictures: the default layout, no recent-files entry, no model preloaded
        # (a screenshot of a saved document must not wait for a model it does not need).
        scratch = tempfile.TemporaryDirectory(prefix="dossier-screenshot-")
        settings = QSettings(str(Path(scratch.name) / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(settings=settings, preload_model=False)
    else:
        window = MainWindow()
    app.aboutToQuit.connect(window.shutdown)
    window.show()
    target = file or seed_article()
    try:
        if screenshot:
            run = _Screenshot(app, window, screenshot)
            if not run.open(target):
                return 1
            return app.exec() or run.code
        # From the event loop, so a message about a file that fails to open has a window under it.
        # Unsaved corrections left by a crash come first; the article is opened only if none is restored.
        QTimer.singleShot(0, lambda: _start(window, target))
        return app.exec()
    finally:
        window.shutdown()
