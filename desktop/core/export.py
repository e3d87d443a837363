"""Exports for people without Dossier: CSV tables and a self-contained HTML report."""

from __future__ import annotations

import csv
import html
import io
import zipfile
from collections.abc import Sequence
from pathlib import Path

from desktop.core.atomic import atomic_write_bytes, atomic_write_text
from desktop.core.attribution import credited_as, quote_display_text
from desktop.core.labels import CATEGORIES, CATEGORY_TITLES, colour_for
from desktop.core.model import Document, Fact, FactPart
from desktop.core.quantities import describe_quantity


def _csv(rows: Sequence[Sequence[object]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def _part(part: FactPart | None) -> str:
    return part.text if part else ""


def _entity_name(document: Document, entity_id: str | None) -> str:
    if not entity_id:
        return ""
    try:
        return document.entity(entity_id).name
    except KeyError:
        return ""


def csv_tables(document: Document) -> dict[str, str]:
    """entities.csv, mentions.csv, quotes.csv and facts.csv, as text."""
    entities: list[list[object]] = [["id", "label", "name", "aliases", "mentions", "origin"]]
    for e in document.entities:
        entities.append([e.id, e.label, e.name, "; ".join(e.aliases), len(e.mention_ids), e.origin])
    mentions: list[list[object]] = [
        ["id", "start", "end", "label", "text", "entity", "value", "value_max", "unit", "qualifier", "origin"]
    ]
    for m in document.mentions:
        mentions.append(
            [m.id, m.start, m.end, m.label, m.text, _entity_name(document, m.entity_id), m.value, m.value_max,
             m.unit, m.qualifier, m.origin]
        )  # fmt: skip
    quotes: list[list[object]] = [
        ["id", "kind", "speaker", "speaker_entity", "credited", "cue", "text", "start", "end", "origin"]
    ]
    for q in document.quotes:
        quotes.append(
            [q.id, q.kind, q.speaker or "", _entity_name(document, q.speaker_entity_id),
             credited_as(document, q), q.cue or "", quote_display_text(document.text, q), q.start, q.end,
             q.origin]
        )  # fmt: skip
    facts: list[list[object]] = [
        ["id", "subject", "predicate", "object", "qualifiers", "negated", "modality", "condition", "source",
         "status", "note", "sentence"]
    ]  # fmt: skip
    for f in document.facts:
        qualifiers = "; ".join(q.text for q in f.qualifiers)
        sentence = document.text[f.sentence_start : f.sentence_end]
        facts.append(
            [f.id, _part(f.subject), _part(f.predicate), _part(f.object), qualifiers,
             "yes" if f.negated else "", f.modality or "", _part(f.condition), f.source or "", f.status,
             f.note, sentence]
        )  # fmt: skip
    return {
        "entities.csv": _csv(entities),
        "mentions.csv": _csv(mentions),
        "quotes.csv": _csv(quotes),
        "facts.csv": _csv(facts),
    }


def export_csv_zip(document: Document, path: str | Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in csv_tables(document).items():
            archive.writestr(name, text)
    atomic_write_bytes(Path(path), buffer.getvalue())


def export_csv_folder(document: Document, folder: str | Path) -> list[Path]:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in csv_tables(document).items():
        atomic_write_text(folder / name, text)
        written.append(folder / name)
    return written


def _highlighted_text(document: Document) -> str:
    pieces: list[str] = []
    position = 0
    for mention in document.mentions:
        if mention.start < position or mention.label not in CATEGORIES:
            continue
        pieces.append(html.escape(document.text[position : mention.start]))
        entity = _entity_name(document, mention.entity_id)
        tip = f"{mention.label}: {entity}"
        quantity = describe_quantity(mention)
        if quantity is not None:
            tip += f" = {quantity}"
        pieces.append(
            f'<mark class="{mention.label}" title="{html.escape(tip, quote=True)}">'
            f"{html.escape(mention.text)}</mark>"
        )
        position = mention.end
    pieces.append(html.escape(document.text[position:]))
    paragraphs = "".join(pieces).split("\n")
    return "\n".join(f"<p>{p}</p>" for p in paragraphs if p.strip())


def _fact_row(document: Document, fact: Fact) -> str:
    predicate = _part(fact.predicate) + (f" [{fact.condition.text}]" if fact.condition else "")
    cells = [_part(fact.subject), predicate, _part(fact.object)]
    cells += [
        "; ".join(q.text for q in fact.qualifiers),
        fact.source or "",
        fact.status + (f" — {fact.note}" if fact.note else ""),
    ]
    return "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>"


def html_report(document: Document) -> str:
    """One HTML file, no external resources: the highlighted article and the side lists."""
    title = html.escape(document.title or Path(document.source or "article").name)
    styles = "".join(f"mark.{label}{{background:{colour_for(label)}}}" for label in CATEGORIES)
    legend = "".join(f'<mark class="{label}">{CATEGORY_TITLES[label]}</mark> ' for label in CATEGORIES)
    entity_rows = []
    for label in CATEGORIES:
        for e in sorted(
            (e for e in document.entities if e.label == label), key=lambda e: -len(e.mention_ids)
        ):
            aliases = html.escape(", ".join(e.aliases))
            entity_rows.append(
                f'<tr><td><mark class="{label}">{html.escape(e.name)}</mark></td><td>{label}</td>'
                f"<td>{len(e.mention_ids)}</td><td>{aliases}</td></tr>"
            )
    quote_rows = [
        f"<tr><td>{html.escape(credited_as(document, q))}</td><td>{html.escape(q.cue or '')}</td>"
        f"<td>{q.kind}</td><td>{html.escape(quote_display_text(document.text, q))}</td></tr>"
        for q in document.quotes
    ]
    fact_rows = [_fact_row(document, f) for f in document.facts]
    source = html.escape(document.source or "")
    model = html.escape(str(document.pipeline.get("model", "")))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} — Dossier report</title>
<style>
body{{font-family:system-ui,sans-serif;margin:2em auto;max-width:72em;line-height:1.5;
  color:#222;background:#fff}}
.layout{{display:grid;grid-template-columns:3fr 2fr;gap:2em}}
mark{{padding:0 .15em;border-radius:.2em;color:#000}}{styles}
table{{border-collapse:collapse;width:100%;font-size:.9em;margin-bottom:1.5em}}
td,th{{border-bottom:1px solid #ddd;padding:.25em .4em;text-align:left;vertical-align:top}}
.meta{{color:#666;font-size:.9em}}
</style></head><body>
<h1>{title}</h1>
<p class="meta">Source: {source} · analysed with {model} · exported by Dossier</p>
<p>{legend}</p>
<div class="layout"><article>{_highlighted_text(document)}</article>
<aside>
<h2>Entities ({len(document.entities)})</h2>
<table><tr><th>Name</th><th>Category</th><th>Mentions</th><th>Aliases</th></tr>{"".join(entity_rows)}</table>
<h2>Quotes ({len(document.quotes)})</h2>
<table><tr><th>Speaker</th><th>Cue</th><th>Kind</th><th>Text</th></tr>{"".join(quote_rows)}</table>
<h2>Facts ({len(document.facts)})</h2>
<table><tr><th>Subject</th><th>Predicate</th><th>Object</th><th>Qualifiers</th><th>Source</th><th>Status</th></tr>
{"".join(fact_rows)}</table>
</aside></div></body></html>
"""


def export_html(document: Document, path: str | Path) -> None:
    atomic_write_text(Path(path), html_report(document))
