"""The reader's own dictionary: corrections remembered for the next article.

A readable JSON file in the user's data folder (platformdirs), which the
reader can open and edit by hand:

    {"version": 1, "entries": [
        {"action": "add", "text": "Geran-25", "label": "WEAPON"},
        {"action": "ignore", "text": "Footage"},
        {"action": "alias", "text": "U.S.", "canonical": "United States", "label": "PLACE"}]}

"add" marks every whole-word occurrence; "ignore" removes mentions with
that text (of `label` only, if given); "alias" groups mentions of `text`
under the entity named `canonical`.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from desktop.core.atomic import atomic_write_text
from desktop.core.edits import add_all_occurrences, merge_entities, remove_mention, rename_entity
from desktop.core.errors import DossierError
from desktop.core.grouping import normalize_name
from desktop.core.model import Document

ACTIONS = ("add", "ignore", "alias")


def data_dir() -> Path:
    """The user's data folder ($DOSSIER_DATA_DIR overrides it, for tests and portable installs)."""
    override = os.environ.get("DOSSIER_DATA_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir("Dossier", appauthor=False))


def dictionary_path() -> Path:
    return data_dir() / "dictionary.json"


@dataclass(frozen=True)
class Entry:
    action: str
    text: str
    label: str | None = None
    canonical: str | None = None


def load_dictionary(path: Path | None = None) -> list[Entry]:
    """Entries from the file; a missing file is an empty dictionary, a broken one an error."""
    path = path or dictionary_path()
    if not path.exists():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = [Entry(**item) for item in data["entries"]]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise DossierError(
            f"The user dictionary {path} cannot be read ({error}); fix or delete it."
        ) from error
    for entry in entries:
        if entry.action not in ACTIONS or not entry.text.strip():
            raise DossierError(
                f"The user dictionary {path} has an entry Dossier does not understand: {entry}."
            )
        if entry.action in ("add", "alias") and not entry.label:
            raise DossierError(f"The user dictionary entry for {entry.text!r} needs a label.")
    return entries


def save_dictionary(entries: list[Entry], path: Path | None = None) -> None:
    path = path or dictionary_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    unique = list(dict.fromkeys(entries))
    text = json.dumps(
        {"version": 1, "entries": [{k: v for k, v in asdict(e).items() if v is not None} for e in unique]},
        ensure_ascii=False,
        indent=2,
    )
    atomic_write_text(path, text + "\n")


def remember(entry: Entry, path: Path | None = None) -> None:
    """Add an entry (replacing an earlier one about the same text and action)."""
    entries = [e for e in load_dictionary(path) if (e.action, e.text) != (entry.action, entry.text)]
    save_dictionary([*entries, entry], path)


def apply_dictionary(document: Document, entries: list[Entry]) -> int:
    """Apply the entries to a freshly analysed document; returns how many mentions changed."""
    changed = 0
    for entry in entries:
        if entry.action == "add" and entry.label:
            start = _find(document.text, entry.text)
            if start is not None:
                changed += len(add_all_occurrences(document, start, start + len(entry.text), entry.label))
        elif entry.action == "ignore":
            for mention in [m for m in document.mentions if m.text == entry.text]:
                if entry.label in (None, mention.label):
                    remove_mention(document, mention.id)
                    changed += 1
        elif entry.action == "alias" and entry.canonical:
            changed += _apply_alias(document, entry)
    return changed


def _find(text: str, needle: str) -> int | None:
    match = re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", text)
    return match.start() if match else None


def _apply_alias(document: Document, entry: Entry) -> int:
    keys = {normalize_name(entry.text), normalize_name(entry.canonical or "")}
    members = [
        e.id
        for e in document.entities
        if e.label == entry.label
        and ({normalize_name(e.name)} | {normalize_name(a) for a in e.aliases}) & keys
    ]
    if len(members) > 1:
        merge_entities(document, members, entry.canonical)
    elif members:
        rename_entity(document, members[0], entry.canonical or "")
    return len(members)
