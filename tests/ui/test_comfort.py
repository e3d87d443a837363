"""Comfort: shortcuts on every action (and the generated list), themes, zoom, status bar, tooltips."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from desktop.ui.article_view import READING_POINT_SIZE
from desktop.ui.main_window import MainWindow
from tests.ui.helpers import mention, select_text


def test_every_menu_action_has_an_icon_and_a_shortcut(window: MainWindow) -> None:
    actions = window.all_actions()
    assert len(actions) > 40
    missing = [a.text() for a in actions if not any(s.toString() for s in a.shortcuts()) or a.icon().isNull()]
    assert missing == []
    keys = [(a.text(), s.toString()) for a in actions for s in a.shortcuts()]
    # A key may be shared only by actions that work in different widgets (Delete: text, tree, lists).
    window_wide = [k for text, k in keys if k not in ("Del", "Return")]
    duplicates = {k for k in window_wide if window_wide.count(k) > 1}
    assert duplicates == set()


def test_the_shortcuts_dialog_is_generated_from_the_actions(qtbot, window: MainWindow) -> None:
    window.shortcuts_action.trigger()
    dialog = window.findChild(type(window.shortcuts_dialog), "shortcutsDialog")
    table = dialog.table
    rows = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    assert rows["Mark as Weapon"] == "4, W"
    assert rows["Undo"] == "Ctrl+Z"
    assert rows["Next article"] == "Ctrl+PgDown"
    assert rows["Find"] == "Ctrl+F"
    assert len(rows) == len({a.text() for a in window.all_actions() if a.shortcuts()})


def test_theme_switch_applies_and_is_remembered(qtbot, make_window, settings) -> None:
    first = make_window()
    first.theme_actions["dark"].trigger()
    assert first.theme == "dark"
    app = QApplication.instance()
    assert app.palette().color(QPalette.ColorRole.Window).lightness() < 80
    assert "#1a1c20" in app.styleSheet()
    assert settings.value("view/theme") == "dark"

    second = make_window()
    assert second.theme == "dark" and second.theme_actions["dark"].isChecked()
    second.theme_actions["light"].trigger()
    assert app.palette().color(QPalette.ColorRole.Window).lightness() > 180
    second.theme_actions["system"].trigger()
    assert settings.value("view/theme") == "system"


def test_zoom_keys_change_the_reading_size_and_it_is_remembered(
    qtbot, seed_window: MainWindow, make_window
) -> None:
    view = seed_window.article_view
    qtbot.keyClick(view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert seed_window.point_size() == READING_POINT_SIZE + 2
    qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert seed_window.point_size() == READING_POINT_SIZE + 1
    assert make_window().point_size() == READING_POINT_SIZE + 1
    seed_window.set_theme("dark")  # a new stylesheet must not undo the zoom
    assert seed_window.point_size() == READING_POINT_SIZE + 1
    qtbot.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert seed_window.point_size() == READING_POINT_SIZE


def test_status_bar_counts_follow_the_edits(qtbot, seed_window: MainWindow) -> None:
    before = len(seed_window.document.mentions)
    assert seed_window.counts_label.text().startswith(f"{before} mentions")
    assert seed_window.model_label.text() == "Model: fake-model"
    select_text(seed_window, "Geran-25")
    qtbot.keyClick(seed_window.article_view, Qt.Key.Key_4)
    assert seed_window.counts_label.text().startswith(f"{before + 1} mentions")


def test_tooltips_show_category_entity_and_number_value(qtbot, seed_window: MainWindow) -> None:
    kim = mention(seed_window, "Kim")
    tip = seed_window.article_view.tooltip_at(kim.start + 1)
    assert tip.splitlines()[:2] == [
        "People: Kim",
        f"Kim Jong Un — {len(seed_window.document.entity(kim.entity_id).mention_ids)} mentions",
    ]
    distance = mention(seed_window, "250 kilometers")
    distance.value, distance.unit, distance.qualifier = 250.0, "km", "about"
    assert "about 250 km" in seed_window.article_view.tooltip_at(distance.start + 1)
    select_text(seed_window, "Geran-25")
    qtbot.keyClick(seed_window.article_view, Qt.Key.Key_4)
    geran = mention(seed_window, "Geran-25")
    assert seed_window.article_view.tooltip_at(geran.start + 1).endswith("(your correction)")


def test_the_window_title_marks_unsaved_edits(qtbot, seed_window: MainWindow) -> None:
    assert seed_window.windowTitle().endswith("[*]") and not seed_window.isWindowModified()
    select_text(seed_window, "Geran-25")
    qtbot.keyClick(seed_window.article_view, Qt.Key.Key_4)
    assert seed_window.isWindowModified()
    seed_window.undo_action.trigger()
    assert not seed_window.isWindowModified()


def test_quote_rows_wrap_for_short_lists_and_stay_two_lines_for_long_ones(qtbot) -> None:
    from PySide6.QtGui import QStandardItemModel
    from PySide6.QtWidgets import QHeaderView

    from desktop.ui.entity_panel import WRAPPED_ROWS_LIMIT, SpanTable

    table = SpanTable("quoteList", stretch_column=1, widths={0: 80})
    qtbot.addWidget(table)
    short = QStandardItemModel(3, 2)
    table.setModel(short)
    assert table.verticalHeader().sectionResizeMode(0) == QHeaderView.ResizeMode.ResizeToContents
    long = QStandardItemModel(WRAPPED_ROWS_LIMIT + 1, 2)
    table.setModel(long)
    assert table.verticalHeader().sectionResizeMode(0) == QHeaderView.ResizeMode.Fixed
