"""NUMBER mentions with a normalized value, unit and qualifier (component ``dossier_numbers``).

The small model finds most numbers, but with the wrong edges ("about 250
kilometers" as one span, "100" for "$100m"), misses some ("over 9 billion
euros") and also tags coordinates, phone numbers, years and parts of names.
Because the resolver ignores the model's number entities once this group
exists, this component alone decides what is a NUMBER: it starts from the
model's CARDINAL/QUANTITY/MONEY/PERCENT entities and the numerals the model
left unlabelled (and "once"/"twice" after a qualifier), moves qualifiers
("about", "at least") into an attribute, drops dates, times, ordinals, codes,
name parts, broadcast identifiers and a bare "one" used as an emphatic "a",
normalizes value and unit (quantulum3 for units and currencies, text2num for
number words) and links a parenthesised conversion to the quantity it restates.

A range ("3,000 to 5,000", "between $1.5 billion and $2 billion", "$2-3 billion")
is one mention whose value is its lower end and value_max its upper end; the
ends share the unit and a scale written only once ("$2-3 billion" is 2e9 to
3e9 USD). Pairs that only look like ranges stay as they were: descending pairs
are scores and tallies ("1-0", "a 3-2 vote": two counts), year spans are dates,
a bare hyphenated pair that counts nothing ("after 9-11") may be a name or a
code, and "rose from 40 to 50 per cent" is a change between two figures.
"""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from types import ModuleType
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from text_to_num import text2num

from desktop.core.nlp.spans import NUMBER_GROUP
from desktop.core.resources import resource_path

NUMBER_LABEL = "NUMBER"
MODEL_NUMBER_LABELS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"})

_NUMERAL = re.compile(r"^\d[\d,]*(?:\.\d+)?$")
_NUMERAL_WITH_SUFFIX = re.compile(r"^\d[\d,]*(?:\.\d+)?[^\W\d]+$")
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$", re.IGNORECASE)
_CLOCK_OR_FRACTION = re.compile(r"\d[:/]\d")
_CODE = re.compile(r"\d+\s?[-–]\s?\d+\s?[-–]\s?\d+")
_PHONE = re.compile(r"(?<![\d,.])\d{3}\s?[-–]\s?\d{4}(?![\d,])")  # "555-1234"
_RANGE_TOKEN = re.compile(  # one token holding both ends: "5–7", "2bn-$3bn"
    r"^(?P<low_prefix>[A-Z]{0,2}\$|[£€¥₹₽₴₪])?(?P<low>\d[\d,]*(?:\.\d+)?)(?P<low_suffix>[a-z]*)[-–]"
    r"(?P<high_prefix>[A-Z]{0,2}\$|[£€¥₹₽₴₪])?(?P<high>\d[\d,]*(?:\.\d+)?)(?P<high_suffix>[a-z]*)$"
)
_DASHES = frozenset({"-", "–"})
_YEAR = re.compile(r"1\d{3}|20\d{2}")
_YEAR_SPAN_MAX = 30  # "1500 to 2000 troops" is a count, "1977-1979" a period
_AGE = re.compile(r"^(\w+)-year-old$", re.IGNORECASE)
_HALF = re.compile(r"\bhalf an? ", re.IGNORECASE)
_COORDINATE_MARKS = ("°", "′", "″")
_SCALE_WORDS = frozenset({"dozen", "hundred", "thousand", "million", "billion"})
_MAX_UNIT_TOKENS = 6  # "m3/s", "cu ft/s" are several tokens


@dataclass(frozen=True)
class _Lexicon:
    """resources/units.json, ready for lookups."""

    qualifiers: tuple[tuple[str, ...], ...]  # longest first
    unit_symbols: dict[str, str]
    count_units: dict[str, float]
    extra_units: dict[str, list[tuple[tuple[str, ...], str]]]  # by first word
    currency_prefixes: dict[str, str]
    scale_suffixes: dict[str, float]
    vague_words: frozenset[str]
    definite_determiners: frozenset[str]
    era_markers: frozenset[str]
    month_words: frozenset[str]
    time_markers: frozenset[str]
    one_not_a_count_after: frozenset[str]
    occurrence_words: dict[str, float]
    identifier_fields: tuple[tuple[str, ...], ...]
    broadcast_bands: frozenset[str]
    range_openers: frozenset[str]
    change_verbs: frozenset[str]
    reference_markers: frozenset[str]


