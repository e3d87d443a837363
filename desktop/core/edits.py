"""Corrections a reader makes: operations on a Document.

Each function changes the Document and leaves it consistent (mentions
sorted, every mention in exactly one entity, no empty entity, quote and fact
references pointing at live entities). Undo lives in the ui as
snapshot/restore around these operations, so they need no inverse. A
snapshot shares its objects with the Document, so an annotation is only ever
changed through ``Document.editable_*``, which swaps in a private copy.
User corrections carry origin "user"; removals are remembered in
``Document.deleted`` so that re-analysis never brings them back.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from desktop.core.errors import DossierError
from desktop.core.grouping import normalize_name
from desktop.core.model import Document, Entity, Fact, FactPart, Mention, Quote

FACT_STATUSES = ("unverified", "verified", "disputed")
QUOTE_KINDS = ("direct", "indirect", "mixed")


def _next_id(prefix: str, taken: Iterable[str]) -> str:
    numbers = [int(i[len(prefix) :]) for i in taken if i.startswith(prefix) and i[len(prefix) :].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1}"


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Selection without surrounding spaces, quotation marks or trailing punctuation."""
    while start < end and (text[start].isspace() or text[start] in "\"“”‘’'("):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "\"“”‘’'.,;:!?)"):
        end -= 1
    return start, end


def _entity_for(document: Document, label: str, name: str) -> Entity | None:
    key = normalize_name(name)
    for entity in document.entities:
        if entity.label != label:
            continue
        if normalize_name(entity.name) == key or any(normalize_name(a) == key for a in entity.aliases):
            return entity
    return None


def _refresh_names(entity: Entity, document: Document) -> None:
    """Aliases = the other spellings among its mentions (the name itself is kept); entity is editable."""
    texts = {document.mention(i).text for i in entity.mention_ids}
    entity.aliases = sorted(texts - {entity.name})


def _detach(document: Document, mention: Mention) -> None:
    """Take an (editable) mention out of its entity; drop the entity if that leaves it empty."""
    if mention.entity_id is None:
        return
    entity = document.editable_entity(mention.entity_id)
    entity.mention_ids.remove(mention.id)
    mention.entity_id = None
    if entity.mention_ids:
        _refresh_names(entity, document)
    else:
        _drop_entity_references(document, entity.id, None)
        document.entities.remove(entity)
        document.reindex_entities()


def _attach(document: Document, mention: Mention, entity: Entity | None = None) -> Entity:
    """Put an (editable) mention into an entity: the given one, one with its name, or a new one."""
    entity = entity or _entity_for(document, mention.label, mention.text)
    if entity is None:
        entity = Entity(
            id=_next_id("e", (e.id for e in document.entities)),
            label=mention.label,
            name=mention.text,
            origin=mention.origin,
        )
        document.entities.append(entity)
        document.reindex_entities()
    entity = document.editable_entity(entity.id)
    entity.mention_ids.append(mention.id)
    entity.mention_ids.sort(key=lambda i: document.mention(i).start)
    mention.entity_id = entity.id
    _refresh_names(entity, document)
    return entity


def _fact_parts(fact: Fact) -> list[FactPart]:
    return [p for p in (fact.subject, fact.predicate, fact.object, *fact.qualifiers) if p is not None]


def _drop_entity_references(document: Document, old: str, new: str | None) -> None:
    for quote_id in [q.id for q in document.quotes if q.speaker_entity_id == old]:
        document.editable_quote(quote_id).speaker_entity_id = new
    for fact_id in [
        f.id
        for f in document.facts
        if f.source_entity_id == old or any(old in p.entity_ids for p in _fact_parts(f))
    ]:
        fact = document.editable_fact(fact_id)
        if fact.source_entity_id == old:
            fact.source_entity_id = new
        for part in _fact_parts(fact):
            if old in part.entity_ids:
                renamed = [new if i == old else i for i in part.entity_ids]
                part.entity_ids = list(dict.fromkeys(i for i in renamed if i))


