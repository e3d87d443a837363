#!/usr/bin/env python3
"""Build dev.jsonl from the hand annotations in articles/ (one <id>.txt text + one <id>.json each).

The annotation files name every span by its exact text (plus an occurrence index where the text
repeats), so they stay readable and reviewable; this script turns them into character offsets and
refuses to write anything if a span cannot be found or does not match the text at its offsets.

    python benchmarks/data/attribution/build.py          # writes dev.jsonl next to this file
    python benchmarks/data/attribution/build.py --check  # only verify

Annotation format (articles/<id>.json):
  quotes: {"kind", "text" | "fragments": [text, ...], "occ"?, "speaker" (text or null), "speaker_occ"?,
           "speaker_entity" (canonical name or null), "unnamed", "pronoun"?}
      the speaker span is the occurrence nearest the quote in the same paragraph unless speaker_occ
      (an index over the whole text) is given.
  facts:  {"sentence" (any substring of the sentence, first occurrence unless "occ"), "subject",
           "subject_entity", "predicate", "object", "negated"?, "modality"?, "condition"?}
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles"
OUT = HERE / "dev.jsonl"

_BLANK = re.compile(r"\n[ \t]*\n")
_SENT_END = re.compile(r"(?<=[.!?])[”\"’']?\s+(?=[“\"‘A-Z0-9])")


class AnnotationError(ValueError):
    """A span in an annotation file that does not exist (or is ambiguous) in its text."""


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: a blank line ends a paragraph (GUIDELINES, 'Paragraphs')."""
    out, pos = [], 0
    for m in _BLANK.finditer(text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return [(s, e) for s, e in out if text[s:e].strip()]


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans inside paragraphs; good enough for news prose, checked by eye per article."""
    out = []
    for ps, pe in paragraphs(text):
        start = ps
        for m in _SENT_END.finditer(text, ps, pe):
            # keep a closing quotation mark with its sentence
            cut = m.start()
            while cut < m.end() and text[cut] in "”\"’'":
                cut += 1
            out.append((start, cut))
            start = m.end()
        out.append((start, pe))
    return out


def nth(text: str, needle: str, occ: int = 0, start: int = 0) -> int:
    """Offset of the occ-th occurrence of needle at or after start."""
    pos = start - 1
    for _ in range(occ + 1):
        pos = text.find(needle, pos + 1)
        if pos < 0:
            raise AnnotationError(f"not found (occurrence {occ}): {needle!r}")
    return pos


def word_hits(text: str, needle: str, lo: int, hi: int) -> list[int]:
    """Whole-word occurrences of needle within [lo, hi), so 'he' never matches inside 'the'."""
    pat = re.compile(r"(?<!\w)" + re.escape(needle) + r"(?!\w)")
    return [m.start() for m in pat.finditer(text, lo, hi)]


def containing(spans: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for s, e in spans:
        if s <= pos < e:
            return s, e
    raise AnnotationError(f"offset {pos} is in no span")


def build_quote(text: str, q: dict[str, Any]) -> dict[str, Any]:
    pieces = q.get("fragments") or [q["text"]]
    frags, pos = [], 0
    for i, piece in enumerate(pieces):
        s = nth(text, piece, q.get("occ", 0) if i == 0 else 0, pos)
        frags.append([s, s + len(piece)])
        pos = s + len(piece)
    start, end = frags[0][0], frags[-1][1]
    speaker = q.get("speaker")
    sp_s = sp_e = None
    if speaker:
        if "speaker_occ" in q:
            sp_s = nth(text, speaker, q["speaker_occ"])
        else:
            ps, pe = containing(paragraphs(text), start)
            hits = [h for h in word_hits(text, speaker, ps, pe) if not start <= h < end]
            if not hits:
                raise AnnotationError(f"speaker {speaker!r} not in the paragraph of {pieces[0][:40]!r}")
            sp_s = min(hits, key=lambda h: min(abs(h - start), abs(h - end)))
        sp_e = sp_s + len(speaker)
    return {
        "start": start,
        "end": end,
        "text": " … ".join(text[a:b] for a, b in frags),
        "kind": q["kind"],
        "speaker": speaker,
        "speaker_start": sp_s,
        "speaker_end": sp_e,
        "speaker_entity": q.get("speaker_entity"),
        "unnamed": bool(q.get("unnamed", False)),
        "pronoun": bool(q.get("pronoun", False)),
        "fragments": frags,
    }


def build_fact(text: str, f: dict[str, Any]) -> dict[str, Any]:
    at = nth(text, f["sentence"], f.get("occ", 0))
    ss, se = containing(sentences(text), at)
    out: dict[str, Any] = {"sentence_start": ss, "sentence_end": se}
    for part in ("subject", "predicate", "object", "condition"):
        value = f.get(part)
        out[part] = value
        if value is not None:
            # the part must be in its sentence; its offsets are kept for readers of the file
            s = nth(text[ss:se], value) + ss
            out[f"{part}_start"], out[f"{part}_end"] = s, s + len(value)
    out["subject_entity"] = f.get("subject_entity")
    out["negated"] = bool(f.get("negated", False))
    out["modality"] = f.get("modality")
    return out


def check_doc(doc: dict[str, Any]) -> list[str]:
    """Every offset must reproduce its span text; returns the problems found."""
    text, errs = doc["text"], []
    for q in doc["quotes"]:
        if text[q["start"] : q["end"]] != text[q["start"] : q["end"]].strip():
            errs.append(f"{doc['id']}: quote has outer whitespace: {q['text'][:40]!r}")
        joined = " … ".join(text[a:b] for a, b in q["fragments"])
        if joined != q["text"]:
            errs.append(f"{doc['id']}: quote text mismatch {q['text'][:40]!r}")
        if q["speaker"] is not None and text[q["speaker_start"] : q["speaker_end"]] != q["speaker"]:
            errs.append(f"{doc['id']}: speaker mismatch {q['speaker']!r}")
        if _BLANK.search(text, q["start"], q["end"]) and len(q["fragments"]) == 1:
            errs.append(f"{doc['id']}: quote crosses a blank line {q['text'][:40]!r}")
    for f in doc["facts"]:
        for part in ("subject", "predicate", "object", "condition"):
            if f.get(part) is not None and text[f[f"{part}_start"] : f[f"{part}_end"]] != f[part]:
                errs.append(f"{doc['id']}: fact {part} mismatch {f[part]!r}")
        if _BLANK.search(text, f["sentence_start"], f["sentence_end"]):
            errs.append(f"{doc['id']}: fact sentence crosses a blank line")
    return errs


def build_all(articles: Path = ARTICLES) -> list[dict[str, Any]]:
    docs = []
    for meta_path in sorted(articles.glob("*.json")):
        ann = json.loads(meta_path.read_text(encoding="utf-8"))
        text = meta_path.with_suffix(".txt").read_text(encoding="utf-8").rstrip("\n")
        try:
            quotes = [build_quote(text, q) for q in ann["quotes"]]
            facts = [build_fact(text, f) for f in ann["facts"]]
        except AnnotationError as e:
            raise AnnotationError(f"{meta_path.name}: {e}") from None
        docs.append(
            {
                "id": ann["id"],
                "source": ann["source"],
                "licence": ann["licence"],
                "meta": {"outlet": ann["outlet"], "date": ann["date"]},
                "text": text,
                "entities": [],
                "annotated": {"entities": False, "quotes": True, "facts": True},
                "quotes": sorted(quotes, key=lambda q: q["start"]),
                "facts": facts,
            }
        )
    return docs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="verify only, do not write dev.jsonl")
    ap.add_argument("--articles", type=Path, default=ARTICLES, help="folder of annotations to read")
    args = ap.parse_args(argv)
    try:
        docs = build_all(args.articles)
    except AnnotationError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    errs = [e for d in docs for e in check_doc(d)]
    for e in errs:
        print(f"error: {e}", file=sys.stderr)
    if errs:
        return 1
    nq = sum(len(d["quotes"]) for d in docs)
    nf = sum(len(d["facts"]) for d in docs)
    print(f"{len(docs)} documents, {nq} quotes, {nf} facts: all offsets check")
    if not args.check and args.articles == ARTICLES:
        with OUT.open("w", encoding="utf-8") as fh:
            for d in docs:
                fh.write(json.dumps(d, ensure_ascii=False) + "\n")
        print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
