"""Recovery copies of unsaved edits, so a crash or a kill -9 loses nothing.

While a document has unsaved edits the ui writes it here (atomically) every
30 seconds and on every 20th edit; a clean save or a discard removes the
copy; at the next start, copies still present are offered for restoring.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from desktop.core.annotated_json import document_from_dict, document_to_dict
from desktop.core.atomic import atomic_write_text
from desktop.core.errors import DossierError
from desktop.core.model import Document
from desktop.core.user_dictionary import data_dir

AUTOSAVE_SECONDS = 30
AUTOSAVE_EVERY_EDITS = 20


def recovery_dir() -> Path:
    return data_dir() / "recovery"


def _key(document: Document) -> str:
    """One copy per article: keyed by its source path, or by its text when it has none."""
    basis = document.source or document.text
    return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]


def recovery_path(document: Document) -> Path:
    return recovery_dir() / f"{_key(document)}.json"


def write_recovery(document: Document, saved_to: str | None = None) -> Path:
    """Write the recovery copy; `saved_to` is where the user last saved (to offer it back)."""
    path = recovery_path(document)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {"saved_to": saved_to, "document": document_to_dict(document)}
    atomic_write_text(path, json.dumps(payload, ensure_ascii=False))
    return path


def discard_recovery(document: Document) -> None:
    recovery_path(document).unlink(missing_ok=True)


@dataclass
class Recovery:
    path: Path
    document: Document
    saved_to: str | None


def pending_recoveries() -> list[Recovery]:
    """Copies left behind by a session that did not end cleanly, newest first."""
    folder = recovery_dir()
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True):
        try:
            payload = json.loads(path.read_text(encoding="utf-8"))
            document = document_from_dict(payload["document"], path.name)
        except (OSError, ValueError, KeyError, TypeError, DossierError):
            continue  # a half-written or foreign file is not worth a dialog
        found.append(Recovery(path, document, payload.get("saved_to")))
    return found
