"""CSV and HTML exports, and the user dictionary that carries corrections to the next article."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest

from desktop.core.errors import DossierError
from desktop.core.export import export_csv_zip, export_html, html_report
from desktop.core.grouping import group_mentions
from desktop.core.model import Document, Fact, FactPart, Mention, Quote
from desktop.core.user_dictionary import Entry, apply_dictionary, load_dictionary, remember

TEXT = "TASS said Kim got <5> drones near Moscow. Footage shows Kim & Putin in Moscow."


def make() -> Document:
    def m(i: int, needle: str, label: str, nth: int = 0, **extra: object) -> Mention:
        start = -1
        for _ in range(nth + 1):
            start = TEXT.index(needle, start + 1)
        return Mention(f"m{i}", start, start + len(needle), label, needle, **extra)  # type: ignore[arg-type]

    mentions = [
        m(1, "TASS", "ORG"),
        m(2, "Kim", "PERSON"),
        m(3, "5", "NUMBER", value=5.0),
        m(4, "drones", "WEAPON"),
        m(5, "Moscow", "PLACE"),
        m(6, "Footage", "ORG"),
        m(7, "Kim", "PERSON", 1),
        m(8, "Moscow", "PLACE", 1),
    ]
    entities = group_mentions(TEXT, mentions)
    quote = Quote("q1", "indirect", 10, 40, TEXT[10:40], speaker="TASS", speaker_start=0, speaker_end=4,
                  speaker_entity_id=mentions[0].entity_id, cue="said")  # fmt: skip
    fact = Fact("f1", 0, 41, FactPart("Kim", 10, 13), FactPart("got", 14, 17), FactPart("<5> drones", 18, 28),
                source="TASS", status="disputed", note="one source")  # fmt: skip
    return Document(text=TEXT, title="Kim & <drones>", source="a.txt", mentions=mentions, entities=entities,
                    quotes=[quote], facts=[fact])  # fmt: skip


def test_csv_zip_has_one_table_each(tmp_path: Path) -> None:
    path = tmp_path / "out.zip"
    export_csv_zip(make(), path)
    with zipfile.ZipFile(path) as archive:
        assert sorted(archive.namelist()) == ["entities.csv", "facts.csv", "mentions.csv", "quotes.csv"]
        entities = list(csv.DictReader(io.StringIO(archive.read("entities.csv").decode())))
        quotes = list(csv.DictReader(io.StringIO(archive.read("quotes.csv").decode())))
        facts = list(csv.DictReader(io.StringIO(archive.read("facts.csv").decode())))
    kim = next(e for e in entities if e["name"] == "Kim")
    assert kim["mentions"] == "2" and kim["label"] == "PERSON"
    assert quotes[0]["speaker_entity"] == "TASS" and quotes[0]["text"] == "Kim got <5> drones near Moscow"
    assert facts[0]["status"] == "disputed" and facts[0]["object"] == "<5> drones"


def test_html_report_is_self_contained_and_escaped(tmp_path: Path) -> None:
    report = html_report(make())
    assert "<title>Kim &amp; &lt;drones&gt; — Dossier report</title>" in report
    assert '<mark class="WEAPON" title="WEAPON: drones">drones</mark>' in report
    assert 'title="NUMBER: 5 = 5"' in report
    assert "got &lt;5&gt;" not in report.split("<article>")[0]
    assert "Footage shows Kim &amp; Putin" not in report  # Kim is highlighted inside it
    assert "src=" not in report and "http" not in report.replace("Dossier report", "")
    export_html(make(), tmp_path / "r.html")
    assert (tmp_path / "r.html").read_text(encoding="utf-8") == report


def test_dictionary_round_trip_and_application(tmp_path: Path) -> None:
    path = tmp_path / "dictionary.json"
    remember(Entry("add", "Putin", "PERSON"), path)
    remember(Entry("ignore", "Footage"), path)
    remember(Entry("alias", "Moscow", "PLACE", canonical="Moscow, Russia"), path)
    remember(Entry("add", "Putin", "PERSON"), path)  # no duplicate
    assert len(json.loads(path.read_text())["entries"]) == 3
    document = make()
    apply_dictionary(document, load_dictionary(path))
    assert ("Putin", "PERSON") in {(m.text, m.label) for m in document.mentions}
    assert "Footage" not in {m.text for m in document.mentions}
    assert "Moscow, Russia" in {e.name for e in document.entities if e.label == "PLACE"}


def test_missing_dictionary_is_empty_and_broken_one_is_an_error(tmp_path: Path) -> None:
    assert load_dictionary(tmp_path / "none.json") == []
    broken = tmp_path / "broken.json"
    broken.write_text('{"entries": [{"action": "shout", "text": "x"}]}')
    with pytest.raises(DossierError, match="does not understand"):
        load_dictionary(broken)
