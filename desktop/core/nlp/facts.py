"""Dossier component dossier_facts: one checkable claim per clause, read off the dependency parse.

A fact is a clause that has a subject: subject — predicate — object, plus the
numbers, places and times that qualify it. Choices, so that each fact is
something a person can check against its sentence:

- Fact heads are verbs (or a copula) heading a main, coordinated, adverbial or
  reported clause. Clauses that only describe a noun (relative clauses,
  "fears that …") or are not asserted ("if …", "whether …", "denied that …")
  are not facts; neither are questions or clauses without a subject
  (imperatives, captions, participial asides).
- Not asserted either: either/or alternatives, "when"/"where" clauses (the scene
  of another claim), what was told to the speaker by no one named, and clauses
  under a hedge (believe, think, theorize: the frame is the fact). A condition
  ("if", "unless", an inverted "Had it happened …") stays with its fact.
- No row for credit lines ("contributed to this report"), naming participles
  ("a group called the Sea Org"), a cue with nothing reported ("he said this",
  "They estimated"), an address ("You pay …"), or a subject that names nothing
  ("That is bad news", an extraposed "It was unclear whether …").
- Attribution frames ("TASS reported that …", the cue of a found quote, "told
  parliament") are not facts themselves: the reported clause is, and it carries
  the source, which only a reporting frame gives.
- The subject links the entity it is about (a pronoun's person, the name a
  phrase is about, never a name in its modifiers); "it" and "they" stay unresolved. The
  source comes from the quote finder when the clause lies in one of its quotes
  (speaker as written, resolved speaker, quote offsets); otherwise from the
  frame's subject ("according to X" included), unresolved.
- Subject and object are the head noun's phrase, cut before a modifier set off
  by punctuation (", which …", " – Moscow for …"); the predicate keeps its
  auxiliaries, negation, particles and infinitive chain ("is believed to be"),
  and absorbs the preposition when the object is prepositional ("spoke of").
- Qualifiers are the NUMBER and PLACE mentions and DATE/TIME entities of the
  clause's own modifiers ("on Sunday", "some 8,000 kilometers from Moscow")
  that lie outside subject and object: those are linked through the subject's
  and object's own entities already, so listing them again would double them.
- The fact's span is its clause (subject to last modifier), which also keeps
  facts of one sentence apart: span extensions are keyed by offsets.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from desktop.core.nlp.paragraphs import dateline_end
from desktop.core.nlp.quotes_speakers import SpeakerResolver, load_cues
from desktop.core.nlp.spans import ENTITY_GROUP, FACT_GROUP, HEADING_GROUP, QUOTE_GROUP
from desktop.core.resources import resource_path

_VERBAL = ("VERB", "AUX")
# Dependencies by which a clause hangs off its parent and can still be asserted.
_ASSERTED_LINKS = ("ccomp", "conj", "advcl", "parataxis")
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_OBJECT_DEPS = ("dobj", "attr", "oprd", "acomp")
_RECIPIENT_DEPS = ("dative",)
_PREDICATE_DEPS = ("aux", "auxpass", "neg", "prt")
# Modifiers of the verb whose names, numbers and times qualify the fact.
_QUALIFYING_DEPS = ("prep", "agent", "npadvmod", "advmod", "dep", "dative", "prt")
# Marks that make a clause hypothetical or a question rather than a claim.
_NOT_ASSERTED_MARKS = ("if", "unless", "whether", "lest")
# A claim's condition: kept with it as a field ("will resume enrichment unless the sanctions are lifted").
_CONDITION_MARKS = ("if", "unless")
_CIRCUMSTANCE_MARKS = ("when", "whenever", "where", "wherever")
_PERSON_PRONOUNS = ("he", "she")
_GOING_ON = ("go", "carry", "press", "push")
_SAYING = ("say", "tell", "add", "state", "note", "write", "report", "explain", "comment", "tweet")
_INVERTED_CONDITIONS = ("had", "were", "should")  # "Had it happened earlier, …"
# Marks of time whose clause is only expected unless told in the past: "before it can join NATO",
# "once the jets arrive" are not facts; "before it withdrew" is.
_PROSPECTIVE_MARKS = ("before", "once", "until", "till")
# Modifiers that, set off by this punctuation, are cut from a subject or object.
_SET_OFF_DEPS = ("relcl", "appos", "acl", "advcl")
_SET_OFF_PUNCT = (",", ";", ":", "–", "—", "--")
_OPENERS = {"(": ")", "[": "]", "“": "”", "‘": "’", '"': '"', "'": "'"}
_CLOSERS = {v: k for k, v in _OPENERS.items()}
# A frame subject that names no one ("it is clear that …") gives no source.
_EMPTY_SOURCES = ("it", "this", "that", "there", "which", "what")
_TIME_LABELS = ("DATE", "TIME")
_FINITE_TAGS = ("VBD", "VBZ", "VBP", "MD")
_WH_TAGS = ("WDT", "WP", "WP$", "WRB")
_QUALIFIER_LABELS = ("NUMBER", "PLACE")


@cache
def _frames() -> dict[str, list[str]]:
    data: dict[str, list[str]] = json.loads(resource_path("fact_frames.json").read_text(encoding="utf-8"))
    return data


@cache
def _frame_words(key: str) -> frozenset[str]:
    """One word list of resources/fact_frames.json (non_asserting, narration_subjects, …)."""
    return frozenset(_frames()[key])


@dataclass
class _Quote:
    start: int
    end: int
    speaker: list[int] | None
    speaker_resolved: list[int] | None


class _Context:
    """Per-document lookups, built once so that extraction stays linear in the text."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.quote_of_token: list[_Quote | None] = [None] * len(doc)
        self.cue_tokens: set[int] = set()
        quotes = list(doc.spans.get(QUOTE_GROUP, []))
        # Widest first, so that a quote nested in another claims its own tokens.
        for span in sorted(quotes, key=lambda s: s.start - s.end):
            info = span._.dossier_quote or {}
            quote = _Quote(span.start_char, span.end_char, info.get("speaker"), info.get("speaker_resolved"))
            fragments = info.get("fragments") or [[span.start_char, span.end_char]]
            for token in span:
                if any(a <= token.idx < b for a, b in fragments):
                    self.quote_of_token[token.i] = quote
            cue = info.get("cue")
            if cue:
                cue_span = doc.char_span(cue[0], cue[1], alignment_mode="expand")
                if cue_span is not None:
                    self.cue_tokens.update(t.i for t in cue_span)
        self.heading_starts = {s.start for s in doc.spans.get(HEADING_GROUP, [])}
        self.resolver = SpeakerResolver(doc, load_cues(), [(s.start_char, s.end_char) for s in quotes])
        for span in sorted(quotes, key=lambda s: s.start):
            resolved = (span._.dossier_quote or {}).get("speaker_resolved")
            if resolved:
                self.resolver.remember(*resolved)  # "he" in a fact may be the speaker quoted before
        self.qualifiers_by_sentence_start: dict[int, list[tuple[int, int, str]]] = {}
        candidates = [
            (s.start, s.end, s.label_)
            for s in doc.spans.get(ENTITY_GROUP, [])
            if s.label_ in _QUALIFIER_LABELS
        ]
        candidates += [(e.start, e.end, "TIME") for e in doc.ents if e.label_ in _TIME_LABELS]
        for start, end, label in sorted(candidates):
            sentence_start = doc[start].sent.start
            self.qualifiers_by_sentence_start.setdefault(sentence_start, []).append((start, end, label))

    def resolve_subject(self, doc: Doc, subject: tuple[int, int] | None) -> list[int] | None:
        """The named mention a subject stands for, if sure: a pronoun's person ("She remains in
        hospital"), else the name the phrase is about ("Defence Minister Sergei Shoigu"), never a
        name inside one of its modifiers ("News of the arrest in Texas")."""
        if subject is None:
            return None
        phrase = doc[subject[0] : subject[1]]
        if len(phrase) == 1 and phrase[0].pos_ == "PRON":
            if self.quote_of_token[phrase[0].i] is not None:
                return None  # "he" in someone's quoted words means whom they mean: shown unresolved
            if phrase[0].lower_ not in _PERSON_PRONOUNS:
                return (
                    None  # "it", "they" as a subject are as often a thing or a plan as the last body quoted
                )
            resolved = self.resolver.resolve(phrase, remember=False)
        else:
            resolved = self.resolver.named_in(phrase)
            apposition = next((c for c in phrase.root.children if c.dep_ == "appos"), None)
            if resolved is None and apposition is not None:
                # "the president of the Lombardy region, Roberto Maroni, has reacted"
                resolved = self.resolver.named_in(doc[apposition.left_edge.i : apposition.right_edge.i + 1])
        return list(resolved) if resolved else None

    def subject_links(self, doc: Doc, subject: tuple[int, int] | None) -> str:
        """Which entities a subject links: all it names when it names several, else the one resolved."""
        if subject is not None and self.resolver.names_several(doc[subject[0] : subject[1]]):
            return "all"
        return "resolved"

    def resolve_source(self, doc: Doc, source: tuple[int, int]) -> list[int] | None:
        resolved = self.resolver.resolve(doc[source[0] : source[1]], remember=False)
        return list(resolved) if resolved else None


