#!/usr/bin/env python3
"""Score Dossier's quote attribution and facts against the hand-annotated dev set.

    .venv/bin/python benchmarks/attribution.py                      # current code
    .venv/bin/python benchmarks/attribution.py --baseline a7e0e44   # side by side with an older revision
    .venv/bin/python benchmarks/attribution.py --show               # every mismatch, for error analysis
    .venv/bin/python benchmarks/attribution.py --json               # machine-readable

Gold: benchmarks/data/attribution/dev.jsonl (see its README). What is measured, and why:
  quotes      P/R/F1, one-to-one matching at character IoU >= 0.5 (same rule as shared/eval/score.py)
  speaker     over IoU-matched quotes, is the credited entity right (unnamed gold: no entity at all)?
              Crediting words to the wrong person is the worst error, so this is the headline number.
  unnamed->named   gold quotes from an unnamed source ("officials") that the pipeline pins on a name
  blank-line  predicted quotes/facts that cross a paragraph break, and quotes inside the headline
  facts       P/R/F1: same sentence, overlapping predicate, subjects agree (lenient); the strict row
              also needs the object and, where the pipeline reports them, negation/modality/condition

Scoring functions take plain dicts (gold lines, and predictions from `document_to_pred`) so the test
suite can score the gold against itself without loading a model.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
GOLD = REPO / "benchmarks" / "data" / "attribution" / "dev.jsonl"
IOU = 0.5
_BLANK = re.compile(r"\n[ \t]*\n")
_WORD = re.compile(r"\w+")
_STOP = {"the", "a", "an", "of", "s", "his", "her", "its", "their"}

Span = tuple[int, int]


# ---------------------------------------------------------------- loading


def load_gold(path: Path = GOLD) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _part(part: Any) -> dict[str, Any] | None:
    if part is None:
        return None
    return {"text": part.text, "start": part.start, "end": part.end, "entity_ids": list(part.entity_ids)}


def document_to_pred(doc: Any) -> dict[str, Any]:
    """Flatten a desktop.core.model.Document into the plain dicts the scorers read.

    Entity ids are replaced by the entity's name and aliases, because ids mean nothing across runs.
    Fields that older revisions lack (negated, modality, condition) are recorded as absent, so the
    strict fact row does not penalise a revision for not having them.
    """

    def names(entity_id: str | None) -> list[str]:
        if not entity_id:
            return []
        try:
            ent = doc.entity(entity_id)
        except KeyError:
            return []
        return [ent.name, *ent.aliases]

    quotes = []
    for q in doc.quotes:
        frags = [list(f) for f in (q.fragments or [])] or [[q.start, q.end]]
        quotes.append(
            {
                "start": q.start,
                "end": q.end,
                "fragments": frags,
                "text": q.text,
                "kind": q.kind,
                "speaker": q.speaker,
                "speaker_start": q.speaker_start,
                "speaker_end": q.speaker_end,
                "speaker_names": names(q.speaker_entity_id),
            }
        )
    facts = []
    for f in doc.facts:
        subj = _part(f.subject)
        if subj is not None:
            subj["names"] = [n for eid in subj["entity_ids"] for n in names(eid)]
        fact = {
            "sentence_start": f.sentence_start,
            "sentence_end": f.sentence_end,
            "subject": subj,
            "predicate": _part(f.predicate),
            "object": _part(f.object),
            "source": f.source,
            "source_names": names(f.source_entity_id),
        }
        for attr in ("negated", "modality", "condition"):
            if hasattr(f, attr):
                value = getattr(f, attr)
                fact[attr] = _part(value) if attr == "condition" else value
        facts.append(fact)
    return {"quotes": quotes, "facts": facts}


def gold_as_pred(gold: dict[str, Any]) -> dict[str, Any]:
    """The gold document in prediction form: scoring it against itself must give 1.0 everywhere."""
    text = gold["text"]

    def part(value: str | None, start: int | None, names: list[str]) -> dict[str, Any] | None:
        if value is None or start is None:
            return None
        return {"text": value, "start": start, "end": start + len(value), "entity_ids": [], "names": names}

    quotes = [
        {
            "start": q["start"],
            "end": q["end"],
            "fragments": q["fragments"],
            "text": q["text"],
            "kind": q["kind"],
            "speaker": q["speaker"],
            "speaker_start": q["speaker_start"],
            "speaker_end": q["speaker_end"],
            "speaker_names": [q["speaker_entity"]] if q["speaker_entity"] else [],
        }
        for q in gold["quotes"]
    ]
    facts = []
    for f in gold["facts"]:
        span = predicate_span(text, f)
        facts.append(
            {
                "sentence_start": f["sentence_start"],
                "sentence_end": f["sentence_end"],
                "subject": part(
                    f["subject"],
                    f.get("subject_start"),
                    [f["subject_entity"]] if f.get("subject_entity") else [],
                ),
                "predicate": part(f["predicate"], span[0], []),
                "object": part(f["object"], f.get("object_start"), []),
                "negated": f["negated"],
                "modality": f["modality"],
                "condition": part(f.get("condition"), f.get("condition_start"), []),
            }
        )
    return {"quotes": quotes, "facts": facts}


# ---------------------------------------------------------------- matching helpers


def greedy_match(
    n_gold: int, n_pred: int, score: Callable[[int, int], float], accept: Callable[[float], bool]
) -> list[tuple[int, int]]:
    """One-to-one matching, best pairs first (the same rule as shared/eval/score.py)."""
    pairs = sorted(
        ((score(g, p), g, p) for g in range(n_gold) for p in range(n_pred)), key=lambda x: (-x[0], x[1], x[2])
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for s, g, p in pairs:
        if not accept(s) or g in used_g or p in used_p:
            continue
        used_g.add(g)
        used_p.add(p)
        out.append((g, p))
    return out


def chars(frags: Iterable[Iterable[int]]) -> set[int]:
    out: set[int] = set()
    for a, b in frags:
        out.update(range(a, b))
    return out


def overlaps(a: Span | None, b: Span | None) -> bool:
    return a is not None and b is not None and min(a[1], b[1]) > max(a[0], b[0])


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else float(n_gold == 0)
    r = tp / n_gold if n_gold else float(n_pred == 0)
    return {
        "tp": tp,
        "pred": n_pred,
        "gold": n_gold,
        "p": p,
        "r": r,
        "f1": 2 * p * r / (p + r) if p + r else 0.0,
    }


def norm_tokens(name: str | None) -> list[str]:
    return [
        t for t in _WORD.findall((name or "").lower().replace("’s", "").replace("'s", "")) if t not in _STOP
    ]


def names_match(gold_name: str | None, pred_names: list[str]) -> bool:
    """Lenient: normalised equal, or one's tokens contained in the other's, for the name or an alias."""
    g = norm_tokens(gold_name)
    if not g:
        return False
    for name in pred_names:
        p = norm_tokens(name)
        if p and (p == g or set(p) <= set(g) or set(g) <= set(p)):
            return True
    return False


def speaker_correct(gold_q: dict[str, Any], pred_q: dict[str, Any]) -> bool:
    if gold_q.get("speaker_entity") is None:
        return not pred_q.get("speaker_names")
    return names_match(gold_q["speaker_entity"], pred_q.get("speaker_names") or [])


def predicate_span(text: str, fact: dict[str, Any]) -> Span:
    """Where the gold predicate sits: its recorded offsets, else its first occurrence in the sentence."""
    if fact.get("predicate_start") is not None:
        return fact["predicate_start"], fact["predicate_end"]
    ss, se = fact["sentence_start"], fact["sentence_end"]
    at = text.find(fact["predicate"], ss, se)
    return (at, at + len(fact["predicate"])) if at >= 0 else (ss, se)


def _gold_span(fact: dict[str, Any], part: str) -> Span | None:
    start = fact.get(f"{part}_start")
    return (start, fact[f"{part}_end"]) if start is not None else None


def _pspan(part: dict[str, Any] | None) -> Span | None:
    return (part["start"], part["end"]) if part else None


def subject_agrees(gold_f: dict[str, Any], pred_f: dict[str, Any]) -> bool:
    ps = pred_f.get("subject")
    if gold_f.get("subject") is None or ps is None:
        return gold_f.get("subject") is None and ps is None
    if set(norm_tokens(gold_f["subject"])) & set(norm_tokens(ps["text"])):
        return True
    return bool(gold_f.get("subject_entity")) and names_match(gold_f["subject_entity"], ps.get("names") or [])


def fact_matches(gold_f: dict[str, Any], pred_f: dict[str, Any], text: str) -> bool:
    if not overlaps(
        (gold_f["sentence_start"], gold_f["sentence_end"]), (pred_f["sentence_start"], pred_f["sentence_end"])
    ):
        return False
    if not overlaps(predicate_span(text, gold_f), _pspan(pred_f.get("predicate"))):
        return False
    return subject_agrees(gold_f, pred_f)


def fact_matches_strict(gold_f: dict[str, Any], pred_f: dict[str, Any], text: str) -> bool:
    if not fact_matches(gold_f, pred_f, text):
        return False
    g_obj, p_obj = _gold_span(gold_f, "object"), _pspan(pred_f.get("object"))
    if not ((g_obj is None and p_obj is None) or overlaps(g_obj, p_obj)):
        return False
    if "negated" in pred_f and bool(pred_f["negated"]) != bool(gold_f["negated"]):
        return False
    if "modality" in pred_f and (pred_f["modality"] or "").lower() != (gold_f["modality"] or "").lower():
        return False
    if "condition" in pred_f:
        g_c, p_c = _gold_span(gold_f, "condition"), _pspan(pred_f["condition"])
        if not ((g_c is None and p_c is None) or overlaps(g_c, p_c)):
            return False
    return True


# ---------------------------------------------------------------- scorers


def match_quotes(gold_q: list[dict[str, Any]], pred_q: list[dict[str, Any]]) -> list[tuple[int, int]]:
    gsets = [chars(q["fragments"]) for q in gold_q]
    psets = [chars(q["fragments"]) for q in pred_q]

    def iou(g: int, p: int) -> float:
        union = len(gsets[g] | psets[p])
        return len(gsets[g] & psets[p]) / union if union else 0.0

    return greedy_match(len(gold_q), len(pred_q), iou, lambda s: s >= IOU and s > 0)


def score_quotes(
    gold_docs: list[dict[str, Any]], preds: dict[str, dict[str, Any]], mistakes: list[str] | None = None
) -> dict[str, Any]:
    tp = n_pred = n_gold = spk_ok = unnamed_named = n_unnamed = 0
    for g in gold_docs:
        gq, pq = g["quotes"], preds.get(g["id"], {}).get("quotes", [])
        n_gold += len(gq)
        n_pred += len(pq)
        n_unnamed += sum(q["unnamed"] for q in gq)
        matches = match_quotes(gq, pq)
        tp += len(matches)
        for gi, pi in matches:
            ok = speaker_correct(gq[gi], pq[pi])
            spk_ok += ok
            if gq[gi]["unnamed"] and pq[pi].get("speaker_names"):
                unnamed_named += 1
            if not ok and mistakes is not None:
                mistakes.append(
                    f"[{g['id']}] speaker: gold {gq[gi]['speaker_entity']!r} "
                    f"(as written {gq[gi]['speaker']!r}) vs pred "
                    f"{(pq[pi].get('speaker_names') or [None])[0]!r} "
                    f"(as written {pq[pi].get('speaker')!r}) :: {gq[gi]['text'][:70]!r}"
                )
        if mistakes is not None:
            matched_g = {gi for gi, _ in matches}
            matched_p = {pi for _, pi in matches}
            mistakes += [
                f"[{g['id']}] quote missed: {q['text'][:80]!r}"
                for i, q in enumerate(gq)
                if i not in matched_g
            ]
            mistakes += [
                f"[{g['id']}] quote extra: {q.get('text', '')[:80]!r}"
                for i, q in enumerate(pq)
                if i not in matched_p
            ]
    return {
        **prf(tp, n_pred, n_gold),
        "speaker_acc": spk_ok / tp if tp else 0.0,
        "speaker_ok": spk_ok,
        "unnamed_credited": unnamed_named,
        "gold_unnamed": n_unnamed,
    }


def crosses_blank(text: str, start: int, end: int) -> bool:
    """A blank line between two non-blank characters of the span (trailing whitespace is no crossing)."""
    segment = text[start:end].strip()
    return bool(segment) and bool(_BLANK.search(segment))


def blank_violations(gold_docs: list[dict[str, Any]], preds: dict[str, dict[str, Any]]) -> dict[str, int]:
    """Predictions that ignore paragraph structure (GUIDELINES, 'Paragraphs, headlines and split quotes')."""
    quotes = facts = headline = 0
    for g in gold_docs:
        text = g["text"]
        head_end = text.find("\n") if "\n" in text else len(text)
        pred = preds.get(g["id"], {})
        for q in pred.get("quotes", []):
            quotes += any(crosses_blank(text, a, b) for a, b in q["fragments"])
            headline += q["start"] < head_end
        facts += sum(
            crosses_blank(text, f["sentence_start"], f["sentence_end"]) for f in pred.get("facts", [])
        )
    return {"quotes": quotes, "facts": facts, "headline_quotes": headline}


def score_facts(
    gold_docs: list[dict[str, Any]], preds: dict[str, dict[str, Any]], mistakes: list[str] | None = None
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, fn in (("lenient", fact_matches), ("strict", fact_matches_strict)):
        tp = n_pred = n_gold = 0
        for g in gold_docs:
            gf, pf, text = g["facts"], preds.get(g["id"], {}).get("facts", []), g["text"]
            matches = greedy_match(
                len(gf),
                len(pf),
                lambda i, j, gf=gf, pf=pf, text=text, fn=fn: float(fn(gf[i], pf[j], text)),
                lambda s: s > 0,
            )
            tp += len(matches)
            n_pred += len(pf)
            n_gold += len(gf)
            if mistakes is not None and name == "lenient":
                mg = {i for i, _ in matches}
                mp = {j for _, j in matches}
                mistakes += [
                    f"[{g['id']}] fact missed: {f['subject']!r} | {f['predicate']!r} | {f['object']!r}"
                    for i, f in enumerate(gf)
                    if i not in mg
                ]
                mistakes += [
                    f"[{g['id']}] fact extra: {_t(f.get('subject'))!r} | {_t(f.get('predicate'))!r} | "
                    f"{_t(f.get('object'))!r}"
                    for j, f in enumerate(pf)
                    if j not in mp
                ]
        out[name] = prf(tp, n_pred, n_gold)
    return out


def _t(part: dict[str, Any] | None) -> str | None:
    return part["text"] if part else None


def score_all(
    gold_docs: list[dict[str, Any]], preds: dict[str, dict[str, Any]], mistakes: list[str] | None = None
) -> dict[str, Any]:
    return {
        "quotes": score_quotes(gold_docs, preds, mistakes),
        "blank_line": blank_violations(gold_docs, preds),
        "facts": score_facts(gold_docs, preds, mistakes),
        "docs": len(gold_docs),
    }


# ---------------------------------------------------------------- running the pipeline


def predict(gold_docs: list[dict[str, Any]]) -> tuple[dict[str, dict[str, Any]], dict[str, Any]]:
    import desktop
    from desktop.core.nlp.pipeline import load_pipeline

    pipe = load_pipeline()
    preds = {}
    for g in gold_docs:
        title = g["text"].split("\n", 1)[0]
        preds[g["id"]] = document_to_pred(pipe.analyze(g["text"], title=title))
    return preds, {"code": str(Path(desktop.__file__).resolve().parent.parent)}


def run_baseline(rev: str, gold: Path) -> dict[str, Any]:
    """Score an older revision: a detached worktree, this script run there with the current venv."""
    with tempfile.TemporaryDirectory(prefix="attr-baseline-") as tmp:
        tree = Path(tmp) / "tree"
        subprocess.run(
            ["git", "-C", str(REPO), "worktree", "add", "--detach", str(tree), rev],
            check=True,
            capture_output=True,
        )
        try:
            env = {**os.environ, "PYTHONPATH": str(tree)}
            res = subprocess.run(
                [sys.executable, str(Path(__file__).resolve()), "--json", "--gold", str(gold)],
                cwd=tree,
                env=env,
                check=True,
                capture_output=True,
                text=True,
            )
            return json.loads(res.stdout)
        finally:
            subprocess.run(
                ["git", "-C", str(REPO), "worktree", "remove", "--force", str(tree)],
                check=False,
                capture_output=True,
            )


def rows(r: dict[str, Any]) -> list[tuple[str, str]]:
    q, b, f = r["quotes"], r["blank_line"], r["facts"]

    def p(x: dict[str, float]) -> str:
        return f"{x['p']:.2f} / {x['r']:.2f} / {x['f1']:.2f}"

    return [
        ("quotes P / R / F1 (IoU≥0.5)", p(q) + f"  ({q['tp']}/{q['pred']} pred, {q['gold']} gold)"),
        ("resolved-speaker accuracy", f"{q['speaker_acc']:.2f}  ({q['speaker_ok']}/{q['tp']})"),
        ("unnamed gold credited to a name", f"{q['unnamed_credited']} of {q['gold_unnamed']}"),
        ("quotes crossing a blank line", str(b["quotes"])),
        ("quotes in the headline", str(b["headline_quotes"])),
        ("facts crossing a blank line", str(b["facts"])),
        (
            "facts P / R / F1 (lenient)",
            p(f["lenient"]) + f"  ({f['lenient']['tp']}/{f['lenient']['pred']} pred)",
        ),
        ("facts P / R / F1 (strict)", p(f["strict"]) + f"  ({f['strict']['tp']}/{f['strict']['pred']} pred)"),
    ]


def table(current: dict[str, Any], baseline: dict[str, Any] | None, rev: str | None) -> str:
    head = f"| metric | baseline {rev} | current |" if baseline else "| metric | current |"
    sep = "|---|---|---|" if baseline else "|---|---|"
    lines = [head, sep]
    cur = rows(current)
    base = rows(baseline) if baseline else None
    for i, (name, value) in enumerate(cur):
        lines.append(f"| {name} | {base[i][1]} | {value} |" if base else f"| {name} | {value} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--baseline", metavar="REV", help="also score this git revision, side by side")
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    ap.add_argument("--show", action="store_true", help="print every mismatched quote and fact")
    args = ap.parse_args(argv)

    gold = load_gold(args.gold)
    preds, info = predict(gold)
    mistakes: list[str] | None = [] if args.show else None
    current = {**score_all(gold, preds, mistakes), **info}
    if args.json:
        print(json.dumps(current, indent=1))
        return 0
    baseline = run_baseline(args.baseline, args.gold.resolve()) if args.baseline else None
    n_q = sum(len(g["quotes"]) for g in gold)
    n_f = sum(len(g["facts"]) for g in gold)
    print(f"dev set: {len(gold)} documents, {n_q} quotes, {n_f} facts ({args.gold})\n")
    print(table(current, baseline, args.baseline))
    print(f"\ncurrent code: {current['code']}" + (f"; baseline code: {baseline['code']}" if baseline else ""))
    if mistakes:
        print("\n" + "\n".join(mistakes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
