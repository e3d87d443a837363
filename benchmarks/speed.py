"""Speed and memory: Dossier against raw spaCy on the same model, in the same run.

Every measurement runs in a fresh child process (so model loading and peak
RSS are the child's own) and is repeated; the table shows medians.

    python benchmarks/speed.py [--runs 3] [--quick] [--out docs/benchmarks.md]
    python benchmarks/speed.py --cold-start-only [--runs 5]

--quick uses tiny inputs (for the smoke test in tests/); its figures mean nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
SEED = ROOT / "seeds" / "kim-jong-un-leaves-russia.txt"

# Child preamble: report wall time of the measured part and the peak RSS at exit.
_CHILD_PRELUDE = textwrap.dedent(
    """
    import json, resource, sys, time
    def report(**figures):
        figures["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print("BENCH " + json.dumps(figures), flush=True)
    """
)


def run_child(code: str, *args: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, "-c", _CHILD_PRELUDE + textwrap.dedent(code), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        check=False,
    )
    for line in result.stdout.splitlines():
        if line.startswith("BENCH "):
            return json.loads(line[6:])
    raise RuntimeError(f"benchmark child failed:\n{result.stderr[-2000:]}")


RAW_SPACY = """
    import spacy
    from desktop.core.nlp.model_loader import available_model
    texts = [json.loads(l)["text"] for l in open(sys.argv[1], encoding="utf-8")]
    started = time.perf_counter()
    nlp = spacy.load(available_model())
    loaded = time.perf_counter()
    n = int(sys.argv[2])
    for _ in nlp.pipe(texts, n_process=n, batch_size=16):
        pass
    report(seconds=time.perf_counter() - loaded, load=loaded - started)
"""

DOSSIER_CLI = """
    import io, contextlib
    from desktop.cli import main
    started = time.perf_counter()
    code = main(["annotate", "--jsonl", sys.argv[1], "-o", sys.argv[3], "-j", sys.argv[2]])
    report(seconds=time.perf_counter() - started, code=code)
"""

DOSSIER_LOAD_ONLY = """
    from desktop.core.nlp.pipeline import load_pipeline
    started = time.perf_counter()
    load_pipeline()
    report(seconds=time.perf_counter() - started)
"""

LONG_DOCUMENT = """
    from desktop.core.nlp.pipeline import load_pipeline
    pipeline = load_pipeline()
    pipeline.analyze("Warm up the pipeline.")
    text = open(sys.argv[1], encoding="utf-8").read()
    started = time.perf_counter()
    document = pipeline.analyze(text)
    report(seconds=time.perf_counter() - started, mentions=len(document.mentions))
"""


def run_gui_probe(article: Path, interactions: bool) -> dict[str, float]:
    """The reader window on one article, in a fresh process; times relative to its launch."""
    command = [sys.executable, str(ROOT / "benchmarks" / "gui_probe.py"), str(article)]
    launched = time.time()
    result = subprocess.run(
        [*command, *(["--interactions"] if interactions else [])],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )
    for line in result.stdout.splitlines():
        if line.startswith("BENCH "):
            figures = json.loads(line[6:])
            figures["window_shown"] = figures.pop("window_shown_at") - launched
            figures["highlighted"] = figures.pop("highlighted_at") - launched
            return figures
    raise RuntimeError(f"gui probe failed:\n{result.stderr[-2000:]}")


def median_gui(runs: int, article: Path, interactions: bool) -> dict[str, float]:
    results = [run_gui_probe(article, interactions) for _ in range(runs)]
    return {key: statistics.median(r[key] for r in results) for key in results[0]}


def cold_start_rows(runs: int) -> list[tuple[str, str]]:
    cold = median_gui(runs, SEED, interactions=False)
    return [
        ("Cold start: launch → window shown", f"{cold['window_shown']:.2f} s"),
        (
            "Cold start: launch → seed article highlighted (model load included)",
            f"{cold['highlighted']:.2f} s (longest GUI stall {cold['longest_stall'] * 1000:.0f} ms; "
            f"peak RSS: window {cold['peak_rss_mb']:.0f} MB, "
            f"analysis process {cold['worker_peak_rss_mb']:.0f} MB)",
        ),
    ]


def words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def median_of(runs: int, code: str, *args: str) -> dict[str, float]:
    results = [run_child(code, *args) for _ in range(runs)]
    return {key: statistics.median(r[key] for r in results) for key in results[0]}


def long_text(target_words: int, texts: list[str]) -> str:
    """Concatenate dev articles (repeating if needed) up to target_words words."""
    chunks: list[str] = []
    total = 0
    while total < target_words:
        for text in texts:
            chunks.append(text)
            total += len(text.split())
            if total >= target_words:
                break
    return "\n\n".join(chunks)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


NOTES_MARKER = "<!-- notes: kept when the table is rewritten -->"


def kept_notes(out: Path) -> str:
    """The hand-written part of the report (what limits each figure), below the marker, survives a rerun."""
    if not out.exists():
        return ""
    text = out.read_text(encoding="utf-8")
    return "\n" + text[text.index(NOTES_MARKER) :] if NOTES_MARKER in text else ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="tiny inputs, for the smoke test")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument(
        "--cold-start-only", action="store_true", help="only the cold start, printed (the report is kept)"
    )
    args = parser.parse_args(argv)
    if args.cold_start_only:
        before = os.getloadavg()[0]
        rows = cold_start_rows(args.runs)
        print("\n".join(f"{name}: {value}" for name, value in rows))
        after = os.getloadavg()[0]
        print(f"medians of {args.runs} run(s); load average {before:.2f} before, {after:.2f} after")
        return 0

    corpus_path = EVAL / "polnear_train_sample.jsonl"
    if args.quick or not corpus_path.exists():
        texts = [SEED.read_text(encoding="utf-8")] * 3
    else:
        texts = [json.loads(line)["text"] for line in corpus_path.read_text(encoding="utf-8").splitlines()]
    sizes = (500, 1500) if args.quick else (5_000, 10_000, 30_000, 100_000)
    runs = 1 if args.quick else args.runs

    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus = work / "corpus.jsonl"
        corpus.write_text(
            "".join(json.dumps({"id": str(i), "text": t}) + "\n" for i, t in enumerate(texts)),
            encoding="utf-8",
        )
        n_words = words(texts)
        rows += cold_start_rows(runs)
        rows.append(("Corpus", f"{len(texts)} articles, {n_words:,} words"))
        load = median_of(runs, DOSSIER_LOAD_ONLY)
        rows.append(("Model + Dossier components load", f"{load['seconds']:.2f} s"))
        raw = median_of(runs, RAW_SPACY, str(corpus), "1")
        raw_wps = n_words / raw["seconds"]
        rows.append(
            (
                "Raw spaCy `nlp.pipe`, 1 process",
                f"{raw_wps:,.0f} words/s (peak RSS {raw['peak_rss_mb']:.0f} MB)",
            )
        )
        for processes in ("1", "2"):
            out = work / f"out{processes}.jsonl"
            dossier = median_of(runs, DOSSIER_CLI, str(corpus), processes, str(out))
            # The CLI's time includes loading the model; take it out for a like-for-like rate.
            wps = n_words / max(dossier["seconds"] - load["seconds"], 1e-6)
            rows.append(
                (
                    f"Dossier CLI `--jsonl`, {processes} process(es)",
                    f"{wps:,.0f} words/s = {wps / raw_wps:.2f}× raw spaCy "
                    f"(peak RSS {dossier['peak_rss_mb']:.0f} MB)",
                )
            )
        for size in sizes:
            path = work / f"long{size}.txt"
            path.write_text(long_text(size, texts), encoding="utf-8")
            result = median_of(runs, LONG_DOCUMENT, str(path))
            rows.append(
                (
                    f"{size:,} words: analysis (pipeline only)",
                    f"{result['seconds']:.2f} s, {result['mentions']:,.0f} mentions "
                    f"(peak RSS {result['peak_rss_mb']:.0f} MB)",
                )
            )
            gui = median_gui(runs, path, interactions=True)
            rows.append(
                (
                    f"{size:,} words in the reader: launch → highlighted",
                    f"{gui['highlighted']:.2f} s; longest GUI stall {gui['longest_stall'] * 1000:.0f} ms "
                    f"(opening the file {gui['open_file'] * 1000:.0f} ms, "
                    f"until the analysis result {gui['stall_before_result'] * 1000:.0f} ms); "
                    f"peak RSS: window {gui['peak_rss_mb']:.0f} MB, "
                    f"analysis process {gui['worker_peak_rss_mb']:.0f} MB",
                )
            )
            rows.append(
                (
                    f"{size:,} words in the reader: interactions",
                    f"filter click ({gui['filter_mentions']:.0f} mentions) "
                    f"{gui['filter_click'] * 1000:.0f} ms; "
                    f"one edit + re-highlight {gui['edit'] * 1000:.0f} ms; "
                    f"scroll through all {gui['scroll_all']:.2f} s "
                    f"(longest stall {gui['scroll_longest_stall'] * 1000:.0f} ms)",
                )
            )

    lines = [
        "# Speed and memory",
        "",
        f"`python benchmarks/speed.py` on {machine()}; medians of {runs} run(s), each in a fresh process.",
        "",
        "| measurement | result |",
        "|---|---|",
        *[f"| {name} | {value} |" for name, value in rows],
        "",
    ]
    report = "\n".join(lines)
    print(report)
    if not args.quick:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(report + kept_notes(args.out), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
