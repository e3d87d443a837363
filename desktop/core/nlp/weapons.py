"""Component dossier_weapons: WEAPON spans from a curated lexicon and designation patterns.

The small English model has no weapon label, so weapons come from rules over
``resources/weapons.json``. A weapon mention is a run of adjacent lexicon
entries that ends in a head noun ("vertical launch reconnaissance drone",
"body armor kit"): the modifiers that make the type belong to the span, the
count or determiner in front does not. Entries are matched on lower-cased
forms and lemmas after a small spelling table, so plurals and British or
American spellings need no entries of their own. Designations that are not
in the lexicon ("Geran-25", "Kh-101", "M777") count only with a known family
prefix or a weapon word close by, which keeps "COVID-19" and "G-20" out.
Ship names with a navy prefix ("HMS Daring") and the hull number in brackets
after them are military platforms too. Spans go to ``doc.spans[WEAPON_GROUP]``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from desktop.core.nlp.spans import WEAPON_GROUP
from desktop.core.resources import resource_path

LABEL = "WEAPON"
LEXICON_FILE = "weapons.json"

_HYPHENS = {"-", "‐", "‑"}
_CONJUNCTIONS = {"and", "or", "&"}
# A capitalised name or acronym joined to a number: Geran-25, Kh-101, Tu-95MS, M777, 9M723, ZSU-23-4.
_DESIGNATION = re.compile(
    r"^(?P<prefix>[A-Z][A-Za-z]{0,9}|\d[A-Z]{1,2})(?P<hyphen>-?)(?P<digits>\d{1,4})[A-Za-z0-9]{0,4}"
    r"(?:-[A-Z0-9]{1,3})?$"
)
# A calibre in front of a weapon belongs to its type: "155mm shells", ".50-caliber machine gun".
_CALIBRE_UNITS = {"mm", "millimeter", "millimetre", "caliber", "calibre", "cal"}
_CALIBRE_TOKEN = re.compile(r"^\.?\d+(?:\.\d+)?(?:mm|-?caliber|-?calibre)$", re.IGNORECASE)
_HULL_NUMBER = re.compile(r"^[A-Z]{1,4}(?:-?\d{1,4})?$")
_SHIP_NAME_PARTICLES = {"de", "la", "le", "del", "du", "van", "von", "der", "of"}
# Model entity types that never continue a weapon name ("F-16s Monday", "HIMARS Ukraine").
_NOT_NAME_PARTS = {"DATE", "TIME", "GPE", "LOC", "NORP", "PERSON", "CARDINAL", "ORDINAL", "QUANTITY"}
_NAME_ENTITY_TYPES = {"ORG", "FAC", "WORK_OF_ART", "EVENT", "LAW", "PERSON", "GPE", "LOC"}
_CONTEXT_WINDOW = 8  # tokens either side in which a weapon word makes a designation or name a weapon


@dataclass
class _Entry:
    """What a lexicon phrase can be in a run: roles plus the case it must be written in."""

    phrase: str
    roles: set[str] = field(default_factory=set)
    # per token: "upper" (acronym, all capitals), "title" (starts with a capital) or "any"
    cases: tuple[str, ...] = ()


@dataclass
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    entry: _Entry | None = None


@dataclass
class _Unit:
    """One matched lexicon entry, designation or calibre in the text."""

    start: int
    end: int
    roles: set[str]
    phrase: str


def _case_of(word: str) -> str:
    letters = [c for c in word if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return "upper"
    if letters and word[0].isupper():
        return "title"
    return "any"


def _case_fits(token: Token, case: str) -> bool:
    text = token.text
    if case == "upper":
        stem = text[:-1] if text.endswith("s") and len(text) > 2 else text
        return stem.upper() == stem
    if case == "title":
        return text[:1].isupper() or text[:1].isdigit()
    return True


@lru_cache(maxsize=1)
def load_lexicon() -> dict[str, Any]:
    """The weapons lexicon from resources/ (read once per process)."""
    with open(resource_path(LEXICON_FILE), encoding="utf-8") as handle:
        return json.load(handle)


class WeaponFinder:
    """Finds WEAPON spans; built once per pipeline, then called on every Doc."""

    def __init__(self, tokenize: Callable[[str], Doc], lexicon: dict[str, Any]) -> None:
        self._spelling: dict[str, str] = {k.lower(): v.lower() for k, v in lexicon["spelling"].items()}
        self._root = _Node()
        for group in lexicon["heads"].values():
            self._add(tokenize, group, "head")
        self._add(tokenize, lexicon["qualified_heads"], "qualified")
        self._add(tokenize, lexicon["modifiers"], "modifier")
        ambiguous = set(lexicon["named_ambiguous"])
        self._add(tokenize, [name for name in lexicon["named"] if name not in ambiguous], "named")
        self._add(tokenize, ambiguous, "ambiguous")
        self._constraints: dict[str, dict[str, Any]] = {
            self._phrase_key(tokenize, phrase): {
                key: (set(map(str.lower, value)) if isinstance(value, list) else value)
                for key, value in rules.items()
            }
            for phrase, rules in lexicon["constraints"].items()
            if not phrase.endswith("_comment")
        }
        designations = lexicon["designations"]
        self._families = {p.lower() for p in designations["families"]}
        self._not_designations = {p.lower() for p in designations["not_weapons"]}
        self._ship_prefixes = set(lexicon["ship_prefixes"])
        self._context_lemmas = {w.lower() for w in lexicon["context_lemmas"]}

    # ---- building -------------------------------------------------------------------------------

    def _spell(self, word: str) -> str:
        return self._spelling.get(word, word)

    def _phrase_tokens(self, tokenize: Callable[[str], Doc], phrase: str) -> list[str]:
        return [t.text for t in tokenize(phrase) if t.text not in _HYPHENS]

    def _phrase_key(self, tokenize: Callable[[str], Doc], phrase: str) -> str:
        return " ".join(self._spell(w.lower()) for w in self._phrase_tokens(tokenize, phrase))

    def _add(self, tokenize: Callable[[str], Doc], phrases: Iterable[str], role: str) -> None:
        for phrase in phrases:
            words = self._phrase_tokens(tokenize, phrase)
            node = self._root
            for word in words:
                node = node.children.setdefault(self._spell(word.lower()), _Node())
            cases = tuple(_case_of(w) for w in words)
            if node.entry is None:
                node.entry = _Entry(" ".join(self._spell(w.lower()) for w in words), cases=cases)
            else:  # the same words listed twice: the looser case requirement wins
                node.entry.cases = tuple(
                    old if old == new else "any" for old, new in zip(node.entry.cases, cases, strict=True)
                )
            node.entry.roles.add(role)

    # ---- matching -------------------------------------------------------------------------------

    def _keys(self, token: Token, tagged: bool) -> set[str]:
        """The forms a token can match: lower case and, for nouns, the lemma and the singular of
        an -s plural ("VBIEDs", "F-16s"); a verb's lemma would make "shelled" a shell."""
        lower = token.lower_
        keys = {self._spell(lower)}
        if tagged and token.pos_ not in ("NOUN", "PROPN"):
            return keys
        if token.lemma_:
            keys.add(self._spell(token.lemma_.lower()))
        if len(lower) > 3 and lower.endswith("s") and not lower.endswith("ss"):
            keys.add(self._spell(lower[:-1]))
        return keys

    def _longest_match(self, doc: Doc, keys: list[set[str]], start: int) -> _Unit | None:
        best: _Unit | None = None
        frontier: list[tuple[_Node, int, list[int]]] = [(self._root, start, [])]
        while frontier:
            node, i, used = frontier.pop()
            longer = used and (best is None or used[-1] + 1 > best.end)
            if node.entry is not None and longer and self._cases_fit(doc, used, node.entry.cases):
                best = _Unit(start, used[-1] + 1, set(node.entry.roles), node.entry.phrase)
            if i >= len(doc):
                continue
            if used and doc[i].text in _HYPHENS and _attached(doc, i) and i + 1 < len(doc):
                i += 1  # "rocket-propelled" = "rocket propelled"
            if used and doc[i].is_sent_start:
                continue
            for key in keys[i]:
                child = node.children.get(key)
                if child is not None:
                    frontier.append((child, i + 1, [*used, i]))
        return best

    @staticmethod
    def _cases_fit(doc: Doc, used: list[int], cases: tuple[str, ...]) -> bool:
        return all(_case_fits(doc[i], case) for i, case in zip(used, cases, strict=True))

    def _designation(self, token: Token) -> _Unit | None:
        match = _DESIGNATION.match(token.text[:-1] if token.text.endswith("s") else token.text)
        if match is None or token.ent_type_ in ("DATE", "TIME"):
            return None
        prefix = match.group("prefix").lower()
        if prefix in self._not_designations:
            return None
        if not match.group("hyphen") and len(match.group("digits")) < 2:
            return None  # "CO2", "K9": too short to be a model number
        role = "named" if prefix in self._families else "ambiguous"
        return _Unit(token.i, token.i + 1, {role, "designation"}, token.text)

    @staticmethod
    def _calibre(doc: Doc, i: int) -> _Unit | None:
        token = doc[i]
        if _CALIBRE_TOKEN.match(token.text):
            return _Unit(i, i + 1, {"modifier"}, token.lower_)
        if not token.like_num or token.whitespace_ or i + 1 >= len(doc):
            return None
        j = i + 2 if doc[i + 1].text in _HYPHENS and i + 2 < len(doc) and _attached(doc, i + 1) else i + 1
        if doc[j].lower_ in _CALIBRE_UNITS:
            return _Unit(i, j + 1, {"modifier"}, doc[i : j + 1].text.lower())
        return None

    def _units(self, doc: Doc) -> list[_Unit]:
        tagged = doc.has_annotation("POS")
        keys = [self._keys(t, tagged) for t in doc]
        units: list[_Unit] = []
        i = 0
        while i < len(doc):
            unit = self._longest_match(doc, keys, i) or self._calibre(doc, i) or self._designation(doc[i])
            if unit is None:
                i += 1
                continue
            units.append(unit)
            i = unit.end
        return units

    @staticmethod
    def _runs(doc: Doc, units: list[_Unit]) -> list[list[_Unit]]:
        """Adjacent units (or joined by a hyphen), never across a sentence start."""
        runs: list[list[_Unit]] = []
        for unit in units:
            if runs and not doc[unit.start].is_sent_start:
                last = runs[-1][-1]
                gap = doc[last.end : unit.start]
                if unit.start == last.end or (
                    len(gap) == 1 and gap[0].text in _HYPHENS and _attached(doc, last.end)
                ):
                    runs[-1].append(unit)
                    continue
            runs.append([unit])
        return runs

    # ---- deciding -------------------------------------------------------------------------------

    def _rules(self, unit: _Unit) -> dict[str, Any]:
        return self._constraints.get(unit.phrase, {})

    def _head_ok(self, doc: Doc, unit: _Unit, first: bool, supported: bool) -> str | None:
        """Whether the unit can end a weapon span: None if not, else "yes", "context" or "require".
        `supported`: a weapon word (not just a name) stands before it in the run."""
        roles = unit.roles
        if not roles & {"head", "qualified", "named", "ambiguous"}:
            return None
        if not supported and roles <= {"qualified", "modifier"}:
            return None  # "Patriot mine", "operating system"
        rules = self._rules(unit) if roles & {"head", "qualified"} else {}
        last = doc[unit.end - 1]
        left = doc[unit.start - 1] if unit.start > 0 else None
        right = _next_word(doc, unit.end)
        if rules.get("lowercase") and not (
            last.is_lower or (last.is_sent_start and last.lower_.endswith("s"))
        ):
            return None
        if rules.get("noun") and doc.has_annotation("POS") and last.pos_ not in ("NOUN", "PROPN"):
            return None
        if left is not None and {left.lower_, left.lemma_.lower()} & rules.get("exclude_left", set()):
            return None
        if right is not None and {right.lower_, right.lemma_.lower()} & rules.get("exclude_right", set()):
            return None
        if "require_left" in rules or "require_right" in rules:
            if unit.phrase != unit.phrase.split()[-1] or not first:
                return "yes"  # "small arms": the phrase itself says it
            if left is not None and left.lower_ in rules.get("require_left", set()):
                return "yes"
            if right is not None and right.lower_ in rules.get("require_right", set()):
                return "yes"
            return "require"
        if rules.get("context") and first:
            return "context"
        if roles == {"ambiguous"} and left is not None and _part_of_other_name(left):
            return None  # "Unified Trident", "Harrison Ford": a word of another name
        if roles & {"head", "qualified", "named"}:
            return "yes"
        return "context"  # an ambiguous name or designation alone

    def _span_of_run(self, doc: Doc, run: list[_Unit]) -> tuple[int, int, str] | None:
        for k in range(len(run) - 1, -1, -1):
            supported = any(not unit.roles <= {"ambiguous", "designation"} for unit in run[:k])
            verdict = self._head_ok(doc, run[k], first=k == 0, supported=supported)
            if verdict is not None:
                if k > 0 and verdict == "context" and not (run[k].roles & {"head", "qualified"}):
                    verdict = "yes"  # a name with weapon words in front: "Russian-made Kalibr"
                if k == 0 and len(run) > 1 and verdict != "yes" and "head" in run[1].roles:
                    verdict = "yes"  # a name right before a weapon word: "Abrams tanks"
                return run[0].start, run[k].end, verdict
        return None

    def _in_military_sentence(self, doc: Doc, start: int, end: int, sure: list[tuple[int, int]]) -> bool:
        """A weapon close by, or a military word ("fired", "troops") anywhere in the sentence."""
        if _near_weapon(doc, start, end, sure):
            return True
        sent_start, sent_end = _sentence_bounds(doc, start)
        return any(
            (t.lower_ in self._context_lemmas or t.lemma_.lower() in self._context_lemmas)
            for t in doc[sent_start:sent_end]
            if not start <= t.i < end
        )

    def _coordinated_with(self, doc: Doc, start: int, end: int, sure: list[tuple[int, int]]) -> bool:
        """'arms and ammunition', 'weapons and arms': joined by and/or to a weapon."""
        ends = {e for _, e in sure}
        starts = {s for s, _ in sure}
        before = start - 1
        after = end
        return (before >= 1 and doc[before].lower_ in _CONJUNCTIONS | {","} and before in ends) or (
            after + 1 < len(doc) and doc[after].lower_ in _CONJUNCTIONS | {","} and after + 1 in starts
        )

    def _extend_coordination(
        self, doc: Doc, start: int, end: int, by_start: dict[int, list[_Unit]], by_end: dict[int, list[_Unit]]
    ) -> int:
        """'attack, bomber, fighter and remotely piloted aircraft', 'artillery and mortar systems':
        words joined by and/or that share the head belong to its span. A list joins when one of
        its words cannot stand alone ("attack") or a singular one meets a plural head."""
        own = by_start.get(start)
        # "artillery and mortar systems": two nouns in parallel in front of one plural head
        parallel_nouns = (
            own is not None
            and len(own) > 1
            and "head" in own[0].roles
            and doc[end - 1].tag_ in ("NNS", "NNPS")
        )
        joined_list = False
        while True:
            j = start - 1
            while j >= 0 and doc[j].lower_ in _CONJUNCTIONS | {","}:
                j -= 1
            if j == start - 1 or j < 0:
                return start
            run = by_end.get(j + 1)
            if run is None or run[-1].roles & {"named", "ambiguous"}:
                return start
            if any(doc[u.end - 1].tag_ in ("NNS", "NNPS") for u in run):
                return start
            dangling = self._span_of_run(doc, run) is None
            if not (dangling or joined_list or (parallel_nouns and "head" in run[-1].roles)):
                return start
            joined_list = True
            start = run[0].start

    # ---- ships ----------------------------------------------------------------------------------

    def _ships(self, doc: Doc) -> list[tuple[int, int]]:
        found: list[tuple[int, int]] = []
        names: set[str] = set()
        for token in doc:
            if token.text not in self._ship_prefixes or token.i + 1 >= len(doc):
                continue
            end = token.i + 1
            last_title = None
            while end < len(doc) and end - token.i <= 5 and not doc[end].is_sent_start:
                word = doc[end]
                if word.is_title and word.is_alpha:
                    last_title = end
                elif word.lower_ not in _SHIP_NAME_PARTICLES or last_title is None:
                    break
                end += 1
            if last_title is None:
                continue
            found.append((token.i, last_title + 1))
            if last_title == token.i + 1:
                names.add(doc[last_title].text)
            hull = _hull_number(doc, last_title + 1)
            if hull is not None:
                found.append(hull)
        if names:
            taken = {i for s, e in found for i in range(s, e)}
            found += [(t.i, t.i + 1) for t in doc if t.text in names and t.i not in taken]
        return found

    # ---- the component --------------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        runs = self._runs(doc, self._units(doc))
        candidates: list[tuple[int, int, str]] = []
        for run in runs:
            span = self._span_of_run(doc, run)
            if span is not None and not _inside_other_name(doc, run):
                candidates.append(span)
        ships = self._ships(doc)
        sure = [(s, e) for s, e, verdict in candidates if verdict == "yes"] + ships
        by_start = {run[0].start: run for run in runs}
        by_end = {run[-1].end: run for run in runs}
        chosen: list[tuple[int, int]] = []
        for start, end, verdict in candidates:
            if verdict == "context":
                near = (
                    _near_weapon(doc, start, end, sure)  # a bare designation needs a weapon word
                    if "designation" in by_start[start][0].roles
                    else self._in_military_sentence(doc, start, end, sure)
                )
                if not near:
                    continue
            elif verdict == "require" and not self._coordinated_with(doc, start, end, sure):
                continue
            start = self._extend_coordination(doc, start, end, by_start, by_end)
            chosen.append((start, _name_tail(doc, end)))
        chosen += ships
        doc.spans[WEAPON_GROUP] = [Span(doc, s, e, label=LABEL) for s, e in _without_overlaps(chosen)]
        return doc


