"""Reading large files off the GUI thread.

Reading and checking a PDF of a few hundred pages, or the annotated JSON of a
100,000-word article (0.8 s: parse, schema, offsets), on the GUI thread froze
the window for as long. The readers are pure Python, so in a thread they hand
the GIL back every few milliseconds and the window stays responsive.
"""

from __future__ import annotations

import concurrent.futures
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from desktop.core.errors import DossierError
from desktop.core.io import open_any

# Below this size a file reads in well under 100 ms: open it at once, synchronously.
BACKGROUND_READ_BYTES = 1_000_000


def reads_in_background(path: Path) -> bool:
    try:
        return path.is_file() and path.stat().st_size > BACKGROUND_READ_BYTES
    except OSError:
        return False  # the synchronous path reports why it cannot be read


class FileReader(QObject):
    """Reads one file at a time on its own thread; results come back as queued signals."""

    opened = Signal(int, object)  # token, desktop.core.io.Opened
    failed = Signal(int, str)  # token, a message for the reader

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="dossier-read")

    def start(self, token: int, path: Path) -> None:
        self._pool.submit(self._read, token, path)

    def _read(self, token: int, path: Path) -> None:
        try:
            opened = open_any(path)
        except DossierError as error:
            self.failed.emit(token, str(error))
        except Exception as error:  # a reader bug is a message, never a traceback or a lost window
            self.failed.emit(token, f"Could not open {path.name}: {type(error).__name__}: {error}")
        else:
            self.opened.emit(token, opened)

    def shutdown(self) -> None:
        """Nothing more reaches the window; a read under way finishes on its own."""
        self.blockSignals(True)
        self._pool.shutdown(wait=False, cancel_futures=True)
