"""Filtering the quote and fact lists by entity, category and text; emphasis and dimming in the article."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from desktop.core import edits
from desktop.core.labels import colour_for
from desktop.ui.filters import Involvement, fact_entities
from desktop.ui.main_window import MainWindow
from tests.ui.helpers import click_entity, column, entity_id, mention, point_inside


def _quotes(window: MainWindow) -> list[str]:
    return column(window.entity_panel.quote_list, 2)


def _facts(window: MainWindow) -> list[str]:
    return column(window.entity_panel.fact_list, 0)


def test_clicking_an_entity_filters_the_lists_and_shows_the_chip(qtbot, seed_window: MainWindow) -> None:
    panel = seed_window.entity_panel
    assert len(_quotes(seed_window)) == 3 and len(_facts(seed_window)) == 2
    assert not panel.filter_bar.isVisible()

    click_entity(qtbot, seed_window, entity_id(seed_window, "Kim Jong Un"))

    assert _quotes(seed_window) == ["offered Kim Jong Un a body armor kit"]  # mentioned inside
    assert _facts(seed_window) == ["Kim — received — five explosive drones"]  # the fact's subject
    bar = seed_window.findChild(type(panel.filter_bar), "filterBar")
    assert bar.isVisible()
    assert "Kim Jong Un" in bar.label.text()
    assert "1 of 3 quotes" in bar.label.text()
    assert panel.tabs.tabText(1) == "Quotes (1 of 3)"

    # Its mentions emphasised (bold), the others dimmed.
    kim, putin = mention(seed_window, "Kim Jong Un"), mention(seed_window, "Vladimir Putin")
    assert seed_window.article_view.format_at(kim.start).fontWeight() == 700
    dimmed = seed_window.article_view.format_at(putin.start)
    assert dimmed.background().color().alpha() < 255
    assert dimmed.foreground().color() != QColor("#111111")

    qtbot.keyClick(seed_window.article_view, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert len(_quotes(seed_window)) == 3 and len(_facts(seed_window)) == 2
    assert seed_window.entity_panel.selected_entity_ids() == []
    plain = seed_window.article_view.format_at(putin.start)
    assert plain.background().color() == QColor(colour_for("PERSON"))


def test_the_filtered_lists_follow_an_edit_and_its_undo(qtbot, seed_window: MainWindow) -> None:
    """Involvement is recomputed lazily after an edit; a filter that stays on must see the new one."""
    click_entity(qtbot, seed_window, entity_id(seed_window, "Kim Jong Un"))
    assert _quotes(seed_window) == ["offered Kim Jong Un a body armor kit"]
    inside = next(
        m
        for m in seed_window.document.mentions
        if m.text == "Kim Jong Un" and seed_window.document.text[m.end : m.end + 12] == " a body armo"
    )
    seed_window.edits.apply("Remove", lambda d: edits.remove_mention(d, inside.id))
    assert _quotes(seed_window) == []
    assert seed_window.entity_panel.tabs.tabText(1) == "Quotes (0 of 3)"
    seed_window.edits.undo()
    assert _quotes(seed_window) == ["offered Kim Jong Un a body armor kit"]


def test_speaker_and_source_count_as_involvement(qtbot, seed_window: MainWindow) -> None:
    click_entity(qtbot, seed_window, entity_id(seed_window, "TASS"))
    assert _quotes(seed_window) == [
        "offered Kim Jong Un a body armor kit",
        "special clothing that cannot be detected by thermal cameras.",
    ]
    assert len(_facts(seed_window)) == 2


def test_ctrl_click_combines_entities_items_involving_all(qtbot, seed_window: MainWindow) -> None:
    click_entity(qtbot, seed_window, entity_id(seed_window, "TASS"))
    click_entity(qtbot, seed_window, entity_id(seed_window, "Kim Jong Un"), ctrl=True)
    assert set(seed_window.filter().entity_ids) == {
        entity_id(seed_window, "TASS"),
        entity_id(seed_window, "Kim Jong Un"),
    }
    assert _quotes(seed_window) == ["offered Kim Jong Un a body armor kit"]
    assert len(_facts(seed_window)) == 1
    assert "Kim Jong Un" in seed_window.entity_panel.filter_bar.label.text()
    assert "TASS" in seed_window.entity_panel.filter_bar.label.text()


def test_ctrl_click_in_the_text_adds_the_entity(qtbot, seed_window: MainWindow) -> None:
    click_entity(qtbot, seed_window, entity_id(seed_window, "TASS"))
    kim = mention(seed_window, "Kim Jong Un", 1)
    qtbot.mouseClick(
        seed_window.article_view.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.ControlModifier,
        point_inside(seed_window, kim.start + 1),
    )
    assert len(seed_window.filter().entity_ids) == 2
    assert _quotes(seed_window) == ["offered Kim Jong Un a body armor kit"]


def test_category_checkboxes_filter_the_lists(qtbot, seed_window: MainWindow) -> None:
    legend = seed_window.entity_panel.legend
    for label in ("PERSON", "ORG", "PLACE", "NUMBER"):
        legend.checkbox(label).setChecked(False)
    # Only weapons: the quote and the fact that mention drones.
    assert _quotes(seed_window) == ["the leader of the DPRK received five kamikaze drones"]
    assert _facts(seed_window) == ["Kim — received — five explosive drones"]
    assert "Categories: Weapons" in seed_window.entity_panel.filter_bar.label.text()
    seed_window.clear_filter_action.trigger()
    assert all(legend.checkbox(label).isChecked() for label in ("PERSON", "ORG", "PLACE", "NUMBER"))
    assert len(_quotes(seed_window)) == 3


def test_search_box_marks_the_text_and_filters_the_lists(qtbot, seed_window: MainWindow) -> None:
    box = seed_window.search_box
    seed_window.find_action.trigger()
    qtbot.keyClicks(box, "thermal")
    view = seed_window.article_view
    thermal = seed_window.document.text.index("thermal")
    assert view.search_matches() == [(thermal, thermal + len("thermal"))]
    assert _quotes(seed_window) == ["special clothing that cannot be detected by thermal cameras."]
    assert "Text “thermal”" in seed_window.entity_panel.filter_bar.label.text()

    box.clear()
    qtbot.keyClicks(box, "kim")
    text = seed_window.document.text.lower()
    assert len(view.search_matches()) == text.count("kim")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    first = view.textCursor().selectionStart()
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert view.textCursor().selectionStart() == text.index("kim", first + 1)
    # The entity list keeps only matching names.
    tree = seed_window.entity_panel.entity_tree
    model = seed_window.entity_panel.entity_model
    people = model.category_index("PERSON")
    hidden = [tree.isRowHidden(row, people) for row in range(model.rowCount(people))]
    names = [model.index(row, 0, people).data() for row in range(model.rowCount(people))]
    assert dict(zip(names, hidden, strict=False)) == {"Kim Jong Un": False, "Vladimir Putin": True}
    qtbot.keyClick(seed_window.article_view, Qt.Key.Key_Escape)
    assert box.text() == "" and view.search_matches() == []


def test_involvement_is_worked_out_ahead_while_idle_and_on_demand(qtbot, seed_window: MainWindow) -> None:
    document = seed_window.document
    starts = [m.start for m in document.mentions]
    expected = [fact_entities(document, starts, f) for f in document.facts]
    involvement = Involvement(document, document.facts, fact_entities)
    assert involvement.of_row(len(expected) - 1) == expected[-1]  # on demand, out of order
    assert len(expected) > 1 and not involvement.compute_ahead(1)
    while not involvement.compute_ahead(1):
        pass
    assert [involvement.of_row(i) for i in range(len(expected))] == expected
    assert involvement.of_row(len(expected)) == set()

    panel = seed_window.entity_panel
    panel.set_document(document)
    qtbot.waitUntil(lambda: not panel._involvement_timer.isActive(), timeout=2000)