def _forget_deletion(document: Document, start: int, end: int) -> None:
    document.deleted = [d for d in document.deleted if (d[0], d[1]) != (start, end)]


def add_mention(document: Document, start: int, end: int, label: str) -> Mention:
    """Mark a span as an entity of `label`; overlapping mentions give way to it."""
    start, end = _trimmed(document.text, start, end)
    if start >= end:
        raise DossierError("Select some text to mark first.")
    for other in [m for m in document.mentions if m.start < end and start < m.end]:
        remove_mention(document, other.id)
    mention = Mention(
        id=_next_id("m", (m.id for m in document.mentions)),
        start=start,
        end=end,
        label=label,
        text=document.text[start:end],
        origin="user",
    )
    document.mentions.append(mention)
    document.reindex()
    _forget_deletion(document, start, end)
    _attach(document, mention)
    return mention


def add_all_occurrences(document: Document, start: int, end: int, label: str) -> list[Mention]:
    """Mark a span and every other whole-word occurrence of the same text."""
    start, end = _trimmed(document.text, start, end)
    needle = document.text[start:end]
    if not needle:
        raise DossierError("Select some text to mark first.")
    pattern = re.compile(rf"(?<!\w){re.escape(needle)}(?!\w)")
    added = []
    for match in pattern.finditer(document.text):
        existing = [m for m in document.mentions if (m.start, m.end) == match.span()]
        if existing and existing[0].label == label:
            continue
        added.append(add_mention(document, *match.span(), label))
    return added


def relabel_mention(document: Document, mention_id: str, label: str) -> Mention:
    if document.mention(mention_id).label == label:
        return document.mention(mention_id)
    mention = document.editable_mention(mention_id)
    document.deleted.append((mention.start, mention.end, mention.label))
    _detach(document, mention)
    mention.label, mention.origin = label, "user"
    mention.value = mention.unit = mention.qualifier = mention.linked_to = None
    _attach(document, mention)
    return mention


def relabel_all_occurrences(document: Document, mention_id: str, label: str) -> list[Mention]:
    """Relabel every mention with the same text as this one."""
    text = document.mention(mention_id).text
    return [relabel_mention(document, m.id, label) for m in list(document.mentions) if m.text == text]


def remove_mention(document: Document, mention_id: str) -> None:
    """Delete a mention; remembered so that re-analysis does not bring it back."""
    mention = document.editable_mention(mention_id)
    _detach(document, mention)
    for other_id in [m.id for m in document.mentions if m.linked_to == mention.id]:
        document.editable_mention(other_id).linked_to = None
    document.mentions.remove(mention)
    document.deleted.append((mention.start, mention.end, mention.label))
    document.reindex()


def remove_all_occurrences(document: Document, mention_id: str) -> int:
    text = document.mention(mention_id).text
    doomed = [m.id for m in document.mentions if m.text == text]
    for doomed_id in doomed:
        remove_mention(document, doomed_id)
    return len(doomed)


def remove_entity(document: Document, entity_id: str) -> None:
    """Delete an entity and all its mentions everywhere in the article."""
    for mention_id in list(document.entity(entity_id).mention_ids):
        remove_mention(document, mention_id)


def relabel_entity(document: Document, entity_id: str, label: str) -> Entity:
    entity = document.editable_entity(entity_id)
    entity.label, entity.origin = label, "user"
    for mention_id in entity.mention_ids:
        mention = document.editable_mention(mention_id)
        document.deleted.append((mention.start, mention.end, mention.label))
        mention.label, mention.origin = label, "user"
    return entity


def rename_entity(document: Document, entity_id: str, name: str) -> Entity:
    name = name.strip()
    if not name:
        raise DossierError("An entity needs a name.")
    entity = document.editable_entity(entity_id)
    entity.name, entity.origin = name, "user"
    _refresh_names(entity, document)
    return entity


