"""Nothing lost: recovery copies every 20 edits and every 30 s, offered again after a crash or kill -9.

The copies are written on the window's recovery thread: tests wait for it
(recovery_writer.wait) before they look at the folder.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop.core import recovery
from desktop.core.annotated_json import document_to_dict
from desktop.core.recovery import AUTOSAVE_EVERY_EDITS, AUTOSAVE_SECONDS, pending_recoveries, recovery_path
from desktop.ui.main_window import MainWindow
from tests.ui.fakes import REPO
from tests.ui.helpers import mention, put_cursor_in, select_text, state

Button = QMessageBox.StandardButton
WAIT_SECONDS = 10


@pytest.fixture
def held_writes(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Recovery files are written only once the returned event is set (the writer thread waits for it)."""
    release = threading.Event()
    write = recovery.atomic_write_chunks

    def held(path: Path, chunks: Iterable[bytes]) -> None:
        assert release.wait(WAIT_SECONDS)
        write(path, chunks)

    monkeypatch.setattr(recovery, "atomic_write_chunks", held)
    yield release
    release.set()  # never leave the writer thread blocked after a failed test


def _toggle(qtbot, window: MainWindow, times: int, first: int = 0) -> None:
    """Relabel the first Moscow back and forth (ORG, PLACE, ORG …): one edit per key press."""
    moscow = mention(window, "Moscow")
    for number in range(first, first + times):
        put_cursor_in(window, moscow)
        qtbot.keyClick(window.article_view, Qt.Key.Key_O if number % 2 == 0 else Qt.Key.Key_L)


def test_the_twentieth_edit_writes_a_recovery_copy(qtbot, seed_window: MainWindow) -> None:
    copy = recovery_path(seed_window.document)
    _toggle(qtbot, seed_window, AUTOSAVE_EVERY_EDITS - 1)
    assert seed_window.edits.count() == AUTOSAVE_EVERY_EDITS - 1
    assert seed_window.recovery_writer.wait(WAIT_SECONDS)
    assert not copy.exists()
    _toggle(qtbot, seed_window, 1, first=AUTOSAVE_EVERY_EDITS - 1)
    assert seed_window.recovery_writer.wait(WAIT_SECONDS)
    assert copy.exists()
    assert seed_window.autosave_timer.isActive()
    assert seed_window.autosave_timer.interval() == AUTOSAVE_SECONDS * 1000


def test_the_timer_writes_the_copy_and_a_save_removes_it(
    qtbot, seed_window: MainWindow, tmp_path: Path
) -> None:
    select_text(seed_window, "Geran-25")
    qtbot.keyClick(seed_window.article_view, Qt.Key.Key_4)
    copy = recovery_path(seed_window.document)
    seed_window.autosave_timer.timeout.emit()
    assert seed_window.recovery_writer.wait(WAIT_SECONDS)
    assert copy.exists()
    assert seed_window.save_to(tmp_path / "saved.json")
    assert seed_window.recovery_writer.wait(WAIT_SECONDS)
    assert not copy.exists()
    assert not seed_window.autosave_timer.isActive()


def test_undoing_back_to_the_saved_state_removes_the_copy(qtbot, seed_window: MainWindow) -> None:
    select_text(seed_window, "Geran-25")
    qtbot.keyClick(seed_window.article_view, Qt.Key.Key_4)
    assert seed_window.autosave()
    assert seed_window.recovery_writer.wait(WAIT_SECONDS)
    assert len(pending_recoveries()) == 1
    seed_window.undo_action.trigger()
    assert seed_window.recovery_writer.wait(WAIT_SECONDS)
    assert pending_recoveries() == []


def test_recovery_is_offered_in_a_new_window(
    qtbot, seed_window: MainWindow, make_window, answers, tmp_path
) -> None:
    select_text(seed_window, "Geran-25")
    qtbot.keyClick(seed_window.article_view, Qt.Key.Key_4)
    put_cursor_in(seed_window, mention(seed_window, "Putin"))
    qtbot.keyClick(seed_window.article_view, Qt.Key.Key_Delete)
    edited = state(seed_window)
    assert seed_window.autosave()
    assert seed_window.recovery_writer.wait(WAIT_SECONDS)

    fresh = make_window()
    answers.queued = [Button.Yes]
    assert fresh.offer_recovery()
    assert "Restore them?" in answers.asked[-1]
    assert state(fresh) == edited
    assert fresh.isWindowModified()  # restored edits are still unsaved
    assert fresh.save_to(tmp_path / "recovered.json")
    assert fresh.recovery_writer.wait(WAIT_SECONDS)
    assert pending_recoveries() == []


