"""dossier/1 JSON: round trip, validation, refusal of files that do not fit their text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.core.annotated_json import document_to_dict, dumps, load_document, save_document
from desktop.core.errors import DossierError
from desktop.core.grouping import group_mentions
from desktop.core.model import Document, Fact, FactPart, Mention, Quote

TEXT = "TASS reported that Kim received five drones. Kim left Moscow."


def make_document() -> Document:
    mentions = [
        Mention("m1", 0, 4, "ORG", "TASS", origin="model"),
        Mention("m2", 19, 22, "PERSON", "Kim"),
        Mention("m3", 32, 36, "NUMBER", "five", origin="rule", value=5.0),
        Mention("m4", 37, 43, "WEAPON", "drones", origin="rule"),
        Mention("m5", 45, 48, "PERSON", "Kim"),
        Mention("m6", 54, 60, "PLACE", "Moscow"),
    ]
    entities = group_mentions(TEXT, mentions)
    kim = mentions[1].entity_id
    quote = Quote(
        "q1",
        "indirect",
        19,
        43,
        TEXT[19:43],
        speaker="TASS",
        speaker_start=0,
        speaker_end=4,
        speaker_entity_id=mentions[0].entity_id,
        cue="reported",
        cue_start=5,
        cue_end=13,
    )
    fact = Fact(
        "f1",
        0,
        44,
        FactPart("Kim", 19, 22, [kim or ""]),
        FactPart("received", 23, 31),
        FactPart("five drones", 32, 43, [], None),
        [FactPart("five", 32, 36, [], "NUMBER")],
        source="TASS",
        quote_id="q1",
    )
    return Document(
        text=TEXT,
        source="a.txt",
        title="A",
        pipeline={"name": "dossier"},
        mentions=mentions,
        entities=entities,
        quotes=[quote],
        facts=[fact],
        deleted=[(54, 60, "PLACE")],
    )


def test_round_trip_is_lossless(tmp_path: Path) -> None:
    original = make_document()
    path = tmp_path / "a.json"
    save_document(original, path)
    restored = load_document(path)
    assert document_to_dict(restored) == document_to_dict(original)
    assert dumps(restored) == path.read_text(encoding="utf-8")


def test_a_range_keeps_both_ends(tmp_path: Path) -> None:
    document = make_document()
    document.mentions[2].value, document.mentions[2].value_max = 5.0, 7.0
    path = tmp_path / "range.json"
    save_document(document, path)
    assert load_document(path).mentions[2].value_max == 7.0


def test_a_file_without_value_max_still_opens(tmp_path: Path) -> None:
    """value_max came after the first files were written: its absence means no range."""
    data = document_to_dict(make_document())
    for mention in data["mentions"]:
        del mention["value_max"]
    assert load_document(write(tmp_path, data)).mentions[2].value_max is None


def test_kim_mentions_form_one_entity() -> None:
    document = make_document()
    kim = [e for e in document.entities if e.label == "PERSON"]
    assert len(kim) == 1 and kim[0].mention_ids == ["m2", "m5"]


def write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_offsets_that_do_not_fit_the_text_are_refused(tmp_path: Path) -> None:
    data = document_to_dict(make_document())
    data["mentions"][0]["start"] = 1
    with pytest.raises(DossierError, match="should read 'TASS'"):
        load_document(write(tmp_path, data))


def test_offsets_beyond_the_text_are_refused(tmp_path: Path) -> None:
    data = document_to_dict(make_document())
    data["mentions"][-1].update(start=500, end=506)
    with pytest.raises(DossierError, match="outside the text"):
        load_document(write(tmp_path, data))


def test_unknown_schema_is_refused(tmp_path: Path) -> None:
    data = document_to_dict(make_document())
    data["schema"] = "dossier/99"
    with pytest.raises(DossierError, match="dossier/99"):
        load_document(write(tmp_path, data))


def test_schema_violation_names_the_place(tmp_path: Path) -> None:
    data = document_to_dict(make_document())
    data["mentions"][0]["origin"] = "guess"
    with pytest.raises(DossierError, match="mentions/0/origin"):
        load_document(write(tmp_path, data))


def test_malformed_json_is_refused_with_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"schema": "dossier/1",\n  "text": ', encoding="utf-8")
    with pytest.raises(DossierError, match=r"not valid JSON \(line 2"):
        load_document(path)


def test_failed_save_keeps_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text("old", encoding="utf-8")
    broken = make_document()
    broken.mentions[0].origin = "nonsense"
    with pytest.raises(DossierError):
        save_document(broken, path)
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]
