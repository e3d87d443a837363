"""Highlights in the article: one colour per category, legend toggles, emphasis of one entity."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont

from desktop.core.labels import colour_for
from desktop.core.model import Document, Mention
from desktop.ui.article_view import ArticleView
from desktop.ui.main_window import MainWindow
from tests.ui.fakes import SEED
from tests.ui.screenshots import has_colour


def _background_at(window: MainWindow, position: int) -> str | None:
    char_format = window.article_view.format_at(position)
    return char_format.background().color().name() if char_format is not None else None


def _first(window: MainWindow, text: str):
    document = window.document
    assert document is not None
    return next(m for m in document.mentions if m.text == text)


def test_each_category_has_its_own_colour(seed_window: MainWindow) -> None:
    for text, label in (
        ("Kim Jong Un", "PERSON"),
        ("TASS", "ORG"),
        ("Moscow", "PLACE"),
        ("drones", "WEAPON"),
    ):
        mention = _first(seed_window, text)
        assert mention.label == label
        assert _background_at(seed_window, mention.start) == QColor(colour_for(label)).name()
        assert _background_at(seed_window, mention.end - 1) == QColor(colour_for(label)).name()
    # Plain text between mentions stays plain.
    assert _background_at(seed_window, seed_window.document.text.index("left Russia")) is None


def test_legend_hides_and_shows_a_category(seed_window: MainWindow) -> None:
    kim = _first(seed_window, "Kim Jong Un")
    moscow = _first(seed_window, "Moscow")
    box = seed_window.entity_panel.legend.checkbox("PERSON")

    box.setChecked(False)
    assert _background_at(seed_window, kim.start) is None
    assert _background_at(seed_window, moscow.start) == QColor(colour_for("PLACE")).name()

    box.setChecked(True)
    assert _background_at(seed_window, kim.start) == QColor(colour_for("PERSON")).name()


def test_extra_labels_are_in_the_legend_but_hidden_until_checked(seed_window: MainWindow) -> None:
    legend = seed_window.entity_panel.legend
    sunday = _first(seed_window, "Sunday")
    assert "DATE" in legend.labels()
    assert not legend.checkbox("DATE").isChecked()
    assert _background_at(seed_window, sunday.start) is None

    legend.checkbox("DATE").setChecked(True)
    assert _background_at(seed_window, sunday.start) == QColor(colour_for("DATE")).name()


def test_selecting_an_entity_emphasises_only_its_mentions(seed_window: MainWindow) -> None:
    document = seed_window.document
    kim = _first(seed_window, "Kim Jong Un")
    seed_window.entity_panel.select_entity(kim.entity_id)

    for mention in document.entity_mentions(kim.entity_id):
        char_format = seed_window.article_view.format_at(mention.start)
        assert char_format.fontWeight() == QFont.Weight.Bold
        assert char_format.fontUnderline()
    moscow = _first(seed_window, "Moscow")
    assert seed_window.article_view.format_at(moscow.start).fontWeight() != QFont.Weight.Bold

    seed_window.entity_panel.select_entity(moscow.entity_id)
    assert seed_window.article_view.format_at(kim.start).fontWeight() != QFont.Weight.Bold
    assert seed_window.article_view.format_at(moscow.start).fontWeight() == QFont.Weight.Bold


def test_highlighter_finds_mentions_by_position(seed_window: MainWindow) -> None:
    """The span index behind per-block highlighting returns exactly the overlapping mentions."""
    document = seed_window.document
    highlighter = seed_window.article_view.highlighter
    for start in range(0, len(document.text), 37):
        end = start + 80
        expected = [m.id for m in document.mentions if m.start < end and m.end > start]
        assert [m.id for m in highlighter.mentions_in(start, end)] == expected


def test_far_down_a_long_article_what_is_drawn_follows_the_legend(
    qtbot, window: MainWindow, tmp_path
) -> None:
    """Off-screen blocks are re-formatted lazily; once scrolled to, they must show the current state."""
    long_article = tmp_path / "long.txt"
    long_article.write_text("\n".join([SEED.read_text(encoding="utf-8")] * 30), encoding="utf-8")
    with qtbot.waitSignal(window.document_shown, timeout=5000):
        window.open_file(long_article)
    view = window.article_view
    legend = window.entity_panel.legend

    legend.checkbox("PERSON").setChecked(False)  # changed while the end of the article is off screen
    view.go_to_mention(window.document.mentions[-1])
    view.setExtraSelections([])
    assert view.verticalScrollBar().value() > 0
    assert not has_colour(view.viewport().grab().toImage(), colour_for("PERSON"))
    assert has_colour(view.viewport().grab().toImage(), colour_for("PLACE"))

    legend.checkbox("PERSON").setChecked(True)
    assert has_colour(view.viewport().grab().toImage(), colour_for("PERSON"))


def test_a_highlighted_word_explains_itself_on_hover(seed_window: MainWindow) -> None:
    view = seed_window.article_view
    kim = _first(seed_window, "Kim")
    tooltip = view.tooltip_at(kim.start + 1)
    assert tooltip.splitlines() == [
        "People: Kim",
        f"Kim Jong Un — {len(seed_window.document.entity(kim.entity_id).mention_ids)} mentions",
    ]
    assert view.tooltip_at(seed_window.document.text.index("fighter jet") + 2) is None


def test_the_analysed_text_is_not_set_a_second_time(qtbot) -> None:
    """Plain text shows at once; the analysis result must only add highlights, even with no-break spaces
    (toPlainText() turns them into spaces, and comparing against it set a 100k-word text twice)."""
    view = ArticleView()
    qtbot.addWidget(view)
    text = "Kim\xa0Jong Un left Moscow."
    view.show_text(text)
    changes: list[str] = []
    view.setPlainText = changes.append  # type: ignore[method-assign]
    document = Document(text=text, mentions=[Mention("m1", 0, 11, "PERSON", "Kim\xa0Jong Un")])
    view.show_document(document, ["PERSON"])
    assert changes == []
    assert view.format_at(4).background().color() == QColor(colour_for("PERSON"))
    assert view.set_search("Kim Jong") == 1  # a search still reads the no-break space as a space
