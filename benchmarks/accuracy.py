"""Accuracy on the shared dev sets: raw spaCy (and textacy for quotes) vs Dossier, in one run.

Predictions are written as JSONL in the eval format and scored by the
project-independent scorer in ../shared/eval/score.py, so every figure here
can be reproduced by hand. The eval data stays in ../shared (licences); only
the scores are written, to docs/accuracy.md.

    python benchmarks/accuracy.py [--eval-dir ../shared/eval] [--out docs/accuracy.md]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.core.labels import CATEGORIES, category_for  # noqa: E402
from desktop.core.nlp.model_loader import available_model  # noqa: E402

LABELS = list(CATEGORIES)


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def write_jsonl(path: Path, records: Iterable[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def raw_spacy_predictions(gold: list[dict[str, Any]], model: str) -> list[dict[str, Any]]:
    """The model alone, its labels mapped onto the five categories."""
    import spacy

    nlp = spacy.load(model)
    records = []
    for item, doc in zip(gold, nlp.pipe(d["text"] for d in gold), strict=True):
        entities = [
            {"start": e.start_char, "end": e.end_char, "label": category_for(e.label_), "text": e.text}
            for e in doc.ents
            if category_for(e.label_) in CATEGORIES
        ]
        records.append({"id": item["id"], "text": item["text"], "entities": entities, "quotes": []})
    return records


# textacy pulls in scikit-learn, which quantulum3 then imports at start-up (seconds);
# so the baseline runs in a separate virtualenv (`make textacy-venv`), never in Dossier's.
TEXTACY_PYTHON = ROOT / "benchmarks" / ".textacy-venv" / "bin" / "python"

TEXTACY_SCRIPT = """
import json, sys, spacy
from textacy.extract.triples import direct_quotations
nlp = spacy.load(sys.argv[1])
items = [json.loads(line) for line in open(sys.argv[2], encoding="utf-8")]
with open(sys.argv[3], "w", encoding="utf-8") as out:
    for item, doc in zip(items, nlp.pipe(d["text"] for d in items)):
        quotes = []
        try:
            for speaker, cue, content in direct_quotations(doc):
                quotes.append({"start": content.start_char, "end": content.end_char,
                               "speaker": " ".join(t.text for t in speaker),
                               "speaker_start": speaker[0].idx,
                               "speaker_end": speaker[-1].idx + len(speaker[-1]),
                               "cue": " ".join(t.text for t in cue)})
        except ValueError:
            quotes = []  # textacy gives up on an odd number of quotation marks
        record = {"id": item["id"], "text": item["text"], "entities": [], "quotes": quotes}
        out.write(json.dumps(record) + "\\n")
"""


def textacy_predictions(gold_path: Path, model: str, work: Path) -> Path | None:
    """textacy's direct_quotations over raw spaCy: the published baseline for quotes."""
    if not TEXTACY_PYTHON.exists():
        return None
    out = work / "textacy.jsonl"
    subprocess.run([str(TEXTACY_PYTHON), "-c", TEXTACY_SCRIPT, model, str(gold_path), str(out)], check=True)
    return out


def dossier_predictions(gold_path: Path, work: Path) -> tuple[Path, float]:
    """Dossier's full pipeline through the CLI's --jsonl mode, as a user would run it."""
    source = work / f"{gold_path.stem}.in.jsonl"
    write_jsonl(source, ({"id": d["id"], "text": d["text"]} for d in read_jsonl(gold_path)))
    out = work / f"{gold_path.stem}.dossier.jsonl"
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "desktop", "annotate", "--jsonl", str(source), "-o", str(out)],
        check=True,
        cwd=ROOT,
        stderr=subprocess.DEVNULL,
    )
    return out, time.perf_counter() - started


def score(scorer: Path, gold: Path, pred: Path, *flags: str) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, str(scorer), str(gold), str(pred), "--json", *flags],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout)


def prf(row: dict[str, Any]) -> str:
    return f"{row['p']:.2f} / {row['r']:.2f} / **{row['f1']:.2f}**"


