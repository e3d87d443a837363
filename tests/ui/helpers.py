"""Small drivers for the workbench tests: select text, find rows, trigger menu actions by name."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QAction, QTextCursor
from PySide6.QtWidgets import QMenu

from desktop.core.annotated_json import document_to_dict
from desktop.core.model import Mention
from desktop.ui.main_window import MainWindow


def state(window: MainWindow) -> dict:
    assert window.document is not None
    return document_to_dict(window.document)


def select_text(window: MainWindow, words: str, occurrence: int = 0) -> tuple[int, int]:
    """Select the n-th occurrence of words in the article, as a drag with the mouse would."""
    text = window.article_view.toPlainText()
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(words, start + 1)
    window.article_view.select_span(start, start + len(words))
    window.article_view.setFocus()
    return start, start + len(words)


def put_cursor_in(window: MainWindow, mention: Mention) -> None:
    view = window.article_view
    cursor = view.textCursor()
    cursor.setPosition(mention.start + 1)
    view.setTextCursor(cursor)
    view.setFocus()


def mention(window: MainWindow, text: str, occurrence: int = 0) -> Mention:
    assert window.document is not None
    return [m for m in window.document.mentions if m.text == text][occurrence]


def entity_id(window: MainWindow, name: str) -> str:
    assert window.document is not None
    return next(e.id for e in window.document.entities if e.name == name)


def point_inside(window: MainWindow, position: int) -> QPoint:
    view = window.article_view
    cursor = QTextCursor(view.document())
    cursor.setPosition(position)
    rect = view.cursorRect(cursor)
    return QPoint(rect.center().x() + 3, rect.center().y())


def click_entity(qtbot, window: MainWindow, entity: str, ctrl: bool = False) -> None:
    tree = window.entity_panel.entity_tree
    index = window.entity_panel.entity_model.entity_index(entity)
    tree.scrollTo(index)
    modifier = Qt.KeyboardModifier.ControlModifier if ctrl else Qt.KeyboardModifier.NoModifier
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, modifier, tree.visualRect(index).center())


def menu_action(menu: QMenu, text: str) -> QAction:
    """The action whose text (without & and the shortcut) starts with text, in the menu or its submenus."""
    for action in menu.actions():
        if action.menu() is not None:
            try:
                return menu_action(action.menu(), text)
            except LookupError:
                pass
        elif action.text().replace("&", "").startswith(text):
            return action
    raise LookupError(f"no action {text!r} in {[a.text() for a in menu.actions()]}")


def column(view, column_number: int) -> list[str]:
    model = view.model()
    return [model.index(row, column_number, QModelIndex()).data() for row in range(model.rowCount())]