def merge_entities(document: Document, entity_ids: list[str], name: str | None = None) -> Entity:
    """Merge entities into the first one ("US", "U.S.", "United States")."""
    if len(entity_ids) < 2:
        raise DossierError("Select at least two entities to merge.")
    target = document.editable_entity(entity_ids[0])
    for other_id in entity_ids[1:]:
        other = document.entity(other_id)
        for mention_id in other.mention_ids:
            mention = document.editable_mention(mention_id)
            mention.entity_id = target.id
            if mention.label != target.label:
                document.deleted.append((mention.start, mention.end, mention.label))
                mention.label, mention.origin = target.label, "user"
            target.mention_ids.append(mention_id)
        target.aliases.append(other.name)
        _drop_entity_references(document, other.id, target.id)
        document.entities.remove(other)
    target.mention_ids.sort(key=lambda i: document.mention(i).start)
    longest = max((document.mention(i).text for i in target.mention_ids), key=len)
    target.name = name.strip() if name and name.strip() else max(target.name, longest, key=len)
    target.origin = "user"
    document.reindex_entities()
    _refresh_names(target, document)
    return target


def split_mention(document: Document, mention_id: str) -> Entity:
    """Take one mention out of its entity into an entity of its own."""
    mention = document.editable_mention(mention_id)
    _detach(document, mention)
    entity = Entity(
        id=_next_id("e", (e.id for e in document.entities)),
        label=mention.label,
        name=mention.text,
        origin="user",
    )
    document.entities.append(entity)
    document.reindex_entities()
    return _attach(document, mention, entity)


# Quotes and facts ---------------------------------------------------------


def _speaker_entity(document: Document, speaker: str | None) -> str | None:
    if not speaker:
        return None
    for label in ("PERSON", "ORG", "PLACE"):
        entity = _entity_for(document, label, speaker)
        if entity is not None:
            return entity.id
    return None


def add_quote(
    document: Document, start: int, end: int, speaker: str | None = None, cue: str | None = None
) -> Quote:
    """A quote from the current selection; direct when it sits inside quotation marks."""
    start, end = _trimmed(document.text, start, end)
    if start >= end:
        raise DossierError("Select the quoted words first.")
    before, after = document.text[max(0, start - 1) : start], document.text[end : end + 1]
    kind = "direct" if before in "\"“‘'" and after in "\"”’'" and before and after else "indirect"
    quote = Quote(
        id=_next_id("q", (q.id for q in document.quotes)),
        kind=kind,
        start=start,
        end=end,
        text=document.text[start:end],
        speaker=speaker or None,
        speaker_entity_id=_speaker_entity(document, speaker),
        cue=cue or None,
        origin="user",
    )
    document.quotes.append(quote)
    document.quotes.sort(key=lambda q: q.start)
    return quote


def update_quote(
    document: Document,
    quote_id: str,
    *,
    speaker: str | None = None,
    speaker_entity_id: str | None = None,
    cue: str | None = None,
    kind: str | None = None,
    text_range: tuple[int, int] | None = None,
) -> Quote:
    """Change what the reader corrected; fields left as None are kept."""
    index, quote = next((i, q) for i, q in enumerate(document.quotes) if q.id == quote_id)
    changes: dict[str, object] = {"origin": "user"}
    if speaker is not None:
        speaker = speaker.strip() or None
        changes["speaker"] = speaker
        changes["speaker_entity_id"] = speaker_entity_id or _speaker_entity(document, speaker)
        # The typed speaker need not appear at the old offsets any more.
        if speaker != quote.speaker:
            changes["speaker_start"] = changes["speaker_end"] = None
    elif speaker_entity_id is not None:
        changes["speaker_entity_id"] = speaker_entity_id
    if cue is not None:
        changes["cue"] = cue.strip() or None
        changes["cue_start"] = changes["cue_end"] = None
    if kind is not None:
        if kind not in QUOTE_KINDS:
            raise DossierError(f"A quote is direct, indirect or mixed, not {kind!r}.")
        changes["kind"] = kind
    if text_range is not None:
        start, end = _trimmed(document.text, *text_range)
        changes.update(start=start, end=end, text=document.text[start:end], fragments=[])
    document.quotes[index] = replace(quote, **changes)  # type: ignore[arg-type]
    return document.quotes[index]


