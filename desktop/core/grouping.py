"""Group mentions into entities: "Kim Jong Un" and "Kim" are one person.

Rules, in order, within one label:

1. Same normalized name ("MOSCOW", "Moscow", "Russia’s") → same entity; a
   person's title does not count ("President Putin" is "Putin").
2. Known aliases from resources/aliases.json ("U.S." / "US" / "United States").
3. An acronym the text defines ("Islamic State (IS)") or whose letters are
   the initials of a longer name in the article ("NATO").
4. People: a shorter name whose words appear, in order, inside a longer
   name ("Kim" → "Kim Jong Un"; "Putin" → "Vladimir Putin").

A short name that fits several longer ones ("Kim" with "Kim Jong Un" and
"Kim Yo Jong") goes, mention by mention, to the one named most recently
before it (or, failing that, first after it), as a reader would take it.

The canonical name is the longest proper-name mention, in its most common
non-shouting spelling. Everything is dictionary look-ups over the
article's distinct names, so grouping stays fast on long texts.
"""

from __future__ import annotations

import bisect
import json
import re
from collections import Counter
from collections.abc import Iterable
from functools import cache, lru_cache

from desktop.core.model import Entity, Mention
from desktop.core.resources import resource_path

_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_LEADING_DET = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_NON_WORD = re.compile(r"[^\w\s-]")
_SPACES = re.compile(r"\s+")
_STOP_INITIALS = {"of", "the", "and", "for", "in", "on", "al", "de"}
_FOLDED_LABELS = ("PERSON", "ORG", "PLACE")


@lru_cache(maxsize=65536)
def normalize_name(text: str) -> str:
    """A comparison key: no determiner, possessive, dots or case (cached: an edit compares every entity)."""
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


@cache
def _person_titles() -> tuple[str, ...]:
    """Normalized titles ("president", "lt gen"), longest first, from the names lexicon."""
    with open(resource_path("names.json"), encoding="utf-8") as handle:
        titles = json.load(handle)["person titles"]["titles"]
    return tuple(sorted({normalize_name(t) for t in titles}, key=len, reverse=True))


def _person_key(key: str) -> str:
    """'president vladimir putin' → 'vladimir putin' (a title alone stays as it is)."""
    stripped = True
    while stripped:
        stripped = False
        for title in _person_titles():
            if key.startswith(title + " "):
                key = key[len(title) + 1 :]
                stripped = True
                break
    return key


def _without_title(text: str) -> str:
    """'President Vladimir Putin' → 'Vladimir Putin', as written."""
    key = normalize_name(text)
    dropped = len(key.split()) - len(_person_key(key).split())
    return " ".join(text.split()[dropped:]) if dropped else text


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


def _mention_key(mention: Mention, aliases: dict[str, str], acronyms: dict[str, str]) -> str:
    key = normalize_name(mention.text) or mention.text.casefold()
    if mention.label == "PERSON":
        key = _person_key(key.replace("-", " "))  # "Kim Jong-Un" is "Kim Jong Un"
    key = aliases.get(key, key)
    return acronyms.get(key, key)


def _longer_names(label: str, keys: list[str]) -> dict[str, list[str]]:
    """For each short key, the longer keys of the same label it may stand for."""
    by_word: dict[str, set[str]] = {}
    for key in keys:
        for word in set(key.split()):
            by_word.setdefault(word, set()).add(key)
    by_initials: dict[str, list[str]] = {}
    for key in keys:
        if len(key.split()) >= 2:
            by_initials.setdefault(_initials(key), []).append(key)
    longer: dict[str, list[str]] = {}
    for key in keys:
        words = key.split()
        if label == "PERSON" and words:
            pool = set.intersection(*(by_word[w] for w in set(words)))
            fits = [k for k in pool if _contains_in_order(words, k.split())]
        elif label != "PERSON" and len(words) == 1 and len(key) >= 2:
            fits = by_initials.get(key, [])
        else:
            fits = []
        if fits:
            longer[key] = sorted(fits, key=lambda k: (-len(k.split()), k))
    return longer


class _Folding:
    """Where each short name goes: one longer name for all its mentions, or the nearest one."""

    def __init__(self, label: str, keys: list[str]) -> None:
        self.target: dict[str, str] = {}
        self.choices: dict[str, list[str]] = {}
        longer = _longer_names(label, keys)
        for key in sorted(keys, key=lambda k: -len(k.split())):
            targets = sorted({self.resolve(k) for k in longer.get(key, [])})
            if len(targets) == 1:
                self.target[key] = targets[0]
            elif len(targets) > 1:
                self.choices[key] = targets

    def resolve(self, key: str) -> str:
        seen = set()
        while key in self.target and key not in seen:
            seen.add(key)
            key = self.target[key]
        return key


