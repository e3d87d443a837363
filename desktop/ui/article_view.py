"""The article: read-only text with mentions highlighted per category.

Highlighting is a QSyntaxHighlighter over the mentions sorted by start, so
Qt formats only the blocks it lays out and a change (a category hidden, an
entity emphasised) re-formats only the blocks it touches. That keeps long
articles responsive: no pass over the whole text on the GUI thread.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QHelpEvent,
    QMouseEvent,
    QResizeEvent,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip, QWidget

from desktop.core.labels import colour_for
from desktop.core.model import Document, Mention
from desktop.core.quantities import describe_quantity
from desktop.ui.models import label_title

DIM_ALPHA = 70  # mentions outside the active filter: the category colour, faint, under grey text
DIM_TEXT = "#8a8a8a"
SEARCH_COLOUR = "#ffe14d"
MAX_SEARCH_MATCHES = 5000
EMPHASIS_SATURATION = 1.9  # an emphasised entity's background: its category colour, more saturated
CURRENT_DARKER = 190  # percent: the mention the reader navigated to, dark under white text
READING_FONTS = ["Source Serif 4", "Charter", "Georgia", "Noto Serif", "DejaVu Serif", "serif"]
READING_POINT_SIZE = 12.5
# Blocks beyond the viewport's edges formatted ahead, so a small scroll shows no unformatted text.
PREFETCH_BLOCKS = 8


def category_format(label: str) -> QTextCharFormat:
    """Pale category background under black text: readable, and distinct per category."""
    char_format = QTextCharFormat()
    char_format.setBackground(QColor(colour_for(label)))
    char_format.setForeground(QColor("#111111"))
    return char_format


def vivid(colour: QColor, saturation_factor: float) -> QColor:
    """The same hue, more saturated: stands out from the pale highlights without turning muddy."""
    saturation = min(255, round(colour.hsvSaturation() * saturation_factor))
    return QColor.fromHsv(colour.hsvHue(), saturation, colour.value(), colour.alpha())


def emphasis_format(label: str) -> QTextCharFormat:
    """The selected entity's mentions: bold, underlined, on a stronger shade of the category colour."""
    char_format = category_format(label)
    colour = QColor(colour_for(label))
    char_format.setBackground(vivid(colour, EMPHASIS_SATURATION))
    char_format.setFontWeight(QFont.Weight.Bold)
    char_format.setFontUnderline(True)
    char_format.setUnderlineColor(colour.darker(CURRENT_DARKER))
    return char_format


def dimmed_format(label: str) -> QTextCharFormat:
    """A mention outside the filter: still findable, but it steps back."""
    char_format = QTextCharFormat()
    colour = QColor(colour_for(label))
    colour.setAlpha(DIM_ALPHA)
    char_format.setBackground(colour)
    char_format.setForeground(QColor(DIM_TEXT))
    return char_format


def _block_starts(text_document: QTextDocument) -> list[int]:
    """Character position of every block (paragraph), to find a mention's blocks by bisection."""
    starts = []
    block = text_document.begin()
    while block.isValid():
        starts.append(block.position())
        block = block.next()
    return starts