@Language.component("dossier_facts")
def find_facts(doc: Doc) -> Doc:
    """Store one span per fact in doc.spans[FACT_GROUP], details in span._.dossier_fact."""
    facts: list[Span] = []
    if doc.has_annotation("DEP"):
        context = _Context(doc)
        taken: set[tuple[int, int]] = set()
        for sentence in doc.sents:
            if _is_question(sentence):
                continue
            if sentence.start in context.heading_starts:
                continue  # a headline or subheading is not a claim of the article's own
            for token in sentence:
                for fact in _facts_at(token, sentence, context):
                    if (fact.start_char, fact.end_char) not in taken:
                        taken.add((fact.start_char, fact.end_char))
                        facts.append(fact)
    doc.spans[FACT_GROUP] = facts
    return doc


def _is_condition(clause: Token) -> bool:
    """ "if …", "unless …", and the inverted "Had it happened five hours earlier, …"."""
    if clause.dep_ != "advcl":
        return False
    if _mark(clause) in _CONDITION_MARKS:
        return True
    first = clause.doc[clause.left_edge.i]
    return (
        first.lower_ in _INVERTED_CONDITIONS and first.head.i == clause.i and first.dep_ in ("aux", "auxpass")
    )


def _is_alternative(verb: Token) -> bool:
    """ "schools will increase their fees or they will quit": neither half is asserted alone."""
    for clause in (verb, verb.head if verb.dep_ == "conj" else verb):
        if any(c.dep_ == "cc" and c.lower_ in ("or", "either", "nor") for c in clause.children) and any(
            c.dep_ == "conj" and c.pos_ in _VERBAL for c in clause.children
        ):
            return True
    return False