def entity_table(title: str, rows: dict[str, dict[str, Any]], match: str) -> list[str]:
    systems = list(rows)
    lines = [f"### {title}", "", "| label | " + " | ".join(f"{s} P / R / F1" for s in systems) + " |"]
    lines.append("|---" * (len(systems) + 1) + "|")
    for label in [*LABELS, "MICRO"]:
        cells = [prf(rows[s]["entities"][match][label]) for s in systems]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return [*lines, ""]


def quote_table(title: str, rows: dict[str, dict[str, Any]]) -> list[str]:
    lines = [
        f"### {title}",
        "",
        "| system | quotes P / R / F1 (IoU≥0.5) | any-overlap F1 | speaker strict | speaker lenient |",
        "|---|---|---|---|---|",
    ]
    for system, result in rows.items():
        quotes = result["quotes"]
        lines.append(
            f"| {system} | {prf(quotes['iou'])} | {quotes['any']['f1']:.2f} | "
            f"{quotes['speaker']['strict_acc']:.2f} | {quotes['speaker']['lenient_acc']:.2f} |"
        )
    return [*lines, ""]


def seed_quotes(pred: Path) -> list[str]:
    record = read_jsonl(pred)[0]
    lines = ["### The seed article's quotes", "", "| kind | speaker (as written → entity) | cue | text |"]
    lines.append("|---|---|---|---|")
    for q in record["quotes"]:
        text = q["text"].replace("|", "\\|").replace("\n", " ")
        lines.append(f"| {q['kind']} | {q['speaker']} → {q.get('speaker_entity')} | {q['cue']} | {text} |")
    return [*lines, ""]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "accuracy.md")
    args = parser.parse_args(argv)
    scorer = args.eval_dir / "score.py"
    model = available_model()
    report = [
        "# Accuracy on the shared dev sets",
        "",
        f"Produced by `python benchmarks/accuracy.py` with model `{model}`;",
        "scored by `shared/eval/score.py`.",
        "Raw spaCy = the model's own entities mapped onto the five categories, nothing else.",
        "",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        entity_sets: list[tuple[str, str, tuple[str, ...], str]] = [
            ("seed.gold.jsonl", "seed article, exact match", (), "exact"),
            (
                "re3d_dev.jsonl",
                "re3d dev, `--named-only --trim`, overlap match",
                ("--named-only", "--trim"),
                "overlap",
            ),
            (
                "re3d_dev.jsonl",
                "re3d dev, `--named-only --trim`, exact match",
                ("--named-only", "--trim"),
                "exact",
            ),
        ]
        predictions: dict[str, dict[str, Path]] = {}
        for name, _title, _flags, _match in entity_sets:
            if name in predictions:
                continue
            gold_path = args.eval_dir / name
            raw = work / f"{gold_path.stem}.raw.jsonl"
            write_jsonl(raw, raw_spacy_predictions(read_jsonl(gold_path), model))
            dossier, seconds = dossier_predictions(gold_path, work)
            print(f"{name}: Dossier annotated in {seconds:.1f} s", file=sys.stderr)
            predictions[name] = {"raw spaCy": raw, "Dossier": dossier}
        report.append("## Entities\n")
        for name, title, flags, match in entity_sets:
            gold_path = args.eval_dir / name
            rows = {
                system: score(scorer, gold_path, pred, *flags) for system, pred in predictions[name].items()
            }
            report += entity_table(title, rows, match)

        report.append("## Quotes (PolNeAR dev)\n")
        polnear = args.eval_dir / "polnear_dev.jsonl"
        systems: dict[str, Path] = {}
        baseline = textacy_predictions(polnear, model, work)
        if baseline is None:
            report.append("textacy's virtualenv is missing (`make textacy-venv`): no baseline row.\n")
        else:
            systems["textacy direct_quotations"] = baseline
        systems["Dossier"], _ = dossier_predictions(polnear, work)
        variants: list[tuple[str, tuple[str, ...]]] = [
            ("all attributions", ()),
            ("`--speech-only`", ("--speech-only",)),
            ("`--direct-only`", ("--direct-only",)),
        ]
        for title, flags in variants:
            report += quote_table(title, {s: score(scorer, polnear, p, *flags) for s, p in systems.items()})
        report += seed_quotes(predictions["seed.gold.jsonl"]["Dossier"])

    text = "\n".join(report)
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
