"""Component dossier_names: fix the small model's systematic errors on news names.

en_core_web_sm reads news names well enough, but errs the same way again and
again: it misses armed groups and agencies ("ISIL", "Da'esh"), calls
"DPRK" an ORG and "Raqqah" a PERSON, splits "Komsomolsk-on-Amur", takes
nationalities ("Russian") for organizations and leaves datelines
("MOSCOW:") to chance. Each rule below corrects one of these patterns for
any article, from the lexicons in resources/names.json.

Results: PERSON/ORG/PLACE spans in ``doc.spans[NAME_GROUP]`` (the resolver
lets them win over the model's entities), and ``doc.ents`` corrected where a
model entity has to go without a replacement (a nationality relabelled NORP,
a title such as "Secretary of State" that is not a name).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token

from desktop.core.nlp.quotes_speakers import load_cues
from desktop.core.nlp.spans import HEADING_GROUP, NAME_GROUP
from desktop.core.resources import resource_path

MODEL_TO_LABEL = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE"}

# Lower-case words that may sit inside a name: "Dayr az Zawr", "Abu Bakr al-Baghdadi".
_NAME_PARTICLES = {
    "al", "el", "ad", "ar", "as", "at", "az", "an", "bin", "ibn", "bint", "abu", "umm", "de", "del",
    "della", "der", "van", "von", "da", "du", "di", "la", "le", "ul", "of", "-",
}  # fmt: skip
_NOT_NAME_START = ("VERB", "AUX")
_LOCATIVES = {"in", "at", "near", "from", "across", "throughout", "outside", "into", "inside"}
_LIST_LINKS = {"and", "or"}
_IN_PLACE = {"in", "at", "throughout", "into", "inside"}
_COMPASS = {"eastern", "western", "northern", "southern", "central", "north", "south", "east", "west"}
_DEMONYM_ENDING = re.compile(r"(?:an|ans|ese|ish|ic|i|is|ch|ite|ites|ist|ists|ss|s)$")
_DATELINE_BREAKS = {":", "—", "–", "-", "--", "("}
_HYPHEN_LINKS = {"on", "upon", "sur", "sous", "under", "le", "la", "les", "am", "an", "der", "de", "en", "by"}
_LINE_BREAK = re.compile(r"\n\s*")
_SHORT_ACRONYM = re.compile(r"^[A-Z][A-Z0-9.]{0,4}$")

# Rule priorities: a higher one wins where two rule spans overlap.
_SPEAKING, _LEXICON, _TITLED, _STRUCTURE, _CONTEXT, _PROPAGATED = 6, 5, 4, 3, 2, 1


@cache
def load_lexicons() -> dict[str, Any]:
    with open(resource_path("names.json"), encoding="utf-8") as handle:
        return json.load(handle)


@dataclass
class _Candidate:
    start: int
    end: int
    label: str
    priority: int


def _all_caps_acronym(entry: str) -> bool:
    return bool(_SHORT_ACRONYM.match(entry)) and any(c.isalpha() for c in entry)


def _has_capital(span: Span) -> bool:
    return any(c.isupper() for c in span.text)


def _in_shouting(doc: Doc, start: int, end: int) -> bool:
    """An acronym in an all-capital line ("WHAT IS NEXT") is an ordinary word."""
    before = doc[start - 1] if start > 0 else None
    after = doc[end] if end < len(doc) else None
    return all(t is not None and t.is_alpha and t.is_upper and len(t) > 1 for t in (before, after))


class NameFinder:
    """The dossier_names component; its matchers are built once per pipeline."""

    def __init__(self, nlp: Language) -> None:
        lex = load_lexicons()
        vocab = nlp.vocab
        make = nlp.make_doc
        self.lexicon_any_case = PhraseMatcher(vocab, attr="LOWER")
        self.lexicon_exact = PhraseMatcher(vocab, attr="ORTH")
        for label in ("ORG", "PLACE"):
            for entries in lex[label].values():
                exact = [make(e) for e in entries if _all_caps_acronym(e)]
                loose = [make(e) for e in entries if not _all_caps_acronym(e)]
                self.lexicon_exact.add(label, exact)
                self.lexicon_any_case.add(label, loose)
        singular = [n.lower() for n in lex["nationalities"]]
        self.nationalities = set(singular) | {_plural(n) for n in singular}
        self.nationality_matcher = self._phrases(nlp, "NATIONALITY", sorted(self.nationalities))
        self.institutions = self._phrases(nlp, "INSTITUTION", lex["institution nouns"]["nouns"])
        self.facilities = self._phrases(nlp, "FACILITY", lex["facility nouns"]["nouns"])
        self.areas = self._phrases(nlp, "AREA", lex["area nouns"]["nouns"])
        self.place_context = self._phrases(nlp, "BEFORE_PLACE", lex["place context"]["before"])
        self.place_prefixes = self._phrases(nlp, "PLACE_PREFIX", lex["place context"]["prefixes"])
        titles = lex["person titles"]
        self.titles = self._phrases(nlp, "TITLE", titles["titles"])
        self.not_names = self._phrases(nlp, "NOT_NAME", titles["not names"])
        self.title_words = {t.lower_ for title in titles["titles"] for t in make(title) if t.is_alpha}
        self.speaker_labels = {w.lower() for w in lex["speaker labels"]["words"]}
        self.context_words = {t.lower_ for phrase in lex["place context"]["before"] for t in make(phrase)}
        self.not_name_words = self.title_words | self.context_words | self.speaker_labels
        units = lex["military units"]
        self.unit_words = set(units["unit words"])
        self.numbered_units = self._phrases(nlp, "NUMBERED_UNIT", units["numbered"])
        self.ordinal_units = Matcher(vocab)
        self.ordinal_units.add(
            "ORDINAL_UNIT",
            [
                [
                    {"TEXT": {"REGEX": r"^\d+(?:st|nd|rd|th)$"}},
                    {"TEXT": {"REGEX": r"^[A-Z]"}, "IS_STOP": False, "OP": "{0,3}"},
                    {"ORTH": {"IN": units["unit words"]}},
                ]
            ],
            greedy="LONGEST",
        )
        self.hyphenated = Matcher(vocab)
        joined = {"SPACY": False}
        self.hyphenated.add(
            "HYPHENATED_PLACE",
            [
                [
                    {"IS_TITLE": True, **joined},
                    {"ORTH": "-", **joined},
                    {"LOWER": {"IN": sorted(_HYPHEN_LINKS)}, **joined},
                    {"ORTH": "-", **joined},
                    {"IS_TITLE": True},
                ]
            ],
        )

    @staticmethod
    def _phrases(nlp: Language, key: str, entries: Iterable[str]) -> PhraseMatcher:
        matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        matcher.add(key, [nlp.make_doc(e) for e in entries])
        return matcher

    def __call__(self, doc: Doc) -> Doc:
        model = _model_labels(doc)
        titles = self._title_spans(doc)
        candidates: list[_Candidate] = []
        candidates += self._lexicon(doc, model)
        candidates += self._titled_people(doc, titles)
        candidates += self._datelines(doc, model)
        candidates += self._hyphenated_places(doc)
        candidates += self._institutions(doc, model)
        candidates += self._named_sites(doc)
        candidates += self._military_units(doc)
        candidates += _described_people(doc, self.not_name_words)
        person_names = _person_names(doc, candidates, self.not_name_words, self.context_words)
        person_words = {w.lower() for name in person_names for w in name if w[:1].isupper()}
        candidates += self._places_in_context(doc, model, person_words)
        candidates += self._places_read_as_groups(doc)
        misread = [(e.start, e.end, "NORP") for e in doc.ents if e.label_ == "NORP" and not self._is_group(e)]
        candidates += _propagate(doc, candidates, model + misread, person_names)
        doc.spans[NAME_GROUP] = _non_overlapping(doc, candidates)
        self._correct_model_entities(doc, titles)
        return doc

    # -- rules -------------------------------------------------------------

    def _lexicon(self, doc: Doc, model: list[tuple[int, int, str]]) -> list[_Candidate]:
        """Known organizations and country short forms ("ISIL", "TASS", "DPRK")."""
        found = []
        for matcher, exact in ((self.lexicon_any_case, False), (self.lexicon_exact, True)):
            for match_id, start, end in matcher(doc):
                span = doc[start:end]
                if not _has_capital(span) or (exact and _in_shouting(doc, start, end)):
                    continue
                if any(s <= start and end <= e and e - s > end - start for s, e, _ in model):
                    continue  # part of a longer name the model found ("UN Security Council Committee")
                found.append(_Candidate(start, end, doc.vocab.strings[match_id], _LEXICON))
        return found

    def _title_spans(self, doc: Doc) -> list[tuple[int, int]]:
        blocked = [(s, e) for _, s, e in self.not_names(doc)]
        spans = [(s, e) for _, s, e in self.titles(doc) if not any(bs <= s < be for bs, be in blocked)]
        return _longest_first(spans)

    def _titled_people(self, doc: Doc, titles: list[tuple[int, int]]) -> list[_Candidate]:
        """The name after a title is a PERSON, without the title ("Minister Alexander Kozlov")."""
        found = []
        for _start, end in titles:
            name_end = self._name_end(doc, end, max_tokens=4)
            if name_end > end and not any(doc[i].lower_ in self.title_words for i in range(end, name_end)):
                found.append(_Candidate(end, name_end, "PERSON", _TITLED))
        return found

    def _datelines(self, doc: Doc, model: list[tuple[int, int, str]]) -> list[_Candidate]:
        """'MOSCOW:', 'WASHINGTON (Reuters) -' opening a paragraph name the place of writing."""
        found = []
        for start in _paragraph_starts(doc):
            end = start
            while end < len(doc) and end - start < 3 and _is_capital_word(doc[end]):
                end += 1
            if end == start or end >= len(doc) or doc[start].lower_ in self.speaker_labels:
                continue
            if any(doc[i].lower_ in self.title_words for i in range(start, end)):
                continue  # "SECRETARY KERRY:" is a speaker, not a place
            following = doc[end].text
            if following == ",":
                following = _after_dateline_detail(doc, end + 1)
            if following not in _DATELINE_BREAKS:
                continue
            if following == ":" and any(lab == "PERSON" for s, e, lab in model if s < end and e > start):
                continue
            found.append(_Candidate(start, end, "PLACE", _LEXICON))
        return found

    def _hyphenated_places(self, doc: Doc) -> list[_Candidate]:
        """'Komsomolsk-on-Amur', 'Stratford-upon-Avon': one place, not a name and a river."""
        return [_Candidate(start, end, "PLACE", _STRUCTURE) for _, start, end in self.hyphenated(doc)]

    def _institutions(self, doc: Doc, model: list[tuple[int, int, str]]) -> list[_Candidate]:
        """'Iraqi security forces', 'the Syrian army', 'the Assad regime' are organizations."""
        found = []
        nationality_ends = {e: s for _, s, e in self.nationality_matcher(doc)}
        person_ends = {e: s for s, e, lab in model if lab == "PERSON"}
        for _, start, end in self.institutions(doc):
            if start in nationality_ends:
                found.append(_Candidate(nationality_ends[start], end, "ORG", _STRUCTURE))
            elif start in person_ends and doc[start].lower_ in {"regime", "government", "administration"}:
                found.append(_Candidate(person_ends[start], end, "ORG", _STRUCTURE))
        return found

    def _named_sites(self, doc: Doc) -> list[_Candidate]:
        """'Vostochny Cosmodrome', 'Artyom-Primorskij-1 station', 'Diyala Province', 'Idlib province'."""
        found = []
        for matcher, noun_is_name in ((self.facilities, True), (self.areas, False)):
            for _, start, end in matcher(doc):
                capitalised = doc[start].is_title
                name_start = self._name_start(doc, start, allow_nationality=capitalised)
                if name_start == start:
                    continue
                keep_noun = noun_is_name or capitalised
                found.append(_Candidate(name_start, end if keep_noun else start, "PLACE", _STRUCTURE))
        return found

    def _places_in_context(
        self, doc: Doc, model: list[tuple[int, int, str]], person_words: set[str]
    ) -> list[_Candidate]:
        """'near Raqqah', 'the city of Tartus': the name after is a place, whatever the model said."""
        found = []
        for _, start, end in self.place_context(doc):
            name_end = self._name_end(doc, end, max_tokens=4)
            if name_end == end:
                continue
            words = {doc[i].lower_ for i in range(end, name_end)}
            if words & self.nationalities or words & self.title_words:
                continue
            weak = doc[start].lower_ in {"near", "outside"}
            if weak and words & person_words:
                continue  # "stood near Putin"
            found.append(_Candidate(end, name_end, "PLACE", _CONTEXT))
        for _, start, end in self.place_prefixes(doc):
            name_end = self._name_end(doc, end, max_tokens=3)
            if name_end > end and doc[start].text[:1].isupper():
                found.append(_Candidate(start, name_end, "PLACE", _CONTEXT))
        place_starts = {s for s, _, label in model if label == "PLACE"} | {c.start for c in found}
        place_ends = {e for _, e, label in model if label == "PLACE"} | {c.end for c in found}
        for start, end, label in model:
            if label != "PERSON" or any(t.lower_ in person_words for t in doc[start:end]):
                continue
            after_place = start >= 2 and doc[start - 1].lower_ in _LIST_LINKS and start - 1 in place_ends
            before_place = end + 1 < len(doc) and doc[end].lower_ in _LIST_LINKS and end + 1 in place_starts
            listed_with_place = after_place or before_place
            if listed_with_place or self._located(doc, start, end):
                found.append(_Candidate(start, end, "PLACE", _CONTEXT))
        return found

    @staticmethod
    def _located(doc: Doc, start: int, end: int) -> bool:
        """'in Raqqah', 'at al-Hilla': where people do not stand ('in Putin's hands' aside)."""
        if start == 0 or doc[start - 1].lower_ not in _IN_PLACE:
            return False
        return not (end < len(doc) and doc[end].lower_ in {"'s", "’s", "'"})

    def _military_units(self, doc: Doc) -> list[_Candidate]:
        """'158th Fighter Wing', '2nd Battalion', 'Task Force 50' are organizations."""
        found = [_Candidate(start, end, "ORG", _STRUCTURE) for _, start, end in self.ordinal_units(doc)]
        for _, start, end in self.numbered_units(doc):
            if end < len(doc) and doc[end].like_num and doc[start].text[:1].isupper():
                found.append(_Candidate(start, end + 1, "ORG", _STRUCTURE))
        return found

    def _places_read_as_groups(self, doc: Doc) -> list[_Candidate]:
        """The model reads some city names as nationalities (NORP "Aleppo"); 'in Aleppo' says otherwise."""
        found = []
        for ent in doc.ents:
            if ent.label_ != "NORP" or self._is_group(ent) or ent.start == 0:
                continue
            before = doc[ent.start - 1].lower_
            if before in _LOCATIVES or before in _COMPASS:
                found.append(_Candidate(ent.start, ent.end, "PLACE", _CONTEXT))
        return found

    def _is_group(self, ent: Span) -> bool:
        """Whether a NORP entity really names a nationality, religion or party ("Iraqis", "Sunni")."""
        text = ent.text.lower()
        return text in self.nationalities or bool(_DEMONYM_ENDING.search(text)) or not ent.text[:1].isupper()

    # -- helpers -----------------------------------------------------------

    def _name_end(self, doc: Doc, start: int, max_tokens: int) -> int:
        """End of the proper name starting at ``start`` (``start`` if there is none)."""
        end = start
        last_capital = start
        while end < len(doc) and end - start < max_tokens + 2:
            token = doc[end]
            if _is_name_word(token) and token.lower_ not in self.nationalities:
                last_capital = end + 1
            elif token.lower_ not in _NAME_PARTICLES or token.lower_ == "of":
                break
            end += 1
        if last_capital - start > max_tokens:
            return start
        return last_capital

    def _name_start(self, doc: Doc, end: int, allow_nationality: bool) -> int:
        """Start of the proper name ending just before ``end`` (``end`` if there is none)."""
        start = end
        first_capital = end
        while start > 0 and end - start < 5:
            token = doc[start - 1]
            if token.is_sent_start and token.is_stop:
                break
            is_name = _is_name_word(token) or ((token.text == "-" or token.like_num) and start < end)
            if token.lower_ in self.nationalities and not allow_nationality:
                break
            if token.lower_ in self.title_words:
                break
            if is_name and token.text != "-" and not token.like_num:
                first_capital = start - 1
            elif not is_name and token.lower_ not in _NAME_PARTICLES - {"of", "-"}:
                break
            start -= 1
        return first_capital

    def _correct_model_entities(self, doc: Doc, titles: list[tuple[int, int]]) -> None:
        """Nationalities become NORP; titles and transcript labels are not entities; a name read
        from a Title Case heading holds only if the article's text names it too."""
        corrected = []
        headings = [(s.start, s.end) for s in doc.spans.get(HEADING_GROUP, [])]
        body_names = {e.text: e.label_ for e in doc.ents if not any(a <= e.start < b for a, b in headings)}
        for ent in doc.ents:
            if headings and ent.label_ in ("PERSON", "ORG") and any(a <= ent.start < b for a, b in headings):
                ent = _heading_name(ent, body_names)  # then the same checks as any other entity
            words = [t for t in ent if t.lower_ not in {"the", "'s", "’s"}]
            text = " ".join(t.lower_ for t in words)
            if any(s <= ent.start and ent.end <= e for s, e in titles) and ent.label_ in MODEL_TO_LABEL:
                continue
            if text in self.speaker_labels:
                continue
            if text in self.nationalities and ent.label_ in MODEL_TO_LABEL:
                corrected.append(Span(doc, ent.start, ent.end, label="NORP"))
                continue
            if (
                ent.label_ == "PERSON"
                and ent[0].pos_ in _NOT_NAME_START
                and ent[0].tag_ not in ("NNP", "NNPS")
            ):
                # "Injecting Clinton Into the Race" (a headline), "Derelict Obama": a name starts with a name
                start = next((t.i for t in ent if t.pos_ == "PROPN"), ent.end)
                if start < ent.end:
                    corrected.append(Span(doc, start, ent.end, label="PERSON"))
                continue
            corrected.append(ent)
        if [(e.start, e.end, e.label) for e in corrected] != [(e.start, e.end, e.label) for e in doc.ents]:
            doc.ents = corrected


def _heading_name(ent: Span, body_names: dict[str, str]) -> Span:
    """ "North Korea Expels BBC Journalists", "Obama Speech": in a heading the model reads Title
    Case words as names. Keep the entity if the article names it, else the longest part of it the
    article names ("Obama"); a name the article never repeats stays as the model read it."""
    if ent.text in body_names:
        return Span(ent.doc, ent.start, ent.end, label=body_names[ent.text])  # as the body reads it
    best: Span | None = None
    for start in range(ent.start, ent.end):
        for end in range(ent.end, start, -1):
            part = ent.doc[start:end]
            if part.text in body_names and (best is None or len(part) > len(best)):
                best = Span(ent.doc, start, end, label=body_names[part.text])
    return best if best is not None else ent


def _plural(nationality: str) -> str:
    if nationality.endswith(("ese", "ish", "ch", "ss")):
        return nationality
    return nationality + "s"


def _is_capital_word(token: Token) -> bool:
    return token.is_alpha and token.is_upper and len(token) > 1


def _is_name_word(token: Token) -> bool:
    text = token.text
    return bool(text[:1].isupper()) and not token.is_stop and any(c.isalpha() for c in text)


def _after_dateline_detail(doc: Doc, start: int) -> str:
    """The token after 'WASHINGTON, D.C.' / 'KYIV, Ukraine' / 'GAZA, Oct 7'."""
    i = start
    while i < len(doc) and i - start < 4 and (doc[i].text[:1].isupper() or doc[i].like_num):
        i += 1
    return doc[i].text if i < len(doc) else ""


def _paragraph_starts(doc: Doc) -> list[int]:
    """First word of the text and of each line after a line break."""
    breaks = [m.end() for m in _LINE_BREAK.finditer(doc.text)]
    starts = [0] if len(doc) else []
    if breaks:
        token_starts = doc.to_array("IDX")
        starts += [int(i) for i in numpy.searchsorted(token_starts, breaks) if i < len(doc)]
    return [i for i in starts if not doc[i].is_space]


def _model_labels(doc: Doc) -> list[tuple[int, int, str]]:
    return [(e.start, e.end, MODEL_TO_LABEL[e.label_]) for e in doc.ents if e.label_ in MODEL_TO_LABEL]


def _person_names(
    doc: Doc, candidates: list[_Candidate], not_name_words: set[str], context_words: set[str]
) -> set[tuple[str, ...]]:
    """The multi-word person names in the article ("Kim Jong Un"), as token texts.

    Leading words that cannot start a name ("Near Palmyra", "Minister Ellwood")
    are dropped first, so a model error such as PERSON "Near Palmyra" gives
    no name.
    """
    spans = [(c.start, c.end) for c in candidates if c.label == "PERSON"]
    spans += [(e.start, e.end) for e in doc.ents if e.label_ == "PERSON"]
    names = set()
    for start, end in spans:
        if doc[start].lower_ in context_words:
            continue  # "Near Palmyra": the model took a place for a person
        while start < end and (doc[start].lower_ in not_name_words or not doc[start].text[:1].isupper()):
            start += 1
        while end > start and not doc[end - 1].text[:1].isupper():
            end -= 1
        capitals = [t for t in doc[start:end] if t.is_alpha and t.text[:1].isupper()]
        if len(capitals) >= 2 and all(not t.is_space for t in doc[start:end]):
            names.add(tuple(t.text for t in doc[start:end]))
    return names


def _name_words(names: set[tuple[str, ...]]) -> set[str]:
    """First and last words of full names: the short forms news uses ("Putin", "Karim")."""
    words: set[str] = set()
    for name in names:
        capitals = [w for w in name if w[:1].isupper() and w.lower() not in _NAME_PARTICLES]
        if capitals:
            words.update((capitals[0], capitals[-1]))
    return words


def _propagate(
    doc: Doc,
    candidates: list[_Candidate],
    model: list[tuple[int, int, str]],
    person_names: set[tuple[str, ...]],
) -> list[_Candidate]:
    """One article, one reading of a name: what is known about a name holds for its other mentions.

    A place found by its context ("near Raqqah") is a place wherever else it
    occurs; a full person name ("Tobias Ellwood") and its first or last word
    ("Karim" after "Karim Hassan") name that person where the model took
    them for a place or an organization, or missed them.
    """
    places = {doc[c.start : c.end].text for c in candidates if c.label == "PLACE"}
    found = _speaking_surnames(doc, _name_words(person_names))
    short_names = _name_words(person_names) - places
    person_words = {w.lower() for name in person_names for w in name if w[:1].isupper()}
    seen_as_place = {doc[s:e].text for s, e, label in model if label == "PLACE" and _after_locative(doc, s)}
    short_names -= seen_as_place
    for start, end, label in model:
        text = doc[start:end].text
        while end > start + 1 and not doc[end - 1].is_alpha:
            end -= 1  # "Trump's": the name without the possessive
        words = doc[start:end]
        if label != "PLACE" and text in places:
            found.append(_Candidate(start, end, "PLACE", _PROPAGATED))
        elif (
            label != "PERSON"
            and text not in seen_as_place
            and all(t.is_alpha and t.lower_ in person_words for t in words)
        ):
            found.append(_Candidate(start, end, "PERSON", _PROPAGATED))
    by_first_word: dict[str, list[tuple[str, ...]]] = {}
    for name in person_names:
        by_first_word.setdefault(name[0], []).append(name)
    model_people = {(s, e) for s, e, label in model if label == "PERSON"}
    for i in _positions_of(doc, by_first_word):
        for name in by_first_word[doc[i].text]:
            end = i + len(name)
            written = tuple(t.text for t in doc[i:end])
            if written == name and (i, end) not in model_people:
                found.append(_Candidate(i, end, "PERSON", _PROPAGATED))
    covered = {i for s, e, _ in model for i in range(s, e)} | {
        i for c in candidates + found for i in range(c.start, c.end)
    }
    single_places = {p for p in places if " " not in p and p[:1].isupper() and not p.isupper()}
    for i in _positions_of(doc, single_places | short_names):
        token = doc[i]
        if i in covered or token.pos_ not in ("PROPN", "NOUN"):
            continue  # a known name the tagger read as a noun ("Rathbun requested …") is still the name
        if token.text in single_places:
            found.append(_Candidate(token.i, token.i + 1, "PLACE", _PROPAGATED))
        elif token.text in short_names and not token.is_upper:
            found.append(_Candidate(token.i, token.i + 1, "PERSON", _PROPAGATED))
    return found


def _described_people(doc: Doc, not_name_words: set[str]) -> list[_Candidate]:
    """ "Valeska Paris, an Australian woman and former Scientologist, …": a name set off by a
    description of a person is a person's name, whatever a lexicon of cities says."""
    cues = load_cues()
    people = set(cues.gendered_words) | {
        w for w, label in cues.description_heads.items() if label == "PERSON"
    }
    found = []
    for token in doc:
        hyphenated = token.i > 0 and doc[token.i - 1].text == "-"  # "Young-shik": the tagger's NOUN
        if (
            token.dep_ == "appos"
            and (token.pos_ == "PROPN" or hyphenated)
            and token.head.lemma_.lower() in people
        ):
            # "Another expert, Bong Young-shik from the Asan Institute, …": the name after the description
            start = token.left_edge.i
            while start < token.i and doc[start].pos_ != "PROPN":
                start += 1
            names = doc[start : token.i]
            if (
                len(names) >= 1
                and doc[start].is_title
                and all(t.pos_ == "PROPN" or t.text == "-" for t in names)
            ):
                found.append(_Candidate(start, token.i + 1, "PERSON", _SPEAKING))
            continue
        if token.dep_ != "appos" or token.lemma_.lower() not in people or token.head.pos_ != "PROPN":
            continue
        head = token.head
        start = head.i
        while (
            start > 0
            and doc[start - 1].pos_ == "PROPN"
            and doc[start - 1].text[:1].isupper()
            and doc[start - 1].lower_ not in not_name_words  # "President Bashar al-Assad": not the title
        ):
            start -= 1
        if head.i - start < 1 or not all(t.is_alpha or t.text == "-" for t in doc[start : head.i + 1]):
            continue  # one word alone ("Paris, a man …") is too little to overrule the lexicon
        found.append(_Candidate(start, head.i + 1, "PERSON", _SPEAKING))
    return found


def _speaking_surnames(doc: Doc, short_names: set[str]) -> list[_Candidate]:
    """ "Valeska Paris …. Paris claims that …": a person's short name that says something is the
    person, even where it is also a city the lexicon knows (a city does not claim)."""
    speech = load_cues().speech_verbs
    return [
        _Candidate(i, i + 1, "PERSON", _SPEAKING)
        for i in _positions_of(doc, short_names)
        if doc[i].dep_ == "nsubj"
        and doc[i].head.lemma_.lower() in speech
        and doc[i].head.pos_ == "VERB"
        and not (i > 0 and doc[i - 1].pos_ == "PROPN")  # "Hugh Hill said": the full name is the mention
        and not (i + 1 < len(doc) and doc[i + 1].pos_ == "PROPN")
    ]


def _positions_of(doc: Doc, words: Iterable[str]) -> list[int]:
    """Indices of the tokens written as one of ``words`` (a vectorised scan: articles can be long)."""
    ids = [doc.vocab.strings[w] for w in words if w in doc.vocab.strings]
    if not ids:
        return []
    return [int(i) for i in numpy.flatnonzero(numpy.isin(doc.to_array("ORTH"), ids))]


def _after_locative(doc: Doc, start: int) -> bool:
    """'in Virginia', 'from Aleppo': the model's place is a place here."""
    return start > 0 and doc[start - 1].lower_ in _LOCATIVES


def _longest_first(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    chosen: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
        if all(end <= s or start >= e for s, e in chosen):
            chosen.append((start, end))
    return sorted(chosen)


def _non_overlapping(doc: Doc, candidates: list[_Candidate]) -> list[Span]:
    ordered = sorted(candidates, key=lambda c: (-c.priority, c.start - c.end, c.start))
    taken: set[int] = set()
    chosen = []
    for c in ordered:
        if c.end <= c.start or any(i in taken for i in range(c.start, c.end)):
            continue
        taken.update(range(c.start, c.end))
        chosen.append(Span(doc, c.start, c.end, label=c.label))
    return sorted(chosen, key=lambda s: s.start)


@Language.factory("dossier_names")
def make_name_finder(nlp: Language, name: str) -> NameFinder:
    return NameFinder(nlp)
