"""Background NLP: the spaCy model loads and analyses on a worker thread.

The GUI thread never imports spaCy or runs the pipeline; it sends requests
through queued signals and gets a Document (or a user-facing message) back.
Every request carries a token so a result for an article the user has
already left is recognised and dropped by the window.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, QThread, Signal, Slot

from desktop.core.errors import DossierError
from desktop.core.model import Document


class AnalysisPipeline(Protocol):
    """What the window needs from a pipeline (desktop.core.nlp.pipeline.Pipeline fits)."""

    model_name: str

    def analyze(self, text: str, source: str | None = None, title: str | None = None) -> Document: ...


PipelineLoader = Callable[[], AnalysisPipeline]


def load_default_pipeline() -> AnalysisPipeline:
    """Imported here, on the worker thread: importing spaCy alone takes most of a second."""
    from desktop.core.nlp.pipeline import load_pipeline

    return load_pipeline()


class AnalysisWorker(QObject):
    """Lives on its own thread; loads the pipeline once, then analyses on request."""

    model_loading = Signal()
    model_loaded = Signal(str)
    analysed = Signal(int, object)
    failed = Signal(int, str)

    def __init__(self, loader: PipelineLoader) -> None:
        super().__init__()
        self._loader = loader
        self._pipeline: AnalysisPipeline | None = None

    def _ensure_pipeline(self) -> AnalysisPipeline:
        if self._pipeline is None:
            self.model_loading.emit()
            self._pipeline = self._loader()
            self.model_loaded.emit(self._pipeline.model_name)
        return self._pipeline

    @Slot()
    def load(self) -> None:
        try:
            self._ensure_pipeline()
        except Exception as error:  # any failure must reach the user as a message, not kill the thread
            self.failed.emit(-1, _message_for(error, "The language model could not be loaded"))

    @Slot(int, str, object, object)
    def analyze(self, token: int, text: str, source: str | None, title: str | None) -> None:
        try:
            document = self._ensure_pipeline().analyze(text, source=source, title=title)
        except Exception as error:  # same: a message for the status bar, never a traceback
            self.failed.emit(token, _message_for(error, "The analysis failed"))
            return
        self.analysed.emit(token, document)


def _message_for(error: Exception, what: str) -> str:
    if isinstance(error, DossierError):
        return str(error)
    return f"{what}: {type(error).__name__}: {error}"


class AnalysisThread(QObject):
    """Owns the worker thread; request analyses with analyze(), stop with shutdown()."""

    _load_requested = Signal()
    _analysis_requested = Signal(int, str, object, object)

    def __init__(self, loader: PipelineLoader, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("dossier-analysis")
        self.worker = AnalysisWorker(loader)
        self.worker.moveToThread(self._thread)
        self._thread.finished.connect(self.worker.deleteLater)
        self._load_requested.connect(self.worker.load)
        self._analysis_requested.connect(self.worker.analyze)
        self._thread.start()

    def load(self) -> None:
        self._load_requested.emit()

    def analyze(self, token: int, text: str, source: str | None, title: str | None) -> None:
        self._analysis_requested.emit(token, text, source, title)

    def shutdown(self) -> None:
        """Let a running analysis finish, then stop the thread (Qt aborts on a running QThread)."""
        if self._thread.isRunning():
            self._thread.quit()
            self._thread.wait()