def _near_weapon(doc: Doc, start: int, end: int, sure: list[tuple[int, int]]) -> bool:
    """Another weapon within a few words in the same sentence."""
    sent_start, sent_end = _sentence_bounds(doc, start)
    lo, hi = max(sent_start, start - _CONTEXT_WINDOW), min(sent_end, end + _CONTEXT_WINDOW)
    return any(s < hi and e > lo and (s, e) != (start, end) for s, e in sure)


def _attached(doc: Doc, i: int) -> bool:
    """A hyphen written without spaces around it."""
    return i > 0 and not doc[i - 1].whitespace_ and not doc[i].whitespace_


def _part_of_other_name(token: Token) -> bool:
    """A proper name right before an ambiguous weapon name makes it part of that name."""
    if token.ent_type_ == "NORP" or token.is_stop or token.is_sent_start:
        return False  # "Ukrainian Patriot", "The Patriot"
    if token.doc.has_annotation("TAG"):
        return token.tag_ in ("NNP", "NNPS")
    return token.is_title


def _inside_other_name(doc: Doc, run: list[_Unit]) -> bool:
    """Generic words inside another name ("321st Field Artillery Regiment", "Counter-IED training"):
    capitalised mid-sentence within a model entity, or glued by a hyphen to a word before."""
    if any(u.roles & {"named", "ambiguous"} for u in run):
        return False
    first = doc[run[0].start]
    if first.is_title and not first.is_sent_start and first.ent_type_ in _NAME_ENTITY_TYPES:
        return True
    i = run[0].start
    return i >= 2 and doc[i - 1].text in _HYPHENS and _attached(doc, i - 1) and doc[i - 2].is_alpha