class MentionHighlighter(QSyntaxHighlighter):
    """Formats each block from the mentions that overlap it (found by bisection), lazily.

    A change (new document, category hidden, entity emphasised) marks the
    blocks it touches as stale and re-formats at once only those on screen;
    the rest are re-formatted when they scroll into view. Re-formatting one
    block costs far more than finding its mentions, so a change on a long
    article costs what a screenful costs, not what the whole text costs.
    """

    def __init__(self, text_document: QTextDocument, visible_blocks: Callable[[], range]) -> None:
        super().__init__(text_document)
        self._visible_blocks = visible_blocks
        self._stale: set[int] = set()
        self._refreshing = False
        self._mentions: list[Mention] = []
        self._starts: list[int] = []
        self._longest = 0
        self._visible: set[str] = set()
        self._emphasised: set[str] = set()
        self._dim_others = False
        self._formats: dict[str, QTextCharFormat] = {}
        self._emphasis_formats: dict[str, QTextCharFormat] = {}
        self._dimmed_formats: dict[str, QTextCharFormat] = {}
        self._by_label: dict[str, list[Mention]] = {}
        self._block_starts: list[int] = []  # of the text set_mentions was called for (the text is read-only)

    def set_mentions(self, mentions: Iterable[Mention], visible_labels: Iterable[str]) -> None:
        self._visible = set(visible_labels)
        self._emphasised = set()
        self._dim_others = False
        self._block_starts = _block_starts(self.document())
        self.replace_mentions(mentions)

    def replace_mentions(self, mentions: Iterable[Mention], emphasised: Iterable[str] | None = None) -> None:
        """The same text after an edit: new mentions, visible categories and emphasis kept.

        Every block becomes stale but only those on screen are re-formatted now.
        """
        self._mentions = sorted(mentions, key=lambda m: (m.start, m.end))
        self._starts = [m.start for m in self._mentions]
        self._longest = max((m.end - m.start for m in self._mentions), default=0)
        if emphasised is not None:
            self._emphasised = set(emphasised)
        labels = {m.label for m in self._mentions}
        self._formats = {label: category_format(label) for label in labels}
        self._emphasis_formats = {label: emphasis_format(label) for label in labels}
        self._dimmed_formats = {label: dimmed_format(label) for label in labels}
        self._by_label = {label: [] for label in labels}
        for mention in self._mentions:
            self._by_label[mention.label].append(mention)
        self._mark_all_stale()

    def visible_labels(self) -> set[str]:
        return set(self._visible)

    def set_label_visible(self, label: str, visible: bool) -> None:
        if (label in self._visible) == visible:
            return
        if visible:
            self._visible.add(label)
        else:
            self._visible.discard(label)
        self._mark_stale(self._by_label.get(label, []))

    def set_emphasised(self, mention_ids: Iterable[str], dim_others: bool = False) -> None:
        """Emphasise these mentions; with dim_others, every other mention fades (an active filter)."""
        new = set(mention_ids)
        changed = new ^ self._emphasised
        self._emphasised = new
        if dim_others != self._dim_others:
            self._dim_others = dim_others
            self._mark_all_stale()  # every mention changes: cheaper than finding each one's blocks
        else:
            self._mark_stale(m for m in self._mentions if m.id in changed)

    def emphasised(self) -> set[str]:
        return set(self._emphasised)

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """Mentions overlapping [start, end), in reading order."""
        first = bisect.bisect_left(self._starts, start - self._longest)
        last = bisect.bisect_left(self._starts, end)
        return [m for m in self._mentions[first:last] if m.end > start]

    def refresh_visible(self) -> None:
        """Re-format the stale blocks on screen (called on every scroll and resize)."""
        if self._refreshing or not self._stale:
            return
        self._refreshing = True  # re-formatting can re-wrap lines, which scrolls, which calls us again
        try:
            for number in self._visible_blocks():
                if number in self._stale:
                    self.ensure_fresh(number)
        finally:
            self._refreshing = False

    def ensure_fresh(self, block_number: int) -> None:
        if block_number in self._stale:
            self.rehighlightBlock(self.document().findBlockByNumber(block_number))

    def _mark_all_stale(self) -> None:
        self._stale = set(range(len(self._block_starts)))
        self.refresh_visible()

    def _mark_stale(self, mentions: Iterable[Mention]) -> None:
        for mention in mentions:
            first = bisect.bisect_right(self._block_starts, mention.start) - 1
            last = bisect.bisect_right(self._block_starts, max(mention.start, mention.end - 1)) - 1
            self._stale.update(range(first, last + 1))
        self.refresh_visible()

    def highlightBlock(self, text: str) -> None:
        block = self.currentBlock()
        self._stale.discard(block.blockNumber())
        block_start = block.position()
        block_end = block_start + len(text)
        for mention in self.mentions_in(block_start, block_end):
            if mention.label not in self._visible:
                continue
            start = max(mention.start, block_start) - block_start
            end = min(mention.end, block_end) - block_start
            if mention.id in self._emphasised:
                self.setFormat(start, end - start, self._emphasis_formats[mention.label])
            elif self._dim_others:
                self.setFormat(start, end - start, self._dimmed_formats[mention.label])
            else:
                self.setFormat(start, end - start, self._formats[mention.label])