def _without_dateline(doc: Doc, subject: tuple[int, int] | None, verb_start: int) -> tuple[int, int] | None:
    """ "HEMPSTEAD, N.Y., Sept. 26 (UPI) -- Jill Stein was escorted off …": the parse may take the
    dateline for the subject; the subject is what stands between the dateline and the verb."""
    if subject is None:
        return None
    end = dateline_end(doc, subject[0])
    if end is None:
        return subject
    if end < subject[1]:
        return (end, subject[1])
    between = [t for t in doc[end:verb_start] if not t.is_punct]
    return (between[0].i, between[-1].i + 1) if between else None


def _extraposed(copula: Token) -> bool:
    """ "It is clear that …", "It's something you would …": the 'it' stands for a clause after it."""
    after = [t for t in copula.subtree if t.i > copula.i]
    return any(
        t.dep_ in ("ccomp", "xcomp", "csubj", "relcl") or t.tag_ == "WRB" or t.lower_ == "whether"
        for t in after
    )


def _is_credit_line(verb: Token) -> bool:
    """ "Youmi Kim contributed to this report", "Bryan Lynn adapted this story", "I'm Mario Ritter"."""
    for child in verb.subtree:
        determiners = ("this", "the") if verb.lemma_.lower() == "contribute" else ("this",)
        if child.lemma_.lower() in _frame_words("credit_objects") and any(
            d.dep_ == "det" and d.lower_ in determiners for d in child.children
        ):
            return child.head.i == verb.i or (child.head.dep_ == "prep" and child.head.head.i == verb.i)
    subject = _subject(verb)
    return (
        (verb.lemma_ == "be" or verb.lower_ in ("’m", "'m", "am"))
        and subject is not None
        and subject.lower_ == "i"
        and any(c.dep_ == "attr" and c.pos_ == "PROPN" for c in verb.children)
    )


