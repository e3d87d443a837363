"""Recovery copies of unsaved edits, so a crash or a kill -9 loses nothing.

While a document has unsaved edits the ui writes it here (atomically) every
30 seconds and on every 20th edit; a clean save or a discard removes the
copy; at the next start, copies still present are offered for restoring.

On a 100,000-word article a copy takes ~0.4 s to build and encode, so the ui
hands it to a RecoveryWriter: one background thread that serializes a frozen
copy of the document (see FrozenDocument) in small pieces, in the order the
writes and discards were asked for.
"""

from __future__ import annotations

import copy
import hashlib
import json
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.core.annotated_json import document_from_dict, document_to_dict
from desktop.core.atomic import atomic_write_chunks
from desktop.core.errors import DossierError
from desktop.core.model import Annotations, Document
from desktop.core.user_dictionary import data_dir

AUTOSAVE_SECONDS = 30
AUTOSAVE_EVERY_EDITS = 20
SHUTDOWN_WAIT_SECONDS = 10  # at exit, how long pending copies may take before the window goes anyway

# One json.dumps call holds the GIL from start to end: on the GUI's behalf no single call may run long.
# 100 annotations are converted and encoded in 2–4 ms; 64k characters of text in under 1 ms.
_ITEMS_PER_PIECE = 100
_CHARS_PER_PIECE = 65536
_ANNOTATION_LISTS = ("mentions", "entities", "quotes", "facts", "deleted")
# Even in short steps, a busy thread delays each of the GUI thread's calls into Python by up to the
# interpreter's 5 ms switch interval, and one event-loop turn can make several; a measured 40 ms gap
# between two 5 ms heartbeats. Sleeping this long after each piece gives the GUI the GIL at once.
_PAUSE_SECONDS = 0.002


def recovery_dir() -> Path:
    return data_dir() / "recovery"


def _key(source: str | None, text: str) -> str:
    """One copy per article: keyed by its source path, or by its text when it has none."""
    basis = source or text
    return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]


def _path(source: str | None, text: str) -> Path:
    return recovery_dir() / f"{_key(source, text)}.json"


def recovery_path(document: Document) -> Path:
    return _path(document.source, document.text)


@dataclass(frozen=True)
class FrozenDocument:
    """A document as it was at one moment, readable on another thread while the GUI keeps editing.

    Taking one costs microseconds given a snapshot of the annotations, whose objects
    an edit never changes (it copies them first); text and source are immutable
    strings; only the two small dicts are copied.
    """

    text: str
    source: str | None
    title: str | None
    pipeline: dict[str, Any]
    meta: dict[str, Any]
    annotations: Annotations

    @classmethod
    def of(cls, document: Document, state: Annotations | None = None) -> FrozenDocument:
        """`state`: a snapshot of the document's current annotations if the caller has one at hand."""
        return cls(
            document.text,
            document.source,
            document.title,
            copy.deepcopy(document.pipeline),
            copy.deepcopy(document.meta),
            state if state is not None else document.snapshot(),
        )


@dataclass(frozen=True)
class Converted:
    """A list to encode whose items are converted to JSON-ready values only a slice at a time.

    Converting all 35,000 annotations of a long article at once made so many
    objects that Python's full garbage collection ran (55–190 ms holding the
    GIL, the GUI frozen); a slice's objects die young instead.
    """

    items: list[Any]
    convert: Callable[[list[Any]], list[Any]]


def json_pieces(value: Any) -> Iterator[str]:
    """json.dumps(value, ensure_ascii=False) in pieces that each take a short C call.

    Joined, the pieces are exactly that string (a Converted encodes as the list
    of its converted items). Objects with string keys are walked, long lists are
    encoded a hundred items at a time and long strings a slice at a time (JSON
    escapes each character on its own).
    """
    if isinstance(value, dict) and all(isinstance(key, str) for key in value):
        yield "{"
        for number, (key, item) in enumerate(value.items()):
            yield (", " if number else "") + json.dumps(key, ensure_ascii=False) + ": "
            yield from json_pieces(item)
        yield "}"
    elif isinstance(value, Converted) or (isinstance(value, list) and len(value) > _ITEMS_PER_PIECE):
        items, convert = (value.items, value.convert) if isinstance(value, Converted) else (value, list)
        yield "["
        for start in range(0, len(items), _ITEMS_PER_PIECE):
            chunk = json.dumps(convert(items[start : start + _ITEMS_PER_PIECE]), ensure_ascii=False)
            yield (", " if start else "") + chunk[1:-1]
        yield "]"
    elif isinstance(value, str) and len(value) > _CHARS_PER_PIECE:
        yield '"'
        for start in range(0, len(value), _CHARS_PER_PIECE):
            yield json.dumps(value[start : start + _CHARS_PER_PIECE], ensure_ascii=False)[1:-1]
        yield '"'
    else:
        yield json.dumps(value, ensure_ascii=False)


