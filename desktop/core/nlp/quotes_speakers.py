"""Speakers of quotes: the span as written, and the named mention it refers to.

News names a source once and then calls it "he", "the agency" or "the
ministry"; the reader wants the name. But crediting words to the wrong
person is the one error a reader cannot forgive, so an unresolved speaker
beats a guess (GUIDELINES, "Who is credited"):

- A span that names a person credits the person, whatever titles, ministries
  or countries come with it ("Foreign Ministry spokeswoman Maria Zakharova",
  "Russia's Vladimir Putin", a name ending a long title, a name set off after
  it); otherwise the mention that holds the phrase's head ("Poland's Defence
  Ministry", "Russia"). A proper-name speaker the entity finder missed ("The
  Deseret News") becomes a mention of its own (``name_unrecognized``).
- "he"/"she" resolves to the nearest earlier person that agrees in gender (the
  mention's own given name or honorific, or the full name it shortens),
  sentence by sentence back from the quote: in the first sentence with any,
  the previous quote's speaker if no one else is the subject there, else the
  only one, else the subject; a sentence whose subject is a pronoun of the
  same gender carries the chain further back, one whose subject is a person
  named by a description ("my father", "the president") stops it, unresolved.
  Mentions inside quoted words and names used as modifiers ("the Cruise
  video") are not antecedents. "they" goes on with an organization quoted
  just before, never after unnamed people.
- Several named speakers ("France and Britain") keep the whole span and no
  single entity; unnamed sources ("officials", "a senior official", "one
  man") credit nobody, or the organization they name ("a spokesman for the
  Kremlin"), never a person or a place; "the agency", "the governor" refer
  back to a mention that carries that word; a document or post credits its
  issuer ("a statement from the ministry") or nobody.
"""

from __future__ import annotations

import json
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

from spacy.tokens import Doc, Span, Token

from desktop.core.nlp.spans import ENTITY_GROUP
from desktop.core.resources import resource_path

_SPEAKER_LABELS = ("PERSON", "ORG", "PLACE")
_MODEL_LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE"}
# Dependents that belong to a speaker's name ("the leader of the party"); an
# apposition or relative clause after it is extra information, not the name.
_DESCRIPTION_LOOKBACK = 20  # mentions searched back for one a description names ("the agency")
# Coordinated speakers stay together: "France and Britain said" credits both.
_NAME_RIGHT_DEPS = {
    "compound",
    "prep",
    "pobj",
    "nummod",
    "poss",
    "amod",
    "nmod",
    "flat",
    "case",
    "cc",
    "conj",
}
_DASHES = ("-", "—", "–", "--")
_UNRECOGNIZED_MAX_WORDS = 6  # a longer capitalised run is a headline or a title, not a source's name
_NAME_JOINERS = ("of", "and", "&", "for", "de", "la", "al")


@dataclass(frozen=True)
class Cues:
    """The quote finder's lexicon, from resources/cues.json."""

    speech_verbs: frozenset[str]
    clause_verbs: frozenset[str]
    phrase_cues: tuple[tuple[str, ...], ...]
    person_pronouns: frozenset[str]
    org_pronouns: frozenset[str]
    plural_pronouns: frozenset[str]
    labeling_verbs: frozenset[str]
    title_small_words: frozenset[str]
    prepositional_cues: dict[str, tuple[str, ...]]
    description_heads: dict[str, str]
    circumstance_prepositions: frozenset[str]
    gendered_pronouns: dict[str, str]
    gendered_words: dict[str, str]
    document_heads: frozenset[str]
    issuer_prepositions: frozenset[str]
    organization_prepositions: frozenset[str]
    object_cues: frozenset[str]
    given_names: dict[str, str]


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    data = json.loads(resource_path("cues.json").read_text(encoding="utf-8"))
    return Cues(
        speech_verbs=frozenset(data["speech_verbs"]),
        clause_verbs=frozenset(data["clause_verbs"]),
        phrase_cues=tuple(tuple(p) for p in data["phrase_cues"]),
        person_pronouns=frozenset(data["person_pronouns"]),
        org_pronouns=frozenset(data["org_pronouns"]),
        plural_pronouns=frozenset(data["plural_pronouns"]),
        labeling_verbs=frozenset(data["labeling_verbs"]),
        title_small_words=frozenset(data["title_small_words"]),
        prepositional_cues={verb: tuple(preps) for verb, preps in data["prepositional_cues"].items()},
        description_heads=dict(data["description_heads"]),
        circumstance_prepositions=frozenset(data["circumstance_prepositions"]),
        gendered_pronouns=dict(data["gendered_pronouns"]),
        gendered_words=dict(data["gendered_words"]),
        document_heads=frozenset(data["document_heads"]),
        issuer_prepositions=frozenset(data["issuer_prepositions"]),
        organization_prepositions=frozenset(data["organization_prepositions"]),
        object_cues=frozenset(data["object_cues"]),
        given_names=_given_names(),
    )


