"""The quotes list shows who was credited, and filtering on a person finds what they said."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.ui.filters import quote_entities
from desktop.ui.models import QuoteTableModel
from tests.core.test_attribution import document


def test_speaker_column_shows_the_resolution_and_marks_the_unresolved(qtbot) -> None:
    model = QuoteTableModel()
    model.set_document(document())
    speaker = [model.index(row, 0) for row in range(2)]
    assert [i.data() for i in speaker] == ["he → Jens Stoltenberg", "Officials (unresolved)"]
    assert speaker[0].data(Qt.ItemDataRole.FontRole) is None
    assert speaker[1].data(Qt.ItemDataRole.FontRole).italic()
    assert "credited to no named entity" in speaker[1].data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(0, 2).data() == "We will win … whatever it takes."


def test_a_pronoun_quote_involves_the_person_it_was_credited_to() -> None:
    doc = document()
    starts = [m.start for m in doc.mentions]
    assert "e1" in quote_entities(doc, starts, doc.quotes[0])
    assert "e1" not in quote_entities(doc, starts, doc.quotes[1])
