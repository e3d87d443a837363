"""Correcting entities, quotes and facts as a reader does, each edit undone and redone exactly."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QInputDialog

from desktop.core.user_dictionary import Entry, load_dictionary, save_dictionary
from desktop.ui.dialogs import FactDialog, QuoteDialog
from desktop.ui.main_window import MainWindow
from tests.ui.fakes import SEED
from tests.ui.helpers import (
    click_entity,
    column,
    entity_id,
    mention,
    menu_action,
    put_cursor_in,
    select_text,
    state,
)


def _undo_redo_round_trip(window: MainWindow, before: dict, after: dict) -> None:
    window.undo_action.trigger()
    assert state(window) == before
    window.redo_action.trigger()
    assert state(window) == after


def test_a_key_marks_the_selection_and_undo_redo_restore_exactly(qtbot, seed_window: MainWindow) -> None:
    before = state(seed_window)
    start, _end = select_text(seed_window, "Geran-25")
    qtbot.keyClick(seed_window.article_view, Qt.Key.Key_4)  # 4 = Weapon

    added = seed_window.document.mention_at(start)
    assert (added.text, added.label, added.origin) == ("Geran-25", "WEAPON", "user")
    assert seed_window.article_view.format_at(start).background().color().name() == "#f29a9a"
    assert seed_window.undo_action.text().replace("&", "") == "Undo Mark “Geran-25” as Weapon"
    assert seed_window.isWindowModified()
    after = state(seed_window)
    _undo_redo_round_trip(seed_window, before, after)

    seed_window.undo_action.trigger()
    assert seed_window.document.mention_at(start) is None
    assert seed_window.article_view.format_at(start) is None  # the highlight went with it
    assert not seed_window.isWindowModified()


def test_letter_keys_mark_too(qtbot, seed_window: MainWindow) -> None:
    start, _end = select_text(seed_window, "Alexander Kozlov")
    qtbot.keyClick(seed_window.article_view, Qt.Key.Key_P)
    assert seed_window.document.mention_at(start).label == "PERSON"
    entity = seed_window.document.entity(seed_window.document.mention_at(start).entity_id)
    assert entity.name == "Alexander Kozlov"
    assert "Alexander Kozlov" in column_names(seed_window, "PERSON")


def column_names(window: MainWindow, label: str) -> list[str]:
    model = window.entity_panel.entity_model
    category = model.category_index(label)
    return [model.index(row, 0, category).data() for row in range(model.rowCount(category))]


def test_context_menu_on_a_selection_marks_all_occurrences(qtbot, seed_window: MainWindow) -> None:
    before = state(seed_window)
    start, _end = select_text(seed_window, "Russia")
    menu = seed_window.corrections.article_menu(start + 1)
    assert menu_action(menu, "Mark as Place").isEnabled()
    menu_action(menu, "Mark all occurrences as Place").trigger()
    text = seed_window.document.text
    places = [m for m in seed_window.document.mentions if m.text == "Russia"]
    assert len(places) == len([i for i in range(len(text)) if text.startswith("Russia", i)]) - text.count(
        "Russian"
    )
    assert all(m.label == "PLACE" for m in places)
    _undo_redo_round_trip(seed_window, before, state(seed_window))


def test_relabel_and_remove_a_mention_from_its_context_menu(qtbot, seed_window: MainWindow) -> None:
    before = state(seed_window)
    moscow = mention(seed_window, "Moscow", 1)
    menu = seed_window.corrections.article_menu(moscow.start + 1)
    menu_action(menu, "Mark as Organization").trigger()  # listed under "Relabel as"
    assert seed_window.document.mention_at(moscow.start).label == "ORG"
    relabelled = state(seed_window)

    menu = seed_window.corrections.article_menu(moscow.start + 1)
    menu_action(menu, "Remove mention").trigger()
    assert seed_window.document.mention_at(moscow.start) is None
    assert (moscow.start, moscow.end, "ORG") in [tuple(d) for d in seed_window.document.deleted]
    removed = state(seed_window)
    _undo_redo_round_trip(seed_window, relabelled, removed)
    seed_window.undo_action.trigger()
    seed_window.undo_action.trigger()
    assert state(seed_window) == before


def test_delete_key_removes_the_mention_under_the_cursor(qtbot, seed_window: MainWindow) -> None:
    putin = mention(seed_window, "Putin")
    put_cursor_in(seed_window, putin)
    qtbot.keyClick(seed_window.article_view, Qt.Key.Key_Delete)
    assert seed_window.document.mention_at(putin.start) is None


def test_remove_all_occurrences(qtbot, seed_window: MainWindow) -> None:
    put_cursor_in(seed_window, mention(seed_window, "Moscow"))
    seed_window.corrections.remove_all_action.trigger()
    assert not [m for m in seed_window.document.mentions if m.text == "Moscow"]
    assert "Moscow" not in column_names(seed_window, "PLACE")


def test_merge_selected_entities_then_undo(qtbot, seed_window: MainWindow) -> None:
    before = state(seed_window)
    moscow, ukraine = entity_id(seed_window, "Moscow"), entity_id(seed_window, "Ukraine")
    click_entity(qtbot, seed_window, moscow)
    click_entity(qtbot, seed_window, ukraine, ctrl=True)
    menu = seed_window.corrections.entity_menu()
    menu_action(menu, "Merge entities").trigger()
    merged = seed_window.document.entity(moscow)  # the most mentioned one takes the others in
    assert len(merged.mention_ids) == 8
    assert {merged.name, *merged.aliases} == {"Moscow", "Ukraine"}
    assert column_names(seed_window, "PLACE") == [merged.name]
    _undo_redo_round_trip(seed_window, before, state(seed_window))


def test_dragging_an_entity_onto_another_merges_them(qtbot, seed_window: MainWindow) -> None:
    model = seed_window.entity_panel.entity_model
    kim, putin = entity_id(seed_window, "Kim Jong Un"), entity_id(seed_window, "Vladimir Putin")
    dragged = model.mimeData([model.entity_index(putin)])
    target = model.entity_index(kim)
    assert model.canDropMimeData(dragged, Qt.DropAction.CopyAction, -1, -1, target)
    model.dropMimeData(dragged, Qt.DropAction.CopyAction, -1, -1, target)
    assert len(column_names(seed_window, "PERSON")) == 1
    assert len(seed_window.document.entity(kim).mention_ids) == 11  # the drop target lives on
    assert seed_window.document.entity(kim).name == "Kim Jong Un"  # and keeps the name the reader chose
    assert not model.canDropMimeData(
        dragged, Qt.DropAction.CopyAction, -1, -1, model.category_index("PERSON")
    )


def test_f2_renames_the_selected_entity(qtbot, seed_window: MainWindow, monkeypatch) -> None:
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("Kim Jong-un", True))
    kim = entity_id(seed_window, "Kim Jong Un")
    click_entity(qtbot, seed_window, kim)
    qtbot.keyClick(seed_window.entity_panel.entity_tree, Qt.Key.Key_F2)
    assert seed_window.document.entity(kim).name == "Kim Jong-un"
    assert "Kim Jong-un" in column_names(seed_window, "PERSON")
    seed_window.undo_action.trigger()
    assert seed_window.document.entity(kim).name == "Kim Jong Un"


def test_split_a_mention_out_of_its_entity(qtbot, seed_window: MainWindow) -> None:
    kim = entity_id(seed_window, "Kim Jong Un")
    count = len(seed_window.document.entity(kim).mention_ids)
    last = seed_window.document.entity_mentions(kim)[-1]
    menu = seed_window.corrections.article_menu(last.start + 1)
    menu_action(menu, "Split mention from its entity").trigger()
    assert len(seed_window.document.entity(kim).mention_ids) == count - 1
    assert seed_window.document.mention_at(last.start).entity_id != kim


def test_remove_an_entity_everywhere_from_the_panel(qtbot, seed_window: MainWindow) -> None:
    tass = entity_id(seed_window, "TASS")
    click_entity(qtbot, seed_window, tass)
    qtbot.keyClick(seed_window.entity_panel.entity_tree, Qt.Key.Key_Delete)
    assert not [m for m in seed_window.document.mentions if m.text == "TASS"]
    assert all(q.speaker_entity_id != tass for q in seed_window.document.quotes)


def test_relabel_an_entity_from_the_panel_menu(qtbot, seed_window: MainWindow) -> None:
    click_entity(qtbot, seed_window, entity_id(seed_window, "TASS"))
    menu_action(seed_window.corrections.entity_menu(), "Person").trigger()
    assert "TASS" in column_names(seed_window, "PERSON")


def test_a_refused_edit_is_a_message_and_no_undo_step(qtbot, seed_window: MainWindow) -> None:
    select_text(seed_window, "“")  # only a quotation mark: nothing to mark
    with qtbot.waitSignal(seed_window.error_reported):
        seed_window.corrections.mark("PERSON")
    assert seed_window.edits.count() == 0


def test_add_a_quote_from_the_selection_and_edit_it(qtbot, seed_window: MainWindow, monkeypatch) -> None:
    before = state(seed_window)
    select_text(seed_window, "departure ceremony")
    seed_window.corrections.add_quote_action.trigger()
    quote = next(q for q in seed_window.document.quotes if q.text == "departure ceremony")
    assert quote.kind == "direct" and quote.origin == "user"
    assert "departure ceremony" in column(seed_window.entity_panel.quote_list, 2)

    def fill(dialog: QuoteDialog) -> int:
        assert dialog.speaker.isEditable()
        assert "Kim Jong Un" in [dialog.speaker.itemText(i) for i in range(dialog.speaker.count())]
        dialog.speaker.setCurrentText("Ria Novosti")
        dialog.cue.setText("said")
        dialog.kind.setCurrentText("indirect")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QuoteDialog, "exec", fill)
    quotes = seed_window.entity_panel.quote_list
    row = column(quotes, 2).index("departure ceremony")
    quotes.selectRow(row)
    seed_window.entity_panel.tabs.setCurrentWidget(quotes)
    menu_action(seed_window.corrections.item_menu("quote"), "Edit quote or fact").trigger()
    quote = next(q for q in seed_window.document.quotes if q.text == "departure ceremony")
    assert (quote.speaker, quote.cue, quote.kind) == ("Ria Novosti", "said", "indirect")
    # The list says whether the typed speaker was credited to an entity of the article.
    credited = "Ria Novosti" if quote.speaker_entity_id else "Ria Novosti (unresolved)"
    assert column(quotes, 0)[row] == credited

    quotes.selectRow(row)
    quotes.setFocus()
    qtbot.keyClick(quotes, Qt.Key.Key_Delete)
    assert not [q for q in seed_window.document.quotes if q.text == "departure ceremony"]
    seed_window.undo_action.trigger()
    seed_window.undo_action.trigger()
    seed_window.undo_action.trigger()
    assert state(seed_window) == before


def test_the_speaker_can_be_an_entity(qtbot, seed_window: MainWindow, monkeypatch) -> None:
    def choose(dialog: QuoteDialog) -> int:
        dialog.speaker.setCurrentIndex(dialog.speaker.findText("Vladimir Putin"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QuoteDialog, "exec", choose)
    quote = seed_window.document.quotes[0]
    seed_window.corrections.edit_quote(quote.id)
    edited = seed_window.document.quotes[0]
    assert edited.speaker_entity_id == entity_id(seed_window, "Vladimir Putin")


def test_add_a_fact_then_mark_it_disputed_with_a_note(qtbot, seed_window: MainWindow, monkeypatch) -> None:
    select_text(seed_window, "Kim’s train was heading about 250 kilometers")
    seed_window.corrections.add_fact_action.trigger()
    fact = next(f for f in seed_window.document.facts if f.origin == "user")
    facts = seed_window.entity_panel.fact_list
    seed_window.entity_panel.tabs.setCurrentWidget(facts)
    row = [facts.model().index(r, 0).data() for r in range(facts.model().rowCount())].index(
        fact.predicate.text
    )
    facts.selectRow(row)
    monkeypatch.setattr(
        QInputDialog, "getMultiLineText", lambda *args, **kwargs: ("Rail map says 300 km", True)
    )
    menu_action(seed_window.corrections.item_menu("fact"), "Mark fact disputed").trigger()
    fact = next(f for f in seed_window.document.facts if f.origin == "user")
    assert (fact.status, fact.note) == ("disputed", "Rail map says 300 km")
    assert facts.model().index(row, 2).data() == "✗ disputed"
    assert "Rail map" in facts.model().index(row, 2).data(Qt.ItemDataRole.ToolTipRole)


def test_fact_dialog_sets_source_status_and_a_part_from_the_selection(
    qtbot, seed_window: MainWindow, monkeypatch
) -> None:
    fact = seed_window.document.facts[0]
    select_text(seed_window, "five explosive drones, a reconnaissance drone")

    def fill(dialog: FactDialog) -> int:
        dialog.source.setCurrentText("Primorye governor")
        dialog.status.setCurrentText("verified")
        dialog.note.setPlainText("Seen on video")
        dialog.part.setCurrentText("object")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(FactDialog, "exec", fill)
    seed_window.corrections.edit_fact(fact.id)
    edited = next(f for f in seed_window.document.facts if f.id == fact.id)
    assert (edited.source, edited.status, edited.note) == ("Primorye governor", "verified", "Seen on video")
    assert edited.object.text == "five explosive drones, a reconnaissance drone"
    seed_window.undo_action.trigger()
    assert next(f for f in seed_window.document.facts if f.id == fact.id).status == "unverified"


def test_remembered_corrections_apply_to_the_next_article(
    qtbot, seed_window: MainWindow, make_window, tmp_path
) -> None:
    seed_window.corrections.remember_action.trigger()  # on
    select_text(seed_window, "Geran-25")
    qtbot.keyClick(seed_window.article_view, Qt.Key.Key_W)
    put_cursor_in(seed_window, mention(seed_window, "250 kilometers"))
    qtbot.keyClick(seed_window.article_view, Qt.Key.Key_Delete)
    assert Entry("add", "Geran-25", "WEAPON") in load_dictionary()
    assert Entry("ignore", "250 kilometers", "NUMBER") in load_dictionary()

    other = tmp_path / "next.txt"
    other.write_text("Russia sent a Geran-25 drone 250 kilometers north.", encoding="utf-8")
    window = make_window()
    with qtbot.waitSignal(window.document_shown, timeout=5000):
        window.open_file(other)
    labels = {m.text: m.label for m in window.document.mentions}
    assert labels.get("Geran-25") == "WEAPON"
    assert "250 kilometers" not in labels
    assert not window.isWindowModified()  # applied as part of the analysis


def test_dictionary_dialog_edits_and_removes_entries(qtbot, window: MainWindow, data_dir) -> None:
    save_dictionary([Entry("add", "Geran-25", "WEAPON"), Entry("ignore", "Footage")])
    dialog = window.show_dictionary()
    table = dialog.findChild(type(dialog.table), "dictionaryTable")
    assert [table.item(r, 1).text() for r in range(table.rowCount())] == ["Geran-25", "Footage"]
    table.item(0, 1).setText("Geran-2")
    table.selectRow(1)
    dialog.remove_button.click()
    dialog.add_button.click()
    table.item(1, 1).setText("U.S.")
    table.cellWidget(1, 0).setCurrentText("alias")
    table.cellWidget(1, 2).setCurrentText("PLACE")
    table.item(1, 3).setText("United States")
    dialog.save()
    assert load_dictionary() == [
        Entry("add", "Geran-2", "WEAPON"),
        Entry("alias", "U.S.", "PLACE", "United States"),
    ]
    assert (data_dir / "dictionary.json").exists()


def test_dictionary_dialog_refuses_an_incomplete_alias(qtbot, window: MainWindow, monkeypatch) -> None:
    warnings = []
    monkeypatch.setattr("desktop.ui.dialogs.QMessageBox.warning", lambda *args: warnings.append(args[2]))
    dialog = window.show_dictionary()
    dialog.add_button.click()
    dialog.table.item(0, 1).setText("U.S.")
    dialog.table.cellWidget(0, 0).setCurrentText("alias")
    dialog.save()
    assert warnings and "alias needs the canonical name" in warnings[0]
    assert load_dictionary() == []


@pytest.mark.parametrize("key", [Qt.Key.Key_1, Qt.Key.Key_O])
def test_keys_relabel_the_mention_under_the_cursor_without_a_selection(
    qtbot, seed_window: MainWindow, key
) -> None:
    moscow = mention(seed_window, "Moscow")
    put_cursor_in(seed_window, moscow)
    qtbot.keyClick(seed_window.article_view, key)
    assert seed_window.document.mention_at(moscow.start).label in ("PERSON", "ORG")


def test_undo_history_in_the_edit_menu(qtbot, seed_window: MainWindow) -> None:
    assert not seed_window.undo_action.isEnabled()
    select_text(seed_window, "Geran-25")
    qtbot.keyClick(seed_window.article_view, Qt.Key.Key_4)
    qtbot.keyClick(seed_window.article_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert seed_window.redo_action.text().replace("&", "") == "Redo Mark “Geran-25” as Weapon"
    qtbot.keyClick(
        seed_window.article_view,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert seed_window.document.mention_at(seed_window.document.text.index("Geran-25")) is not None
    assert SEED.exists()


def test_the_credit_changes_in_one_step_and_keeps_the_speaker_as_written(
    qtbot, seed_window: MainWindow, monkeypatch
) -> None:
    document = seed_window.document
    quote = document.quotes[0]
    putin = next(e for e in document.entities if e.name == "Vladimir Putin")
    choice = {"credit": putin.id}

    def credit(dialog: QuoteDialog) -> int:
        dialog.credited.setCurrentIndex(dialog.credited.findData(choice["credit"]))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QuoteDialog, "exec", credit)
    quotes = seed_window.entity_panel.quote_list
    seed_window.entity_panel.tabs.setCurrentWidget(quotes)
    for credited_to, shown in (
        (putin.id, f"{quote.speaker} → Vladimir Putin"),
        (None, f"{quote.speaker} (unresolved)"),
    ):
        choice["credit"] = credited_to
        quotes.selectRow(0)
        menu_action(seed_window.corrections.item_menu("quote"), "Edit quote or fact").trigger()
        edited = seed_window.document.quotes[0]
        assert (edited.speaker, edited.speaker_entity_id, edited.origin) == (
            quote.speaker,
            credited_to,
            "user",
        )
        assert column(quotes, 0)[0] == shown
    seed_window.undo_action.trigger()
    assert seed_window.document.quotes[0].speaker_entity_id == putin.id
