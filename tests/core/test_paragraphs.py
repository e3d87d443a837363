"""Paragraph structure: a blank line, a headline, a subheading and a byline end sentences.

The layout rules are pure text functions; the component is checked on a blank
pipeline (tokenizer only) and, where the parser must keep the marks, with the model.
"""

from __future__ import annotations

import pytest
import spacy

from desktop.core.nlp import paragraphs  # noqa: F401  (registers dossier_paragraphs)
from desktop.core.nlp.paragraphs import layout
from desktop.core.nlp.spans import HEADING_GROUP

ARTICLE = (
    "Russia Says Drones Hit Moscow Overnight\n"
    "By Jane Doe\n"
    "\n"
    "MOSCOW (Reuters) - Russia said on Sunday that drones had hit two buildings.\n"
    "\n"
    "Air defences\n"
    "\n"
    "The ministry said the attack was repelled.\n"
)


def headings(text: str) -> list[str]:
    return [text[a:b] for a, b in layout(text).headings]


def test_headline_byline_and_subheading_are_headings() -> None:
    assert headings(ARTICLE) == ["Russia Says Drones Hit Moscow Overnight", "By Jane Doe", "Air defences"]


def test_every_line_of_unwrapped_text_starts_a_sentence() -> None:
    starts = layout(ARTICLE).breaks
    for line in ("By Jane Doe", "MOSCOW (Reuters)", "Air defences", "The ministry said"):
        assert ARTICLE.index(line) in starts


def test_a_first_paragraph_with_a_full_stop_is_not_a_headline() -> None:
    text = "North Korean leader Kim Jong Un left Russia on Sunday, ending a long visit.\nKim met Putin."
    assert headings(text) == []


def test_a_first_sentence_of_names_is_not_a_headline() -> None:
    assert headings("Vladimir Putin met Kim Jong Un in Moscow.\n\nThe talks lasted hours.") == []


def test_a_title_case_headline_with_a_full_stop_is_one() -> None:
    text = "Stealth Over Health: Clinton Was Headed to ER But Diverted.\n\nThe New York Post reports that …"
    assert headings(text) == ["Stealth Over Health: Clinton Was Headed to ER But Diverted."]


def test_hard_wrapped_lines_run_on_but_a_blank_line_ends_the_paragraph() -> None:
    text = (
        "NATO Secretary General Jens Stoltenberg urged allies on Tuesday\n"
        "to speed up deliveries of ammunition to Ukraine, saying the war\n"
        "had become a race of logistics and that stocks were running low.\n"
        "\n"
        "Russia said its forces had taken the village of Krasnohorivka\n"
        "after weeks of fighting in the east of the country, a claim\n"
        "that Kyiv denied on Wednesday.\n"
    )
    found = layout(text)
    assert found.headings == []
    assert found.breaks == [text.index("Russia said")]


def test_a_short_line_standing_alone_in_wrapped_text_is_a_subheading() -> None:
    text = (
        "The talks lasted for three hours and ended without an agreement on\n"
        "the exchange of prisoners, officials from both sides said on Friday\n"
        "in statements that gave few details of what had been discussed.\n"
        "\n"
        "Next steps\n"
        "\n"
        "A second round is planned for next month in Istanbul, where the\n"
        "two delegations met in the spring for the first time this year.\n"
    )
    assert headings(text) == ["Next steps"]


def test_the_last_line_without_a_full_stop_is_not_a_heading() -> None:
    assert headings("Kim left Russia on Sunday.\nRead more") == []


def test_component_marks_sentence_starts_and_headings_on_a_blank_pipeline() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("dossier_paragraphs")
    doc = nlp(ARTICLE)
    assert [s.text for s in doc.spans[HEADING_GROUP]] == [
        "Russia Says Drones Hit Moscow Overnight",
        "By Jane Doe",
        "Air defences",
    ]
    starts = {t.text for t in doc if t.is_sent_start}
    assert {"By", "MOSCOW", "Air", "The"} <= starts
    assert not doc[1].is_sent_start  # "Says": the word after a paragraph's first is never a new sentence


@pytest.mark.model
def test_no_sentence_runs_over_a_paragraph_break_or_out_of_a_headline(pipeline) -> None:
    doc = pipeline.nlp(ARTICLE)
    for sentence in doc.sents:
        assert "\n\n" not in sentence.text.strip(), sentence.text
    assert any(s.text.strip() == "Russia Says Drones Hit Moscow Overnight" for s in doc.sents)
    assert any(s.text.strip() == "Air defences" for s in doc.sents)


@pytest.mark.model
def test_a_headline_is_never_a_quote(pipeline) -> None:
    text = (
        "Putin Says West Wants War\n\n"
        "MOSCOW (Reuters) - President Vladimir Putin said on Friday that the West wanted war."
    )
    document = pipeline.analyze(text)
    assert [q.text for q in document.quotes] == ["the West wanted war"]
    assert document.quotes[0].speaker == "President Vladimir Putin"
