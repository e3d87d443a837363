"""The attribution dev set is internally consistent and its scorer is exact on the gold itself (no model)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_gold_offsets_and_self_score_are_exact() -> None:
    bench = _load("attribution_bench", ROOT / "benchmarks" / "attribution.py")
    build = _load("attribution_build", ROOT / "benchmarks" / "data" / "attribution" / "build.py")
    gold = bench.load_gold()
    assert gold, "dev.jsonl is empty"
    for doc in gold:
        assert build.check_doc(doc) == [], doc["id"]
        text = doc["text"]
        for q in doc["quotes"]:
            assert " … ".join(text[a:b] for a, b in q["fragments"]) == q["text"]
            assert q["start"] == q["fragments"][0][0] and q["end"] == q["fragments"][-1][1]
            if q["speaker"] is not None:
                assert text[q["speaker_start"] : q["speaker_end"]] == q["speaker"]
        for f in doc["facts"]:
            sentence = text[f["sentence_start"] : f["sentence_end"]]
            assert f["predicate"] in sentence
            assert f["subject"] is None or f["subject"] in sentence
    # the committed file is what build.py makes from articles/ today
    assert build.build_all() == gold

    scores = bench.score_all(gold, {d["id"]: bench.gold_as_pred(d) for d in gold})
    q, f = scores["quotes"], scores["facts"]
    assert (q["p"], q["r"], q["f1"], q["speaker_acc"]) == (1.0, 1.0, 1.0, 1.0)
    assert q["unnamed_credited"] == 0
    assert scores["blank_line"] == {"quotes": 0, "facts": 0, "headline_quotes": 0}
    for row in ("lenient", "strict"):
        assert (f[row]["p"], f[row]["r"], f[row]["f1"]) == (1.0, 1.0, 1.0), row
