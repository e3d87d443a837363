"""Background NLP: requests go to a worker thread; the real model runs in a worker process.

The GUI thread never imports spaCy or runs the pipeline; it sends requests
through queued signals and gets a Document (or a user-facing message) back.
Every request carries a token so a result for an article the user has
already left is recognised and dropped by the window.

The default loader starts one long-lived analysis process (see
analysis_process) that holds the loaded pipeline: in a thread of this process
the model load and the analysis would hold the GIL long enough to freeze the
window. The worker thread only waits on the pipe and decodes the result.
Injected loaders (the tests' fakes) still run in the worker thread.
"""

from __future__ import annotations

import multiprocessing.connection
import multiprocessing.process
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, QThread, Signal, Slot

from desktop.core.errors import DossierError
from desktop.core.model import Document
from desktop.ui.analysis_process import decode_document, message_for, start_process


class AnalysisPipeline(Protocol):
    """What the window needs from a pipeline (desktop.core.nlp.pipeline.Pipeline fits)."""

    model_name: str

    def analyze(self, text: str, source: str | None = None, title: str | None = None) -> Document: ...


PipelineLoader = Callable[[], AnalysisPipeline]


class ProcessPipeline:
    """The real pipeline, loaded and run in a spawned process; called from the worker thread only.

    If the process dies (out of memory, killed), the next analysis starts a new one.
    """

    def __init__(self) -> None:
        self.model_name = ""
        self._process: multiprocessing.process.BaseProcess | None = None
        self._connection: multiprocessing.connection.Connection | None = None
        self._closed = False
        self._start()

    def _start(self) -> None:
        self._process, self._connection = start_process()
        self.model_name = self._receive("loaded")

    def _receive(self, expected: str) -> Any:  # the model name or the encoded document
        assert self._connection is not None
        try:
            kind, payload = self._connection.recv()
        except (EOFError, OSError):
            self._stop()
            raise DossierError("The analysis process stopped unexpectedly; try again.") from None
        if kind == "failed":
            raise DossierError(payload)
        assert kind == expected, kind
        return payload

    def analyze(self, text: str, source: str | None = None, title: str | None = None) -> Document:
        if self._closed:
            raise DossierError("Dossier is closing.")
        if self._connection is None:
            self._start()
        assert self._connection is not None
        try:
            self._connection.send((text, source, title))
        except OSError:
            self._stop()
            raise DossierError("The analysis process stopped unexpectedly; try again.") from None
        return decode_document(self._receive("analysed"))

    def close(self) -> None:
        """Stop the process now, even mid-analysis (a waiting analyze() fails with a message)."""
        self._closed = True
        self._stop()

    def _stop(self) -> None:
        process, self._process = self._process, None
        connection, self._connection = self._connection, None
        if process is not None and process.is_alive():
            process.terminate()
            process.join(timeout=5)
        if connection is not None:
            connection.close()


def load_default_pipeline() -> AnalysisPipeline:
    """Starts the analysis process; returns once its model is loaded (on the worker thread)."""
    return ProcessPipeline()


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

    @property
    def pipeline(self) -> AnalysisPipeline | None:
        """The loaded pipeline, if any (None while it loads)."""
        return self._pipeline

    @Slot()
    def load(self) -> None:
        try:
            self._ensure_pipeline()
        except Exception as error:  # any failure must reach the user as a message, not kill the thread
            self.failed.emit(-1, message_for(error, "The language model could not be loaded"))

    @Slot(int, str, object, object)
    def analyze(self, token: int, text: str, source: str | None, title: str | None) -> None:
        try:
            document = self._ensure_pipeline().analyze(text, source=source, title=title)
        except Exception as error:  # same: a message for the status bar, never a traceback
            self.failed.emit(token, message_for(error, "The analysis failed"))
            return
        self.analysed.emit(token, document)


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
        self._shut_down = False
        self._thread.start()

    def load(self) -> None:
        self._load_requested.emit()

    def analyze(self, token: int, text: str, source: str | None, title: str | None) -> None:
        self._analysis_requested.emit(token, text, source, title)

    def shutdown(self) -> None:
        """Stop the analysis process (mid-analysis too), then the thread (Qt aborts on a running QThread).

        An in-thread pipeline (a test's fake) cannot be interrupted: its analysis runs to the end.
        """
        if self._shut_down:
            return  # the window closes and the app quits: both ask
        self._shut_down = True
        self.worker.blockSignals(True)  # nothing reaches a closing window
        close = getattr(self.worker.pipeline, "close", None)
        if close is not None:
            close()
        if self._thread.isRunning():
            self._thread.quit()
            self._thread.wait()