@cache
def _lexicon() -> _Lexicon:
    data = json.loads(resource_path("units.json").read_text(encoding="utf-8"))
    qualifiers = sorted((tuple(q.split()) for q in data["qualifiers"]), key=len, reverse=True)
    return _Lexicon(
        qualifiers=tuple(qualifiers),
        unit_symbols=data["unit_symbols"],
        count_units=data["count_units"],
        extra_units=_by_first_word(data["extra_units"]),
        currency_prefixes=data["currency_prefixes"],
        scale_suffixes=data["scale_suffixes"],
        vague_words=frozenset(data["vague_words"]),
        definite_determiners=frozenset(data["definite_determiners"]),
        era_markers=frozenset(data["era_markers"]),
        month_words=frozenset(data["month_words"]),
        time_markers=frozenset(data["time_markers"]),
        one_not_a_count_after=frozenset(data["one_not_a_count_after"]),
        occurrence_words={word: float(count) for word, count in data["occurrence_words"].items()},
        identifier_fields=tuple(tuple(field.split()) for field in data["identifier_fields"]),
        broadcast_bands=frozenset(data["broadcast_bands"]),
        range_openers=frozenset(data["range_openers"]),
        change_verbs=frozenset(data["change_verbs"]),
        reference_markers=frozenset(data["reference_markers"]),
    )


def _by_first_word(units: dict[str, str]) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for name, symbol in sorted(units.items(), key=lambda item: -len(item[0].split())):
        words = tuple(name.split())
        index.setdefault(words[0], []).append((words, symbol))
    return index


