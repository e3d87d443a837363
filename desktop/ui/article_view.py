"""The article: read-only text with mentions highlighted per category.

Highlighting is a QSyntaxHighlighter over the mentions sorted by start, so
Qt formats only the blocks it lays out and a change (a category hidden, an
entity emphasised) re-formats only the blocks it touches. That keeps long
articles responsive: no pass over the whole text on the GUI thread.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QMouseEvent,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from desktop.core.labels import colour_for
from desktop.core.model import Document, Mention

EMPHASIS_SATURATION = 1.9  # an emphasised entity's background: its category colour, more saturated
CURRENT_DARKER = 190  # percent: the mention the reader navigated to, dark under white text
READING_FONTS = ["Source Serif 4", "Charter", "Georgia", "Noto Serif", "DejaVu Serif", "serif"]
READING_POINT_SIZE = 12.5


def category_format(label: str) -> QTextCharFormat:
    """Pale category background under black text: readable, and distinct per category."""
    char_format = QTextCharFormat()
    char_format.setBackground(QColor(colour_for(label)))
    char_format.setForeground(QColor("#111111"))
    char_format.setToolTip(label)
    return char_format


def vivid(colour: QColor, saturation_factor: float) -> QColor:
    """The same hue, more saturated: stands out from the pale highlights without turning muddy."""
    hue, saturation, value, alpha = colour.getHsv()
    return QColor.fromHsv(hue, min(255, round(saturation * saturation_factor)), value, alpha)


def emphasis_format(label: str) -> QTextCharFormat:
    """The selected entity's mentions: bold, underlined, on a stronger shade of the category colour."""
    char_format = category_format(label)
    colour = QColor(colour_for(label))
    char_format.setBackground(vivid(colour, EMPHASIS_SATURATION))
    char_format.setFontWeight(QFont.Weight.Bold)
    char_format.setFontUnderline(True)
    char_format.setUnderlineColor(colour.darker(CURRENT_DARKER))
    return char_format


class MentionHighlighter(QSyntaxHighlighter):
    """Formats each block from the mentions that overlap it (found by bisection)."""

    def __init__(self, text_document: QTextDocument) -> None:
        super().__init__(text_document)
        self._mentions: list[Mention] = []
        self._starts: list[int] = []
        self._longest = 0
        self._visible: set[str] = set()
        self._emphasised: set[str] = set()
        self._formats: dict[str, QTextCharFormat] = {}
        self._emphasis_formats: dict[str, QTextCharFormat] = {}

    def set_mentions(self, mentions: Iterable[Mention], visible_labels: Iterable[str]) -> None:
        self._mentions = sorted(mentions, key=lambda m: (m.start, m.end))
        self._starts = [m.start for m in self._mentions]
        self._longest = max((m.end - m.start for m in self._mentions), default=0)
        self._visible = set(visible_labels)
        self._emphasised = set()
        labels = {m.label for m in self._mentions}
        self._formats = {label: category_format(label) for label in labels}
        self._emphasis_formats = {label: emphasis_format(label) for label in labels}
        self.rehighlight()

    def visible_labels(self) -> set[str]:
        return set(self._visible)

    def set_label_visible(self, label: str, visible: bool) -> None:
        if (label in self._visible) == visible:
            return
        if visible:
            self._visible.add(label)
        else:
            self._visible.discard(label)
        self._rehighlight_spans(m for m in self._mentions if m.label == label)

    def set_emphasised(self, mention_ids: Iterable[str]) -> None:
        new = set(mention_ids)
        changed = new ^ self._emphasised
        self._emphasised = new
        self._rehighlight_spans(m for m in self._mentions if m.id in changed)

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """Mentions overlapping [start, end), in reading order."""
        first = bisect.bisect_left(self._starts, start - self._longest)
        last = bisect.bisect_left(self._starts, end)
        return [m for m in self._mentions[first:last] if m.end > start]

    def _rehighlight_spans(self, mentions: Iterable[Mention]) -> None:
        text_document = self.document()
        block_numbers: set[int] = set()
        for mention in mentions:
            block = text_document.findBlock(mention.start)
            while block.isValid() and block.position() < mention.end:
                block_numbers.add(block.blockNumber())
                block = block.next()
        for number in sorted(block_numbers):
            self.rehighlightBlock(text_document.findBlockByNumber(number))

    def highlightBlock(self, text: str) -> None:
        block = self.currentBlock()
        block_start = block.position()
        block_end = block_start + len(text)
        for mention in self.mentions_in(block_start, block_end):
            if mention.label not in self._visible:
                continue
            start = max(mention.start, block_start) - block_start
            end = min(mention.end, block_end) - block_start
            if mention.id in self._emphasised:
                self.setFormat(start, end - start, self._emphasis_formats[mention.label])
            else:
                self.setFormat(start, end - start, self._formats[mention.label])


