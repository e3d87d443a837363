"""Child process for benchmarks/speed.py: times the reader window on one article.

Prints one line "BENCH {json}" with wall-clock timestamps (time.time(), so the
parent can subtract its own launch time) and durations in seconds:
window_shown_at, highlighted_at, longest_stall (QTimer heartbeat, from the
window appearing to half a second after the highlights are applied),
stall_before_result (the same until the analysis result leaves the worker),
open_file (the synchronous part of opening: reading, plain text shown), filter_click, edit, scroll_all,
scroll_longest_stall, peak_rss_mb (this process), worker_peak_rss_mb (the
analysis process, read once it has ended).

    python benchmarks/gui_probe.py ARTICLE [--interactions]

Qt is imported inside main(): the analysis process is spawned and re-imports
this script as its main module, and must not load Qt for nothing. The start-up
follows desktop.ui.app.run_app: Qt, then the analysis process, then the window.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

HEARTBEAT_MS = 5
SETTLE_MS = 500  # after the highlights: the panels' first layout and paint


class Heartbeat:
    """The longest gap between timer ticks = the longest the event loop was blocked."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(HEARTBEAT_MS)
        self.timer.timeout.connect(self._tick)
        self.reset()

    def reset(self) -> None:
        self.last = time.perf_counter()
        self.longest = 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last - HEARTBEAT_MS / 1000)
        self.last = now


def settle(app: QApplication) -> None:
    """Let every queued event (repaints included) run."""
    for _ in range(3):
        app.processEvents()


def main() -> int:
    from PySide6.QtCore import QSettings, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.ui.analysis_process import start_early

    start_early()  # where desktop.ui.app.run_app starts it: before the window's modules are imported
    from desktop.core import edits
    from desktop.ui.main_window import MainWindow

    article = Path(sys.argv[1])
    interactions = "--interactions" in sys.argv
    app = QApplication(sys.argv[:1])
    settings = QSettings(
        str(Path(os.environ.get("TMPDIR", "/tmp")) / "dossier-bench.ini"), QSettings.Format.IniFormat
    )
    settings.clear()
    window = MainWindow(settings=settings)
    figures: dict[str, float] = {}
    heartbeat = Heartbeat()

    def on_result(_token: int, _document: object) -> None:
        # Runs on the worker thread as the result leaves it: the stalls so far are opening + analysing.
        figures["stall_before_result"] = heartbeat.longest

    def on_shown(_document: object) -> None:
        figures["highlighted_at"] = time.time()
        # The layout and paint that follow the highlights are part of showing the document.
        QTimer.singleShot(SETTLE_MS, finish_showing)

    def finish_showing() -> None:
        figures["longest_stall"] = heartbeat.longest
        app.quit()

    window._analysis.worker.analysed.connect(on_result, Qt.ConnectionType.DirectConnection)
    window.document_shown.connect(on_shown)
    window.show()
    heartbeat.timer.start()
    heartbeat.reset()

    def after_show() -> None:
        figures["window_shown_at"] = time.time()
        started = time.perf_counter()
        window.open_file(article)
        figures["open_file"] = time.perf_counter() - started

    QTimer.singleShot(0, after_show)
    app.exec()

    document = window.document
    if interactions and document is not None:
        busiest = max(document.entities, key=lambda e: len(e.mention_ids))
        started = time.perf_counter()
        window.entity_panel.select_entity(busiest.id)
        settle(app)
        figures["filter_click"] = time.perf_counter() - started
        figures["filter_mentions"] = len(busiest.mention_ids)
        window.clear_filter()
        settle(app)

        word = next(m for m in document.mentions if m.label == "PERSON")
        started = time.perf_counter()
        window.edits.apply("Benchmark edit", lambda d: edits.relabel_mention(d, word.id, "ORG"))
        settle(app)
        figures["edit"] = time.perf_counter() - started

        bar = window.article_view.verticalScrollBar()
        heartbeat.reset()
        started = time.perf_counter()
        while bar.value() < bar.maximum():
            bar.setValue(bar.value() + bar.pageStep())
            window.article_view.viewport().repaint()
            app.processEvents()
        figures["scroll_all"] = time.perf_counter() - started
        figures["scroll_longest_stall"] = heartbeat.longest
    figures["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    window.shutdown()  # ends the analysis process, so its peak RSS can be read
    figures["worker_peak_rss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print("BENCH " + json.dumps(figures), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
