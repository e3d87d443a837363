"""Group mentions into entities: "Kim Jong Un" and "Kim" are one person.

Rules, in order, within one label:

1. Same normalized name ("MOSCOW", "Moscow", "Russia’s") → same entity.
2. Known aliases from resources/aliases.json ("U.S." / "US" / "United States").
3. An acronym the text defines ("Islamic State (IS)") or whose letters are
   the initials of a longer name in the article ("NATO").
4. People: a shorter name whose words appear, in order, inside a longer
   name ("Kim" → "Kim Jong Un"; "Putin" → "Vladimir Putin"), preferring the
   longest full name when several fit.

The canonical name is the longest proper-name mention, in its most common
non-shouting spelling.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from functools import cache

from desktop.core.model import Entity, Mention
from desktop.core.resources import resource_path

_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_LEADING_DET = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_NON_WORD = re.compile(r"[^\w\s-]")
_SPACES = re.compile(r"\s+")
_STOP_INITIALS = {"of", "the", "and", "for", "in", "on", "al", "de"}


def normalize_name(text: str) -> str:
    """A comparison key: no determiner, possessive, dots or case."""
    text = _LEADING_DET.sub("", text.strip())
    text = _POSSESSIVE.sub("", text)
    text = text.replace(".", "")
    text = _NON_WORD.sub(" ", text)
    return _SPACES.sub(" ", text).strip().casefold()


@cache
def _alias_keys() -> dict[str, str]:
    """Map each known alias key to the key of its group's first name."""
    with open(resource_path("aliases.json"), encoding="utf-8") as handle:
        groups: list[list[str]] = json.load(handle)["groups"]
    table: dict[str, str] = {}
    for group in groups:
        head = normalize_name(group[0])
        for alias in group:
            table[normalize_name(alias)] = head
    return table


def _initials(key: str) -> str:
    words = [w for w in re.split(r"[\s-]+", key) if w and w not in _STOP_INITIALS]
    return "".join(w[0] for w in words)


def _defined_acronyms(text: str, mentions: list[Mention]) -> dict[str, str]:
    """Acronyms defined in the text as "Long Name (LN)", acronym key → name key."""
    defined: dict[str, str] = {}
    for mention in mentions:
        match = re.match(r"\s*\(([A-Z][A-Za-z.&-]{1,9})\)", text[mention.end : mention.end + 14])
        if not match:
            continue
        acronym = normalize_name(match.group(1))
        name = normalize_name(mention.text)
        if len(name.split()) > 1 and _initials(name).startswith(acronym[:1]):
            defined[acronym] = name
    return defined


def _contains_in_order(short: list[str], long: list[str]) -> bool:
    if len(short) >= len(long):
        return False
    position = 0
    for word in short:
        try:
            position = long.index(word, position) + 1
        except ValueError:
            return False
    return True


def _display_name(texts: Iterable[str]) -> str:
    """Longest spelling, preferring one that is not all capitals or possessive."""

    def cleaned(text: str) -> str:
        return _POSSESSIVE.sub("", _LEADING_DET.sub("", text.strip())).strip()

    counts = Counter(cleaned(t) for t in texts)
    return max(counts, key=lambda t: (len(t.split()), not t.isupper(), counts[t], len(t)))


def group_mentions(text: str, mentions: list[Mention], id_prefix: str = "e") -> list[Entity]:
    """Build entities over mentions (in place: sets ``mention.entity_id``)."""
    ordered = sorted(mentions, key=lambda m: (m.start, m.end))
    aliases = _alias_keys()
    acronyms = _defined_acronyms(text, ordered)
    # key per (label, normalized name) → representative key after alias folding
    keys_by_label: dict[str, list[str]] = {}
    key_of: dict[str, str] = {}
    for mention in ordered:
        key = normalize_name(mention.text) or mention.text.casefold()
        key = aliases.get(key, key)
        key = acronyms.get(key, key)
        key_of[mention.id] = key
        keys_by_label.setdefault(mention.label, [])
        if key not in keys_by_label[mention.label]:
            keys_by_label[mention.label].append(key)

    # Fold short keys into longer ones of the same label.
    fold: dict[tuple[str, str], str] = {}
    for label, keys in keys_by_label.items():
        if label not in ("PERSON", "ORG", "PLACE"):
            continue
        by_length = sorted(keys, key=lambda k: -len(k.split()))
        for key in keys:
            words = key.split()
            target = None
            for longer in by_length:
                if longer == key:
                    continue
                long_words = longer.split()
                if label == "PERSON" and _contains_in_order(words, long_words):
                    target = longer
                    break
                if (
                    label != "PERSON"
                    and len(words) == 1
                    and len(key) >= 2
                    and len(long_words) >= 2
                    and _initials(longer) == key
                ):
                    target = longer
                    break
            if target is not None:
                fold[(label, key)] = target

    def resolve(label: str, key: str) -> str:
        seen = set()
        while (label, key) in fold and key not in seen:
            seen.add(key)
            key = fold[(label, key)]
        return key

    entities: dict[tuple[str, str], Entity] = {}
    for mention in ordered:
        group_key = (mention.label, resolve(mention.label, key_of[mention.id]))
        entity = entities.get(group_key)
        if entity is None:
            entity = Entity(
                id=f"{id_prefix}{len(entities) + 1}",
                label=mention.label,
                name=mention.text,
                origin=mention.origin,
            )
            entities[group_key] = entity
        entity.mention_ids.append(mention.id)
        mention.entity_id = entity.id

    by_id = {m.id: m for m in ordered}
    for entity in entities.values():
        texts = [by_id[i].text for i in entity.mention_ids]
        entity.name = _display_name(texts)
        entity.aliases = sorted({_display_name([t]) for t in texts} - {entity.name})
    return list(entities.values())
