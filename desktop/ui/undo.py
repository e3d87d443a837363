"""Undo for corrections: one trivial command class around snapshot/restore of the Document.

The core edit functions have no inverses; a command remembers the editable
state before and after its operation and restores one or the other. A
snapshot shares the annotation objects with the Document (the core copies an
object before an edit changes it), so taking one costs milliseconds even on a
100,000-word article, and undo then redo gives back the identical Document.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop.core.errors import DossierError
from desktop.core.model import Annotations, Document


class DocumentCommand(QUndoCommand):
    """An edit already applied by EditStack.apply; undo/redo swap the snapshots back in."""

    def __init__(
        self, stack: EditStack, document: Document, description: str, before: Annotations, after: Annotations
    ) -> None:
        super().__init__(description)
        self._stack = stack
        self._document = document
        self._before = before
        self._after = after
        self._applied = True  # push() calls redo() once; the operation has already run

    def redo(self) -> None:
        if self._applied:
            self._applied = False
        else:
            self._document.restore(self._after)
        self._stack.current_state = self._after
        self._stack.document_changed.emit()

    def undo(self) -> None:
        self._document.restore(self._before)
        self._stack.current_state = self._before
        self._stack.document_changed.emit()


class EditStack(QUndoStack):
    """The undo stack of the document on screen; views listen to document_changed."""

    document_changed = Signal()
    edit_failed = Signal(str)  # a user message: the request made no sense for this document

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document: Document | None = None
        # A snapshot equal to the document's state, kept from the last step: the next edit's
        # "before" costs nothing. Snapshots are never changed (edits copy before they write).
        self.current_state: Annotations | None = None

    def set_document(self, document: Document | None) -> None:
        """A new document starts with empty history, saved (clean)."""
        self.clear()
        self.document = document
        self.current_state = None

    def apply(self, description: str, operation: Callable[[Document], Any]) -> bool:
        """Run an edit on the document as one undoable step; False (and a message) if it was refused.

        An operation that changes nothing leaves no step in the history. Edits must go
        through here (not change the document directly) once it is on screen.
        """
        document = self.document
        if document is None:
            return False
        before = self.current_state if self.current_state is not None else document.snapshot()
        try:
            operation(document)
        except DossierError as error:
            document.restore(before)
            self.edit_failed.emit(str(error))
            return False
        except Exception:
            document.restore(before)  # a half-done edit must never stay in the document
            raise
        after = document.snapshot()
        if after == before:
            self.current_state = before
            return False
        self.push(DocumentCommand(self, document, description, before, after))
        return True