@cache
def quantity_parser() -> ModuleType:
    """quantulum3's parser, imported once: the import costs seconds (inflect builds its typeguard wrappers).

    Its optional classifier is switched off: without scikit-learn it only warns
    that it is missing, and with scikit-learn installed its pickled model does
    not load under current versions. The rule-based disambiguation it falls back
    on is deterministic, which is what a reader that must be explainable wants.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Classifier dependencies not installed", UserWarning)
        from quantulum3 import classifier, parser
    classifier.USE_CLF = False
    return parser


@lru_cache(maxsize=4096)
def _parse_quantities(text: str) -> tuple[Any, ...]:
    """quantulum3 on one short candidate (never a whole text); repeated strings are common in news."""
    return tuple(quantity_parser().parse(text))


@cache
def _unit_first_words() -> frozenset[str]:
    """First words of every unit name and symbol quantulum3 knows ("km", "cubic", "cu", "%")."""
    from quantulum3 import load

    quantity_parser()
    units = load.units("en_US")
    return frozenset(key.split()[0] for key in (*units.surfaces_lower, *units.symbols_lower) if key.split())


def _may_start_unit(token: Token) -> bool:
    """Cheap check before asking quantulum3 about the words after a number."""
    word = re.sub(r"[\d²³]+$", "", token.lower_.split("/")[0])
    return word in _unit_first_words()


@lru_cache(maxsize=4096)
def word_value(text: str) -> float | None:
    """The value of a number written in words ("five", "twenty-one", "three hundred"), else None."""
    try:
        return float(text2num(text.lower(), "en"))
    except ValueError:
        return None


def _is_number_word(token: Token) -> bool:
    return token.is_alpha or ("-" in token.text and all(part.isalpha() for part in token.text.split("-")))


def is_number_token(token: Token) -> bool:
    """Digits ("8,000", "7km", "3bn") or a number word ("five", "Ninety-Four")."""
    text = token.text
    if _NUMERAL.match(text) or _NUMERAL_WITH_SUFFIX.match(text):
        return True
    return _is_number_word(token) and word_value(text) is not None


@dataclass
class _Candidate:
    start: int
    end: int
    qualifier: str | None = None
    unit: str | None = None
    value: float | None = None
    value_max: float | None = None
    time_unit: bool = False


class NumberFinder:
    """Finds NUMBER mentions; see the module docstring for the rules."""

    def __init__(self) -> None:
        self.lexicon = _lexicon()
        quantity_parser()  # pay quantulum3's import cost at load time, not on the first article

    def __call__(self, doc: Doc) -> Doc:
        found_numbers: list[_Candidate] = []
        for start, end in self._seeds(doc):
            found = self._number_at(doc, start, end)
            if found is None:
                continue
            overlapping = [n for n in found_numbers if n.start < found.end and found.start < n.end]
            # a range absorbs the upper end found on its own ("$2" then "3 billion")
            if overlapping and not (
                found.value_max is not None
                and all(found.start <= n.start and n.end <= found.end for n in overlapping)
            ):
                continue
            found_numbers = [n for n in found_numbers if n.end <= found.start or found.end <= n.start]
            found_numbers.append(found)
        spans: list[Span] = []
        for found in sorted(found_numbers, key=lambda n: n.start):
            span = Span(doc, found.start, found.end, label=NUMBER_LABEL)
            span._.dossier_number = {
                "value": found.value,
                "value_max": found.value_max,
                "unit": found.unit,
                "qualifier": found.qualifier,
                "linked_to": None,
            }
            spans.append(span)
        _link_conversions(spans)
        doc.spans[NUMBER_GROUP] = spans
        return doc

    # -- where numbers may start -------------------------------------------------

    def _seeds(self, doc: Doc) -> Iterator[tuple[int, int]]:
        """Model number entities, ages the model calls DATE, and numerals left unlabelled."""
        in_entity = [False] * len(doc)
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                in_entity[i] = True
            if ent.label_ in MODEL_NUMBER_LABELS:
                yield from _split_lists(ent)
            elif ent.label_ == "DATE" and _is_age(ent):
                yield ent.start, ent.end
        for token in doc:  # "at least once", "more than twice": a count of occasions
            if token.lower_ in self.lexicon.occurrence_words and self._qualifier_before(doc, token.i):
                yield token.i, token.i + 1
        run_start: int | None = None
        for token in doc:  # numerals the model left unlabelled, in runs ("9 billion")
            if not in_entity[token.i] and (
                is_number_token(token) if run_start is not None else self._unlabelled_number(token)
            ):
                if run_start is None:
                    run_start = token.i
                continue
            if run_start is not None:
                yield run_start, token.i
                run_start = None
        if run_start is not None:
            yield run_start, len(doc)

    @staticmethod
    def _unlabelled_number(token: Token) -> bool:
        """Numerals, and number words the parser tags as numbers ("one" alone is too often a pronoun)."""
        if not token.text[0].isdigit() and token.pos_ != "NUM":
            return False
        if _NUMERAL.match(token.text) or _NUMERAL_WITH_SUFFIX.match(token.text):
            return True
        return token.pos_ == "NUM" and token.lower_ != "one" and is_number_token(token)

    # -- one candidate -----------------------------------------------------------

    def _number_at(self, doc: Doc, start: int, end: int) -> _Candidate | None:
        lex = self.lexicon
        if doc[start].ent_type_ == "DATE":
            return _age_at(doc, start, end)
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space) and doc[end - 1].text != "%":
            end -= 1
        candidate = _Candidate(start, end)
        self._strip_front(doc, candidate)
        if candidate.start >= candidate.end:
            return None
        if candidate.qualifier is None:
            candidate.qualifier = self._qualifier_before(doc, candidate.start)
        occurrences = lex.occurrence_words.get(doc[candidate.start].lower_)
        if occurrences is not None and candidate.end - candidate.start == 1:
            if candidate.qualifier is None:
                return None  # "once" alone means "formerly"; "at least once" is a count
            candidate.value = occurrences
            return candidate
        if candidate.start > 0 and doc[candidate.start - 1].text in lex.currency_prefixes:
            candidate.start -= 1
        if candidate.end - candidate.start > 1 and _is_connector(doc[candidate.end - 1]):
            candidate.end -= 1  # the model's "40 to" in "from 40 to 50 per cent"
        ranged = self._as_range(doc, candidate)
        if ranged is not None:
            found = self._finish(doc, ranged, as_range=True)
            if found is not None and found.value_max is not None:
                return found
        return self._finish(doc, candidate, as_range=False)

    def _finish(self, doc: Doc, candidate: _Candidate, as_range: bool) -> _Candidate | None:
        """Unit, value and the exclusions; a range that fails its checks gets no value_max."""
        lex = self.lexicon
        tokens = doc[candidate.start : candidate.end]
        numbers = [t for t in tokens if is_number_token(t) or _RANGE_TOKEN.match(t.text)]
        numbers += [t for t in tokens if t.lower_ in lex.vague_words]
        if not numbers:
            return None
        self._extend_unit(doc, candidate)
        self._measure(doc, candidate)
        if as_range:
            self._measure_range(doc, candidate)
        if candidate.time_unit or self._excluded(doc, candidate):
            return None
        return candidate

    # -- ranges ------------------------------------------------------------------

    def _as_range(self, doc: Doc, candidate: _Candidate) -> _Candidate | None:
        """The candidate stretched over both ends of a range, or None if it is no range.

        The model often tags only the lower end ("$2" in "$2-3 billion", "5" in
        "5-7 km"); the upper end and its scale and unit are taken in here.
        """
        tokens = doc[candidate.start : candidate.end]
        if self._range_split(doc, candidate) is not None or any(_RANGE_TOKEN.match(t.text) for t in tokens):
            return replace(candidate)
        connector = candidate.end
        if self._scale_suffix_at(doc, candidate, connector):
            connector += 1  # "£20" "m" "to £30m"
        if connector >= len(doc) or not self._connects(doc, candidate.start, connector):
            return None
        upper = connector + 1
        if upper < len(doc) and doc[upper].text in self.lexicon.currency_prefixes:
            upper += 1
        end = upper
        while end < len(doc) and is_number_token(doc[end]):
            end += 1
        if end == upper:
            return None
        return replace(candidate, end=end)

    def _connects(self, doc: Doc, start: int, connector: int) -> bool:
        """ "-", "–" and "to" join the ends of a range; "and" only after "between"."""
        token = doc[connector]
        if token.text in _DASHES or token.lower_ == "to":
            return True
        if token.lower_ != "and":
            return False
        return doc[start].lower_ == "between" or (start > 0 and doc[start - 1].lower_ == "between")

    def _range_split(self, doc: Doc, candidate: _Candidate) -> int | None:
        """Index of the connector token between a lower and an upper number inside the candidate."""
        for i in range(candidate.start + 1, candidate.end - 1):
            if not (_is_connector(doc[i]) and self._connects(doc, candidate.start, i)):
                continue
            before, after = doc[i - 1], doc[i + 1]
            after_number = is_number_token(after) or (
                after.text in self.lexicon.currency_prefixes
                and i + 2 < candidate.end
                and is_number_token(doc[i + 2])
            )
            before_number = is_number_token(before) or (
                self._scale_suffix_at(doc, candidate, i - 1) and is_number_token(doc[i - 2])
            )
            if before_number and after_number:
                return i
        return None

    def _scale_suffix_at(self, doc: Doc, candidate: _Candidate, index: int) -> bool:
        """ "m" in "£20 m": a scale suffix the tokenizer split off a sum of money."""
        return (
            candidate.start < index < len(doc)
            and doc[index].lower_ in self.lexicon.scale_suffixes
            and not doc[index - 1].whitespace_
            and _has_currency(doc, candidate, self.lexicon)
        )

    def _suffix_scale(self, doc: Doc, end: _Candidate) -> float:
        """The scale of a suffix on a range end: 1e9 for "3bn" in "$2-3bn", whose "$" is on the other end."""
        for token in doc[end.start : end.end]:
            suffix = re.fullmatch(r"\d[\d,]*(?:\.\d+)?([a-z]+)", token.text)
            if suffix and suffix.group(1) in self.lexicon.scale_suffixes:
                return self.lexicon.scale_suffixes[suffix.group(1)]
        return 1.0

    def _measure_range(self, doc: Doc, candidate: _Candidate) -> None:
        """value and value_max of a range, in one unit and scale; left None if the pair is no range."""
        ends = self._range_ends(doc, candidate)
        if ends is None:
            return
        (low, low_unit), (high, high_unit) = ends
        if low_unit is not None and high_unit is not None and low_unit != high_unit:
            return  # "5 miles to 10 km" compares two quantities
        unit = low_unit or high_unit or candidate.unit
        if low >= high or not self._reads_as_range(doc, candidate, low, high, unit):
            return
        candidate.value, candidate.value_max, candidate.unit = low, high, unit

    def _range_ends(
        self, doc: Doc, candidate: _Candidate
    ) -> tuple[tuple[float, str | None], tuple[float, str | None]] | None:
        """(value, unit) of the lower and the upper end; the lower end borrows a scale written once."""
        if any(t.lower_ in self.lexicon.vague_words for t in doc[candidate.start : candidate.end]):
            return None  # "between several hundred and a thousand" has no lower value
        connector = self._range_split(doc, candidate)
        if connector is None:
            return self._range_in_token(doc, candidate)
        low_start = candidate.start
        while low_start < connector and doc[low_start].lower_ in self.lexicon.range_openers:
            low_start += 1
        low = _Candidate(low_start, connector)
        high = _Candidate(connector + 1, candidate.end)
        self._measure(doc, low)
        self._measure(doc, high)
        if low.value is None or high.value is None:
            return None
        if _has_currency(doc, candidate, self.lexicon) and high.value == _leading_figure(doc, high):
            high.value *= self._suffix_scale(doc, high)
        low_value = low.value
        high_figure = _leading_figure(doc, high)
        if high_figure and low.value == _leading_figure(doc, low):  # the lower end has no scale of its own
            scaled = low.value * high.value / high_figure
            if scaled < high.value:  # "500 to 5 million" keeps its 500
                low_value = scaled
        return (low_value, low.unit), (high.value, high.unit)

    def _range_in_token(
        self, doc: Doc, candidate: _Candidate
    ) -> tuple[tuple[float, str | None], tuple[float, str | None]] | None:
        """ "5–7" (+ "km"), "2bn-$3bn": both ends inside one token."""
        lex = self.lexicon
        token = next((t for t in doc[candidate.start : candidate.end] if _RANGE_TOKEN.match(t.text)), None)
        match = _RANGE_TOKEN.match(token.text) if token is not None else None
        if token is None or match is None:
            return None
        currency = _has_currency(doc, candidate, lex) or "$" in match.group(0)
        high_suffix = match.group("high_suffix")
        if (
            not high_suffix
            and self._scale_suffix_at(doc, candidate, token.i + 1)
            and token.i + 1 < candidate.end
        ):
            high_suffix = doc[token.i + 1].lower_  # "£" "20m-£30" "m"
        ends = []
        for side in ("low", "high"):
            prefix = match.group(f"{side}_prefix")
            suffix = match.group("low_suffix") if side == "low" else high_suffix
            if prefix and prefix not in lex.currency_prefixes:
                return None
            scale = lex.scale_suffixes.get(suffix, 1.0) if suffix and currency else 1.0
            if suffix and scale == 1.0 and side == "low":
                return None  # "7km-10km" is measured with its unit, not here
            figure = float(match.group(side).replace(",", "")) * scale
            ends.append((figure, lex.currency_prefixes.get(prefix) if prefix else None))
        (low, low_unit), (high, high_unit) = ends
        if not match.group("low_suffix") and high_suffix:
            low *= lex.scale_suffixes.get(high_suffix, 1.0) if currency else 1.0
        return (low, low_unit), (high, high_unit)

    def _reads_as_range(
        self, doc: Doc, candidate: _Candidate, low: float, high: float, unit: str | None
    ) -> bool:
        """Year spans, a change "from 40 to 50", a bare "9-11" that counts nothing: not ranges."""
        lex = self.lexicon
        bare = unit is None
        if bare and _year_span(doc[candidate.start : candidate.end].text, low, high):
            return False
        first = doc[candidate.start]
        opener = first if first.lower_ in lex.range_openers else None
        if opener is None and candidate.start > 0 and doc[candidate.start - 1].lower_ in lex.range_openers:
            opener = doc[candidate.start - 1]
        if opener is not None and opener.lower_ == "from" and _follows_change_verb(opener, lex):
            return False  # "rose from 40 to 50 per cent": an old and a new figure
        connector = self._range_split(doc, candidate)
        dashed = connector is None or doc[connector].text in _DASHES  # no connector token: "5–7" in one
        if not (bare and dashed and candidate.qualifier is None and opener is None):
            return True
        after = doc[candidate.end] if candidate.end < len(doc) else None
        return after is not None and _counted_word(after)

    def _strip_front(self, doc: Doc, candidate: _Candidate) -> None:
        """Drop leading punctuation and determiners; a leading qualifier becomes the attribute."""
        lex = self.lexicon
        while candidate.start < candidate.end:
            token = doc[candidate.start]
            if (token.is_punct and token.text not in lex.currency_prefixes) or token.is_space:
                candidate.start += 1
                continue
            qualifier = self._qualifier_at(doc, candidate.start, candidate.end)
            if qualifier:
                candidate.qualifier = " ".join(qualifier)
                candidate.start += len(qualifier)
                continue
            if token.lower_ in ("the", "a", "an") and not _counts_as_number(doc, candidate.start + 1, lex):
                candidate.start += 1
                continue
            return

    def _qualifier_at(self, doc: Doc, start: int, end: int) -> tuple[str, ...] | None:
        for qualifier in self.lexicon.qualifiers:
            stop = start + len(qualifier)
            if stop < end and tuple(t.lower_ for t in doc[start:stop]) == qualifier:
                return qualifier
        return None

    def _qualifier_before(self, doc: Doc, start: int) -> str | None:
        """A qualifier just outside the model's span ("nearly" before "$100 million")."""
        for qualifier in self.lexicon.qualifiers:
            begin = start - len(qualifier)
            if begin >= 0 and tuple(t.lower_ for t in doc[begin:start]) == qualifier:
                return " ".join(qualifier)
        return None

    def _extend_unit(self, doc: Doc, candidate: _Candidate) -> None:
        """Take in a unit the model left outside the span ("9 billion" + "euros", "$100" + "m")."""
        lex = self.lexicon
        end = candidate.end
        if end < len(doc) and doc[end].lower_ in lex.scale_suffixes and _has_currency(doc, candidate, lex):
            candidate.end = end + 1
            return
        extra = _extra_unit_at(doc, end, len(doc), lex)
        if extra is not None:
            candidate.end = end + len(extra[0])
            return
        following = next((t for t in doc[end : end + 2] if not t.is_space), None)
        if following is None or not _may_start_unit(following):
            return
        window_end = end
        while (
            window_end < len(doc)
            and window_end - end < _MAX_UNIT_TOKENS
            and not doc[window_end].is_sent_start
            and doc[window_end].text not in ("(", ")", ",", ";")
        ):
            window_end += 1
        if window_end == end:
            return
        first = doc[candidate.start]
        text = doc[candidate.start : window_end].text.replace("\xa0", " ")  # Doc.text joins every token
        quantities = _parse_quantities(text)
        if not quantities or quantities[0].span[0] > len(first.text):
            return
        quantity = quantities[0]
        if self._symbol_for(quantity.unit) is None and quantity.unit.entity.name != "time":
            return
        end_char = first.idx + quantity.span[1]
        for i in range(end, window_end):
            if doc[i].idx + len(doc[i]) <= end_char:
                candidate.end = i + 1

    def _symbol_for(self, unit: Any) -> str | None:
        """Short symbol of a quantulum3 unit, or None for units a news reader does not need."""
        if unit.currency_code:
            return str(unit.currency_code)
        return self.lexicon.unit_symbols.get(unit.name)

    def _measure(self, doc: Doc, candidate: _Candidate) -> None:
        """Value and unit of the span: text2num for words, quantulum3 for the rest."""
        lex = self.lexicon
        tokens = doc[candidate.start : candidate.end]
        vague = any(t.lower_ in lex.vague_words for t in tokens)
        text = tokens.text.replace("\xa0", " ")
        scale = 1.0
        suffix = re.match(r"^(.*\d)\s?([a-z]+)$", text)
        if suffix and suffix.group(2) in lex.scale_suffixes and _has_currency(doc, candidate, lex):
            scale, text = lex.scale_suffixes[suffix.group(2)], suffix.group(1)
        numerals = [t for t in tokens if not t.is_space]
        if len(numerals) == 1 and _NUMERAL.match(text):
            candidate.value = float(text.replace(",", ""))  # a plain numeral needs no parser
        elif all((_is_number_word(t) and is_number_token(t)) or t.lower_ == "and" for t in numerals):
            candidate.value = word_value(" ".join(t.text for t in numerals if t.lower_ != "and"))
        else:
            self._measure_with_units(candidate, _HALF.sub("0.5 ", text))
        if candidate.unit is None:
            candidate.unit = self._extra_unit(doc, candidate)
        if candidate.value is not None:
            candidate.value *= scale
        if vague:
            candidate.value = None

    def _measure_with_units(self, candidate: _Candidate, text: str) -> None:
        quantities = _parse_quantities(text)
        if not quantities:
            return
        quantity = quantities[0]
        candidate.time_unit = quantity.unit.entity.name == "time"
        # a range ("3,000 to 5,000") has no single value
        candidate.value = float(quantity.value) if quantity.uncertainty is None else None
        candidate.unit = self._symbol_for(quantity.unit)
        count = self.lexicon.count_units.get(quantity.unit.name)
        if count and candidate.value is not None:
            candidate.value *= count

    def _extra_unit(self, doc: Doc, candidate: _Candidate) -> str | None:
        lex = self.lexicon
        tokens = doc[candidate.start : candidate.end]
        for token in tokens:
            if token.text in lex.currency_prefixes:
                return lex.currency_prefixes[token.text]
        for i in range(candidate.start, candidate.end):
            extra = _extra_unit_at(doc, i, candidate.end, lex)
            if extra is not None:
                return extra[1]
        return None

    # -- what is not a NUMBER ------------------------------------------------------

    def _excluded(self, doc: Doc, candidate: _Candidate) -> bool:
        """Dates, times, ordinals, codes, coordinates, parts of names, "one" as a pronoun, back-references."""
        lex = self.lexicon
        span = doc[candidate.start : candidate.end]
        before = doc[candidate.start - 1] if candidate.start > 0 else None
        after = doc[candidate.end] if candidate.end < len(doc) else None
        bare = candidate.unit is None
        if any(_ORDINAL.match(t.text) or _CLOCK_OR_FRACTION.search(t.text) for t in span):
            return True
        if after is not None and (after.lower_ in lex.time_markers or after.text in lex.era_markers):
            return True
        window = doc[max(0, span.start - 4) : span.end + 4].text
        if bare and (_CODE.search(window) or _PHONE.search(window)):
            return True  # phone numbers, reference codes
        if bare and _after_reference_marker(doc, candidate.start, lex):
            return True  # "pp. 12-15", "paragraph 4": where to look, not how many
        if _is_coordinate(doc, candidate, bare):
            return True
        if _next_to_month(doc, candidate, lex) or (bare and _looks_like_year(span, after)):
            return True
        if bare and _ends_a_year_span(doc, candidate.start):
            return True
        if before is not None and after is not None and before.text == "[" and after.text == "]":
            return True  # a footnote marker
        if bare and (_part_of_name(before) or _after_bracketed_acronym(doc, candidate.start)):
            return True
        if _identifier_value(doc, candidate, lex):
            return True
        if span.text.lower() == "one" and not _one_is_a_count(doc, candidate, lex):
            return True
        return (
            bare
            and candidate.qualifier is None
            and candidate.value is not None
            and candidate.value_max is None  # "the two to three men" is an estimate, not a back-reference
            and candidate.value <= 10
            and before is not None
            and before.lower_ in lex.definite_determiners
        )  # "the two men", "our two countries": a set already introduced, not a count


