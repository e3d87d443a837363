"""Atomic file writes: temp file in the same folder, fsync, then replace.

A reader of the file (or the user after a crash or a full disk) sees either
the old content or the new, never half of each. The temporary file is
created with the umask's permissions, and an existing file keeps its mode,
so a save does not quietly make a shared file private.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterable
from pathlib import Path

from desktop.core.errors import DossierError

_TEMP_ATTEMPTS = 8


def _reason(error: OSError) -> str:
    return (error.strerror or str(error)).lower()


def _create_temp(target: Path) -> tuple[int, Path]:
    """An exclusive new file next to target; os.open applies the umask as any new file gets."""
    for _ in range(_TEMP_ATTEMPTS):
        temp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(
                temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666
            ), temp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name next to {target.name}")


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; not possible (nor needed) on every platform."""
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Replace path with data, or leave the old file untouched and raise DossierError."""
    atomic_write_chunks(path, (data,))


def atomic_write_chunks(path: str | Path, chunks: Iterable[bytes]) -> None:
    """atomic_write_bytes for data made piece by piece (a background writer never holds it all at once)."""
    target = Path(os.path.realpath(path))  # through a symlink, update the file it points to
    try:
        handle, temp = _create_temp(target)
    except OSError as error:
        raise DossierError(f"Cannot write {target.name} in {target.parent}: {_reason(error)}.") from error
    replaced = False
    try:
        with os.fdopen(handle, "wb") as stream:
            for chunk in chunks:
                stream.write(chunk)
            stream.flush()
            os.fsync(stream.fileno())
        with contextlib.suppress(OSError):  # a new file, or one we may write but not chmod
            os.chmod(temp, target.stat().st_mode & 0o7777)
        os.replace(temp, target)
        replaced = True
    except OSError as error:
        raise DossierError(f"Cannot write {target.name}: {_reason(error)}.") from error
    finally:
        if not replaced:
            with contextlib.suppress(OSError):
                os.unlink(temp)
    _sync_folder(target.parent)


def atomic_write_text(path: str | Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))
