"""`dossier FILE --screenshot OUT.png` for files that need no model: saved JSON, bad input."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage

from desktop.core.annotated_json import save_document
from desktop.core.labels import colour_for
from tests.ui.fakes import SEED, make_document
from tests.ui.screenshots import has_colour, run_screenshot


def test_screenshot_of_saved_json_needs_no_analysis(tmp_path: Path) -> None:
    saved = tmp_path / "seed.json"
    save_document(make_document(SEED.read_text(encoding="utf-8")), saved)
    out = tmp_path / "shot.png"
    result = run_screenshot([str(saved), "--screenshot", str(out)], tmp_path)
    assert result.returncode == 0, result.stderr
    assert has_colour(QImage(str(out)), colour_for("WEAPON"))


def test_screenshot_of_a_bad_file_fails_with_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[]", encoding="utf-8")
    out = tmp_path / "shot.png"
    result = run_screenshot([str(bad), "--screenshot", str(out)], tmp_path)
    assert result.returncode != 0
    assert result.stderr.strip().count("\n") == 0
    assert result.stderr.startswith("dossier: ")
    assert "bad.json" in result.stderr
    assert not out.exists()