def _is_connector(token: Token) -> bool:
    return token.text in _DASHES or token.lower_ in ("to", "and")


def _leading_figure(doc: Doc, candidate: _Candidate) -> float | None:
    """The first figure of a range end before any scale word: 3 in "3 billion", 2 in "$2"."""
    for token in doc[candidate.start : candidate.end]:
        digits = re.match(r"^\d[\d,]*(?:\.\d+)?", token.text)
        if digits:
            return float(digits.group(0).replace(",", ""))
        if _is_number_word(token) and is_number_token(token):
            return word_value(token.text)
    return None


def _follows_change_verb(opener: Token, lex: _Lexicon) -> bool:
    """ "rose from", "was cut from": the head of "from" (or the word before it, unparsed) is a change."""
    doc = opener.doc
    if doc.has_annotation("DEP") and opener.head is not opener:
        return _unit_word(opener.head) in lex.change_verbs or opener.head.lower_ in lex.change_verbs
    previous = doc[opener.i - 1] if opener.i > 0 else None
    return previous is not None and (
        _unit_word(previous) in lex.change_verbs or previous.lower_ in lex.change_verbs
    )


def _year_span(text: str, low: float, high: float) -> bool:
    """ "2014-2016", "between 1977 and 1979": close years written without thousands separators."""
    return (
        not re.search(r"\d,\d", text)
        and low.is_integer()
        and _YEAR.fullmatch(f"{low:.0f}") is not None
        and high - low <= _YEAR_SPAN_MAX
    )


