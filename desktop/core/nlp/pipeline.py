"""Build Dossier's spaCy pipeline and turn its output into a Document.

The model's entities are mapped onto the five categories, then merged with
the spans Dossier's rule components put in ``doc.spans`` (rules win where
they overlap), giving one non-overlapping set of mentions in
``doc.spans[ENTITY_GROUP]``. ``doc_to_document`` is the only place that
reads a spaCy ``Doc``; everything downstream sees a ``Document``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span

import desktop
from desktop.core.grouping import group_mentions
from desktop.core.labels import category_for, is_main_category
from desktop.core.model import Document, Fact, FactPart, Mention, Quote
from desktop.core.nlp import paragraphs  # noqa: F401  (registers dossier_paragraphs)
from desktop.core.nlp.model_loader import available_model, model_directory, switched_off_components
from desktop.core.nlp.spans import (
    ENTITY_GROUP,
    FACT_GROUP,
    NAME_GROUP,
    NUMBER_GROUP,
    QUOTE_GROUP,
    WEAPON_GROUP,
)

PIPELINE_NAME = "dossier"

# Rule groups in priority order: an earlier group wins an overlap.
RULE_GROUPS = (WEAPON_GROUP, NAME_GROUP, NUMBER_GROUP)

_LEADING_DROP = {"the", "a", "an"}
_TRAILING_DROP = {"'s", "’s", "'", "’", ".", ",", ";", ":", "-", "–", "—", '"', "“", "”", "‘"}


def _trim(span: Span) -> Span | None:
    """Shortest span that names the thing: no leading determiner or trailing punctuation."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in _LEADING_DROP or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].text in _TRAILING_DROP or doc[end - 1].is_punct):
        end -= 1
    if start >= end:
        return None
    if (start, end) == (span.start, span.end):
        return span
    return Span(doc, start, end, label=span.label_)


@Language.component("dossier_entities")
def resolve_entities(doc: Doc) -> Doc:
    """Merge model entities and rule spans into non-overlapping mentions."""
    candidates: list[tuple[int, Span, str]] = []
    for rank, group in enumerate(RULE_GROUPS):
        for span in doc.spans.get(group, []):
            candidates.append((len(RULE_GROUPS) - rank + 1, span, "rule"))
    number_rules = NUMBER_GROUP in doc.spans
    for ent in doc.ents:
        label = category_for(ent.label_)
        if label == "NUMBER" and number_rules:
            continue  # the number component decides what counts as a number
        trimmed = _trim(Span(doc, ent.start, ent.end, label=label))
        if trimmed is not None:
            candidates.append((1, trimmed, "model"))
    candidates.sort(key=lambda c: (-c[0], -(c[1].end - c[1].start), c[1].start))
    taken = [False] * len(doc)
    chosen: list[Span] = []
    for _priority, span, origin in candidates:
        if any(taken[i] for i in range(span.start, span.end)):
            continue
        for i in range(span.start, span.end):
            taken[i] = True
        span._.dossier_origin = origin
        chosen.append(span)
    chosen.sort(key=lambda s: s.start)
    doc.spans[ENTITY_GROUP] = chosen
    return doc


# Components after the model, in order. Rule spans first, then the resolver,
# then the finders that read resolved mentions.
DOSSIER_COMPONENTS: tuple[str, ...] = (
    "dossier_names",
    "dossier_weapons",
    "dossier_numbers",
    "dossier_entities",
    "dossier_quotes",
    "dossier_facts",
)


@dataclass
class Pipeline:
    """A loaded spaCy pipeline plus what the Document records about it."""

    nlp: Language
    model_name: str
    # Paragraph-aligned chunks keep the parser's memory bounded on very long
    # documents; a quote or fact never spans this many characters.
    chunk_chars: int = 20_000

    @property
    def info(self) -> dict[str, Any]:
        return {
            "name": PIPELINE_NAME,
            "version": desktop.__version__,
            "model": self.model_name,
            "model_version": str(self.nlp.meta.get("version", "")),
        }

    def analyze(self, text: str, source: str | None = None, title: str | None = None) -> Document:
        """Analyse a whole article; long ones in paragraph-aligned chunks (linear cost, bounded memory)."""
        chunks = paragraph_chunks(text, self.chunk_chars)
        docs = self.nlp.pipe((chunk for _offset, chunk in chunks), batch_size=1)
        offsets = (offset for offset, _chunk in chunks)
        return docs_to_document(text, zip(offsets, docs, strict=True), self.info, source, title)


