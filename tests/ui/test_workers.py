"""The analysis process: it returns the Document the pipeline made, and a dead process is survivable."""

from __future__ import annotations

import multiprocessing
import os

import pytest

from desktop.core.errors import DossierError
from desktop.ui.analysis_process import PIECE, decode_document, encode_document, start_early, start_process
from desktop.ui.workers import ProcessPipeline
from tests.ui.fakes import SEED, make_document


def test_a_document_survives_the_trip_in_pieces() -> None:
    text = "\n\n".join([SEED.read_text(encoding="utf-8")] * 40)
    document = make_document(text, source="seed.txt", title="Kim leaves Russia")
    document.deleted.append((0, 3, "PERSON"))
    document.meta["author"] = "TASS"
    assert len(document.mentions) > 2 * PIECE  # several pieces, so the joining is exercised

    pieces = encode_document(document)
    decoded = decode_document(pieces)

    assert decoded == document
    assert len(pieces) > 5
    middle = document.mentions[len(document.mentions) // 2]
    assert decoded.mention_at(middle.start) == middle  # the lookup index is rebuilt, not left empty


@pytest.mark.model
def test_the_process_gives_what_the_pipeline_gives_and_restarts_after_dying(pipeline) -> None:
    text = SEED.read_text(encoding="utf-8")
    process_pipeline = ProcessPipeline()
    try:
        assert process_pipeline.model_name == pipeline.model_name
        if hasattr(os, "getpriority"):  # the window comes first (yield_to_the_window)
            analysis = os.getpriority(os.PRIO_PROCESS, process_pipeline._process.pid)
            assert analysis > os.getpriority(os.PRIO_PROCESS, 0)
        assert process_pipeline.analyze(text, title="Seed") == pipeline.analyze(text, title="Seed")

        process_pipeline._process.kill()  # as the system would, out of memory
        with pytest.raises(DossierError, match="stopped unexpectedly"):
            process_pipeline.analyze(text)
        assert process_pipeline.analyze(text).mentions == pipeline.analyze(text).mentions
    finally:
        process_pipeline.close()
    with pytest.raises(DossierError):
        process_pipeline.analyze(text)


def test_the_process_started_early_goes_to_the_first_start_only() -> None:
    before = set(multiprocessing.active_children())
    start_early()
    start_early()  # the app and a second caller: still one process
    early = set(multiprocessing.active_children()) - before
    started = [start_process(), start_process()]
    try:
        assert len(early) == 1
        assert started[0][0] in early  # the window's first start takes the running one
        assert started[1][0] not in early  # a restart (after the process died) gets a new one
    finally:
        for process, connection in started:
            process.terminate()
            process.join(timeout=5)
            connection.close()