def _is_naming(verb: Token) -> bool:
    """ "a defector from the group called the Sea Org": the word names the group; no one acted."""
    if verb.lemma_.lower() not in _frame_words("naming_verbs") or verb.i == 0:
        return False
    before = verb.doc[verb.i - 1]
    objects = [c for c in verb.children if c.dep_ in ("dobj", "oprd", "xcomp", "ccomp")]
    subject = _subject(verb)
    return (
        before.pos_ in ("NOUN", "PROPN")
        and (subject is None or before.i != subject.i)
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
        and len(objects) == 1
        and objects[0].dep_ in ("dobj", "oprd")
        and objects[0].pos_ == "PROPN"
    )


def _is_question(sentence: Span) -> bool:
    tail = sentence.text.rstrip().rstrip("”’\"')")
    return tail.endswith("?")


def _subject(verb: Token) -> Token | None:
    """The verb's own subject, or the one it shares with the verb it is coordinated with."""
    for child in verb.children:
        if child.dep_ in _SUBJECT_DEPS:
            return child
    if verb.dep_ == "conj" and verb.head.pos_ in _VERBAL and verb.head.i != verb.i:
        return _subject(verb.head)
    return None


def _has_expletive(verb: Token) -> bool:
    return any(child.dep_ == "expl" for child in verb.children)


def _mark(verb: Token) -> str | None:
    return next((child.lower_ for child in verb.children if child.dep_ == "mark"), None)


def _reported_clause(verb: Token) -> Token | None:
    """A ccomp with a subject of its own: what a frame like "X said (that) …" reports."""
    for child in verb.children:
        has_subject = _subject(child) is not None or _has_expletive(child)
        if child.dep_ == "ccomp" and child.pos_ in _VERBAL and has_subject and _is_finite(child):
            return child
    return None


@cache
def _source_frames() -> frozenset[str]:
    """Verbs whose subject is the source of the clause they take: say, report, believe, show …"""
    return load_cues().speech_verbs | _frame_words("non_asserting") | _frame_words("source_frames")


@cache
def _cue_lemmas() -> frozenset[str]:
    """Verbs whose fact is nothing without what they report ("They estimated")."""
    cues = (load_cues().speech_verbs | _frame_words("non_asserting") | {"estimate", "characterize"}) - {
        "continue"
    }
    return frozenset(cues)


def _told_passively(frame: Token) -> bool:
    """ "I was told that …" (by no one named); "it is asserted by the Crown that …" has its source."""
    passive = any(c.dep_ == "auxpass" for c in frame.children)
    agent = any(c.dep_ == "agent" for c in frame.children)
    return frame.lemma_.lower() in load_cues().speech_verbs and passive and not agent


def _asserts(frame: Token) -> bool:
    """A frame vouches for its clause unless it denies, doubts, asks or wishes it."""
    negated = any(child.dep_ == "neg" for child in frame.children)
    return not negated and frame.lemma_.lower() not in _frame_words("non_asserting")


def _is_frame(verb: Token, context: _Context) -> bool:
    """An attribution frame: its reported clause is the fact, not the frame."""
    clause = _reported_clause(verb)
    if verb.i in context.cue_tokens and (
        clause is not None or not _has_object(verb) or verb.lemma_.lower() in _frame_words("addressee_cues")
    ):
        return True  # "told LA Weekly …" is the cue; "Putin spoke of the “possibilities” of …" says something
    return clause is not None and _asserts(verb) and _mark(clause) not in _NOT_ASSERTED_MARKS


