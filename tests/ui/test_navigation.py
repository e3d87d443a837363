"""Panel ↔ text: entity clicks move through mentions; clicks in the text select entities."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor

from desktop.core.attribution import credited_as
from desktop.ui.main_window import MainWindow


def _entity_mentions(window: MainWindow, text: str):
    document = window.document
    mention = next(m for m in document.mentions if m.text == text)
    return mention.entity_id, document.entity_mentions(mention.entity_id)


def _click_entity_row(qtbot, window: MainWindow, entity_id: str) -> None:
    tree = window.entity_panel.entity_tree
    index = window.entity_panel.entity_model.entity_index(entity_id)
    tree.scrollTo(index)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualRect(index).center())


def _point_inside(window: MainWindow, position: int) -> QPoint:
    """A point over the character at position (a little right of the cursor before it)."""
    view = window.article_view
    cursor = QTextCursor(view.document())
    cursor.setPosition(position)
    rect = view.cursorRect(cursor)
    return QPoint(rect.center().x() + 3, rect.center().y())


def test_clicking_an_entity_goes_to_its_first_mention_and_walks(qtbot, seed_window: MainWindow) -> None:
    entity_id, mentions = _entity_mentions(seed_window, "Kim")
    assert len(mentions) >= 3
    view = seed_window.article_view

    _click_entity_row(qtbot, seed_window, entity_id)
    assert view.textCursor().position() == mentions[0].start
    assert seed_window.next_action.isEnabled()

    seed_window.next_action.trigger()
    assert view.textCursor().position() == mentions[1].start
    seed_window.next_action.trigger()
    assert view.textCursor().position() == mentions[2].start
    seed_window.previous_action.trigger()
    assert view.textCursor().position() == mentions[1].start
    seed_window.previous_action.trigger()
    seed_window.previous_action.trigger()  # before the first: wraps round to the last
    assert view.textCursor().position() == mentions[-1].start
    assert seed_window.navigation_label.text().strip() == f"Mention {len(mentions)} of {len(mentions)}"


def test_clicking_a_highlighted_word_selects_its_entity(qtbot, seed_window: MainWindow) -> None:
    entity_id, mentions = _entity_mentions(seed_window, "Putin")
    clicked = mentions[-1]
    view = seed_window.article_view

    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=_point_inside(seed_window, clicked.start + 1)
    )

    assert seed_window.entity_panel.selected_entity_id() == entity_id
    # The reader stays on the mention they clicked, which becomes the current one.
    assert seed_window.navigation_label.text().strip() == f"Mention {len(mentions)} of {len(mentions)}"
    assert view.textCursor().position() == clicked.start


def test_clicking_plain_text_selects_nothing(qtbot, seed_window: MainWindow) -> None:
    position = seed_window.document.text.index("fighter jet")
    qtbot.mouseClick(
        seed_window.article_view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=_point_inside(seed_window, position),
    )
    assert seed_window.entity_panel.selected_entity_id() is None


def test_clicking_a_quote_or_fact_selects_its_span(qtbot, seed_window: MainWindow) -> None:
    document = seed_window.document
    panel = seed_window.entity_panel
    quote = document.quotes[0]
    quote_list = panel.findChild(type(panel.quote_list), "quoteList")
    assert quote_list.model().index(0, 0).data() == credited_as(document, quote)

    panel.tabs.setCurrentWidget(quote_list)
    rect = quote_list.visualRect(quote_list.model().index(0, 2))
    qtbot.mouseClick(quote_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    cursor = seed_window.article_view.textCursor()
    assert (cursor.selectionStart(), cursor.selectionEnd()) == (quote.start, quote.end)

    fact = document.facts[0]
    fact_list = panel.findChild(type(panel.fact_list), "factList")
    assert fact.predicate.text in fact_list.model().index(0, 0).data()
    assert fact_list.model().index(0, 1).data() == fact.source
    panel.tabs.setCurrentWidget(fact_list)
    rect = fact_list.visualRect(fact_list.model().index(0, 0))
    qtbot.mouseClick(fact_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    cursor = seed_window.article_view.textCursor()
    assert (cursor.selectionStart(), cursor.selectionEnd()) == (fact.sentence_start, fact.sentence_end)


def test_entity_tree_groups_by_category_most_mentioned_first(seed_window: MainWindow) -> None:
    model = seed_window.entity_panel.entity_model
    people = model.category_index("PERSON")
    assert model.rowCount(people) == 2  # Kim Jong Un (with "Kim") and Vladimir Putin (with "Putin")
    counts = [model.index(row, 1, people).data() for row in range(model.rowCount(people))]
    assert counts == sorted(counts, reverse=True)
    assert model.index(0, 0, people).data() == "Kim Jong Un"
    assert model.index(people.row(), 1).data() == sum(counts)


def test_clicking_the_selected_entity_again_returns_to_its_first_mention(
    qtbot, seed_window: MainWindow
) -> None:
    entity_id, mentions = _entity_mentions(seed_window, "Kim")
    _click_entity_row(qtbot, seed_window, entity_id)
    seed_window.next_action.trigger()
    seed_window.next_action.trigger()
    _click_entity_row(qtbot, seed_window, entity_id)
    assert seed_window.article_view.textCursor().position() == mentions[0].start


def test_clicking_another_mention_of_the_selected_entity_makes_it_current(
    qtbot, seed_window: MainWindow
) -> None:
    entity_id, mentions = _entity_mentions(seed_window, "Kim")
    seed_window.entity_panel.select_entity(entity_id)
    view = seed_window.article_view
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=_point_inside(seed_window, mentions[2].start + 1)
    )
    assert view.textCursor().position() == mentions[2].start
    assert seed_window.navigation_label.text().strip() == f"Mention 3 of {len(mentions)}"