class ArticleView(QPlainTextEdit):
    """Read-only article text; a click on a highlighted word reports its mention.

    A Ctrl+click reports it with ``combine`` set, to add its entity to the filter.
    """

    mention_clicked = Signal(object, bool)  # the mention, combine with the current filter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleView")
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setAcceptDrops(False)  # dropped files go to the window, which opens them
        self.setPlaceholderText(
            "Open an article (Ctrl+O) or drop a file here: .txt, .md, .html, .pdf, .docx or Dossier .json."
        )
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.document().setDocumentMargin(28)
        reading_font = QFont()
        reading_font.setFamilies(READING_FONTS)
        reading_font.setPointSizeF(READING_POINT_SIZE)
        self.setFont(reading_font)
        self.highlighter = MentionHighlighter(self.document(), self.visible_block_numbers)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self._document: Document | None = None
        self._marker: list[QTextEdit.ExtraSelection] = []
        self._search: list[QTextEdit.ExtraSelection] = []
        self._search_text = ""
        # The text last set, to compare against: toPlainText() copies the whole text and turns
        # no-break spaces into spaces, so an article with one never compared equal and was set twice.
        self._shown_text = ""

    @property
    def article(self) -> Document | None:
        return self._document

    def show_text(self, text: str) -> None:
        """Plain text at once, before any analysis; highlights come later with show_document."""
        self._document = None
        self.highlighter.set_mentions([], [])
        self._set_text(text)
        self._marker = []
        self.set_search(self._search_text)

    def show_document(self, document: Document, visible_labels: Iterable[str]) -> None:
        if self._shown_text != document.text:
            self.highlighter.set_mentions([], [])  # the new text must not be formatted with the old mentions
            self._set_text(document.text)
        self._document = document
        self._marker = []
        self.highlighter.set_mentions(document.mentions, visible_labels)
        self.set_search(self._search_text)

    def _set_text(self, text: str) -> None:
        if self._shown_text != text:
            self.setPlainText(text)
            self._shown_text = text

    def document_edited(self, emphasised: Iterable[str]) -> None:
        """The shown document changed (an edit, undo, redo): re-highlight what is on screen."""
        if self._document is not None:
            self._marker = []
            self._apply_extra_selections()
            self.highlighter.replace_mentions(self._document.mentions, emphasised)

    def selected_span(self) -> tuple[int, int] | None:
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return cursor.selectionStart(), cursor.selectionEnd()

    # Search

    def set_search(self, text: str) -> int:
        """Mark every occurrence of text (case-insensitive); returns how many."""
        self._search_text = text
        self._search = []
        needle = text.strip()
        if needle:
            haystack = self._shown_text.replace("\xa0", " ").lower()  # as toPlainText() reads it
            position = haystack.find(needle.lower())
            search_format = QTextCharFormat()
            search_format.setBackground(QColor(SEARCH_COLOUR))
            search_format.setForeground(QColor("#111111"))
            while position != -1 and len(self._search) < MAX_SEARCH_MATCHES:
                match = QTextEdit.ExtraSelection()
                match.cursor = QTextCursor(self.document())
                match.cursor.setPosition(position)
                match.cursor.setPosition(position + len(needle), QTextCursor.MoveMode.KeepAnchor)
                match.format = search_format
                self._search.append(match)
                position = haystack.find(needle.lower(), position + len(needle))
        self._apply_extra_selections()
        return len(self._search)

    def search_matches(self) -> list[tuple[int, int]]:
        return [(m.cursor.selectionStart(), m.cursor.selectionEnd()) for m in self._search]

    def find_next(self, backwards: bool = False) -> bool:
        """Select the next (or previous) match after the cursor, wrapping round."""
        matches = self.search_matches()
        if not matches:
            return False
        here = self.textCursor()
        if backwards:
            before = [m for m in matches if m[0] < here.selectionStart()]
            start, end = before[-1] if before else matches[-1]
        else:
            after = [m for m in matches if m[0] >= here.selectionEnd()]
            start, end = after[0] if after else matches[0]
        self.select_span(start, end)
        return True

    def _apply_extra_selections(self) -> None:
        self.setExtraSelections([*self._search, *self._marker])

    def visible_block_numbers(self) -> range:
        """Blocks on screen, plus a few either side."""
        block = self.firstVisibleBlock()
        first = block.blockNumber()
        last = first
        offset = self.contentOffset()
        bottom = self.viewport().height()
        while block.isValid() and self.blockBoundingGeometry(block).translated(offset).top() <= bottom:
            last = block.blockNumber()
            block = block.next()
        return range(max(0, first - PREFETCH_BLOCKS), last + PREFETCH_BLOCKS + 1)

    def format_at(self, position: int) -> QTextCharFormat | None:
        """The highlight format at a character position (None where plain), as it will be drawn."""
        block = self.document().findBlock(position)
        self.highlighter.ensure_fresh(block.blockNumber())
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
        self._marker = [marker]
        self._apply_extra_selections()
        self._reveal_cursor()

    def clear_current_mention(self) -> None:
        self._marker = []
        self._apply_extra_selections()

    def set_point_size(self, size: float) -> None:
        """Zoom: the reading font at another size (highlights and layout follow)."""
        font = self.font()
        font.setPointSizeF(size)
        self.setFont(font)

    def _reveal_cursor(self) -> None:
        if not self.viewport().rect().contains(self.cursorRect()):
            self.centerCursor()
        self.ensureCursorVisible()

    def tooltip_at(self, cursor_position: int) -> str | None:
        """What a highlighted word is: category, the entity it names, a number's value and unit."""
        mention = self.mention_under(cursor_position)
        if mention is None or self._document is None:
            return None
        lines = [f"{label_title(mention.label)}: {mention.text}"]
        if mention.entity_id is not None:
            entity = self._document.entity(mention.entity_id)
            count = len(entity.mention_ids)
            lines.append(f"{entity.name} — {count} mention{'s' if count != 1 else ''}")
        quantity = describe_quantity(mention)
        if quantity is not None:
            lines.append(quantity)
        if mention.origin == "user":
            lines.append("(your correction)")
        return "\n".join(lines)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(self.cursorForPosition(event.pos()).position())
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def _on_scrolled(self, _value: int) -> None:
        self.highlighter.refresh_visible()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.highlighter.refresh_visible()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self.textCursor().hasSelection():
            return
        mention = self.mention_under(self.cursorForPosition(event.position().toPoint()).position())
        if mention is not None:
            combine = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            self.mention_clicked.emit(mention, combine)

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