def _is_finite(verb: Token) -> bool:
    """A tensed clause ("left", "was heading", "will defy … and strike"), not "to work" or "leaving"."""
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(c.tag_ == "TO" for c in auxiliaries):
        return False
    if verb.tag_ in _FINITE_TAGS or any(c.tag_ in _FINITE_TAGS for c in auxiliaries):
        return True
    if verb.dep_ == "conj" and not auxiliaries and verb.head.pos_ in _VERBAL and verb.head.i != verb.i:
        return _is_finite(verb.head)
    return False


def _is_misread_acronym(verb: Token) -> bool:
    """An upper-case word in a mixed-case sentence read as a verb ("militants IS …")."""
    return verb.is_upper and len(verb) > 1 and not verb.sent.text.isupper()


def _has_object(verb: Token) -> bool:
    return any(
        c.dep_ in (*_OBJECT_DEPS, *_RECIPIENT_DEPS) or (c.dep_ in ("prep", "agent") and c.i > verb.i)
        for c in verb.children
    )


def _circumstance(clause: Token) -> bool:
    """A clause of time or place introduced by "when"/"where": it sets the scene of its main clause."""
    wh = next((c for c in clause.children if c.dep_ == "advmod" and c.tag_ == "WRB"), None)
    return _mark(clause) in _CIRCUMSTANCE_MARKS or (wh is not None and wh.lower_ in _CIRCUMSTANCE_MARKS)


def _is_prospective(verb: Token) -> bool:
    """A clause of time that has not happened: "before it can join", "once the jets arrive"."""
    if _mark(verb) not in _PROSPECTIVE_MARKS:
        return False
    auxiliaries = (c for c in verb.children if c.dep_ in ("aux", "auxpass"))
    return not any(t.tag_ == "VBD" for t in (verb, *auxiliaries))


def _is_asserted(verb: Token) -> bool:
    """Walk up to the root: every clause on the way must be asserted by its parent."""
    token = verb
    while token.dep_ != "ROOT" and token.head.i != token.i:
        if token.dep_ not in _ASSERTED_LINKS or token.head.pos_ not in _VERBAL:
            return False
        if _mark(token) in _NOT_ASSERTED_MARKS or _is_prospective(token):
            return False
        if token.dep_ == "advcl" and _circumstance(token):
            return False  # "when she was six", "when they're on stage": the when of another claim
        if token.dep_ == "ccomp" and not _asserts(token.head):
            return False
        if token.dep_ == "ccomp" and _told_passively(token.head):
            return False  # "I was told that my mum had attacked the church": told to, not claimed
        token = token.head
    return _mark(token) not in _NOT_ASSERTED_MARKS