def paragraph_chunks(text: str, limit: int) -> list[tuple[int, str]]:
    """Split text at paragraph breaks into (offset, chunk) pieces of at most ~limit characters."""
    if len(text) <= limit:
        return [(0, text)]
    chunks: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            cut = text.rfind("\n", start + limit // 2, end)
            end = cut + 1 if cut != -1 else end
        chunks.append((start, text[start:end]))
        start = end
    return chunks


# A full stop stuck to the next sentence's first word, after a space (" .North Korean leader"),
# is a copy-and-paste slip in scraped news; as one token it ends up inside names and fact subjects.
STRAY_FULL_STOP = r"^\.(?=[A-Z][a-z])"


def split_stray_full_stops(nlp: Language) -> None:
    """Make such a full stop a token of its own, whatever prefixes the model's tokenizer has."""
    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, Tokenizer):
        return  # a custom tokenizer has no affix rules to extend
    compiled = getattr(tokenizer.prefix_search, "__self__", None)  # the bound search of a compiled regex
    if tokenizer.prefix_search is not None and not isinstance(compiled, re.Pattern):
        return  # a custom prefix function: leave the model's tokenizer as it is
    pattern = f"{compiled.pattern}|{STRAY_FULL_STOP}" if compiled is not None else STRAY_FULL_STOP
    tokenizer.prefix_search = re.compile(pattern).search


# Runs before whatever splits sentences, so that the split keeps to the article's paragraphs.
SEGMENTATION_COMPONENT = "dossier_paragraphs"
_SENTENCE_SPLITTERS = ("parser", "senter", "sentencizer")


def add_dossier_components(nlp: Language) -> Language:
    split_stray_full_stops(nlp)
    if SEGMENTATION_COMPONENT not in nlp.pipe_names:
        splitter = next((name for name in nlp.pipe_names if name in _SENTENCE_SPLITTERS), None)
        if splitter is not None:
            nlp.add_pipe(SEGMENTATION_COMPONENT, before=splitter)
        else:
            nlp.add_pipe(SEGMENTATION_COMPONENT, first=True)
    for name in DOSSIER_COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, last=True)
    return nlp


def load_pipeline(model_name: str | None = None) -> Pipeline:
    """Load the model (no download, ever) and add Dossier's components."""
    from desktop.core.nlp import facts, names, numbers, quotes, weapons  # noqa: F401  (registers)

    name = model_name or available_model()
    nlp = spacy.load(name, **load_options(model_directory(name)))
    return Pipeline(nlp=add_dossier_components(nlp), model_name=name)


SPACY_TOKENIZER = "spacy.Tokenizer.v1"
TOKENIZER_FROM_FILE = "dossier.TokenizerFromFile.v1"


@spacy.registry.tokenizers(TOKENIZER_FROM_FILE)
def _empty_tokenizer() -> Callable[[Language], Tokenizer]:
    """spaCy's tokenizer with no rules yet: the model's tokenizer file then sets every one of them."""
    return lambda nlp: Tokenizer(nlp.vocab)


