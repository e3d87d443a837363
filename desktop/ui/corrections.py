"""The reader's corrections: actions, context menus, and the undoable edits behind them.

Every correction goes through EditStack.apply with a core operation from
desktop.core.edits, so each one is a single undo step with a readable name
("Mark “Geran-25” as Weapon"). With "Remember in my dictionary" on, the
corrections that make sense for other articles (add, ignore, alias) are
also written to the user dictionary.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import qtawesome as qta
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QInputDialog, QMenu, QWidget

from desktop.core import edits
from desktop.core.errors import DossierError
from desktop.core.labels import CATEGORIES, CATEGORY_TITLES
from desktop.core.model import Document, Mention
from desktop.core.user_dictionary import Entry, remember
from desktop.ui.dialogs import FactDialog, QuoteDialog
from desktop.ui.models import swatch

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

REMEMBER_KEY = "edit/rememberInDictionary"
LABEL_KEYS = {
    "PERSON": ("1", "P"),
    "ORG": ("2", "O"),
    "PLACE": ("3", "L"),
    "WEAPON": ("4", "W"),
    "NUMBER": ("5", "N"),
}
SINGULAR = {
    "PERSON": "Person",
    "ORG": "Organization",
    "PLACE": "Place",
    "WEAPON": "Weapon",
    "NUMBER": "Number",
}


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"


class Corrections(QObject):
    """Owns the editing actions of a window and turns them into undoable edits."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.stack = window.edits
        self.view = window.article_view
        self.panel = window.entity_panel
        self._build_actions()

    # Actions

    def _action(
        self,
        icon: str,
        text: str,
        keys: tuple[str, ...] | QKeySequence.StandardKey,
        slot,
        widgets: tuple[QWidget, ...] = (),
        tip: str = "",
    ) -> QAction:
        """An action with icon and shortcut; with widgets, the shortcut works only while they have focus."""
        action = QAction(qta.icon(icon), text, self.window)
        action.setProperty("dossierIcon", icon)
        if isinstance(keys, QKeySequence.StandardKey):
            action.setShortcuts(keys)
        else:
            action.setShortcuts([QKeySequence(k) for k in keys])
        shortcut_text = ", ".join(
            s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts()
        )
        action.setToolTip(f"{tip or text.replace('&', '').rstrip('…')} ({shortcut_text})")
        action.triggered.connect(lambda _checked=False: slot())
        if widgets:
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            for widget in widgets:
                widget.addAction(action)
        return action

    def _build_actions(self) -> None:
        view, tree = self.view, self.panel.entity_tree
        lists = (self.panel.quote_list, self.panel.fact_list)
        self.mark_actions: dict[str, QAction] = {}
        self.mark_all_actions: dict[str, QAction] = {}
        for number, label in enumerate(CATEGORIES, start=1):
            name = SINGULAR[label]
            mark = self._action(
                "mdi6.marker",
                f"Mark as {name}",
                LABEL_KEYS[label],
                lambda label=label: self.mark(label),
                (view,),
                f"Mark the selected words as {name}, or relabel the mention under the cursor",
            )
            mark.setProperty("dossierIcon", None)
            mark.setIcon(swatch(label, 14))
            self.mark_actions[label] = mark
            mark_all = self._action(
                "mdi6.marker-check",
                f"Mark all occurrences as {name}",
                (f"Alt+{number}",),
                lambda label=label: self.mark(label, everywhere=True),
                (view,),
                f"Mark every occurrence of the selected words (or of the mention) as {name}",
            )
            mark_all.setProperty("dossierIcon", None)
            mark_all.setIcon(swatch(label, 14))
            self.mark_all_actions[label] = mark_all
        self.remove_mention_action = self._action(
            "mdi6.eraser",
            "Remove mention",
            ("Delete",),
            self.remove_mention,
            (view,),
            "Remove the highlight under the cursor",
        )
        self.remove_all_action = self._action(
            "mdi6.eraser-variant",
            "Remove all occurrences",
            ("Shift+Delete",),
            self.remove_all,
            (view,),
            "Remove every highlight with the same text as the one under the cursor",
        )
        self.split_action = self._action(
            "mdi6.call-split",
            "Split mention from its entity",
            ("S",),
            self.split,
            (view,),
            "Make the mention under the cursor an entity of its own",
        )
        self.rename_action = self._action(
            "mdi6.rename-box",
            "Rename entity…",
            ("F2",),
            self.rename,
            (),
            "Change the selected entity's name",
        )
        self.merge_action = self._action(
            "mdi6.merge",
            "Merge entities",
            ("Ctrl+M",),
            self.merge,
            (),
            "Merge the entities selected in the panel into the first one",
        )
        self.remove_entity_action = self._action(
            "mdi6.delete-sweep-outline",
            "Remove entity everywhere",
            ("Delete",),
            self.remove_entity,
            (tree,),
            "Remove the selected entities and all their mentions",
        )
        self.add_quote_action = self._action(
            "mdi6.comment-quote-outline",
            "Add quote from selection",
            ("Ctrl+Shift+Q",),
            self.add_quote,
            (),
        )
        self.add_fact_action = self._action(
            "mdi6.text-box-plus-outline",
            "Add fact from selection",
            ("Ctrl+Shift+F",),
            self.add_fact,
            (),
        )
        self.edit_item_action = self._action(
            "mdi6.pencil-outline",
            "Edit quote or fact…",
            ("Return", "Ctrl+Shift+I"),
            self.edit_item,
            lists,
            "Edit the selected quote or fact",
        )
        self.delete_item_action = self._action(
            "mdi6.delete-outline",
            "Delete quote or fact",
            ("Delete",),
            self.delete_item,
            lists,
            "Delete the selected quote or fact",
        )
        self.verify_action = self._action(
            "mdi6.check-decagram-outline",
            "Mark fact verified…",
            ("Ctrl+Shift+V",),
            lambda: self.set_fact_status("verified"),
            (),
        )
        self.dispute_action = self._action(
            "mdi6.alert-decagram-outline",
            "Mark fact disputed…",
            ("Ctrl+Shift+X",),
            lambda: self.set_fact_status("disputed"),
            (),
        )
        self.unverify_action = self._action(
            "mdi6.decagram-outline",
            "Mark fact unverified",
            ("Ctrl+Shift+N",),
            lambda: self.set_fact_status("unverified"),
            (),
        )
        self.remember_action = self._action(
            "mdi6.book-plus-outline",
            "Remember corrections in my dictionary",
            ("Ctrl+Shift+D",),
            self._on_remember_toggled,
            (),
            "Also apply added, removed and merged names to the next articles",
        )
        self.remember_action.setCheckable(True)
        self.remember_action.setChecked(bool(self.window.settings.value(REMEMBER_KEY, False, type=bool)))

    def actions(self) -> list[QAction]:
        return [
            *self.mark_actions.values(),
            *self.mark_all_actions.values(),
            self.remove_mention_action,
            self.remove_all_action,
            self.split_action,
            self.rename_action,
            self.merge_action,
            self.remove_entity_action,
            self.add_quote_action,
            self.add_fact_action,
            self.edit_item_action,
            self.delete_item_action,
            self.verify_action,
            self.dispute_action,
            self.unverify_action,
            self.remember_action,
        ]

    def _on_remember_toggled(self) -> None:
        self.window.settings.setValue(REMEMBER_KEY, self.remember_action.isChecked())

    # What the reader points at

    @property
    def document(self) -> Document | None:
        return self.stack.document

    def mention_at_cursor(self) -> Mention | None:
        cursor = self.view.textCursor()
        for position in dict.fromkeys((cursor.selectionStart(), cursor.position())):
            mention = self.view.mention_under(position)
            if mention is not None:
                return mention
        return None

    def _target_entities(self) -> list[str]:
        """The entities selected in the panel, else the entity of the mention under the cursor."""
        selected = self.panel.selected_entity_ids()
        if selected:
            return selected
        mention = self.mention_at_cursor()
        return [mention.entity_id] if mention is not None and mention.entity_id else []

    def _remember(self, *entries: Entry) -> None:
        if not self.remember_action.isChecked():
            return
        try:
            for entry in entries:
                remember(entry)
        except (DossierError, OSError) as error:
            self.window.report_error(f"Could not update your dictionary: {error}")
            return
        self.window.statusBar().showMessage("Remembered in your dictionary", 4000)

    def _nothing(self, message: str) -> None:
        self.window.statusBar().showMessage(message, 5000)

    # Entity corrections

    def mark(self, label: str, everywhere: bool = False) -> bool:
        """Selected words become a `label` mention; without a selection, relabel the mention at the cursor."""
        document = self.document
        if document is None:
            return False
        span = self.view.selected_span()
        title = SINGULAR.get(label, label)
        if span is not None:
            start, end = span
            words = _short(document.text[start:end])
            added: list[Mention] = []
            if everywhere:
                done = self.stack.apply(
                    f"Mark all {words} as {title}",
                    lambda d: added.extend(edits.add_all_occurrences(d, start, end, label)),
                )
            else:
                done = self.stack.apply(
                    f"Mark {words} as {title}",
                    lambda d: added.append(edits.add_mention(d, start, end, label)),
                )
            if done and added:
                self._remember(Entry("add", added[0].text, label))
            return done
        mention = self.mention_at_cursor()
        if mention is None:
            self._nothing("Select some words first, or put the cursor in a highlighted word.")
            return False
        mention_id, text = mention.id, mention.text
        if everywhere:
            done = self.stack.apply(
                f"Relabel all {_short(text)} as {title}",
                lambda d: edits.relabel_all_occurrences(d, mention_id, label),
            )
        else:
            done = self.stack.apply(
                f"Relabel {_short(text)} as {title}", lambda d: edits.relabel_mention(d, mention_id, label)
            )
        if done:
            self._remember(Entry("add", text, label))
        return done

    def remove_mention(self) -> bool:
        mention = self.mention_at_cursor()
        if mention is None:
            self._nothing("Put the cursor in the highlighted word to remove.")
            return False
        mention_id, text, label = mention.id, mention.text, mention.label
        done = self.stack.apply(f"Remove {_short(text)}", lambda d: edits.remove_mention(d, mention_id))
        if done:
            self._remember(Entry("ignore", text, label))
        return done

    def remove_all(self) -> bool:
        mention = self.mention_at_cursor()
        if mention is None:
            self._nothing("Put the cursor in the highlighted word to remove.")
            return False
        mention_id, text, label = mention.id, mention.text, mention.label
        done = self.stack.apply(
            f"Remove all {_short(text)}", lambda d: edits.remove_all_occurrences(d, mention_id)
        )
        if done:
            self._remember(Entry("ignore", text, label))
        return done

    def split(self) -> bool:
        mention = self.mention_at_cursor()
        if mention is None:
            self._nothing("Put the cursor in the mention to split from its entity.")
            return False
        mention_id = mention.id
        return self.stack.apply(
            f"Split {_short(mention.text)} from its entity", lambda d: edits.split_mention(d, mention_id)
        )

    def rename(self, entity_id: str | None = None, name: str | None = None) -> bool:
        """Rename an entity (the selected one by default); without a name, ask for it."""
        document = self.document
        targets = [entity_id] if entity_id else self._target_entities()
        if document is None or not targets:
            self._nothing("Select an entity to rename.")
            return False
        entity = document.entity(targets[0])
        old_name, label, target = entity.name, entity.label, entity.id
        if name is None:
            name, accepted = QInputDialog.getText(self.window, "Rename entity", "Name:", text=old_name)
            if not accepted:
                return False
        new_name = name
        done = self.stack.apply(
            f"Rename {_short(old_name)} to {_short(new_name)}",
            lambda d: edits.rename_entity(d, target, new_name),
        )
        if done:
            self._remember(Entry("alias", old_name, label, new_name.strip()))
        return done

    def merge(self, entity_ids: list[str] | None = None, keep_target_name: bool = False) -> bool:
        """Merge entities into the first given; the selected ones by default, into the most mentioned.

        A drop onto an entity keeps that entity's name (the reader chose it);
        otherwise the merged entity takes the longest name, as grouping does.
        """
        document = self.document
        if entity_ids is not None:
            ids = entity_ids
        else:
            ids = self.panel.selected_entity_ids()
            if document is not None:
                ids.sort(key=lambda i: -len(document.entity(i).mention_ids))
        if document is None or len(ids) < 2:
            self._nothing("Select two or more entities in the panel (Ctrl+click) to merge them.")
            return False
        target = document.entity(ids[0])
        others = [document.entity(i) for i in ids[1:]]
        other_names = [o.name for o in others]
        done = self.stack.apply(
            f"Merge {', '.join(_short(n) for n in other_names)} into {_short(target.name)}",
            lambda d: edits.merge_entities(d, list(ids), target.name if keep_target_name else None),
        )
        if done:
            merged = document.entity(ids[0])
            self._remember(*(Entry("alias", n, merged.label, merged.name) for n in other_names))
            self.panel.select_entity(merged.id)
        return done

    def remove_entity(self, entity_ids: list[str] | None = None) -> bool:
        document = self.document
        ids = entity_ids if entity_ids is not None else self.panel.selected_entity_ids()
        if document is None or not ids:
            self._nothing("Select the entities to remove.")
            return False
        names = [document.entity(i).name for i in ids]

        def remove_all(d: Document) -> None:
            for entity_id in ids:
                edits.remove_entity(d, entity_id)

        return self.stack.apply(f"Remove {', '.join(_short(n) for n in names)} everywhere", remove_all)

    def relabel_entities(self, label: str, entity_ids: list[str] | None = None) -> bool:
        ids = entity_ids if entity_ids is not None else self._target_entities()
        document = self.document
        if document is None or not ids:
            return False
        names = ", ".join(_short(document.entity(i).name) for i in ids)

        def relabel(d: Document) -> None:
            for entity_id in ids:
                edits.relabel_entity(d, entity_id, label)

        return self.stack.apply(f"Make {names} {SINGULAR.get(label, label)}", relabel)

    # Quotes and facts

    def _selected_item(self) -> tuple[str, str] | None:
        """("quote" | "fact", id) of the row selected in the tab on show (else in the other list)."""
        quote_id = self.panel.quote_list.selected_item_id()
        fact_id = self.panel.fact_list.selected_item_id()
        if self.panel.tabs.currentWidget() is self.panel.fact_list and fact_id:
            return ("fact", fact_id)
        if quote_id:
            return ("quote", quote_id)
        return ("fact", fact_id) if fact_id else None

    def add_quote(self) -> bool:
        span = self.view.selected_span()
        if span is None:
            self._nothing("Select the quoted words first.")
            return False
        start, end = span
        return self.stack.apply(
            f"Add quote {_short(self.view.toPlainText()[start:end])}",
            lambda d: edits.add_quote(d, start, end),
        )

    def add_fact(self) -> bool:
        span = self.view.selected_span()
        if span is None:
            self._nothing("Select the sentence or clause that states the fact first.")
            return False
        start, end = span
        return self.stack.apply(
            f"Add fact {_short(self.view.toPlainText()[start:end])}", lambda d: edits.add_fact(d, start, end)
        )

    def edit_item(self) -> bool:
        item = self._selected_item()
        if item is None:
            self._nothing("Select a quote or a fact to edit.")
            return False
        return self.edit_quote(item[1]) if item[0] == "quote" else self.edit_fact(item[1])

    def edit_quote(self, quote_id: str) -> bool:
        document = self.document
        assert document is not None
        quote = next(q for q in document.quotes if q.id == quote_id)
        dialog = QuoteDialog(document, quote, self.view.selected_span(), self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        speaker, cue, kind = dialog.speaker.currentText(), dialog.cue.text(), dialog.kind.currentText()
        text_range, credited = dialog.text_range(), dialog.credited_entity_id()

        def edit(d: Document) -> None:
            edits.update_quote(d, quote_id, speaker=speaker, cue=cue, kind=kind, text_range=text_range)
            if credited != quote.speaker_entity_id or speaker == (quote.speaker or ""):
                edits.credit_quote(d, quote_id, credited)  # the choice made under "Credited to"

        return self.stack.apply(f"Edit quote {_short(quote.text)}", edit)

    def edit_fact(self, fact_id: str) -> bool:
        document = self.document
        assert document is not None
        fact = next(f for f in document.facts if f.id == fact_id)
        dialog = FactDialog(document, fact, self.view.selected_span(), self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        source, status, note = (
            dialog.source.currentText(),
            dialog.status.currentText(),
            dialog.note.toPlainText(),
        )
        role, selection = dialog.part_role(), dialog.selection

        def update(d: Document) -> None:
            edits.set_fact_source(d, fact_id, source)
            edits.set_fact_status(d, fact_id, status, note)
            if role is not None and selection is not None:
                edits.update_fact_part(d, fact_id, role, *selection)

        return self.stack.apply(f"Edit fact {_short(fact.predicate.text)}", update)

    def delete_item(self) -> bool:
        item = self._selected_item()
        if item is None:
            self._nothing("Select a quote or a fact to delete.")
            return False
        kind, item_id = item
        if kind == "quote":
            return self.stack.apply("Delete quote", lambda d: edits.delete_quote(d, item_id))
        return self.stack.apply("Delete fact", lambda d: edits.delete_fact(d, item_id))

    def set_fact_status(self, status: str, fact_id: str | None = None) -> bool:
        """Verified or disputed, with a note asked for; unverified clears nothing but the status."""
        document = self.document
        if fact_id is None:
            item = self._selected_item()
            fact_id = item[1] if item is not None and item[0] == "fact" else None
        if document is None or fact_id is None:
            self._nothing("Select a fact first.")
            return False
        fact = next(f for f in document.facts if f.id == fact_id)
        note: str | None = None
        if status != "unverified":
            note, accepted = QInputDialog.getMultiLineText(
                self.window, f"Mark fact {status}", "Note (source, reason):", fact.note
            )
            if not accepted:
                return False
        target = fact_id
        return self.stack.apply(
            f"Mark fact {_short(fact.predicate.text)} {status}",
            lambda d: edits.set_fact_status(d, target, status, note),
        )

    # Context menus

    def article_menu(self, position: int) -> QMenu:
        """The menu for a right-click at a character position: the selection, or the mention there."""
        cursor = self.view.textCursor()
        if not (cursor.hasSelection() and cursor.selectionStart() <= position <= cursor.selectionEnd()):
            cursor.setPosition(position)
            self.view.setTextCursor(cursor)
        menu = QMenu(self.window)
        menu.setObjectName("articleMenu")
        document = self.document
        if document is None:
            menu.addAction("The article has not been analysed yet").setEnabled(False)
            return menu
        span = self.view.selected_span()
        mention = None if span is not None else self.mention_at_cursor()
        if span is not None:
            words = _short(document.text[span[0] : span[1]], 30)
            mark = menu.addMenu(qta.icon("mdi6.marker"), f"Mark {words} as")
            for action in self.mark_actions.values():
                mark.addAction(action)
            mark_all = menu.addMenu(qta.icon("mdi6.marker-check"), "Mark all occurrences as")
            for action in self.mark_all_actions.values():
                mark_all.addAction(action)
            menu.addSeparator()
            menu.addAction(self.add_quote_action)
            menu.addAction(self.add_fact_action)
            quote_or_fact = self._selected_item()
            if quote_or_fact is not None:
                menu.addAction(self.edit_item_action)
        elif mention is not None:
            entity = document.entity(mention.entity_id) if mention.entity_id else None
            header = menu.addAction(
                f"{CATEGORY_TITLES.get(mention.label, mention.label)}: {_short(mention.text)}"
            )
            header.setEnabled(False)
            relabel = menu.addMenu(qta.icon("mdi6.swap-horizontal"), "Relabel as")
            for label, action in self.mark_actions.items():
                if label != mention.label:
                    relabel.addAction(action)
            relabel_all = menu.addMenu(
                qta.icon("mdi6.swap-horizontal-bold"), f"Relabel all {_short(mention.text)} as"
            )
            for label, action in self.mark_all_actions.items():
                if label != mention.label:
                    relabel_all.addAction(action)
            menu.addAction(self.remove_mention_action)
            menu.addAction(self.remove_all_action)
            menu.addSeparator()
            if entity is not None:
                self.split_action.setEnabled(len(entity.mention_ids) > 1)
                menu.addAction(self.split_action)
                rename = menu.addAction(qta.icon("mdi6.rename-box"), f"Rename {_short(entity.name)}…")
                entity_id = entity.id
                rename.triggered.connect(lambda _c=False: self.rename(entity_id))
                show = menu.addAction(qta.icon("mdi6.filter-variant"), f"Filter by {_short(entity.name)}")
                show.triggered.connect(lambda _c=False: self.panel.select_entity(entity_id))
        else:
            menu.addAction("Select words to mark them, or right-click a highlight").setEnabled(False)
        menu.addSeparator()
        menu.addAction(self.remember_action)
        return menu

    def entity_menu(self) -> QMenu:
        """The menu for the entities selected in the panel."""
        menu = QMenu(self.window)
        menu.setObjectName("entityMenu")
        ids = self.panel.selected_entity_ids()
        document = self.document
        if document is None or not ids:
            menu.addAction("Select an entity").setEnabled(False)
            return menu
        self.merge_action.setEnabled(len(ids) > 1)
        menu.addAction(self.rename_action)
        menu.addAction(self.merge_action)
        relabel = menu.addMenu(qta.icon("mdi6.swap-horizontal"), "Make them" if len(ids) > 1 else "Make it")
        for label in CATEGORIES:
            action = relabel.addAction(swatch(label, 14), SINGULAR[label])
            action.triggered.connect(lambda _c=False, label=label: self.relabel_entities(label, list(ids)))
        menu.addAction(self.remove_entity_action)
        menu.addSeparator()
        menu.addAction(self.remember_action)
        return menu

    def item_menu(self, kind: str) -> QMenu:
        """The menu for the selected quote (kind "quote") or fact ("fact")."""
        menu = QMenu(self.window)
        menu.setObjectName(f"{kind}Menu")
        menu.addAction(self.edit_item_action)
        if kind == "fact":
            menu.addAction(self.verify_action)
            menu.addAction(self.dispute_action)
            menu.addAction(self.unverify_action)
        menu.addSeparator()
        menu.addAction(self.delete_item_action)
        return menu

    def update_enabled(self) -> None:
        """Actions that need a document are disabled without one."""
        has_document = self.document is not None
        for action in self.actions():
            if action is not self.remember_action:
                action.setEnabled(has_document)
        self.merge_action.setEnabled(has_document)