def _facts_at(verb: Token, sentence: Span, context: _Context) -> list[Span]:
    """The facts a verb heads: one, or one per object when the objects are coordinated."""
    if verb.pos_ not in _VERBAL or not (verb.dep_ == "ROOT" or verb.dep_ in _ASSERTED_LINKS):
        return []
    subject = _subject(verb) or next((c for c in verb.children if c.dep_ == "expl"), None)
    if subject is None or subject.tag_ in _WH_TAGS:
        return []  # no one does anything, or a relative clause slipped through as a conjunct
    if any(_asks(child) for child in verb.children):
        return []  # "what Mexico could do", "how it happened": a question, not a claim
    if not _is_finite(verb) or _is_misread_acronym(verb):
        return []
    if not _is_asserted(verb) or _is_frame(verb, context):
        return []
    if subject.lemma_.lower() in _frame_words("narration_subjects"):
        return []  # "Footage shows Kim boarding the train": a description of a picture, not a claim
    if _is_credit_line(verb) or _is_naming(verb) or _is_alternative(verb):
        return []
    doc = verb.doc
    chain = _verb_chain(verb)
    head = chain[-1]
    predicate_tokens = {link.i for link in chain}
    for link in chain:
        predicate_tokens.update(c.i for c in link.children if c.dep_ in _PREDICATE_DEPS)

    subject_range = _without_dateline(doc, _phrase(subject), min(predicate_tokens))
    object_range, absorbed = _object(head, max(predicate_tokens) + 1)
    if absorbed is not None:
        predicate_tokens.add(absorbed.i)
    predicate_range = (min(predicate_tokens), max(predicate_tokens) + 1)
    if subject_range is not None and _overlaps(predicate_range, subject_range):
        return []  # the parse folds the verb into its own subject: nothing checkable comes out
    if object_range is not None and _overlaps(predicate_range, object_range):
        object_range = None
    condition = next(
        (c for link in chain for c in link.children if _is_condition(c)),
        None,
    )
    condition_range = _phrase(condition, keep_mark=True) if condition is not None else None

    subject_resolved = context.resolve_subject(doc, subject_range)
    several = context.subject_links(doc, subject_range) == "all"
    facts = []
    objects = _split_objects(head, object_range)
    for number, object_part in enumerate(objects, 1):
        region = _qualifying_region(chain, absorbed, (subject_range, object_part, predicate_range))
        if condition_range is not None:
            region.difference_update(range(*condition_range))
        qualifiers = [
            (start, end, label)
            for start, end, label in context.qualifiers_by_sentence_start.get(sentence.start, [])
            if all(i in region for i in range(start, end))
        ]
        if object_part is None and (
            head.lemma_ == "be" or verb.dep_ == "parataxis" or (not qualifiers and _says_little(subject))
        ):
            return []  # "the question is", "…, he said, …", "you know": nothing a reader could check
        lemma = head.lemma_.lower()
        if object_part is None and lemma in _cue_lemmas() and (not qualifiers or lemma in _SAYING):
            return []  # "They estimated", "he said on Monday": a cue whose content is elsewhere or lost
        said = [c for c in head.children if c.dep_ in ("dobj", "dative")]
        if lemma in _SAYING and said and all(c.pos_ in ("PRON", "DET") for c in said):
            return []  # "he said this in Indiana", "she told them": the words said are elsewhere
        particle = any(c.dep_ == "prt" for c in head.children)
        if object_part is None and not qualifiers and particle and lemma in _GOING_ON:
            return []  # "Caddell went on": he went on talking
        if subject_resolved is None and not several:
            alone = subject_range is None or subject_range[1] - subject_range[0] == 1
            if alone and subject.lower_ in _frame_words("vague_subjects"):
                return []  # "that's bad news", "it would be worse": about nothing a reader can point to
            if alone and subject.lower_ == "it" and head.lemma_ == "be" and _extraposed(head):
                return []  # "It was unclear whether …", "It's something you would be a fool not to …"
            if alone and subject.lower_ == "you":
                return []  # "You're right", "You pay your taxes": an address, not a claim about anyone
        parts = [r for r in (subject_range, predicate_range, object_part) if r is not None]
        parts += [(start, end) for start, end, _ in qualifiers]
        clause_start = max(sentence.start, min(r[0] for r in parts))
        clause_end = min(sentence.end, max(r[1] for r in parts))
        if object_part is not None and number < len(objects):
            clause_end = object_part[1]  # "sent tanks", "sent tanks, missiles", …: each fact its own span
        source, source_resolved, quote = _source(verb, context)
        span = Span(doc, clause_start, clause_end)
        span._.dossier_fact = {
            "subject": _chars(doc, subject_range),
            "subject_resolved": subject_resolved,
            "subject_links": "all" if several else "resolved",
            "predicate": _chars(doc, predicate_range),
            "object": _chars(doc, object_part),
            "qualifiers": [[*_token_chars(doc, start, end), label] for start, end, label in qualifiers],
            "source": source,
            "source_resolved": source_resolved,
            "quote": quote,
            "negated": any(doc[i].dep_ == "neg" for i in predicate_tokens),
            "modality": next((doc[i].lower_ for i in sorted(predicate_tokens) if doc[i].tag_ == "MD"), None),
            "condition": _chars(doc, condition_range),
        }
        facts.append(span)
    return facts


def _says_little(subject: Token) -> bool:
    """A pronoun subject with nothing after the verb ("he left"); "She remains in hospital" has a place."""
    return subject.pos_ == "PRON"