def _counted_word(token: Token) -> bool:
    """ "20,000-25,000 people", "10-12 new drones": the range counts what follows it."""
    if token.doc.has_annotation("POS"):
        return token.pos_ in ("NOUN", "PROPN", "ADJ")
    return token.is_alpha and not token.is_stop


def _after_reference_marker(doc: Doc, start: int, lex: _Lexicon) -> bool:
    """ "pp. 12-15", "p.5", "paragraph 4", "section 3": a number right after a reference word."""
    i = start - 1
    if i >= 0 and doc[i].text == ".":
        i -= 1
    return i >= 0 and doc[i].lower_.rstrip(".") in lex.reference_markers


def _split_lists(ent: Span) -> Iterator[tuple[int, int]]:
    """ "a few thousand, half a million" is two numbers: split a model span at its commas."""
    start = ent.start
    for token in ent:
        if token.text in (",", ";"):
            if token.i > start:
                yield start, token.i
            start = token.i + 1
    if start < ent.end:
        yield start, ent.end


def _counts_as_number(doc: Doc, index: int, lex: _Lexicon) -> bool:
    """Whether "a" starts the number itself: "a dozen", "a few thousand", "a million"."""
    if index >= len(doc):
        return False
    token = doc[index]
    return token.lower_ in lex.vague_words or token.lower_ in _SCALE_WORDS


