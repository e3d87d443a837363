"""Atomic file writes: temp file in the same folder, fsync, then replace."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from desktop.core.errors import DossierError


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Replace path with data, or leave the old file untouched and raise DossierError."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise DossierError(f"Cannot write {path.name} in {folder}: {error.strerror or error}.") from error
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp_name, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise DossierError(f"Cannot write {path.name}: {error.strerror or error}.") from error


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))
