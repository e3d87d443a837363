"""Reader-window fixtures: offscreen Qt, windows with a fake pipeline (tests/ui/fakes.py).

Tests marked ``model`` use the real pipeline instead. Every test gets its own
data folder (user dictionary, recovery copies) and scripted answers to
Save/Discard/Cancel questions, so nothing touches the real user folder and
no modal dialog ever waits for a click.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from desktop.ui.main_window import MainWindow
from tests.ui.fakes import SEED, FakePipeline


class Answers:
    """Stands in for QMessageBox.question: answers queued by the test, else Discard (or No)."""

    def __init__(self) -> None:
        self.queued: list[QMessageBox.StandardButton] = []
        self.asked: list[str] = []

    def __call__(self, _parent, _title, text, buttons=None, _default=None):
        self.asked.append(text)
        if self.queued:
            return self.queued.pop(0)
        if buttons is not None and buttons & QMessageBox.StandardButton.Discard:
            return QMessageBox.StandardButton.Discard
        return QMessageBox.StandardButton.No


@pytest.fixture(autouse=True)
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    queue = Answers()
    monkeypatch.setattr(QMessageBox, "question", queue)
    return queue


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "data"
    monkeypatch.setenv("DOSSIER_DATA_DIR", str(path))
    return path


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "dossier.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def fake_pipeline() -> FakePipeline:
    return FakePipeline()


@pytest.fixture
def make_window(qtbot, settings: QSettings) -> Iterator:
    """Build windows with a given pipeline loader; their analysis threads are stopped afterwards."""
    windows: list[MainWindow] = []
    releases: list[threading.Event] = []

    def build(loader=None, release: threading.Event | None = None) -> MainWindow:
        window = MainWindow(pipeline_loader=loader or FakePipeline, settings=settings)
        qtbot.addWidget(window)
        window.show()
        windows.append(window)
        if release is not None:
            releases.append(release)
        return window

    yield build
    for release in releases:
        release.set()  # a test that failed half-way must not leave a worker blocked forever
    for window in windows:
        window.shutdown()


@pytest.fixture
def window(make_window, fake_pipeline: FakePipeline) -> MainWindow:
    return make_window(lambda: fake_pipeline)


@pytest.fixture
def seed_window(qtbot, window: MainWindow) -> MainWindow:
    """The window with the seed article analysed by the fake pipeline."""
    with qtbot.waitSignal(window.document_shown, timeout=5000):
        assert window.open_file(SEED)
    window.activateWindow()  # keyboard shortcuts only fire in the active window
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    return window
