"""The analysis process: spaCy loads and runs here, outside the reader's process.

A model load or a long analysis in a thread of the GUI process holds the GIL
for hundreds of milliseconds at a time (long C calls, imports), which freezes
the window; a separate process cannot. This module has no Qt import, so the
spawned process never loads Qt.

The Document comes back as pickled pieces of at most ``PIECE`` annotations:
unpickling holds the GIL for the whole call, and one call for 11,000 mentions
with their quotes and facts takes ~100 ms; in pieces the GUI thread gets the
GIL between them.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import pickle
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

from desktop.core.errors import DossierError
from desktop.core.model import Document

PIECE = 500
LIST_FIELDS = ("mentions", "entities", "quotes", "facts", "deleted")
NICENESS = 10  # the analysis process's priority below the window's (Unix)


# The process start_early() started, until start_process() hands it out.
_started_early: tuple[BaseProcess, Connection] | None = None


def start_early() -> None:
    """Start the analysis process now, before the window's own start-up; the next start_process() takes it.

    The analysis process spends ~2.4 s of one core importing spaCy, loading the
    model and analysing the first article; importing Qt and building the window
    take ~0.5 s of the other. Started from the window, once built, the two run
    one after the other; started before Qt is imported, they overlap.
    """
    global _started_early
    if _started_early is None:
        _started_early = _spawn()


def start_process() -> tuple[BaseProcess, Connection]:
    """An analysis process (the one start_early() started, else a new one) and our end of its pipe.

    A new process starts loading the model at once.
    """
    global _started_early
    if _started_early is not None:
        started, _started_early = _started_early, None
        return started
    return _spawn()


def _spawn() -> tuple[BaseProcess, Connection]:
    """A new process, started with "spawn", never fork: forking a process with Qt threads running can
    deadlock the child."""
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    process = context.Process(target=serve, args=(theirs,), name="dossier-analysis", daemon=True)
    process.start()
    theirs.close()  # so a dead process shows as EOF on our end
    return process, ours


def encode_document(document: Document) -> list[bytes]:
    """The scalar fields first, then every list in pieces; decode_document reverses it."""
    scalars = {
        f.name: getattr(document, f.name) for f in dataclasses.fields(document) if f.name not in LIST_FIELDS
    }
    pieces = [pickle.dumps(scalars, protocol=pickle.HIGHEST_PROTOCOL)]
    for name in LIST_FIELDS:
        items = getattr(document, name)
        starts = range(0, len(items), PIECE)
        pieces.append(pickle.dumps(len(starts), protocol=pickle.HIGHEST_PROTOCOL))
        pieces.extend(pickle.dumps(items[i : i + PIECE], protocol=pickle.HIGHEST_PROTOCOL) for i in starts)
    return pieces


def decode_document(pieces: list[bytes]) -> Document:
    """Unpickled one piece at a time, so no single call holds the GIL for long (see module doc)."""
    remaining = iter(pieces)
    fields: dict[str, Any] = pickle.loads(next(remaining))
    for name in LIST_FIELDS:
        count: int = pickle.loads(next(remaining))
        items: list[Any] = []
        for _ in range(count):
            items.extend(pickle.loads(next(remaining)))
        fields[name] = items
    return Document(**fields)


def serve(connection: Connection) -> None:
    """The process's main loop: load the pipeline, report its name, then analyse each request.

    Replies are ("loaded", model name), ("analysed", pieces) or ("failed", message); the
    message is for the reader, like the in-process worker's. The loop ends when the
    window closes its end of the pipe (or dies), so the process never outlives it.
    """
    yield_to_the_window()
    try:
        from desktop.core.nlp.pipeline import load_pipeline

        pipeline = load_pipeline()
    except Exception as error:  # the reader gets a message, the process ends
        connection.send(("failed", message_for(error, "The language model could not be loaded")))
        return
    connection.send(("loaded", pipeline.model_name))
    while True:
        try:
            text, source, title = connection.recv()
        except (EOFError, OSError):
            return
        reply: tuple[str, list[bytes] | str]
        try:
            reply = ("analysed", encode_document(pipeline.analyze(text, source=source, title=title)))
        except Exception as error:  # same: a message for the status bar, never a traceback
            reply = ("failed", message_for(error, "The analysis failed"))
        try:
            connection.send(reply)
        except (BrokenPipeError, OSError):
            return


def yield_to_the_window() -> None:
    """Lower this process's priority, so the window gets the CPU first when both want it.

    With a core each (an idle two-core machine) nothing changes. On a busy
    machine, the model load started by start_early() at normal priority
    delayed the window's first paint from 0.85 s to 1.7 s; lowered, 1.1 s.
    Later, the window's own work (edits, repaints) comes before an analysis.
    """
    if hasattr(os, "nice"):  # not on Windows, where the process keeps the default priority
        os.nice(NICENESS)


def message_for(error: Exception, what: str) -> str:
    if isinstance(error, DossierError):
        return str(error)
    return f"{what}: {type(error).__name__}: {error}"
