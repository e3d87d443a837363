"""Recovery copies: written, found again after a 'crash', removed on save or discard."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.annotated_json import document_to_dict
from desktop.core.edits import add_mention
from desktop.core.model import Document
from desktop.core.recovery import discard_recovery, pending_recoveries, recovery_dir, write_recovery


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