def _unit_word(token: Token) -> str:
    """The lemma, or without a lemmatizer the lowercase form less a plural "s"."""
    if token.lemma_:
        return token.lemma_.lower()
    return token.lower_[:-1] if token.lower_.endswith("s") and len(token) > 3 else token.lower_


def _lemmas(tokens: Span) -> tuple[str, ...]:
    return tuple(_unit_word(t) for t in tokens)


def _extra_unit_at(doc: Doc, start: int, limit: int, lex: _Lexicon) -> tuple[tuple[str, ...], str] | None:
    """A unit quantulum3 does not know ("nautical miles", "Jordanian dinars") starting at token start."""
    if start >= limit:
        return None
    for words, symbol in lex.extra_units.get(_unit_word(doc[start]), []):
        stop = start + len(words)
        if stop <= limit and _lemmas(doc[start:stop]) == words:
            return words, symbol
    return None


def _has_currency(doc: Doc, candidate: _Candidate, lex: _Lexicon) -> bool:
    return any(t.text in lex.currency_prefixes for t in doc[candidate.start : candidate.end])


def _is_age(ent: Span) -> bool:
    return bool(_AGE.match(ent.text)) or _age_after_name(ent.doc, ent.start, ent.end)


def _age_after_name(doc: Doc, start: int, end: int) -> bool:
    """ "Scott C. Dayton, 42, of Woodbridge": a bare number in commas right after a person."""
    return (
        end - start == 1
        and _NUMERAL.match(doc[start].text) is not None
        and start >= 2
        and doc[start - 1].text == ","
        and doc[start - 2].ent_type_ == "PERSON"
        and end < len(doc)
        and doc[end].text in (",", ".")
    )