def test_declining_a_recovery_deletes_the_copy(qtbot, seed_window: MainWindow, make_window, answers) -> None:
    select_text(seed_window, "Geran-25")
    qtbot.keyClick(seed_window.article_view, Qt.Key.Key_4)
    assert seed_window.autosave()
    assert seed_window.recovery_writer.wait(WAIT_SECONDS)
    fresh = make_window()
    answers.queued = [Button.No]
    assert not fresh.offer_recovery()
    assert fresh.document is None
    assert pending_recoveries() == []


def test_autosave_returns_before_the_copy_is_written(
    qtbot, seed_window: MainWindow, held_writes: threading.Event
) -> None:
    select_text(seed_window, "Geran-25")
    qtbot.keyClick(seed_window.article_view, Qt.Key.Key_4)
    edited = state(seed_window)
    assert seed_window.autosave()  # returns although the writer cannot write yet
    assert not seed_window.recovery_writer.wait(0.2)
    put_cursor_in(seed_window, mention(seed_window, "Putin"))
    qtbot.keyClick(seed_window.article_view, Qt.Key.Key_Delete)  # the GUI edits on meanwhile
    copy = recovery_path(seed_window.document)
    assert not copy.exists()
    held_writes.set()
    assert seed_window.recovery_writer.wait(WAIT_SECONDS)
    copies = pending_recoveries()
    assert [c.path for c in copies] == [copy]
    assert document_to_dict(copies[0].document) == edited  # the state asked for, not the later edit


def test_a_save_after_a_pending_write_leaves_no_copy(
    qtbot, seed_window: MainWindow, held_writes: threading.Event, tmp_path: Path
) -> None:
    select_text(seed_window, "Geran-25")
    qtbot.keyClick(seed_window.article_view, Qt.Key.Key_4)
    assert seed_window.autosave()
    assert seed_window.save_to(tmp_path / "saved.json")
    held_writes.set()
    assert seed_window.recovery_writer.wait(WAIT_SECONDS)
    assert pending_recoveries() == []


def test_a_discard_after_a_pending_write_leaves_no_copy(
    qtbot, seed_window: MainWindow, held_writes: threading.Event, answers
) -> None:
    select_text(seed_window, "Geran-25")
    qtbot.keyClick(seed_window.article_view, Qt.Key.Key_4)
    assert seed_window.autosave()
    answers.queued = [Button.Discard]
    assert seed_window.maybe_save()
    held_writes.set()
    assert seed_window.recovery_writer.wait(WAIT_SECONDS)
    assert pending_recoveries() == []


def test_closing_waits_for_the_copies_asked_for(
    qtbot, seed_window: MainWindow, held_writes: threading.Event
) -> None:
    select_text(seed_window, "Geran-25")
    qtbot.keyClick(seed_window.article_view, Qt.Key.Key_4)
    assert seed_window.autosave()
    threading.Timer(0.3, held_writes.set).start()
    seed_window.shutdown()  # what quitting does after the reader chose to keep the edits unsaved
    assert [c.path for c in pending_recoveries()] == [recovery_path(seed_window.document)]


def test_a_failed_copy_is_reported_in_the_status_bar(qtbot, seed_window: MainWindow, data_dir: Path) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "recovery").write_text("a file where the folder should be")
    select_text(seed_window, "Geran-25")
    qtbot.keyClick(seed_window.article_view, Qt.Key.Key_4)
    assert seed_window.autosave()
    assert seed_window.recovery_writer.wait(WAIT_SECONDS)
    qtbot.waitUntil(
        lambda: seed_window.statusBar().currentMessage().startswith("Could not write the recovery copy:"),
        timeout=WAIT_SECONDS * 1000,
    )


def test_a_killed_session_leaves_a_copy_that_restores_the_edits(
    qtbot, data_dir: Path, tmp_path: Path, make_window, answers
) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DOSSIER_DATA_DIR=str(data_dir))
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.ui.crash_child", str(tmp_path / "child.ini")],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.strip() == "READY", child.stderr.read() if child.stderr else ""
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(30)
    assert child.returncode == -signal.SIGKILL

    recoveries = pending_recoveries()
    assert len(recoveries) == 1
    document = recoveries[0].document
    geran = document.text.index("Geran-25")
    assert document.mention_at(geran).label == "WEAPON"
    assert any(document.text[start:end] == "Putin" for start, end, _label in document.deleted)
    moscow = next(m for m in document.mentions if m.text == "Moscow")
    assert moscow.label == "PLACE"  # 18 relabels, back where it started

    window = make_window()
    answers.queued = [Button.Yes]
    assert window.offer_recovery()
    assert window.document.mention_at(geran).label == "WEAPON"
