"""The loader skips the components a model ships switched off, and nothing else."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.core.nlp.model_loader import switched_off_components


def test_a_model_directory_names_its_disabled_components(tmp_path: Path) -> None:
    (tmp_path / "meta.json").write_text(json.dumps({"name": "x", "disabled": ["senter", "textcat"]}))

    assert switched_off_components(str(tmp_path)) == ["senter", "textcat"]


def test_no_meta_or_no_model_switches_nothing_off(tmp_path: Path) -> None:
    assert switched_off_components(str(tmp_path)) == []  # a directory without meta.json
    assert switched_off_components("./not-a-module") == []
    assert switched_off_components("no_such_model_package") == []


@pytest.mark.model
def test_the_pipeline_runs_every_enabled_component_and_loads_no_disabled_one(pipeline) -> None:
    import spacy

    full = spacy.load(pipeline.model_name)

    assert full.disabled  # the model does ship a disabled component (the senter)
    assert not set(full.disabled) & set(pipeline.nlp.component_names)
    assert pipeline.nlp.pipe_names[: len(full.pipe_names)] == full.pipe_names
