"""Command line: `dossier [FILE] [--screenshot OUT.png]` opens the reader;
`dossier annotate …` runs the same pipeline headless."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

import desktop
from desktop.core.errors import DossierError


def _annotate_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dossier annotate",
        description="Annotate articles headless and write Dossier JSON.",
    )
    parser.add_argument("input", help="an article (.txt, .md, Dossier .json) or, with --jsonl, a JSONL file")
    parser.add_argument("-o", "--output", help="output file (default: standard output)")
    parser.add_argument(
        "--jsonl",
        action="store_true",
        help='read one {"id", "text"} object per line and write one annotated line per document',
    )
    parser.add_argument("-j", "--processes", type=int, default=1, help="worker processes for --jsonl")
    parser.add_argument("--model", help="spaCy model to use (default: en_core_web_sm if installed)")
    return parser


def _gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dossier",
        description="Dossier: read a news article with its people, organizations, places, "
        "weapons, numbers, quotes and facts highlighted. "
        "Run `dossier annotate --help` for the headless command.",
    )
    parser.add_argument("file", nargs="?", help="article or Dossier JSON to open")
    parser.add_argument(
        "--screenshot", metavar="OUT.png", help="save a PNG of the window once analysed, then exit"
    )
    parser.add_argument("--version", action="version", version=f"Dossier {desktop.__version__}")
    return parser


def _jsonl_records(stream: TextIO, errors: list[str]) -> Iterator[tuple[str, dict[str, Any]]]:
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                raise ValueError('expected an object with a string "text"')
        except ValueError as error:
            message = f"line {number}: skipped, {error}"
            errors.append(message)
            print(f"dossier annotate: {message}", file=sys.stderr)
            continue
        yield record["text"], {"id": record.get("id", f"line-{number}"), "line": number}


_DOUBLE_MARKS = ('"', "“", "”", "„", "«", "»")


def _eval_kind(text: str, quote: Any) -> str:
    """The eval format's kind: "direct" when the content (with its marks) has a double quotation mark.

    That is how shared/eval defines it (PolNeAR has no kind of its own), so a
    mixed quote is "direct" there, and a quote in ''…'' marks is "indirect";
    the annotated JSON keeps Dossier's own kind.
    """
    if quote.kind == "indirect":
        return "indirect"
    around = text[max(0, quote.start - 1) : quote.end + 1]
    return "direct" if any(mark in around for mark in _DOUBLE_MARKS) else "indirect"


def _eval_record(document: Any, record_id: str) -> dict[str, Any]:
    """One line in the format of shared/eval (scoreable by score.py)."""
    entity_names = {e.id: e.name for e in document.entities}
    return {
        "id": record_id,
        "text": document.text,
        "entities": [
            {"start": m.start, "end": m.end, "label": m.label, "text": m.text}
            for m in document.mentions
            if m.label in ("PERSON", "ORG", "PLACE", "WEAPON", "NUMBER")
        ],
        "quotes": [
            {
                "start": q.start,
                "end": q.end,
                "text": q.text,
                "kind": _eval_kind(document.text, q),
                "speaker": q.speaker,
                "speaker_start": q.speaker_start,
                "speaker_end": q.speaker_end,
                "speaker_entity": entity_names.get(q.speaker_entity_id or ""),
                "cue": q.cue,
                "fragments": [list(f) for f in q.fragments],
            }
            for q in document.quotes
        ],
    }


def _annotate_jsonl(args: argparse.Namespace, pipeline: Any) -> int:
    errors: list[str] = []
    source = sys.stdin if args.input == "-" else open(args.input, encoding="utf-8")  # noqa: SIM115
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout  # noqa: SIM115
    done = 0
    try:
        records = _jsonl_records(source, errors)
        as_tuples = pipeline.nlp.pipe(records, as_tuples=True, n_process=args.processes, batch_size=16)
        from desktop.core.nlp.pipeline import doc_to_document

        for doc, context in as_tuples:
            document = doc_to_document(doc, pipeline.info)
            out.write(json.dumps(_eval_record(document, context["id"]), ensure_ascii=False) + "\n")
            done += 1
            if done % 10 == 0:
                print(f"dossier annotate: {done} documents", file=sys.stderr)
    finally:
        if source is not sys.stdin:
            source.close()
        if out is not sys.stdout:
            out.close()
    print(f"dossier annotate: {done} documents written, {len(errors)} lines skipped", file=sys.stderr)
    return 0


def annotate_main(argv: Sequence[str]) -> int:
    args = _annotate_parser().parse_args(argv)
    from desktop.core.annotated_json import dumps, save_document
    from desktop.core.io import open_any
    from desktop.core.nlp.pipeline import load_pipeline

    try:
        if args.jsonl and not (args.input == "-" or Path(args.input).is_file()):
            raise DossierError(f"{args.input} does not exist or is not a file.")
        if args.jsonl:
            return _annotate_jsonl(args, load_pipeline(args.model))
        opened = open_any(args.input)  # bad input fails before the model loads
        document = opened.document
        if document is None and opened.article is not None:
            article = opened.article
            document = load_pipeline(args.model).analyze(
                article.text, source=article.source, title=article.title
            )
            document.meta.update(article.meta)
        assert document is not None  # open_any returns one or the other
        if args.output:
            save_document(document, args.output)
            print(
                f"dossier annotate: {len(document.mentions)} mentions, {len(document.entities)} entities "
                f"→ {args.output}",
                file=sys.stderr,
            )
        else:
            sys.stdout.write(dumps(document))
    except DossierError as error:
        print(f"dossier annotate: {error}", file=sys.stderr)
        return 1
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "annotate":
        return annotate_main(argv[1:])
    args = _gui_parser().parse_args(argv)
    try:
        from desktop.ui.app import run_app
    except ImportError as error:
        print(
            f"dossier: the reader needs PySide6 ({error}); `dossier annotate` works without it.",
            file=sys.stderr,
        )
        return 1
    return run_app(args.file, screenshot=args.screenshot)


if __name__ == "__main__":
    sys.exit(main())
