"""A reader session killed mid-edit (run by test_recovery): edits, autosaves on the 20th, prints READY, waits.

READY comes once the recovery thread has written the copy asked for on the 20th edit (the kill must
find it on disk), while the window stays open with its edits unsaved.

Usage: python -m tests.ui.crash_child SETTINGS_INI  (DOSSIER_DATA_DIR set by the caller).
"""

from __future__ import annotations

import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from desktop.ui.main_window import MainWindow
from tests.ui.fakes import SEED, FakePipeline

EDITS = 20  # AUTOSAVE_EVERY_EDITS: the 20th edit writes the recovery copy


def main() -> None:
    app = QApplication(sys.argv[:1])
    settings = QSettings(sys.argv[1], QSettings.Format.IniFormat)
    window = MainWindow(pipeline_loader=FakePipeline, settings=settings, preload_model=False)
    window.show()
    loop = QEventLoop()
    window.document_shown.connect(lambda _document: loop.quit())
    QTimer.singleShot(30_000, loop.quit)
    window.open_file(SEED)
    loop.exec()
    document = window.document
    assert document is not None
    text = document.text
    start = text.index("Geran-25")
    window.article_view.select_span(start, start + len("Geran-25"))
    window.corrections.mark("WEAPON")
    putin = next(m for m in document.mentions if m.text == "Putin")
    window.article_view.select_span(putin.start + 1, putin.start + 1)
    window.corrections.remove_mention()
    moscow = next(m for m in document.mentions if m.text == "Moscow")
    for number in range(EDITS - 2):
        window.article_view.select_span(moscow.start + 1, moscow.start + 1)
        window.corrections.mark("ORG" if number % 2 == 0 else "PLACE")
    app.processEvents()
    if not window.recovery_writer.wait(30):
        print("the recovery copy was not written within 30 s", flush=True)
        return
    print("READY", flush=True)
    time.sleep(120)  # killed long before this ends


if __name__ == "__main__":
    main()