def _split_objects(head: Token, object_range: tuple[int, int] | None) -> list[tuple[int, int] | None]:
    """ "sent tanks, missiles and drones": one object each, so that each can be checked (and linked)."""
    if object_range is None:
        return [None]
    direct = next((c for c in head.children if c.dep_ in ("dobj", "attr") and c.i > head.i), None)
    if direct is None or not direct.conjuncts:
        return [object_range]
    pieces: list[tuple[int, int] | None] = []
    for conjunct in (direct, *direct.conjuncts):
        own = {conjunct.i} | {
            t.i for c in conjunct.children if c.dep_ not in ("conj", "cc", "punct") for t in c.subtree
        }
        start, end = min(own), max(own) + 1
        if object_range[0] <= start and end <= object_range[1]:
            pieces.append((start, end))
    return pieces if len(pieces) > 1 else [object_range]


def _asks(child: Token) -> bool:
    """A wh-word that makes its clause a question; "when" and "where" in a clause of time or place do not."""
    if child.tag_ == "WRB":
        return child.head.dep_ in ("ROOT", "ccomp")
    return child.tag_ in _WH_TAGS


def _verb_chain(verb: Token) -> list[Token]:
    """The verb and its infinitive complements: "is believed to be", "wants to buy"."""
    chain = [verb]
    head = verb
    while not any(c.dep_ in ("dobj", *_RECIPIENT_DEPS) for c in head.children):
        xcomp = next(
            (c for c in head.children if c.dep_ == "xcomp" and c.i > head.i and c.pos_ in _VERBAL), None
        )
        if xcomp is None or not _adjacent(head, xcomp):
            break
        chain.append(xcomp)
        head = xcomp
    return chain


def _adjacent(head: Token, xcomp: Token) -> bool:
    """Only adverbs and the complement's own "to"/"not" between: the predicate stays one readable span."""
    own = {c.i for c in xcomp.children if c.dep_ in _PREDICATE_DEPS}
    between = head.doc[head.i + 1 : xcomp.i]
    return all(t.i in own or t.pos_ in ("ADV", "PART") for t in between)


def _object(head: Token, predicate_end: int) -> tuple[tuple[int, int] | None, Token | None]:
    """The object's token range, and the preposition moved into the predicate if the object is one."""
    direct = [c for c in head.children if c.dep_ in (*_OBJECT_DEPS, *_RECIPIENT_DEPS) and c.i > head.i]
    if direct:
        ranges = [r for r in (_phrase(c) for c in direct) if r is not None]
        if not ranges:
            return None, None
        start, end = min(r[0] for r in ranges), max(r[1] for r in ranges)
        return _extend_with_prepositions(head, (start, end)), None
    # A clausal complement: what a non-vouching frame reports, what "footage shows".
    clause = next((c for c in head.children if c.dep_ == "ccomp" and c.i > head.i), None)
    if clause is not None:
        return _phrase(clause), None
    for child in head.children:
        if child.dep_ not in ("prep", "agent") or child.i < predicate_end or _is_time_or_source(child):
            continue
        between = head.doc[predicate_end : child.i]
        if any(t.pos_ not in ("ADV", "PART") and t.tag_ not in ("JJR", "RBR") for t in between):
            break
        complement = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
        if complement is None:
            break
        phrase = _phrase(complement)
        return (_extend_with_prepositions(head, phrase) if phrase else None), child
    return None, None


def _extend_with_prepositions(head: Token, object_range: tuple[int, int]) -> tuple[int, int]:
    """Let the object run on over the verb's prepositional phrases that follow it directly, and over
    what the object is asked or left to be: "asked the governments not to turn away boats", "left the
    court ideologically split" (without it the row says something else)."""
    start, end = object_range
    for child in head.children:
        follows = child.i == end if child.dep_ == "prep" else child.left_edge.i == end
        prepositional = child.dep_ == "prep" and not _is_time_or_source(child)
        if follows and (prepositional or child.dep_ in ("xcomp", "oprd", "ccomp")):
            end = max(end, _phrase_end(child))
    return start, end


def _is_time_or_source(preposition: Token) -> bool:
    if preposition.lower_ == "according":
        return True
    return any(t.ent_type_ in _TIME_LABELS for t in preposition.subtree)