def _nearest(choices: list[str], position: int, starts: dict[str, list[int]]) -> str:
    """The choice mentioned last before ``position``, else first after it."""
    best_before: tuple[int, str] | None = None
    best_after: tuple[int, str] | None = None
    for choice in choices:
        positions = starts.get(choice, [])
        index = bisect.bisect_left(positions, position)
        if index > 0 and (best_before is None or positions[index - 1] > best_before[0]):
            best_before = (positions[index - 1], choice)
        if index < len(positions) and (best_after is None or positions[index] < best_after[0]):
            best_after = (positions[index], choice)
    chosen = best_before or best_after
    return chosen[1] if chosen else choices[0]


_HONORIFIC = re.compile(r"\b(Mrs|Ms|Miss|Mr|Madam|Mme|Mister)\.?\s+$")
_HONORIFIC_GENDER = {"mrs": "f", "ms": "f", "miss": "f", "madam": "f", "mme": "f", "mr": "m", "mister": "m"}


def _honorific_gender(text: str, mention: Mention) -> str | None:
    """ "Mrs. Clinton": the gender the honorific before a person's name gives ('f'/'m'), if any."""
    match = _HONORIFIC.search(text[max(0, mention.start - 8) : mention.start])
    return _HONORIFIC_GENDER[match.group(1).casefold()] if match else None


@cache
def _given_names() -> dict[str, str]:
    with open(resource_path("given_names.json"), encoding="utf-8") as handle:
        data = json.load(handle)
    return {name: "f" for name in data["female"]} | {name: "m" for name in data["male"]}


def _name_gender(key: str) -> str | None:
    """The gender a full name's given name tells ('hillary clinton' → 'f'); None for one word or unknown."""
    words = key.split()
    return _given_names().get(words[0]) if len(words) >= 2 else None


def _same_surname(key: str, starts: dict[str, list[int]]) -> list[str]:
    """Full names in the article that end with this short name ('clinton' → 'hillary clinton', …)."""
    return sorted(k for k in starts if len(k.split()) >= 2 and k.split()[-1] == key.split()[-1])


def group_mentions(text: str, mentions: list[Mention], id_prefix: str = "e") -> list[Entity]:
    """Build entities over mentions (in place: sets ``mention.entity_id``)."""
    ordered = sorted(mentions, key=lambda m: (m.start, m.end))
    aliases = _alias_keys()
    acronyms = _defined_acronyms(text, ordered)
    key_of = {m.id: _mention_key(m, aliases, acronyms) for m in ordered}

    keys_by_label: dict[str, dict[str, None]] = {}
    for mention in ordered:
        keys_by_label.setdefault(mention.label, {})[key_of[mention.id]] = None
    foldings = {
        label: _Folding(label, list(keys)) for label, keys in keys_by_label.items() if label in _FOLDED_LABELS
    }

    def group_key(mention: Mention, key: str) -> str:
        folding = foldings.get(mention.label)
        return folding.resolve(key) if folding else key

    # Where each full name is mentioned, for short names that fit several.
    starts: dict[str, dict[str, list[int]]] = {}
    for mention in ordered:
        by_key = starts.setdefault(mention.label, {})
        by_key.setdefault(group_key(mention, key_of[mention.id]), []).append(mention.start)

    entities: dict[tuple[str, str], Entity] = {}
    for mention in ordered:
        key = group_key(mention, key_of[mention.id])
        folding = foldings.get(mention.label)
        honorific = _honorific_gender(text, mention) if mention.label == "PERSON" else None
        if folding and key in folding.choices:
            choices = folding.choices[key]
            if honorific is not None:
                choices = [c for c in choices if _name_gender(c) in (None, honorific)] or [key]
            key = _nearest(choices, mention.start, starts[mention.label]) if choices != [key] else key
        if honorific is not None and _name_gender(key) not in (None, honorific):
            # "Mrs. Clinton" is not Bill Clinton: her own entity, until her full name is grouped with it
            key = key_of[mention.id]
            key = next(
                (c for c in _same_surname(key, starts[mention.label]) if _name_gender(c) == honorific), key
            )
        entity = entities.get((mention.label, key))
        if entity is None:
            entity = Entity(
                id=f"{id_prefix}{len(entities) + 1}",
                label=mention.label,
                name=mention.text,
                origin=mention.origin,
            )
            entities[(mention.label, key)] = entity
        entity.mention_ids.append(mention.id)
        mention.entity_id = entity.id

    by_id = {m.id: m for m in ordered}
    for entity in entities.values():
        texts = [by_id[i].text for i in entity.mention_ids]
        names = [_without_title(t) for t in texts] if entity.label == "PERSON" else texts
        entity.name = _display_name(names)
        entity.aliases = sorted({_display_name([t]) for t in texts} - {entity.name})
    return list(entities.values())