def _age_at(doc: Doc, start: int, end: int) -> _Candidate | None:
    """ "14-year-old" and "Dayton, 42," are ages, which the model calls dates."""
    match = _AGE.match(doc[start:end].text)
    if match:
        number = match.group(1)
        value = float(number) if number.isdigit() else word_value(number)
        return _Candidate(start, end, unit="yr", value=value) if value is not None else None
    if _age_after_name(doc, start, end):
        return _Candidate(start, end, unit="yr", value=float(doc[start].text))
    return None


def _is_coordinate(doc: Doc, candidate: _Candidate, bare: bool) -> bool:
    span = doc[candidate.start : candidate.end]
    if any(mark in span.text for mark in _COORDINATE_MARKS):
        return True
    after = doc[candidate.end] if candidate.end < len(doc) else None
    if after is not None and after.text.startswith(_COORDINATE_MARKS) and not after.text.endswith(("C", "F")):
        following = doc[candidate.end + 1] if candidate.end + 1 < len(doc) else None
        if following is None or following.text not in ("C", "F"):
            return True
    preceding = doc[max(0, span.start - 8) : span.start].text
    return bare and "." in span.text and any(mark in preceding for mark in _COORDINATE_MARKS)


def _next_to_month(doc: Doc, candidate: _Candidate, lex: _Lexicon) -> bool:
    """ "5 April", "April 5", "5-6 April": day numbers."""

    def is_month(token: Token) -> bool:
        return token.text[:1].isupper() and token.lower_.rstrip(".") in lex.month_words

    i = candidate.start - 1
    if i >= 0 and is_month(doc[i]):
        return True
    j = candidate.end
    while j < len(doc) and j < candidate.end + 2 and (doc[j].text in ("-", "–") or doc[j].like_num):
        j += 1
    return j < len(doc) and is_month(doc[j])


