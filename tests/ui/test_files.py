"""Saving, reopening, exporting, unsaved-changes questions, folders, the header, re-analysis."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.core.annotated_json import document_to_dict, load_document
from desktop.core.edits import add_mention
from desktop.core.io import SUPPORTED_SUFFIXES
from desktop.ui import file_reader
from desktop.ui.main_window import OPEN_FILTER, MainWindow
from tests.ui.fakes import SEED, FakePipeline
from tests.ui.helpers import mention, put_cursor_in, select_text, state

Button = QMessageBox.StandardButton


def _edit(qtbot, window: MainWindow) -> None:
    """Three kinds of edit: an added weapon, a removed mention, a merge."""
    select_text(window, "Geran-25")
    qtbot.keyClick(window.article_view, Qt.Key.Key_4)
    put_cursor_in(window, mention(window, "Putin"))
    qtbot.keyClick(window.article_view, Qt.Key.Key_Delete)
    moscow = next(e.id for e in window.document.entities if e.name == "Moscow")
    ukraine = next(e.id for e in window.document.entities if e.name == "Ukraine")
    window.corrections.merge([moscow, ukraine])


def _patch_save_dialog(monkeypatch, path: Path) -> list[str]:
    asked: list[str] = []

    def ask(_parent, title, _start, _filter):
        asked.append(title)
        return str(path), "Dossier JSON (*.json)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", ask)
    return asked


def test_save_asks_for_a_json_path_once_and_reopening_restores_every_edit(
    qtbot, seed_window: MainWindow, make_window, tmp_path: Path, monkeypatch
) -> None:
    _edit(qtbot, seed_window)
    assert seed_window.isWindowModified()
    assert "[*]" in seed_window.windowTitle()
    out = tmp_path / "seed-edited"
    asked = _patch_save_dialog(monkeypatch, out)
    qtbot.keyClick(seed_window.article_view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert asked == ["Save annotated article"]
    saved = out.with_suffix(".json")
    assert seed_window.save_path == saved
    assert not seed_window.isWindowModified()

    # A second save goes to the same file without asking.
    select_text(seed_window, "Alexander Kozlov")
    qtbot.keyClick(seed_window.article_view, Qt.Key.Key_P)
    seed_window.save_action.trigger()
    assert asked == ["Save annotated article"]

    pipeline = FakePipeline()
    reopened = make_window(lambda: pipeline)
    with qtbot.waitSignal(reopened.document_shown, timeout=5000):
        assert reopened.open_file(saved)
    assert state(reopened) == state(seed_window)
    putin = mention(seed_window, "Vladimir Putin")
    assert reopened.document.mention_at(putin.start) is not None
    assert not [m for m in reopened.document.mentions if m.text == "Putin" and m.start == 0]
    deleted = [tuple(d) for d in reopened.document.deleted]
    assert any(d[2] == "PERSON" for d in deleted)  # the removed "Putin" stays deleted
    assert pipeline.calls == 0
    assert not reopened.isWindowModified()


def test_unsaved_edits_ask_save_discard_or_cancel(
    qtbot, seed_window: MainWindow, answers, tmp_path: Path, monkeypatch
) -> None:
    _edit(qtbot, seed_window)
    edited = state(seed_window)
    other = tmp_path / "other.txt"
    other.write_text("Putin met Kim Jong Un in Moscow.", encoding="utf-8")

    answers.queued = [Button.Cancel]
    assert not seed_window.open_file(other)
    assert "Save your corrections" in answers.asked[-1]
    assert state(seed_window) == edited

    answers.queued = [Button.Save]
    out = tmp_path / "saved.json"
    _patch_save_dialog(monkeypatch, out)
    with qtbot.waitSignal(seed_window.document_shown, timeout=5000):
        assert seed_window.open_file(other)
    assert document_to_dict(load_document(out)) == edited

    select_text(seed_window, "Kim Jong Un")
    qtbot.keyClick(seed_window.article_view, Qt.Key.Key_O)
    answers.queued = [Button.Discard]
    with qtbot.waitSignal(seed_window.document_shown, timeout=5000):
        assert seed_window.open_file(SEED)
    assert not seed_window.isWindowModified()


def test_a_large_file_is_read_in_the_background(
    qtbot, seed_window: MainWindow, answers, tmp_path: Path, monkeypatch
) -> None:
    """A big PDF or a 100,000-word Dossier JSON must not freeze the window; what it shows is the same."""
    monkeypatch.setattr(file_reader, "BACKGROUND_READ_BYTES", 10)
    saved = tmp_path / "seed.json"
    seed_window.save_to(saved)
    shown = state(seed_window)
    other = tmp_path / "other.txt"
    other.write_text("Putin met Kim Jong Un in Moscow.", encoding="utf-8")
    with qtbot.waitSignal(seed_window.document_shown, timeout=5000):
        assert seed_window.open_file(other)
        assert seed_window.path == SEED  # nothing changed yet: the read is under way
    assert seed_window.document.text == "Putin met Kim Jong Un in Moscow."

    with qtbot.waitSignal(seed_window.document_shown, timeout=5000):
        assert seed_window.open_file(saved)
    assert state(seed_window) == shown and seed_window.save_path == saved

    _edit(qtbot, seed_window)
    edited = state(seed_window)
    broken = tmp_path / "broken.json"
    broken.write_text("{not json at all", encoding="utf-8")
    with qtbot.waitSignal(seed_window.error_reported, timeout=5000) as reported:
        assert seed_window.open_file(broken)
    assert "broken.json is not valid JSON" in reported.args[0]
    assert state(seed_window) == edited and seed_window.isWindowModified()
    assert not seed_window.progress.isVisible()

    # A file opened while another is still being read wins: the older read is dropped.
    with qtbot.waitSignal(seed_window.document_shown, timeout=5000):
        answers.queued = [Button.Discard]
        seed_window.open_file(saved)
        seed_window.open_file(other)
    qtbot.wait(200)
    assert seed_window.path == other


def test_closing_with_unsaved_edits_can_be_cancelled(qtbot, seed_window: MainWindow, answers) -> None:
    _edit(qtbot, seed_window)
    answers.queued = [Button.Cancel]
    assert not seed_window.close()
    assert seed_window.isVisible()
    answers.queued = [Button.Discard]
    assert seed_window.close()


def test_a_failed_open_keeps_the_unsaved_edits_and_asks_nothing(
    qtbot, seed_window: MainWindow, answers, tmp_path: Path
) -> None:
    _edit(qtbot, seed_window)
    edited = state(seed_window)
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    with qtbot.waitSignal(seed_window.error_reported) as reported:
        assert not seed_window.open_file(broken)
    assert "broken.json" in reported.args[0]
    assert answers.asked == []
    assert state(seed_window) == edited
    assert seed_window.isWindowModified()
    seed_window.undo_action.trigger()  # the history survived too


def test_html_and_csv_exports_contain_the_edits(qtbot, seed_window: MainWindow, tmp_path: Path) -> None:
    _edit(qtbot, seed_window)
    report = tmp_path / "report.html"
    assert seed_window.export_html(report)
    page = report.read_text(encoding="utf-8")
    assert '<mark class="WEAPON"' in page and ">Geran-25</mark>" in page
    assert "special clothing that cannot be detected" in page
    assert "<script" not in page and "http" not in page.replace("http-equiv", "")

    tables = tmp_path / "tables.zip"
    assert seed_window.export_csv(tables)
    with zipfile.ZipFile(tables) as archive:
        assert sorted(archive.namelist()) == ["entities.csv", "facts.csv", "mentions.csv", "quotes.csv"]
        entities = list(csv.DictReader(io.StringIO(archive.read("entities.csv").decode("utf-8"))))
        quotes = list(csv.DictReader(io.StringIO(archive.read("quotes.csv").decode("utf-8"))))
    assert {"Geran-25", "Kim Jong Un"} <= {e["name"] for e in entities}
    assert len([e for e in entities if e["label"] == "PLACE"]) == 1  # merged
    assert [q["speaker"] for q in quotes] == [q.speaker for q in seed_window.document.quotes]
    assert seed_window.isWindowModified()  # exporting is not saving


def test_csv_files_in_a_folder(qtbot, seed_window: MainWindow, tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "tables"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args: str(folder))
    seed_window.export_csv_folder_action.trigger()
    assert sorted(p.name for p in folder.iterdir()) == [
        "entities.csv",
        "facts.csv",
        "mentions.csv",
        "quotes.csv",
    ]
    assert "Kim Jong Un" in (folder / "entities.csv").read_text(encoding="utf-8")


def test_export_actions_ask_for_a_path(qtbot, seed_window: MainWindow, tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "r.html"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(out), ""))
    seed_window.export_html_action.trigger()
    assert out.exists()
    zipped = tmp_path / "t.zip"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(zipped), ""))
    seed_window.export_csv_action.trigger()
    assert zipfile.is_zipfile(zipped)


def test_open_dialog_lists_every_supported_format() -> None:
    first = OPEN_FILTER.split(";;")[0]
    for suffix in SUPPORTED_SUFFIXES:
        assert f"*{suffix}" in first


def test_next_and_previous_article_in_a_folder(qtbot, window: MainWindow, tmp_path: Path, answers) -> None:
    folder = tmp_path / "wire"
    folder.mkdir()
    for name, text in (
        ("a.txt", "Putin spoke."),
        ("b.md", "Kim Jong Un left Moscow."),
        ("c.txt", "TASS reported."),
    ):
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "notes.xyz").write_text("not an article", encoding="utf-8")
    with qtbot.waitSignal(window.document_shown, timeout=5000):
        assert window.open_folder(folder)
    assert window.path.name == "a.txt"
    assert window.next_article_action.isEnabled()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    with qtbot.waitSignal(window.document_shown, timeout=5000):
        qtbot.keyClick(window.article_view, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.path.name == "b.md"

    select_text(window, "Moscow")
    qtbot.keyClick(window.article_view, Qt.Key.Key_O)
    answers.queued = [Button.Cancel]
    assert not window.next_article()
    assert window.path.name == "b.md" and window.isWindowModified()

    answers.queued = [Button.Discard]
    with qtbot.waitSignal(window.document_shown, timeout=5000):
        assert window.previous_article()
    assert window.path.name == "a.txt"
    with qtbot.waitSignal(window.document_shown, timeout=5000):
        assert window.previous_article()  # wraps round
    assert window.path.name == "c.txt"


def test_an_empty_folder_is_a_message(qtbot, window: MainWindow, tmp_path: Path) -> None:
    with qtbot.waitSignal(window.error_reported) as reported:
        assert not window.open_folder(tmp_path)
    assert tmp_path.name in reported.args[0]


def test_title_and_source_metadata_above_the_text(qtbot, window: MainWindow, tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Kim leaves Russia</title><meta name='author' content='Jane Roe'>"
        "<meta name='date' content='2024-06-20'></head><body><article><h1>Kim leaves Russia</h1>"
        + "<p>North Korean leader Kim Jong Un left Russia on Sunday after a visit to Moscow.</p>" * 3
        + "</article></body></html>",
        encoding="utf-8",
    )
    with qtbot.waitSignal(window.document_shown, timeout=5000):
        assert window.open_file(page)
    header = window.findChild(type(window.header), "articleHeader")
    assert header.isVisible()
    assert "Kim leaves Russia" in header.text()
    assert "page.html" in header.text()
    assert "Jane Roe" in header.text()


class NewRulesPipeline(FakePipeline):
    """From its second run on, it also finds Russia (a "new model")."""

    def analyze(self, text, source=None, title=None):
        document = super().analyze(text, source, title)
        if self.calls > 1:
            start = text.index("Russia")
            add_mention(document, start, start + len("Russia"), "PLACE")
            for m in document.mentions:
                m.origin = "model" if m.origin == "user" else m.origin
            for e in document.entities:
                e.origin = "model" if e.origin == "user" else e.origin
        return document


def test_reanalysis_keeps_the_edits(qtbot, make_window) -> None:
    window = make_window(NewRulesPipeline)
    with qtbot.waitSignal(window.document_shown, timeout=5000):
        window.open_file(SEED)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    putin = mention(window, "Putin")
    _edit(qtbot, window)
    edited = state(window)
    with qtbot.waitSignal(window.document_edited, timeout=5000):
        assert window.reanalyse()
    after = window.document
    assert next(m for m in after.mentions if m.text == "Geran-25").label == "WEAPON"  # added by the reader
    assert after.mention_at(putin.start) is None  # deleted by the reader
    assert after.mention_at(after.text.index("Russia")).label == "PLACE"  # new from the model
    merged = [e for e in after.entities if {"Moscow", "Ukraine"} <= {e.name, *e.aliases}]
    assert len(merged) == 1
    assert window.undo_action.text().replace("&", "") == "Undo Re-analyse"
    window.undo_action.trigger()  # re-analysis is one undo step
    assert state(window) == edited