def credit_quote(document: Document, quote_id: str, entity_id: str | None) -> Quote:
    """Credit a quote to an entity, or to nobody, whatever its speaker as written ("he" → a person)."""
    if entity_id is not None and not document.has_entity(entity_id):
        raise DossierError("That entity is no longer in the article.")
    quote = document.editable_quote(quote_id)
    quote.speaker_entity_id, quote.origin = entity_id, "user"
    return quote


# Labels under which deleted quotes and facts are remembered in Document.deleted (beside mention labels),
# so that re-analysis does not bring them back.
DELETED_QUOTE = "QUOTE"
DELETED_FACT = "FACT"


def delete_quote(document: Document, quote_id: str) -> None:
    quote = next(q for q in document.quotes if q.id == quote_id)
    document.deleted.append((quote.start, quote.end, DELETED_QUOTE))
    document.quotes = [q for q in document.quotes if q.id != quote_id]
    for fact_id in [f.id for f in document.facts if f.quote_id == quote_id]:
        document.editable_fact(fact_id).quote_id = None


def _entities_in(document: Document, start: int, end: int) -> list[str]:
    return list(
        dict.fromkeys(
            m.entity_id for m in document.mentions if m.entity_id and m.start < end and start < m.end
        )
    )


def _part(document: Document, start: int, end: int) -> FactPart:
    return FactPart(document.text[start:end], start, end, _entities_in(document, start, end))


def add_fact(document: Document, start: int, end: int) -> Fact:
    """A fact from the current selection: the whole selection is its predicate until edited."""
    start, end = _trimmed(document.text, start, end)
    if start >= end:
        raise DossierError("Select the sentence or clause that states the fact first.")
    fact = Fact(
        id=_next_id("f", (f.id for f in document.facts)),
        sentence_start=start,
        sentence_end=end,
        subject=None,
        predicate=_part(document, start, end),
        origin="user",
    )
    document.facts.append(fact)
    document.facts.sort(key=lambda f: f.sentence_start)
    return fact


def update_fact_part(document: Document, fact_id: str, role: str, start: int, end: int) -> Fact:
    """Point a fact's subject, predicate or object at another span of the text."""
    if role not in ("subject", "predicate", "object"):
        raise DossierError(f"A fact has a subject, predicate and object, not a {role!r}.")
    fact = document.editable_fact(fact_id)
    start, end = _trimmed(document.text, start, end)
    setattr(fact, role, _part(document, start, end) if start < end else None)
    fact.origin = "user"
    return fact


def set_fact_source(document: Document, fact_id: str, source: str | None) -> Fact:
    fact = document.editable_fact(fact_id)
    fact.source = (source or "").strip() or None
    fact.source_entity_id = _speaker_entity(document, fact.source)
    fact.origin = "user"
    return fact


def set_fact_status(document: Document, fact_id: str, status: str, note: str | None = None) -> Fact:
    if status not in FACT_STATUSES:
        raise DossierError(f"A fact is unverified, verified or disputed, not {status!r}.")
    fact = document.editable_fact(fact_id)
    fact.status = status
    if note is not None:
        fact.note = note
    fact.origin = "user"
    return fact


def delete_fact(document: Document, fact_id: str) -> None:
    fact = next(f for f in document.facts if f.id == fact_id)
    document.deleted.append((fact.predicate.start, fact.predicate.end, DELETED_FACT))
    document.facts = [f for f in document.facts if f.id != fact_id]


# Re-analysis --------------------------------------------------------------