def _phrase_end(head: Token) -> int:
    phrase = _phrase(head)
    return phrase[1] if phrase else head.i + 1


def _phrase(head: Token, keep_mark: bool = False) -> tuple[int, int] | None:
    """The head's subtree, cut before a modifier set off by punctuation, trimmed at the edges."""
    doc = head.doc
    start, end = head.left_edge.i, head.right_edge.i + 1
    for token in doc[start:end]:
        if "\n" in token.text:  # a paragraph break ends every phrase
            if token.i <= head.i:
                start = token.i + 1
                continue
            end = token.i
            break
        before = token.left_edge.i - 1
        if (
            token.i > head.i
            and token.dep_ in _SET_OFF_DEPS
            and before > head.i
            and doc[before].text in _SET_OFF_PUNCT
        ):
            end = before
            break
    return _trim(doc, start, end, keep_mark)


def _trim(doc: Doc, start: int, end: int, keep_mark: bool = False) -> tuple[int, int] | None:
    """Drop edge punctuation and a leading "that", keeping brackets and quotes that close inside."""
    while start < end:
        token = doc[start]
        opener_closed = token.text in _OPENERS and any(
            t.text == _OPENERS[token.text] for t in doc[start + 1 : end]
        )
        drop_mark = token.dep_ == "mark" and not keep_mark
        if token.is_space or (token.is_punct and not opener_closed) or drop_mark:
            start += 1
        else:
            break
    while end > start:
        token = doc[end - 1]
        closer_opened = token.text in _CLOSERS and any(
            t.text == _CLOSERS[token.text] for t in doc[start : end - 1]
        )
        if token.is_space or (token.is_punct and not closer_opened) or token.pos_ == "CCONJ":
            end -= 1
        else:
            break
    return (start, end) if start < end else None


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _qualifying_region(
    chain: list[Token], absorbed: Token | None, parts: Iterable[tuple[int, int] | None]
) -> set[int]:
    """Tokens of the verbs' own modifiers, minus those of subject, predicate and object."""
    region: set[int] = set()
    for link in chain:
        for child in link.children:
            if child.dep_ in _QUALIFYING_DEPS and (absorbed is None or child.i != absorbed.i):
                region.update(t.i for t in child.subtree)
    for part in parts:
        if part is not None:
            region.difference_update(range(*part))
    return region


def _source(verb: Token, context: _Context) -> tuple[list[int] | None, list[int] | None, list[int] | None]:
    """(speaker as written, resolved speaker, quote offsets) for a fact in reported speech."""
    quote = context.quote_of_token[verb.i]
    quote_offsets = [quote.start, quote.end] if quote else None
    if quote is not None and quote.speaker:
        return (
            list(quote.speaker),
            (list(quote.speaker_resolved) if quote.speaker_resolved else None),
            (quote_offsets),
        )
    speaker = _speaker_from_parse(verb)
    if speaker is None:
        return None, None, quote_offsets
    return _chars(verb.doc, speaker), context.resolve_source(verb.doc, speaker), quote_offsets


def _speaker_from_parse(verb: Token) -> tuple[int, int] | None:
    """The subject of the nearest frame above the clause, or X of "according to X"."""
    token = verb
    while True:
        for child in token.children:
            if child.lower_ == "according":
                target = next((t for t in child.subtree if t.dep_ == "pobj"), None)
                if target is not None:
                    return _phrase(target)
        if token.dep_ == "ROOT" or token.head.i == token.i:
            return None
        if token.dep_ == "ccomp":
            if token.head.lemma_.lower() not in _source_frames():
                return None  # "The law is not retroactive, so the taxes … are": no one reports it
            subject = _subject(token.head)
            if subject is not None and subject.lower_ not in _EMPTY_SOURCES:
                return _phrase(subject)
            return None
        token = token.head


def _chars(doc: Doc, token_range: tuple[int, int] | None) -> list[int] | None:
    return None if token_range is None else _token_chars(doc, *token_range)


def _token_chars(doc: Doc, start: int, end: int) -> list[int]:
    """Character offsets of tokens start..end (end exclusive)."""
    return [doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)]
