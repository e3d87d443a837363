"""End to end with the real spaCy model: the window and `dossier FILE --screenshot`."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from desktop.core.labels import colour_for
from desktop.ui.main_window import MainWindow
from tests.ui.fakes import SEED
from tests.ui.screenshots import has_colour, run_screenshot

pytestmark = pytest.mark.model


def test_window_analyses_the_seed_with_the_real_model(qtbot, make_window, pipeline) -> None:
    window: MainWindow = make_window(lambda: pipeline)
    with qtbot.waitSignal(window.document_shown, timeout=120_000):
        window.open_file(SEED)
    document = window.document
    kim = next(m for m in document.mentions if m.text == "Kim Jong Un")
    assert kim.label == "PERSON"
    assert window.article_view.format_at(kim.start).background().color() == QColor(colour_for("PERSON"))
    assert window.model_label.text().startswith("Model: en_core_web_sm")
    people = window.entity_panel.entity_model.category_index("PERSON")
    names = [window.entity_panel.entity_model.index(r, 0, people).data() for r in range(3)]
    assert "Kim Jong Un" in names


def test_screenshot_writes_a_png_of_the_analysed_article(tmp_path: Path) -> None:
    out = tmp_path / "shot.png"
    result = run_screenshot([str(SEED), "--screenshot", str(out)], tmp_path)
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert not image.isNull()
    assert (image.width(), image.height()) == (1280, 800)
    # Highlights were applied before the grab: people and places are on the picture in their colours.
    assert has_colour(image, colour_for("PERSON"))
    assert has_colour(image, colour_for("PLACE"))