def _looks_like_year(span: Span, after: Token | None) -> bool:
    """A bare number from 1000 to 2099 that counts no plural noun: "in 2008", not "2000 troops"."""
    if len(span) != 1 or not re.fullmatch(r"1\d{3}|20\d{2}", span.text):
        return False
    return after is None or after.tag_ not in ("NNS", "NNPS")


def _ends_a_year_span(doc: Doc, start: int) -> bool:
    """ "1990-91", "2019-20": the second year of a period written after a dash."""
    return (
        start >= 2
        and doc[start - 1].text in _DASHES
        and not doc[start - 2].whitespace_
        and _YEAR.fullmatch(doc[start - 2].text) is not None
        and re.fullmatch(r"\d{2}|\d{4}", doc[start].text) is not None
    )


def _part_of_name(before: Token | None) -> bool:
    """ "Route 66", "Mobile Unit Two", "Eager Lion 16", "DDG 72": a number right after a capitalised name."""
    return (
        before is not None
        and bool(before.whitespace_)
        and before.is_alpha
        and before.text[:1].isupper()
        and not before.is_sent_start
        and before.pos_ in ("PROPN", "NOUN")
    )


def _one_is_a_count(doc: Doc, candidate: _Candidate, lex: _Lexicon) -> bool:
    """ "only one strike", "one or two", "one in five" are counts; "one of them", "one day", "from one
    village to another" are not, and neither is a bare "one" before a noun ("One man I spoke to said",
    "In one case"): that is the indefinite article with emphasis, not an amount the reader needs.
    """
    token = doc[candidate.start]
    if _in_number_pair(doc, candidate.end):
        return True
    if token.dep_ != "nummod" or candidate.qualifier is None:
        return False
    after = doc[candidate.end] if candidate.end < len(doc) else None
    if after is not None and after.lower_ in lex.one_not_a_count_after:
        return False
    if candidate.start > 0 and doc[candidate.start - 1].lower_ in ("number", "no."):
        return False
    sentence_rest = doc[candidate.end : min(candidate.end + 6, token.sent.end)]
    return not any(t.lower_ in ("another", "other") for t in sentence_rest)


def _in_number_pair(doc: Doc, end: int) -> bool:
    """ "one or two", "one to three", "one in five", "one out of ten": a number paired with the next one."""
    if end >= len(doc) or doc[end].lower_ not in ("or", "to", "in", "out"):
        return False
    following = doc[end + 1 : end + 3]
    return any(is_number_token(t) for t in following if t.lower_ != "of")


def _after_bracketed_acronym(doc: Doc, start: int) -> bool:
    """ "Task Force (CTF) 50", "Combined Task Force (CTF) 150": the number ends a unit's name."""
    if start < 4 or doc[start - 1].text != ")" or doc[start - 3].text != "(":
        return False
    acronym, name = doc[start - 2], doc[start - 4]
    return acronym.text.isupper() and acronym.is_alpha and name.is_alpha and name.text[:1].isupper()


def _identifier_value(doc: Doc, candidate: _Candidate, lex: _Lexicon) -> bool:
    """Settings and identifiers, not amounts: "Transponder: 77", "Frequency: 12.245 MHz", "64 UHF".

    Broadcast and radio listings give a channel, transponder or frequency to tune
    to; re3d types such values as Frequency or CommsIdentifier, not Quantity.
    """
    after = doc[candidate.end] if candidate.end < len(doc) else None
    if after is not None and after.text in lex.broadcast_bands:
        return True
    colon = candidate.start - 1
    if colon < 1 or doc[colon].text != ":":
        return False
    for field in lex.identifier_fields:
        begin = colon - len(field)
        if begin >= 0 and tuple(t.lower_ for t in doc[begin:colon]) == field:
            return True
    return False


def _link_conversions(spans: list[Span]) -> None:
    """ "250 kilometers (155 miles)", "two dinars (£2.10; $2.80)": the bracketed figures restate the first."""
    for index, span in enumerate(spans):
        info = span._.dossier_number
        if index == 0 or info["unit"] is None:
            continue
        doc = span.doc
        before = doc[span.start - 1] if span.start > 0 else None
        if before is None:
            continue
        previous = spans[index - 1]
        previous_info = previous._.dossier_number
        if before.text == "(" and previous.end == span.start - 1 and previous_info["unit"] is not None:
            info["linked_to"] = [previous.start_char, previous.end_char]
        elif (
            before.text in (";", ",", "/")
            and previous.end == span.start - 1
            and previous_info["linked_to"] is not None
            and previous.start > 0
            and doc[previous.start - 1].text in ("(", ";", ",", "/")
        ):
            info["linked_to"] = list(previous_info["linked_to"])


@Language.factory("dossier_numbers")
def make_number_finder(nlp: Language, name: str) -> NumberFinder:
    # Pay quantulum3's import while the model loads (in the background),
    # not on the reader's first article.
    _unit_first_words()
    return NumberFinder()