def _given_names() -> dict[str, str]:
    data = json.loads(resource_path("given_names.json").read_text(encoding="utf-8"))
    return {name: "f" for name in data["female"]} | {name: "m" for name in data["male"]}


def speaker_span(token: Token) -> Span:
    """The noun phrase a subject token heads, cut before appositions and clauses."""
    doc = token.doc
    start, end = token.left_edge.i, token.i + 1
    for child in token.rights:
        if child.dep_ in _NAME_RIGHT_DEPS and child.left_edge.i == end:
            end = child.right_edge.i + 1
        else:
            break
    breaks = [t.i for t in doc[start:end] if "\n" in t.text and t.i < token.i]
    if breaks:
        start = breaks[-1] + 1  # a dateline or timestamp line above is not part of the name
    dashes = [t.i for t in doc[start : token.i] if t.text in _DASHES and t.i > start]
    if dashes and (doc[dashes[-1] - 1].text == ")" or doc[start].is_upper):
        start = dashes[-1] + 1  # "MOSCOW (Reuters) - President Vladimir Putin": the dateline is not the name
    while start < end - 1 and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end - 1 > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start:end]


_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_RELATIVE_TAGS = ("WP", "WDT")
_PLURAL_TAGS = ("NNS", "NNPS")
_DEFINITE = ("the", "this", "that")
_PRONOUN_LOOKBACK = 8  # sentences a "he"/"she" looks back for its person
_TITLE_BEFORE_NAME = 3  # "the governor of the region, Vyacheslav Gladkov": words between title and name


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    first: int  # token indices [first, last)
    last: int
    label: str
    text: str  # lowercase
    head_lemma: str  # lemma of the word the mention's last token attaches to
    key: str  # one person's mentions share it: the last word ("Jens Stoltenberg", "Stoltenberg")

    @classmethod
    def of(cls, span: Span, label: str) -> _Mention:
        last = span[-1]
        return cls(
            span.start_char,
            span.end_char,
            span.start,
            span.end,
            label,
            span.text.lower(),
            last.head.lemma_.lower(),
            last.lower_,
        )


