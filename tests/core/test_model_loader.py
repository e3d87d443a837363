"""Loading skips what the model never uses (disabled components, a default tokenizer it replaces)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

from desktop.core.nlp.model_loader import model_directory, switched_off_components
from desktop.core.nlp.pipeline import TOKENIZER_FROM_FILE, load_options, load_pipeline

SAMPLE = "They don't live in the U.S., e.g. at 5km/h -- Kim Jong-un's train (2024)."


def tokens(nlp: spacy.Language) -> list[str]:
    return [t.text for t in nlp.make_doc(SAMPLE)]


def test_a_model_loads_with_its_own_tokenizer_and_without_its_disabled_components(tmp_path: Path) -> None:
    model = spacy.blank("en")
    model.tokenizer.add_special_case("Jong-un's", [{"ORTH": "Jong-un"}, {"ORTH": "'s"}])
    model.add_pipe("sentencizer")
    model.disable_pipe("sentencizer")
    model.to_disk(tmp_path)

    pipeline = load_pipeline(str(tmp_path))
    reference = spacy.load(tmp_path)

    assert pipeline.nlp.config["nlp"]["tokenizer"] == {"@tokenizers": TOKENIZER_FROM_FILE}
    assert tokens(pipeline.nlp) == tokens(reference)
    assert "Jong-un" in tokens(pipeline.nlp)  # the model's own exception, not only the defaults
    assert "sentencizer" in reference.component_names
    assert "sentencizer" not in pipeline.nlp.component_names


def test_another_tokenizer_or_no_tokenizer_file_keeps_the_models_own_config(tmp_path: Path) -> None:
    (tmp_path / "config.cfg").write_text(
        '[nlp]\nlang = "ja"\ntokenizer = {"@tokenizers":"spacy.ja.JapaneseTokenizer"}\n'
    )
    (tmp_path / "tokenizer").write_bytes(b"")
    assert "config" not in load_options(tmp_path)

    (tmp_path / "config.cfg").write_text(
        '[nlp]\nlang = "en"\ntokenizer = {"@tokenizers":"spacy.Tokenizer.v1"}\n'
    )
    (tmp_path / "tokenizer").unlink()
    assert "config" not in load_options(tmp_path)


def test_disabled_components_come_from_the_meta(tmp_path: Path) -> None:
    assert switched_off_components(tmp_path) == []  # no meta.json
    (tmp_path / "meta.json").write_text(json.dumps({"name": "x", "disabled": ["senter", "textcat"]}))
    assert switched_off_components(tmp_path) == ["senter", "textcat"]


def test_what_is_not_a_model_is_left_to_spacy_load(tmp_path: Path) -> None:
    assert model_directory(str(tmp_path)) == tmp_path
    assert model_directory("./not-a-module") is None
    assert model_directory("no_such_model_package") is None
    assert load_options(None) == {}


@pytest.mark.model
def test_the_installed_model_loads_as_spacy_loads_it_less_its_disabled_components(pipeline) -> None:
    full = spacy.load(pipeline.model_name)
    directory = model_directory(pipeline.model_name)

    assert directory is not None and (directory / "config.cfg").is_file()
    assert full.disabled  # the model does ship a disabled component (the senter)
    assert not set(full.disabled) & set(pipeline.nlp.component_names)
    model_components = [name for name in pipeline.nlp.pipe_names if not name.startswith("dossier_")]
    assert model_components == full.pipe_names
    assert pipeline.nlp.pipe_names.index("dossier_paragraphs") < pipeline.nlp.pipe_names.index("parser")
    assert tokens(pipeline.nlp) == tokens(full)
