"""Opening, analysing, exporting and re-opening articles in the reader window."""

from __future__ import annotations

import dataclasses
import threading
from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDropEvent

from desktop.core.errors import DossierError
from desktop.core.labels import colour_for
from desktop.ui.main_window import MainWindow
from tests.ui.fakes import SEED, FakePipeline


def test_text_shows_at_once_and_highlights_follow_analysis(qtbot, make_window, seed_text: str) -> None:
    release = threading.Event()
    pipeline = FakePipeline()

    def slow_loader() -> FakePipeline:
        release.wait(10)  # the model is "loading" until the test says so
        return pipeline

    window = make_window(slow_loader, release)
    assert window.open_file(SEED)

    # Before the model has loaded: the text is readable, the busy indicator runs, nothing highlighted.
    assert window.article_view.toPlainText() == seed_text
    assert window.document is None
    assert window.progress.isVisible()
    assert window.windowTitle().startswith("Dossier — ")

    with qtbot.waitSignal(window.document_shown, timeout=5000):
        release.set()
    kim = next(m for m in window.document.mentions if m.text == "Kim Jong Un")
    assert window.article_view.format_at(kim.start).background().color() == QColor(colour_for("PERSON"))
    assert not window.progress.isVisible()
    assert window.model_label.text() == "Model: fake-model"
    assert window.counts_label.text().startswith(f"{len(window.document.mentions)} mentions")
    assert pipeline.calls == 1


def test_analysis_runs_off_the_gui_thread(qtbot, make_window) -> None:
    threads: list[threading.Thread] = []

    class RecordingPipeline(FakePipeline):
        def analyze(self, text, source=None, title=None):
            threads.append(threading.current_thread())
            return super().analyze(text, source, title)

    window = make_window(RecordingPipeline)
    with qtbot.waitSignal(window.document_shown, timeout=5000):
        window.open_file(SEED)
    assert threads and threads[0] is not threading.main_thread()


def test_a_missing_model_is_a_message_not_a_crash(qtbot, make_window) -> None:
    def no_model() -> FakePipeline:
        raise DossierError("No English spaCy model is installed. Install one of: …")

    window = make_window(no_model)
    with qtbot.waitSignal(window.analysis_failed, timeout=5000) as failure:
        window.open_file(SEED)
    assert failure.args[0].startswith("No English spaCy model is installed")
    assert window.statusBar().currentMessage().startswith("No English spaCy model is installed")
    assert window.findChild(type(window._error_box), "errorBox").isVisible()
    assert not window.progress.isVisible()
    assert window.model_label.text() == "Model: unavailable"
    assert window.article_view.toPlainText() == SEED.read_text(encoding="utf-8")  # the text still reads


def test_a_failed_open_keeps_the_current_article(qtbot, seed_window: MainWindow, tmp_path: Path) -> None:
    document = seed_window.document
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    for bad in (broken, tmp_path / "missing.txt", tmp_path / "photo.png"):
        with qtbot.waitSignal(seed_window.error_reported) as reported:
            assert not seed_window.open_file(bad)
        assert bad.name in reported.args[0]
        assert seed_window.document is document
        assert seed_window.article_view.toPlainText() == document.text
        assert seed_window.export_action.isEnabled()


def test_export_then_reopen_restores_the_annotations_without_analysis(
    qtbot, seed_window: MainWindow, make_window, tmp_path: Path
) -> None:
    out = tmp_path / "seed.json"
    assert seed_window.export_to(out)

    pipeline = FakePipeline()
    reopened = make_window(lambda: pipeline)
    with qtbot.waitSignal(reopened.document_shown, timeout=5000):
        assert reopened.open_file(out)
    original, restored = seed_window.document, reopened.document
    assert restored.text == original.text
    assert [dataclasses.asdict(m) for m in restored.mentions] == [
        dataclasses.asdict(m) for m in original.mentions
    ]
    assert [dataclasses.asdict(e) for e in restored.entities] == [
        dataclasses.asdict(e) for e in original.entities
    ]
    assert [q.text for q in restored.quotes] == [q.text for q in original.quotes]
    assert [f.predicate.text for f in restored.facts] == [f.predicate.text for f in original.facts]
    kim = next(m for m in restored.mentions if m.text == "Kim Jong Un")
    assert reopened.article_view.format_at(kim.start).background().color() == QColor(colour_for("PERSON"))
    assert pipeline.calls == 0


def test_recent_files_newest_first_and_missing_ones_pruned(
    qtbot, window: MainWindow, tmp_path: Path, seed_text: str
) -> None:
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text(seed_text, encoding="utf-8")
    second.write_text(seed_text, encoding="utf-8")
    for path in (first, second):
        with qtbot.waitSignal(window.document_shown, timeout=5000):
            window.open_file(path)
    assert window.recent_files()[:2] == [str(second.resolve()), str(first.resolve())]

    second.unlink()
    assert window.recent_files()[0] == str(first.resolve())
    window.recent_menu.aboutToShow.emit()
    assert [a.text() for a in window.recent_menu.actions()] == ["first.txt"]


def test_dropping_a_file_opens_it(qtbot, window: MainWindow) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(SEED))])
    event = QDropEvent(
        QPointF(200, 200),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(window.document_shown, timeout=5000):
        window.dropEvent(event)
    assert window.path == SEED


def test_a_stale_result_is_dropped(qtbot, make_window, tmp_path: Path, seed_text: str) -> None:
    """Open A, then B before A is analysed: only B's annotations may appear."""
    release = threading.Event()

    class GatedPipeline(FakePipeline):
        def analyze(self, text, source=None, title=None):
            release.wait(10)
            return super().analyze(text, source, title)

    window = make_window(GatedPipeline, release)
    other = tmp_path / "other.txt"
    other.write_text("Putin met Kim Jong Un in Moscow.", encoding="utf-8")
    window.open_file(SEED)
    window.open_file(other)
    with qtbot.waitSignal(window.document_shown, timeout=5000):
        release.set()
    qtbot.wait(50)
    assert window.document.text == other.read_text(encoding="utf-8")
    assert window.article_view.toPlainText() == window.document.text


def test_the_window_layout_is_remembered(qtbot, make_window) -> None:
    first = make_window()
    first.resize(760, 600)  # smaller than the offscreen screen, which restoreGeometry clamps to
    first.splitter.setSizes([300, 440])
    remembered = first.splitter.sizes()
    first.close()
    second = make_window()
    assert (second.width(), second.height()) == (760, 600)
    assert second.splitter.sizes() == remembered