class SpeakerResolver:
    """Resolve speakers left to right through one document; None wherever the choice is unsure."""

    def __init__(self, doc: Doc, cues: Cues, quoted: list[tuple[int, int]] | None = None) -> None:
        self._doc = doc
        self._text = doc.text  # Doc.text joins every token: once, not per look-up
        self._cues = cues
        self._parsed = doc.has_annotation("DEP")
        spans = doc.spans.get(ENTITY_GROUP)
        if spans is not None:
            pairs = [(s, s.label_) for s in spans if s.label_ in _SPEAKER_LABELS]
        else:
            pairs = [(e, _MODEL_LABELS[e.label_]) for e in doc.ents if e.label_ in _MODEL_LABELS]
        self._mentions = sorted(
            (_Mention.of(s, label) for s, label in pairs),
            key=lambda m: m.start,
        )
        self._starts = [m.start for m in self._mentions]
        self._at_token = {i: m for m in self._mentions for i in range(m.first, m.last)}
        quoted_ranges = sorted(quoted or [])
        self._quoted_starts = [a for a, _ in quoted_ranges]
        self._quoted = quoted_ranges
        self._gender = self._genders()
        self._shortened = self._shortened_genders()
        self._speakers: list[_Mention] = []  # resolved speakers so far, in text order
        self._unnamed: list[int] = []  # offsets of unnamed people quoted so far ("a spokesman")

    # -- lookups --------------------------------------------------------------

    def _inside(self, start: int, end: int) -> list[_Mention]:
        found = []
        for mention in self._mentions[bisect_left(self._starts, start) :]:
            if mention.start >= end:
                break
            if mention.end <= end:
                found.append(mention)
        return found

    def _before(self, offset: int, label: str) -> Iterator[_Mention]:
        """Mentions of a label that start before offset, nearest first."""
        for i in range(bisect_left(self._starts, offset) - 1, -1, -1):
            if self._mentions[i].label == label:
                yield self._mentions[i]

    def _last_speaker(self, offset: int, label: str) -> _Mention | None:
        return next((m for m in reversed(self._speakers) if m.label == label and m.start < offset), None)

    def _in_quoted(self, mention: _Mention) -> bool:
        i = bisect_left(self._quoted_starts, mention.start + 1) - 1
        return i >= 0 and mention.start < self._quoted[i][1]

    def _genders(self) -> dict[str, str]:
        """Each person's gender where the text tells it: a given name, an honorific, a gendered title."""
        evidence: dict[str, set[str]] = {}
        doc = self._doc
        for mention in self._mentions:
            if mention.label != "PERSON":
                continue
            words = [doc[mention.first].lower_]
            if mention.first > 0:
                words.append(doc[mention.first - 1].lower_)
            for word in words:
                gender = self._cues.given_names.get(word) or self._cues.gendered_words.get(word)
                if gender:
                    evidence.setdefault(mention.key, set()).add(gender)
        return {key: genders.pop() for key, genders in evidence.items() if len(genders) == 1}

    # -- resolution -------------------------------------------------------------

    def resolve(
        self, speaker: Span, apposition: Span | None = None, remember: bool = True
    ) -> tuple[int, int] | None:
        """Offsets of the named mention a speaker stands for; None when nothing fits for sure.

        ``remember`` makes the result the previous speaker for the next pronoun (quotes do,
        fact subjects do not).
        """
        found = self._named(speaker, apposition)
        if found is None and not self._names_several(speaker):
            found = self._described(speaker)
        if remember and self._is_unnamed_person(speaker) and (found is None or found.label != "PERSON"):
            # "a defence ministry spokesman said …": the next "he" is this man, who has no name here
            self._unnamed.append(speaker.start_char)
        if found is None:
            return None
        if remember:
            self._speakers.append(found)
        return found.start, found.end

    def name_unrecognized(self, speaker: Span) -> Span | None:
        """A speaker written as a proper name that the entity finder missed or mislabelled.

        "The Deseret News reported", "according to the Sydney Morning Herald" (read as a
        law): whoever is reported to speak is a person or an organization, so the name
        becomes a mention of one (PERSON when it opens with a known given name) that the
        speaker credits. Descriptions ("Officials", "Police") are not names.
        """
        words = [t for t in speaker if not (t.is_punct or t.is_space)]
        while words and words[0].lower_ in _DEFINITE:
            words.pop(0)
        if not words or len(words) > _UNRECOGNIZED_MAX_WORDS:
            return None
        if any(self._at_token.get(t.i) is not None for t in words):
            return None
        inner = {t.i for t in words[1:-1]}
        if not all(
            (t.pos_ == "PROPN" and t.text[:1].isupper()) or (t.i in inner and t.lower_ in _NAME_JOINERS)
            for t in words
        ):
            return None
        if words[-1].lemma_.lower() in self._cues.description_heads or (
            words[-1].is_upper and len(words) == 1
        ):
            return None
        given = self._cues.given_names.get(words[0].lower_)
        label = "PERSON" if given and len(words) >= 2 else "ORG"
        span = Span(self._doc, words[0].i, words[-1].i + 1, label=label)
        mention = _Mention.of(span, label)
        at = bisect_left(self._starts, mention.start)
        self._mentions.insert(at, mention)
        self._starts.insert(at, mention.start)
        self._at_token.update({i: mention for i in range(mention.first, mention.last)})
        if given:
            self._gender.setdefault(mention.key, given)
        return span

    def named_in(self, phrase: Span) -> tuple[int, int] | None:
        """Offsets of the one named mention a noun phrase is about, with no guessing from context.

        "Foreign Minister Sergei Lavrov" → Lavrov, "Scientology officials" → Scientology,
        "News of the arrest in Texas" → nothing: a name inside a modifier is not the subject.
        """
        found = self._named(phrase, None)
        if found is None and self._parsed:
            found = self._organization_of(phrase.root)
        if found is None and self._parsed:  # "Kim's train": what the fact is about is Kim's
            found = next(
                (
                    self._at_token[c.i]
                    for c in phrase.root.children
                    if c.dep_ == "poss" and c.i in self._at_token
                ),
                None,
            )
        return (found.start, found.end) if found is not None else None

    def names_several(self, phrase: Span) -> bool:
        """ "North and South Korea", "France and Britain": the phrase names more than one."""
        return self._names_several(phrase)

    def remember(self, start: int, end: int) -> None:
        """Take the mention at these offsets as the latest speaker (a fact's "he" may be them)."""
        mention = next((m for m in self._inside(start, end) if (m.start, m.end) == (start, end)), None)
        if mention is not None:
            self._speakers.append(mention)

    def _is_unnamed_person(self, speaker: Span) -> bool:
        root = speaker.root
        return root.pos_ == "NOUN" and self._cues.description_heads.get(root.lemma_.lower()) == "PERSON"

    def _names_several(self, speaker: Span) -> bool:
        """ "France and Britain said": the span credits both, so no single entity."""
        inside = self._inside(speaker.start_char, speaker.end_char)
        if len({m.key for m in inside}) < 2 or not self._parsed:
            return False
        return any(t.dep_ == "conj" and t.i in self._at_token for t in speaker)

    def _named(self, speaker: Span, apposition: Span | None) -> _Mention | None:
        """The mention a span names: a person in it, else the mention holding its head noun."""
        if self._names_several(speaker):
            return None
        for span in (speaker, apposition):
            if span is None:
                continue
            root = span.root
            holder = self._at_token.get(root.i)
            if holder is not None and holder.label == "PERSON":
                return holder
            person = self._name_after_title(span, root)
            if person is None and holder is None:
                person = self._set_off_name(span)
            if person is not None:
                return person
            if holder is not None and holder.start >= span.start_char and holder.end <= span.end_char:
                return holder
        return None

    def _name_after_title(self, span: Span, root: Token) -> _Mention | None:
        """ "Foreign Ministry spokeswoman Maria Zakharova" even when the parse heads it on the title.

        A name that ends the span after title words credits that person however long the
        title ("Executive director of the Dallas chapter of CAIR Alia Salem"), unless a
        preposition puts it inside the title ("a spokesman for Kim Jong Un").
        """
        for mention in self._inside(span.start_char, span.end_char):
            if mention.label != "PERSON":
                continue
            ends_span = mention.last == span.end and mention.first > span.start
            if ends_span and span.doc[mention.first - 1].pos_ in ("PROPN", "NOUN", "ADJ"):
                return mention
            if mention.first <= root.i:
                continue
            between = span.doc[root.i + 1 : mention.first]
            if len(between) <= _TITLE_BEFORE_NAME and not any(t.pos_ in ("ADP", "VERB") for t in between):
                return mention
        return None

    def _set_off_name(self, span: Span) -> _Mention | None:
        """ "A spokesman for the Kremlin, Dmitry Peskov": a name set off after a description is its person."""
        for mention in self._inside(span.start_char, span.end_char):
            if (
                mention.label == "PERSON"
                and mention.first > span.start
                and span.doc[mention.first - 1].text == ","
            ):
                return mention
        return None

    def _described(self, speaker: Span) -> _Mention | None:
        """A pronoun, a description or a document: the named mention it refers to, if sure."""
        words = [t for t in speaker if not t.is_punct]
        if not words:
            return None
        root = speaker.root if self._parsed else words[-1]
        lower = root.lower_
        if len(words) == 1 and lower in self._cues.person_pronouns:
            return self._person_antecedent(speaker, self._cues.gendered_pronouns.get(lower))
        if len(words) == 1 and lower in self._cues.org_pronouns:
            last = self._last_speaker(speaker.start_char, "ORG")
            return last if last is not None and self._close_by(speaker, last) else None
        if len(words) == 1 and lower == "they":
            return self._organization_going_on(speaker)
        if not self._parsed or lower in self._cues.plural_pronouns:
            return None
        if root.tag_ in _RELATIVE_TAGS and root.head.dep_ == "relcl":
            return self._at_token.get(root.head.head.i)  # "Marc Morial, …, who said"
        lemma = root.lemma_.lower()
        if lemma in self._cues.document_heads:
            return self._issuer(root)
        definite = words[0].lower_ in _DEFINITE and root.tag_ not in _PLURAL_TAGS
        label = self._cues.description_heads.get(lemma)
        if definite and label == "PERSON":
            titled = self._titled_person(speaker.start_char, lemma, self._qualifiers(root))
            if titled is not None:
                return titled  # "the secretary general of CEI" after "…, Nunzio Galantino" was named with it
        organization = self._organization_of(root)
        if organization is not None:
            return organization
        if not definite or label is None or root.pos_ == "PROPN":
            return None  # "officials", "a senior official", "one resident": unnamed, and stays so
        if label == "ORG":
            for mention in islice(self._before(speaker.start_char, "ORG"), _DESCRIPTION_LOOKBACK):
                if mention.head_lemma == lemma or lemma in mention.text.split():
                    return mention  # "the TASS news agency" / "the Ministry of Defence" earlier
            last = self._last_speaker(speaker.start_char, "ORG")
            return last if last is not None and self._close_by(speaker, last) else None
        return self._titled_person(speaker.start_char, lemma, self._qualifiers(root))

    def _organization_going_on(self, speaker: Span) -> _Mention | None:
        """ "The Church denied the allegations. They also claimed …": "they" goes on with the
        organization quoted just before, when it is the last source and close by; after
        "officials" or any person it stays unresolved.
        """
        last = self._speakers[-1] if self._speakers else None
        if last is None or last.label != "ORG" or any(o > last.start for o in self._unnamed):
            return None
        return last if self._close_by(speaker, last) else None

    def _close_by(self, speaker: Span, mention: _Mention) -> bool:
        """Is the mention in the speaker's paragraph or the one before (where "it", "they" or "the
        agency" can still mean it without a reader having to guess)?"""
        text = self._text
        paragraph = text.rfind("\n\n", 0, speaker.start_char)
        previous = text.rfind("\n\n", 0, max(paragraph, 0))
        return mention.start >= (previous + 2 if previous >= 0 else 0)

    def _issuer(self, document: Token) -> _Mention | None:
        """ "the ministry's statement", "a statement from the Pentagon"; "a post on X" credits nobody."""
        for child in document.children:
            if child.dep_ == "poss":
                return self._named_by(child)
            if child.dep_ == "compound" and self._named_by(child) is not None:
                return self._named_by(child)  # "the Home Office letter", "a Kremlin statement"
            if child.dep_ in ("prep", "agent") and child.lower_ in self._cues.issuer_prepositions:
                target = next((c for c in child.children if c.dep_ == "pobj"), None)
                if target is not None:
                    return self._named_by(target)
        return None

    def _named_by(self, token: Token) -> _Mention | None:
        mention = self._at_token.get(token.i)
        return mention if mention is not None and mention.label in ("PERSON", "ORG") else None

    def _organization_of(self, head: Token) -> _Mention | None:
        """The organization an unnamed source names: "a spokesman for the Kremlin", "Pentagon officials"."""
        for child in head.children:
            target: Token | None = child
            if child.dep_ == "prep" and child.lower_ in self._cues.organization_prepositions:
                target = next((c for c in child.children if c.dep_ == "pobj"), None)
            elif child.dep_ not in ("poss", "compound", "nmod", "amod"):
                continue
            mention = self._at_token.get(target.i) if target is not None else None
            if mention is not None and mention.label == "ORG":
                return mention
        return None

    def _titled_person(
        self, offset: int, title: str, qualifiers: frozenset[str] = frozenset()
    ) -> _Mention | None:
        """ "the governor" → the person earlier introduced with that title ("Governor Gladkov").

        Words that qualify the title must be there too: "the Democratic presidential nominee" is
        not the person introduced as "Republican presidential nominee Donald Trump".
        """
        doc = self._doc
        for mention in islice(self._before(offset, "PERSON"), _DESCRIPTION_LOOKBACK):
            sentence = doc[mention.first].sent
            before = doc[max(mention.first - _TITLE_BEFORE_NAME, sentence.start) : mention.first]
            after = doc[mention.last : min(mention.last + _TITLE_BEFORE_NAME + 1, sentence.end)]
            words = {t.lemma_.lower() for t in (*before, *after)} | {t.lower_ for t in (*before, *after)}
            if title in words and qualifiers <= words:
                return mention
        return None

    @staticmethod
    def _qualifiers(root: Token) -> frozenset[str]:
        """The words that make a title particular: "Democratic", "presidential" in "the Democratic
        presidential nominee"."""
        return frozenset(
            c.lower_ for c in root.children if c.dep_ in ("amod", "compound") and c.is_alpha and not c.is_stop
        )

    def _person_antecedent(self, speaker: Span, gender: str | None) -> _Mention | None:
        """The person "he" or "she" means; None when two fit equally."""
        offset = speaker.start_char

        def fits(mention: _Mention) -> bool:
            known = self._mention_gender(mention) or self._gender.get(mention.key)
            return (
                not self._in_quoted(mention)
                and not self._modifies_a_thing(mention)
                and (known is None or gender is None or known == gender)
            )

        if not self._doc.has_annotation("SENT_START"):
            return next((m for m in self._before(offset, "PERSON") if fits(m)), None)
        sentence = speaker.sent
        window = sentence
        for _ in range(_PRONOUN_LOOKBACK - 1):
            if window.start == 0:
                break
            window = self._doc[window.start - 1].sent
        # Only the sentences looked at: the search stays linear in the article's length.
        first = bisect_left(self._starts, window.start_char)
        last = bisect_left(self._starts, offset)
        compatible = [m for m in self._mentions[first:last] if m.label == "PERSON" and fits(m)]
        if not compatible:
            return None
        previous = self._last_speaker(offset, "PERSON")
        for _ in range(_PRONOUN_LOOKBACK):
            here = [m for m in compatible if sentence.start_char <= m.start < sentence.end_char]
            chained = self._parsed and any(
                t.dep_ in _SUBJECT_DEPS
                and t.idx < offset
                and self._cues.gendered_pronouns.get(t.lower_) == gender
                and not speaker.start <= t.i < speaker.end
                for t in sentence
            )
            keys = {m.key for m in here}
            subjects = {m.key: m for m in here if self._is_subject(m)}
            if previous is not None and previous.key in keys and set(subjects) <= {previous.key}:
                # the previous speaker goes on, unless someone else is this sentence's subject
                return next(m for m in here if m.key == previous.key)
            if any(sentence.start_char <= o < min(sentence.end_char, offset) for o in self._unnamed):
                return None  # "he" goes on with the unnamed spokesman quoted here, not a named person
            if not subjects and self._described_subject(sentence, offset, gender, speaker):
                return None  # "My father bought land. He …", "The president …. He …": not a name further back
            if here and not chained:
                if len(keys) == 1:
                    return here[0]
                return next(iter(subjects.values())) if len(subjects) == 1 else None
            if sentence.start == 0:
                return None
            sentence = self._doc[sentence.start - 1].sent
        return None

    def _mention_gender(self, mention: _Mention) -> str | None:
        """This mention's person's gender: "Hillary Clinton", "Mrs. Clinton", or a bare "Clinton"
        after the full name it shortens; None when the text does not tell."""
        doc = self._doc
        if mention.last - mention.first >= 2:
            given = self._cues.given_names.get(doc[mention.first].lower_)
            if given:
                return given
        if mention.first > 0:
            honorific = self._cues.gendered_words.get(doc[mention.first - 1].lower_)
            if honorific:
                return honorific
        return self._shortened.get(mention.start)

    def _shortened_genders(self) -> dict[int, str | None]:
        """Start of each short person mention → the gender of the full name it shortens, the last
        one with its last word before it (one pass, so pronoun searches stay linear)."""
        doc = self._doc
        last_full: dict[str, str | None] = {}
        genders: dict[int, str | None] = {}
        for mention in self._mentions:
            if mention.label != "PERSON":
                continue
            if mention.last - mention.first >= 2:
                last_full[mention.key] = self._cues.given_names.get(doc[mention.first].lower_)
            else:
                genders[mention.start] = last_full.get(mention.key)
        return genders

    def _described_subject(self, sentence: Span, offset: int, gender: str | None, speaker: Span) -> bool:
        """Does a person named by a description ("my father", "the president") hold the subject here?"""
        if not self._parsed:
            return False
        for token in sentence:
            if token.idx >= offset or speaker.start <= token.i < speaker.end:
                break
            if token.dep_ not in _SUBJECT_DEPS or token.pos_ != "NOUN" or token.i in self._at_token:
                continue
            lemma = token.lemma_.lower()
            word_gender = self._cues.gendered_words.get(lemma)
            is_person = word_gender is not None or self._cues.description_heads.get(lemma) == "PERSON"
            if is_person and (word_gender is None or gender is None or word_gender == gender):
                return True
        return False

    def _modifies_a_thing(self, mention: _Mention) -> bool:
        """ "the Cruise video", "a Trump rally": a name used as a modifier is no one "he" can mean."""
        if not self._parsed:
            return False
        root = self._doc[mention.first : mention.last].root
        return root.dep_ in ("compound", "amod", "nmod") and root.head.pos_ == "NOUN"

    def _is_subject(self, mention: _Mention) -> bool:
        if not self._parsed:
            return False
        tokens = self._doc[mention.first : mention.last]
        root = tokens.root
        return root.dep_ in _SUBJECT_DEPS or (
            root.dep_ in ("appos", "compound") and root.head.dep_ in _SUBJECT_DEPS
        )