def load_options(directory: Path | None) -> dict[str, Any]:
    """What spacy.load can skip for this model (the cold start pays for everything it builds).

    Components the model ships disabled: Dossier never enables one. And when the
    model has spaCy's standard tokenizer and its file, spacy.load would first
    build the language's default tokenizer (its exceptions and affix patterns,
    ~0.1 s) only for that file to replace all of it: it starts from an empty one.
    """
    if directory is None:
        return {}
    options: dict[str, Any] = {"exclude": switched_off_components(directory)}
    config_file = directory / "config.cfg"
    if (directory / "tokenizer").is_file() and config_file.is_file():
        config = spacy.util.load_config(config_file, interpolate=False)
        if config["nlp"].get("tokenizer") == {"@tokenizers": SPACY_TOKENIZER}:
            options["config"] = {"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_FROM_FILE}}}
    return options


def doc_to_document(
    doc: Doc, info: dict[str, Any], source: str | None = None, title: str | None = None
) -> Document:
    """Everything the reader shows, from one processed Doc."""
    return docs_to_document(doc.text, [(0, doc)], info, source, title)


def docs_to_document(
    text: str,
    pieces: Iterable[tuple[int, Doc]],
    info: dict[str, Any],
    source: str | None = None,
    title: str | None = None,
) -> Document:
    """One Document from the Docs of consecutive pieces of text (each with its offset)."""
    mentions: list[Mention] = []
    # Plain records, not Spans: a Span keeps its whole Doc (and its tensors)
    # alive, and a long article is many Docs.
    quote_spans: list[_SpanRecord] = []
    fact_spans: list[_SpanRecord] = []
    links: list[tuple[Mention, tuple[int, int]]] = []
    for offset, doc in pieces:
        counted = _counted_mentions(doc)
        for span in doc.spans.get(ENTITY_GROUP, []):
            mention = Mention(
                id=f"m{len(mentions) + 1}",
                start=offset + span.start_char,
                end=offset + span.end_char,
                label=span.label_,
                text=span.text,
                origin=span._.dossier_origin or "model",
            )
            number = span._.dossier_number
            if number:
                mention.value = number.get("value")
                mention.value_max = number.get("value_max")
                mention.unit = number.get("unit")
                mention.qualifier = number.get("qualifier")
                if number.get("linked_to"):
                    a, b = number["linked_to"]
                    links.append((mention, (offset + a, offset + b)))
                elif span.start in counted:
                    a, b = counted[span.start]
                    links.append((mention, (offset + a, offset + b)))
            mentions.append(mention)
        quote_spans += [
            _SpanRecord(offset, span.start_char, span.end_char, span._.dossier_quote or {})
            for span in doc.spans.get(QUOTE_GROUP, [])
        ]
        fact_spans += [
            _SpanRecord(offset, span.sent.start_char, span.sent.end_char, span._.dossier_fact or {})
            for span in doc.spans.get(FACT_GROUP, [])
        ]
    by_offsets = {(m.start, m.end): m for m in mentions}
    for mention, target_offsets in links:
        target = by_offsets.get(target_offsets)
        if target is not None:
            mention.linked_to = target.id
    entities = group_mentions(text, mentions)
    locate = _EntityLocator(mentions)
    quotes = _quotes_from(text, quote_spans, locate)
    return Document(
        text=text,
        source=source,
        title=title,
        pipeline=dict(info),
        mentions=mentions,
        entities=entities,
        quotes=quotes,
        facts=_facts_from(text, fact_spans, locate, quotes),
    )


def _counted_mentions(doc: Doc) -> dict[int, tuple[int, int]]:
    """NUMBER span start → offsets of the mention it counts: "six HIMARS systems" → the WEAPON.

    A number belongs to what it counts (GUIDELINES, Facts); the parse says what that is
    (the noun the number modifies), the mentions whether it is a thing the reader follows.
    """
    spans = doc.spans.get(ENTITY_GROUP, [])
    things = {
        i: s
        for s in spans
        if s.label_ != "NUMBER" and is_main_category(s.label_)
        for i in range(s.start, s.end)
    }
    if not things or not doc.has_annotation("DEP"):
        return {}
    counted = {}
    for span in spans:
        if span.label_ != "NUMBER":
            continue
        root = span.root
        if (
            root.dep_ in ("nummod", "quantmod")
            and root.head.i in things
            and root.head.i not in range(span.start, span.end)
        ):
            thing = things[root.head.i]
            counted[span.start] = (thing.start_char, thing.end_char)
    return counted


class _EntityLocator:
    """Find the entities mentioned inside a character range (bisect: facts stay linear)."""

    def __init__(self, mentions: list[Mention]) -> None:
        # Only the five categories: a fact or quote links people, places …, not "Korean" (NORP).
        self._mentions = sorted((m for m in mentions if is_main_category(m.label)), key=lambda m: m.start)
        self._ends = [m.end for m in self._mentions]  # resolved mentions never overlap: sorted too

    def _inside(self, start: int, end: int) -> list[Mention]:
        found = []
        for mention in self._mentions[bisect.bisect_right(self._ends, start) :]:
            if mention.start >= end:
                break
            found.append(mention)
        return found

    def entities_in(self, start: int, end: int) -> list[str]:
        return list(dict.fromkeys(m.entity_id for m in self._inside(start, end) if m.entity_id))

    def main_entity(self, start: int, end: int) -> str | None:
        """The entity a span names: the longest person, organization or place mention inside it."""
        names = [m for m in self._inside(start, end) if m.entity_id and m.label in _SPEAKER_LABELS]
        best = max(names, key=lambda m: m.end - m.start, default=None)
        return best.entity_id if best else None


_SPEAKER_LABELS = ("PERSON", "ORG", "PLACE")


def _offsets(value: Any, shift: int = 0) -> tuple[int, int] | None:
    return (shift + int(value[0]), shift + int(value[1])) if value else None


@dataclass
class _SpanRecord:
    """A quote or fact span of one chunk: its offsets within the chunk and its details."""

    shift: int
    start_char: int
    end_char: int
    info: dict[str, Any]


def _quotes_from(text: str, spans: list[_SpanRecord], locate: _EntityLocator) -> list[Quote]:
    quotes: list[Quote] = []
    for span in spans:
        shift, info = span.shift, span.info
        speaker = _offsets(info.get("speaker"), shift)
        resolved = _offsets(info.get("speaker_resolved"), shift)  # None: credited to no entity
        cue = _offsets(info.get("cue"), shift)
        start, end = shift + span.start_char, shift + span.end_char
        quotes.append(
            Quote(
                id=f"q{len(quotes) + 1}",
                kind=info.get("kind", "direct"),
                start=start,
                end=end,
                text=text[start:end],
                speaker=text[speaker[0] : speaker[1]] if speaker else None,
                speaker_start=speaker[0] if speaker else None,
                speaker_end=speaker[1] if speaker else None,
                speaker_entity_id=locate.main_entity(*resolved) if resolved else None,
                cue=text[cue[0] : cue[1]] if cue else None,
                cue_start=cue[0] if cue else None,
                cue_end=cue[1] if cue else None,
                fragments=[(shift + int(a), shift + int(b)) for a, b in info.get("fragments", [])],
                origin="rule",
            )
        )
    return quotes


def _facts_from(
    text: str, spans: list[_SpanRecord], locate: _EntityLocator, quotes: list[Quote]
) -> list[Fact]:
    quote_at = {(q.start, q.end): q for q in quotes}

    def part(value: Any, shift: int, label: str | None = None) -> FactPart | None:
        offsets = _offsets(value, shift)
        if offsets is None:
            return None
        start, end = offsets
        return FactPart(text[start:end], start, end, locate.entities_in(start, end), label)

    facts: list[Fact] = []
    for span in spans:
        shift, info = span.shift, span.info
        predicate = part(info.get("predicate"), shift)
        if predicate is None:
            continue
        subject = part(info.get("subject"), shift)
        subject_resolved = _offsets(info.get("subject_resolved"), shift)
        if subject is not None and info.get("subject_links", "all") == "resolved":
            # "She" → the person she is; "News of the arrest in Texas" → no one
            entity = locate.main_entity(*subject_resolved) if subject_resolved else None
            subject.entity_ids = [entity] if entity else []
        source = _offsets(info.get("source"), shift)
        resolved = _offsets(info.get("source_resolved"), shift)  # None: credited to no entity
        quote = quote_at.get(_offsets(info.get("quote"), shift) or (-1, -1))
        facts.append(
            Fact(
                id=f"f{len(facts) + 1}",
                # The fact's span is its clause (two facts of one sentence need
                # distinct spans); the record holds the whole sentence, the evidence shown.
                sentence_start=shift + span.start_char,
                sentence_end=shift + span.end_char,
                subject=subject,
                predicate=predicate,
                object=part(info.get("object"), shift),
                qualifiers=[
                    p for s, e, label in info.get("qualifiers", []) if (p := part((s, e), shift, label))
                ],
                source=text[source[0] : source[1]] if source else None,
                source_entity_id=locate.main_entity(*resolved) if resolved else None,
                quote_id=quote.id if quote else None,
                negated=bool(info.get("negated")),
                modality=info.get("modality"),
                condition=part(info.get("condition"), shift),
            )
        )
    return facts