def _annotations_as_json(key: str) -> Callable[[list[Any]], list[Any]]:
    """document_to_dict's form of some of a document's `key` list (it converts each list on its own)."""

    def convert(items: list[Any]) -> list[Any]:
        only_these: dict[str, Any] = {key: list(items)}
        return document_to_dict(Document(text="", **only_these))[key]

    return convert


def recovery_payload(frozen: FrozenDocument, saved_to: str | None) -> dict[str, Any]:
    """{"saved_to", "document": document_to_dict(document)}, with the annotation lists left to convert.

    No whole Document is rebuilt: sorting and indexing 35,000 annotations held the GIL ~15 ms at a time.
    """
    bare = Document(frozen.text, frozen.source, frozen.title, frozen.pipeline, meta=frozen.meta)
    data = document_to_dict(bare)
    for key in _ANNOTATION_LISTS:
        data[key] = Converted(getattr(frozen.annotations, key), _annotations_as_json(key))
    return {"saved_to": saved_to, "document": data}


def write_recovery(document: Document, saved_to: str | None = None) -> Path:
    """Write the recovery copy; `saved_to` is where the user last saved (to offer it back)."""
    return write_frozen_recovery(FrozenDocument.of(document), saved_to)


def write_frozen_recovery(frozen: FrozenDocument, saved_to: str | None = None, pause: float = 0.0) -> Path:
    """write_recovery from another thread; `pause`: seconds to sleep after each piece written.

    The pauses leave the GIL to the GUI thread most of the time (see _PAUSE_SECONDS).
    """
    path = _path(frozen.source, frozen.text)
    path.parent.mkdir(parents=True, exist_ok=True)
    pieces = json_pieces(recovery_payload(frozen, saved_to))
    atomic_write_chunks(path, _paced((piece.encode("utf-8") for piece in pieces), pause))
    return path


def _paced(chunks: Iterator[bytes], pause: float) -> Iterator[bytes]:
    for chunk in chunks:
        yield chunk
        if pause:
            time.sleep(pause)


def discard_recovery(document: Document) -> None:
    recovery_path(document).unlink(missing_ok=True)


class RecoveryWriter:
    """Writes and discards recovery copies on one background thread, strictly in the order asked.

    One thread, so a copy requested before a save can never land after the
    save's discard and bring the copy back. Failures go to `report` (called on
    the writer's thread) as a message for the reader.
    """

    def __init__(self, report: Callable[[str], None]) -> None:
        self._report = report
        self._executor: ThreadPoolExecutor | None = None
        self._last: Future[None] | None = None

    def write(self, frozen: FrozenDocument, saved_to: str | None) -> None:
        self._submit(lambda: write_frozen_recovery(frozen, saved_to, _PAUSE_SECONDS), "write")

    def discard(self, document: Document) -> None:
        source, text = document.source, document.text
        self._submit(lambda: _path(source, text).unlink(missing_ok=True), "remove")

    def wait(self, timeout: float | None = None) -> bool:
        """Block until every write and discard asked for so far is done; False if `timeout` ran out."""
        return self._last is None or not wait([self._last], timeout).not_done

    def close(self, timeout: float = SHUTDOWN_WAIT_SECONDS) -> bool:
        """Finish what was asked (for at most `timeout`), then end the thread (a later request starts one)."""
        finished = self.wait(timeout)
        if self._executor is not None:
            self._executor.shutdown(wait=False)
            self._executor = None
        return finished

    def _submit(self, task: Callable[[], object], action: str) -> None:
        previous = self._last  # still running only if close() gave up on it: keep the order all the same

        def run() -> None:
            if previous is not None:
                wait([previous])
            try:
                task()
            except (DossierError, OSError) as error:
                self._report(f"Could not {action} the recovery copy: {error}")
            except Exception as error:  # a bug must reach the reader, not vanish in a thread
                self._report(f"Could not {action} the recovery copy: {type(error).__name__}: {error}")

        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dossier-recovery")
        self._last = self._executor.submit(run)


@dataclass
class Recovery:
    path: Path
    document: Document
    saved_to: str | None


def pending_recoveries() -> list[Recovery]:
    """Copies left behind by a session that did not end cleanly, newest first."""
    folder = recovery_dir()
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True):
        try:
            payload = json.loads(path.read_text(encoding="utf-8"))
            document = document_from_dict(payload["document"], path.name)
        except (OSError, ValueError, KeyError, TypeError, DossierError):
            continue  # a half-written or foreign file is not worth a dialog
        found.append(Recovery(path, document, payload.get("saved_to")))
    return found