def _same_entity(edited: Document, fresh: Document, entity_id: str) -> str | None:
    """The fresh analysis's entity for an entity of the edited one: by its mentions' spans, then its name."""
    if not edited.has_entity(entity_id):
        return None
    entity = edited.entity(entity_id)
    spans = {(m.start, m.end) for m in edited.entity_mentions(entity_id)}
    for mention in fresh.mentions:
        if mention.entity_id and (mention.start, mention.end) in spans:
            return mention.entity_id
    found = _entity_for(fresh, entity.label, entity.name)
    return found.id if found else None


def carry_over_user_edits(edited: Document, fresh: Document) -> Document:
    """Apply the reader's corrections in `edited` to a fresh analysis of the same text.

    User annotations win over the model's: deleted spans stay deleted, added
    and relabelled mentions come back, user entities (merged or renamed) keep
    their grouping and name, user quotes and facts are kept.
    """
    if edited.text != fresh.text:
        raise DossierError("Corrections can only be carried over to an analysis of the same text.")
    deleted = set(edited.deleted)
    fresh.deleted = list(edited.deleted)
    for mention in [m for m in fresh.mentions if (m.start, m.end, m.label) in deleted]:
        remove_mention(fresh, mention.id)
    fresh.deleted = list(edited.deleted)
    for mention in (m for m in edited.mentions if m.origin == "user"):
        same = [
            m
            for m in fresh.mentions
            if (m.start, m.end, m.label) == (mention.start, mention.end, mention.label)
        ]
        if not same:
            add_mention(fresh, mention.start, mention.end, mention.label)
    fresh.deleted = list(edited.deleted)
    for entity in (e for e in edited.entities if e.origin == "user"):
        spans = {(m.start, m.end) for m in edited.entity_mentions(entity.id)}
        members = list(
            dict.fromkeys(m.entity_id for m in fresh.mentions if m.entity_id and (m.start, m.end) in spans)
        )
        if len(members) > 1:
            merge_entities(fresh, members, entity.name)
        elif members:
            rename_entity(fresh, members[0], entity.name)
    # A user quote or fact replaces what the model finds at the same place; a deleted one stays deleted.
    user_quotes = [q for q in edited.quotes if q.origin == "user"]
    gone = [(a, b) for a, b, label in edited.deleted if label == DELETED_QUOTE]
    gone += [(q.start, q.end) for q in user_quotes]
    fresh.quotes = [q for q in fresh.quotes if not any(q.start < b and a < q.end for a, b in gone)]
    user_facts = [f for f in edited.facts if f.origin == "user"]
    dropped = [(a, b) for a, b, label in edited.deleted if label == DELETED_FACT]
    dropped += [(f.predicate.start, f.predicate.end) for f in user_facts]
    fresh.facts = [
        f for f in fresh.facts if not any(f.predicate.start < b and a < f.predicate.end for a, b in dropped)
    ]
    for quote in user_quotes:
        fresh.quotes.append(
            replace(
                quote,
                id=_next_id("q", (q.id for q in fresh.quotes)),
                speaker_entity_id=_same_entity(edited, fresh, quote.speaker_entity_id)
                if quote.speaker_entity_id
                else None,
            )
        )
    for fact in user_facts:
        parts = {
            role: _part(fresh, part.start, part.end) if part else None
            for role, part in (
                ("subject", fact.subject),
                ("predicate", fact.predicate),
                ("object", fact.object),
            )
        }
        fresh.facts.append(
            replace(
                fact,
                id=_next_id("f", (f.id for f in fresh.facts)),
                quote_id=None,
                source_entity_id=_speaker_entity(fresh, fact.source),
                qualifiers=[replace(_part(fresh, q.start, q.end), label=q.label) for q in fact.qualifiers],
                **parts,  # type: ignore[arg-type]
            )
        )
    fresh.quotes.sort(key=lambda q: q.start)
    fresh.facts.sort(key=lambda f: f.sentence_start)
    fresh.reindex()
    return fresh
