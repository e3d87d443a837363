"""Recovery copies: written in pieces by a writer thread, found after a 'crash', gone on save or discard."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.core.annotated_json import document_to_dict
from desktop.core.edits import add_mention, relabel_mention, remove_mention
from desktop.core.model import Document
from desktop.core.recovery import (
    FrozenDocument,
    RecoveryWriter,
    discard_recovery,
    json_pieces,
    pending_recoveries,
    recovery_dir,
    recovery_payload,
    write_frozen_recovery,
    write_recovery,
)


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DOSSIER_DATA_DIR", str(tmp_path))
    return tmp_path


def test_recovery_copy_restores_the_edits() -> None:
    document = Document(text="Putin met Kim in Moscow.", source="/tmp/article.txt")
    add_mention(document, 0, 5, "PERSON")
    write_recovery(document, saved_to="/tmp/article.json")
    found = pending_recoveries()
    assert len(found) == 1
    assert document_to_dict(found[0].document) == document_to_dict(document)
    assert found[0].saved_to == "/tmp/article.json"
    discard_recovery(document)
    assert pending_recoveries() == []


def test_one_copy_per_article_and_broken_copies_are_ignored() -> None:
    document = Document(text="Kim left Russia.", source="/tmp/a.txt")
    write_recovery(document)
    add_mention(document, 0, 3, "PERSON")
    write_recovery(document)
    (recovery_dir() / "broken.json").write_text("{not json")
    found = pending_recoveries()
    assert len(found) == 1 and [m.text for m in found[0].document.mentions] == ["Kim"]


def _long_document() -> Document:
    """More text and more mentions than one encoding piece holds, with characters JSON must escape."""
    line = 'Kim said "ça va" in Moscow\\Pyongyang\n\tthen left — 東京 next. '
    text = line * 2000
    document = Document(
        text=text,
        source="/tmp/long.txt",
        title="Kim “leaves”",
        pipeline={"model": "en_core_web_sm", "components": ["a", "b"]},
        meta={"author": "A. Writer", "nested": {"tags": ["x", "y"], "count": 2}},
    )
    for index in range(0, 250 * len(line), len(line)):
        add_mention(document, index, index + 3, "PERSON")
    return document


def test_json_pieces_join_to_exactly_what_json_dumps_writes() -> None:
    document = _long_document()
    payload = {"saved_to": "/tmp/“saved”.json", "document": document_to_dict(document), "empty": {}}
    pieces = list(json_pieces(payload))
    assert len(pieces) > 10  # really in pieces: the text and the mention list were split
    assert "".join(pieces) == json.dumps(payload, ensure_ascii=False)
    assert json.loads("".join(pieces)) == payload


def test_the_recovery_copy_is_exactly_the_plain_json_of_the_document() -> None:
    document = _long_document()
    plain = json.dumps({"saved_to": None, "document": document_to_dict(document)}, ensure_ascii=False)
    pieces = list(json_pieces(recovery_payload(FrozenDocument.of(document), None)))
    assert len(pieces) > 10 and max(len(piece) for piece in pieces) < len(plain) / 2  # really in pieces
    assert "".join(pieces) == plain


def test_a_long_document_round_trips_through_its_recovery_copy() -> None:
    document = _long_document()
    write_recovery(document, saved_to=None)
    (found,) = pending_recoveries()
    assert document_to_dict(found.document) == document_to_dict(document)


def test_a_frozen_copy_keeps_the_state_it_was_taken_from() -> None:
    document = _long_document()
    before = json.loads(json.dumps(document_to_dict(document)))  # nothing shared with the document
    frozen = FrozenDocument.of(document)
    first = document.mentions[0]
    relabel_mention(document, first.id, "ORG")
    remove_mention(document, document.mentions[1].id)
    document.meta["nested"]["count"] = 3
    write_frozen_recovery(frozen, None)
    (found,) = pending_recoveries()
    assert document_to_dict(found.document) == before
    assert document_to_dict(document) != before


def test_the_writer_writes_and_discards_in_the_order_asked() -> None:
    document = _long_document()
    messages: list[str] = []
    writer = RecoveryWriter(messages.append)
    writer.write(FrozenDocument.of(document), "/tmp/saved.json")
    writer.discard(document)  # a save right after: the earlier write must not bring the copy back
    assert writer.wait(10)
    assert pending_recoveries() == []
    writer.write(FrozenDocument.of(document), None)
    assert writer.close(10)
    assert [r.saved_to for r in pending_recoveries()] == [None]
    assert messages == []


def test_the_writer_reports_a_failed_write(data_dir: Path) -> None:
    (data_dir / "recovery").write_text("a file where the folder should be")
    messages: list[str] = []
    writer = RecoveryWriter(messages.append)
    writer.write(FrozenDocument.of(Document(text="Kim left.")), None)
    assert writer.close(10)
    assert len(messages) == 1 and messages[0].startswith("Could not write the recovery copy:")
