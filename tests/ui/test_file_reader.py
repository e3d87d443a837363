"""Large files are read on a thread; results and failures come back to the GUI thread as signals."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QThread

from desktop.core.annotated_json import save_document
from desktop.ui.file_reader import BACKGROUND_READ_BYTES, FileReader, reads_in_background
from tests.ui.fakes import make_document


def test_a_file_is_read_on_another_thread_and_arrives_on_ours(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    save_document(make_document("Kim Jong Un left Moscow on Sunday."), path)
    reader = FileReader()
    threads: list[threading.Thread] = []
    reader.opened.connect(lambda _token, _opened: threads.append(threading.current_thread()))
    with qtbot.waitSignal(reader.opened, timeout=10_000) as signal:
        reader.start(7, path)
    token, opened = signal.args
    assert token == 7 and opened.document.text == "Kim Jong Un left Moscow on Sunday."
    assert threads == [threading.main_thread()] and QThread.currentThread() is reader.thread()
    reader.shutdown()


def test_a_broken_file_is_a_message(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"schema": "dossier/1",', encoding="utf-8")
    reader = FileReader()
    with qtbot.waitSignal(reader.failed, timeout=10_000) as signal:
        reader.start(1, path)
    assert signal.args[0] == 1 and "broken.json is not valid JSON" in signal.args[1]
    reader.shutdown()


def test_only_large_files_go_to_the_thread(tmp_path: Path) -> None:
    small, large = tmp_path / "small.txt", tmp_path / "large.txt"
    small.write_text("Kim left.", encoding="utf-8")
    large.write_bytes(b"Kim left. " * (BACKGROUND_READ_BYTES // 10 + 1))
    assert not reads_in_background(small) and reads_in_background(large)
    assert not reads_in_background(tmp_path / "missing.txt") and not reads_in_background(tmp_path)