class ArticleView(QPlainTextEdit):
    """Read-only article text; a click on a highlighted word reports its mention."""

    mention_clicked = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleView")
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setAcceptDrops(False)  # dropped files go to the window, which opens them
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.document().setDocumentMargin(28)
        reading_font = QFont()
        reading_font.setFamilies(READING_FONTS)
        reading_font.setPointSizeF(READING_POINT_SIZE)
        self.setFont(reading_font)
        self.highlighter = MentionHighlighter(self.document())
        self._document: Document | None = None

    @property
    def article(self) -> Document | None:
        return self._document

    def show_text(self, text: str) -> None:
        """Plain text at once, before any analysis; highlights come later with show_document."""
        self._document = None
        self.highlighter.set_mentions([], [])
        self.setExtraSelections([])
        if self.toPlainText() != text:
            self.setPlainText(text)

    def show_document(self, document: Document, visible_labels: Iterable[str]) -> None:
        if self.toPlainText() != document.text:
            self.setPlainText(document.text)
        self._document = document
        self.setExtraSelections([])
        self.highlighter.set_mentions(document.mentions, visible_labels)

    def format_at(self, position: int) -> QTextCharFormat | None:
        """The highlight format drawn at a character position (None where plain)."""
        block = self.document().findBlock(position)
        offset = position - block.position()
        for format_range in block.layout().formats():
            if format_range.start <= offset < format_range.start + format_range.length:
                return QTextCharFormat(format_range.format)  # a copy: the range is a temporary
        return None

    def select_span(self, start: int, end: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self._reveal_cursor()

    def go_to_mention(self, mention: Mention) -> None:
        """Cursor to the mention's start, the mention marked as the current one, scrolled into view."""
        cursor = self.textCursor()
        cursor.setPosition(mention.start)
        self.setTextCursor(cursor)
        marker = QTextEdit.ExtraSelection()
        marker.cursor = QTextCursor(self.document())
        marker.cursor.setPosition(mention.start)
        marker.cursor.setPosition(mention.end, QTextCursor.MoveMode.KeepAnchor)
        marker.format.setBackground(QColor(colour_for(mention.label)).darker(CURRENT_DARKER))
        marker.format.setForeground(QColor("#ffffff"))
        marker.format.setProperty(QTextFormat.Property.FullWidthSelection, False)
        self.setExtraSelections([marker])
        self._reveal_cursor()

    def clear_current_mention(self) -> None:
        self.setExtraSelections([])

    def _reveal_cursor(self) -> None:
        if not self.viewport().rect().contains(self.cursorRect()):
            self.centerCursor()
        self.ensureCursorVisible()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self.textCursor().hasSelection():
            return
        mention = self.mention_under(self.cursorForPosition(event.position().toPoint()).position())
        if mention is not None:
            self.mention_clicked.emit(mention)

    def mention_under(self, cursor_position: int) -> Mention | None:
        """The visible mention a click at this cursor position landed on.

        A click on the right half of a word's last letter puts the cursor after
        it, so the character before the cursor counts too.
        """
        if self._document is None:
            return None
        visible = self.highlighter.visible_labels()
        for position in (cursor_position, cursor_position - 1):
            mention = self._document.mention_at(position) if position >= 0 else None
            if mention is not None and mention.label in visible:
                return mention
        return None