def _next_word(doc: Doc, i: int) -> Token | None:
    """The token at i, or the one after it if i is a hyphen glued to both ("gun-controlled")."""
    if i + 1 < len(doc) and doc[i].text in _HYPHENS and _attached(doc, i):
        return doc[i + 1]
    return doc[i] if i < len(doc) else None


def _sentence_bounds(doc: Doc, i: int) -> tuple[int, int]:
    if not doc.has_annotation("SENT_START"):
        return 0, len(doc)
    sent = doc[i].sent
    return sent.start, sent.end


def _name_tail(doc: Doc, end: int) -> int:
    """Capitalised words that continue a designation's name: 'KC-135R Stratotanker'."""
    if not _DESIGNATION.match(doc[end - 1].text.rstrip("s")):
        return end
    stop = end
    while (
        stop < len(doc)
        and stop - end < 3
        and doc[stop].is_title
        and doc[stop].is_alpha
        and not doc[stop].is_sent_start
        and doc[stop].ent_type_ not in _NOT_NAME_PARTS
        and (not doc.has_annotation("TAG") or doc[stop].tag_ in ("NNP", "NNPS"))
    ):
        stop += 1
    return stop


def _hull_number(doc: Doc, i: int) -> tuple[int, int] | None:
    """'(DDG 70)' or '(L 12)' right after a ship's name."""
    if i + 2 >= len(doc) or doc[i].text != "(" or not _HULL_NUMBER.match(doc[i + 1].text):
        return None
    if doc[i + 2].text == ")":
        return (i + 1, i + 2)
    if i + 3 < len(doc) and doc[i + 2].is_digit and doc[i + 3].text == ")":
        return (i + 1, i + 3)
    return None


def _without_overlaps(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Longest first, then left to right; sorted by position."""
    taken: set[int] = set()
    kept: list[tuple[int, int]] = []
    for start, end in sorted(set(spans), key=lambda s: (-(s[1] - s[0]), s[0])):
        if any(i in taken for i in range(start, end)):
            continue
        taken.update(range(start, end))
        kept.append((start, end))
    return sorted(kept)


@Language.factory("dossier_weapons")
def make_weapon_finder(nlp: Language, name: str) -> WeaponFinder:
    """Build the matcher once per pipeline, with the pipeline's own tokenizer."""
    return WeaponFinder(nlp.make_doc, load_lexicon())
