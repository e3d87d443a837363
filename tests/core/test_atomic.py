"""Atomic writes: the old file survives any failure, and a save does not change who may read it."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.core.atomic import atomic_write_bytes, atomic_write_text
from desktop.core.errors import DossierError


def fail_with(code: int) -> Callable[..., None]:
    """A stand-in for an os function that fails as the disk or the folder would."""

    def failing(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    return failing


def test_writes_a_new_file_and_replaces_an_old_one(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    atomic_write_text(path, "first “version”")
    assert path.read_text(encoding="utf-8") == "first “version”"
    atomic_write_bytes(path, b"second")
    assert path.read_bytes() == b"second"
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]


@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_failure_keeps_the_old_file_and_leaves_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    path = tmp_path / "a.json"
    path.write_text("old", encoding="utf-8")
    monkeypatch.setattr(os, failing, fail_with(errno.ENOSPC))
    with pytest.raises(DossierError, match=r"Cannot write a\.json: no space left on device"):
        atomic_write_text(path, "new")
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]


def test_failed_write_midway_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.json"
    path.write_text("old", encoding="utf-8")
    monkeypatch.setattr(os, "fdopen", fail_with(errno.EIO))
    with pytest.raises(DossierError, match=r"a\.json"):
        atomic_write_bytes(path, b"new")
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]


def test_interrupted_write_leaves_no_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    path = tmp_path / "a.json"
    path.write_text("old", encoding="utf-8")
    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write_bytes(path, b"new")
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]


def test_read_only_folder_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "a.json").write_text("old", encoding="utf-8")
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as a user who can write anywhere (root)")
        with pytest.raises(DossierError, match=r"Cannot write a\.json in .*locked: permission denied"):
            atomic_write_text(folder / "a.json", "new")
        assert (folder / "a.json").read_text(encoding="utf-8") == "old"
    finally:
        folder.chmod(stat.S_IRWXU)


def test_read_only_folder_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same refusal where the test runs as root, by failing the temporary file's creation."""
    path = tmp_path / "a.json"
    path.write_text("old", encoding="utf-8")
    monkeypatch.setattr(os, "open", fail_with(errno.EACCES))
    with pytest.raises(DossierError, match=r"Cannot write a\.json in .*: permission denied"):
        atomic_write_text(path, "new")
    assert path.read_text(encoding="utf-8") == "old"


def test_missing_folder_is_reported(tmp_path: Path) -> None:
    with pytest.raises(DossierError, match=r"Cannot write a\.json in .*nowhere"):
        atomic_write_text(tmp_path / "nowhere" / "a.json", "new")


def test_existing_file_keeps_its_permissions(tmp_path: Path) -> None:
    path = tmp_path / "shared.json"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o664)
    atomic_write_text(path, "new")
    assert stat.S_IMODE(path.stat().st_mode) == 0o664


def test_new_file_gets_the_umask_permissions(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        atomic_write_text(tmp_path / "new.json", "x")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o644


def test_writing_through_a_symlink_updates_its_target(tmp_path: Path) -> None:
    target = tmp_path / "real.json"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    atomic_write_text(link, "new")
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "new"
