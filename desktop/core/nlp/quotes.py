"""Dossier component dossier_quotes: who said what, tied to the text.

Direct quotes start from paired quotation marks (quotes_marks) and are kept
only when something attributes them: a short clause after the closing mark
in the same paragraph (“…,” he said; with the writer's words before the mark
the whole sentence is one mixed quote), a speech verb governing them (TASS
reported that … “…”), a paragraph ending in a colon before them, or an
attributed quote next to them. A quotation paragraph goes on with the source
quoted at the end of the paragraph before, or with the named person that
paragraph introduces. What stays unattributed is a title or a scare quote and
is dropped. A paragraph ends every quote: the next one is a quote of its own.
Indirect quotes come from the dependency parse: a speech verb with a
subject and a clausal complement (X said (that) …; …, X said; As X told Y, …),
"according to X", and what was announced; a reporter's aside at the end
(", which …", ", according to …") and a dateline are not part of it.
Speakers are resolved by quotes_speakers.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from desktop.core.nlp.paragraphs import dateline_end, headings_of
from desktop.core.nlp.quotes_marks import Fragmented, Quoted, find_quoted
from desktop.core.nlp.quotes_speakers import Cues, SpeakerResolver, load_cues, speaker_span
from desktop.core.nlp.spans import ENTITY_GROUP, QUOTE_GROUP

_SUBJECT_DEPS = ("nsubj",)
_SPEAKER_DEPS = ("nsubj", "nsubjpass")
_INHERITS_SUBJECT = ("conj", "advcl", "xcomp")  # "…, adding that …" takes the head's subject
_TRAILING_MAX_TOKENS = 25  # an attribution after a quote is short: ", said X, a doctor, on Sunday."
_TRAILING_CUE_WITHIN = 12  # "…,” Rep. John Mica (R-Fla.) said"
_LEADING_MAX_TOKENS = 12  # cue verb to opening mark: "X said in a statement on Sunday: “…"
_SCARE_MAX_WORDS = 4  # a shorter unattributed quote is a title or scare quote, not speech
_LEAD_IN_MAX_TOKENS = 40  # writer's words before a quote its trailing attribution still covers
_LEAD_IN_STOPS = (".", "?", "!", ";", ":", "(", "[", "—", "–", "--")  # where such words start
_ABSORB_RATIO = 0.5  # quoted share of a reported clause below which the clause is the quote
_ASCEND_STEPS = 8
_NAME_RUN_MAX = 8
_NOT_NAME = ("ADP", "VERB", "AUX", "SCONJ", "CCONJ")
_TITLE_MAX_WORDS = 8
_ASIDE_MARKS = (",", "—", "–", "--")
_RELATIVE_WORDS = ("who", "which", "whose", "whom", "that")
_MAIN_CLAUSE_DEPS = ("ROOT", "conj", "parataxis")  # a clause of its own, not a relative one
_CLOSING_MARKS = ("”", '"', "’", "'", "''", "»")


@dataclass
class _Quote(Fragmented):
    kind: str
    fragments: list[tuple[int, int]]
    speaker: Span | None = None
    apposition: Span | None = None
    cue: tuple[int, int] | None = None


@dataclass
class _Attribution:
    speaker: Span
    apposition: Span | None
    cue: tuple[int, int] | None


class _Finder:
    def __init__(self, doc: Doc, cues: Cues) -> None:
        self.doc = doc
        self.text = doc.text
        self.cues = cues
        self.parsed = doc.has_annotation("DEP")
        self.token_starts = [t.idx for t in doc]
        self.orphans: list[_Quote] = []
        self.consumed_verbs: set[int] = set()  # cue verbs whose content is a direct quote
        self.quoted = find_quoted(self.text)
        entities = doc.spans.get(ENTITY_GROUP, [])
        self.entity_tokens = {i for s in entities for i in range(s.start, s.end)}
        self.person_tokens = {i for s in entities if s.label_ == "PERSON" for i in range(s.start, s.end)}
        self.quoted_starts = [q.open_start for q in self.quoted]

    # -- tokens and offsets -------------------------------------------------

    def token_at(self, offset: int) -> int:
        """Index of the token covering or following a character offset."""
        i = bisect_left(self.token_starts, offset)
        if i > 0 and self.doc[i - 1].idx + len(self.doc[i - 1]) > offset:
            return i - 1
        return i

    def tokens_between(self, start: int, end: int) -> list[Token]:
        return [t for t in self.doc[self.token_at(start) : self.token_at(end)] if not t.is_space]

    def is_cue_verb(self, token: Token, lexicon: frozenset[str]) -> bool:
        return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in lexicon

    def subject(self, verb: Token) -> Token | None:
        for _ in range(3):
            subjects = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS]
            if subjects:
                # the parse may give several ("Facebook co - founder Mark Zuckerberg tweeted"):
                # the one next to the verb heads the phrase
                before = [c for c in subjects if c.i < verb.i]
                return before[-1] if before else subjects[0]
            for child in verb.children:
                if child.dep_ == "agent":
                    return next((c for c in child.children if c.dep_ == "pobj"), None)
            if (
                verb.dep_ == "conj"
                and verb.head.dep_ == "ccomp"
                and self.is_cue_verb(verb.head.head, self.cues.speech_verbs)
            ):
                # "They claimed Paris was a volunteer and claim she …": the second cue goes with the first
                verb = verb.head.head
                continue
            if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
                verb = verb.head.head  # "responded by saying …", "after saying …"
                continue
            if (
                verb.dep_ == "acl"
                and verb.head.lemma_.lower() in self.cues.document_heads
                and verb.head.head.pos_ in ("VERB", "AUX")
                and verb.head.dep_ in ("dobj", "pobj", "nsubjpass")
            ):
                verb = verb.head.head  # "His office put out a statement saying …": the statement's issuer
                if verb.dep_ == "prep":
                    verb = verb.head
                continue
            if verb.dep_ not in _INHERITS_SUBJECT or verb.head.i == verb.i:
                return None
            verb = verb.head
        return None

    def attribution(self, verb: Token) -> _Attribution | None:
        subject = self.subject(verb)
        if subject is None:
            return None
        speaker = speaker_span(subject)
        # the last apposition: "The secretary general of CEI (Italian Episcopal Conference), Nunzio Galantino"
        apposition = next((c for c in reversed(list(subject.children)) if c.dep_ == "appos"), None)
        set_off = self.set_off_name(speaker, verb) if apposition is None else None
        return _Attribution(
            speaker,
            self.doc[apposition.left_edge.i : apposition.right_edge.i + 1] if apposition else set_off,
            self.cue_span(verb),
        )

    def set_off_name(self, speaker: Span, verb: Token) -> Span | None:
        """ "Malaysia's Prime Minister, Najib Razak said": the name between the title and the verb."""
        between = self.doc[speaker.end : verb.i]
        if len(between) < 2 or between[0].text != ",":
            return None
        words = [t for t in between[1:] if t.text != ","]
        if 0 < len(words) <= _NAME_RUN_MAX and all(t.pos_ == "PROPN" for t in words):
            return self.doc[words[0].i : words[-1].i + 1]
        return None

    def cue_span(self, verb: Token) -> tuple[int, int]:
        """The cue as written: the verb, or a phrase cue with its particle ("spoke of")."""
        last = verb.nbor() if self.phrase_cue(verb) else verb
        return verb.idx, last.idx + len(last)

    # -- direct quotes ------------------------------------------------------

    def trailing(self, quoted: Quoted, limit: int) -> _Attribution | None:
        """“…,” he said / “…,” said Hugh Hill, a doctor. / “…” ― Jane Doe"""
        if self.is_title(quoted) and self.text[: quoted.open_start].rstrip()[-1:].isalnum():
            return None  # "episode of “The Morning Show,” she said": a title the sentence runs through
        line_end = self.text.find("\n", quoted.close_end, limit)
        if line_end >= 0:
            limit = line_end  # an attribution is in the quote's own paragraph, never the next one
        last = self.text[quoted.end - 1]
        after = self.text[quoted.close_end : limit].lstrip(" \t\u00a0")
        if after[:1] in ("―", "—", "–") and after[1:].strip():
            line = after[1:].split("\n", 1)[0]
            line_start = quoted.close_end + self.text[quoted.close_end :].index(line)
            names = self.tokens_between(line_start, line_start + len(line))
            while names and names[-1].is_punct:
                names.pop()  # "― Carla Sanchez." ends the line, not the name
            if 0 < len(names) <= 6 and names[0].is_title:
                return _Attribution(self.doc[names[0].i : names[-1].i + 1], None, None)
        if last not in ",?!—–-…:" and not after.startswith(","):
            return None
        region: list[Token] = []
        for token in self.tokens_between(quoted.close_end, limit):
            if "\n" in token.text or (token.text in (".", "!", "?", ";") and self.ends_sentence(token)):
                break
            if region or not token.is_punct:
                region.append(token)
            if len(region) >= _TRAILING_MAX_TOKENS:
                break
        for position, token in enumerate(region[:_TRAILING_CUE_WITHIN]):
            if not (self.is_cue_verb(token, self.cues.speech_verbs) or self.phrase_cue(token)):
                continue
            if any(
                (t.pos_ == "VERB" and not t.is_title) or t.pos_ == "CCONJ" or t.dep_ == "neg"
                for t in region[:position]
            ):
                return None  # another clause first: "“…” was the slogan he said", "“…,” not …, and said"
            found = self.attribution(token)
            if found is not None and found.speaker.end_char <= quoted.open_start:
                return None  # "Humphrey, who calls Trump a “sociopath,” said": marks inside the subject
            if (
                found is not None
                and region[0].i <= found.speaker.start
                and found.speaker.end <= region[-1].i + 1
            ):
                self.consumed_verbs.add(token.i)  # its words are the quote, not a reported clause
                return found
            words = self.name_run(region[:position]) if position else self.name_run(region[position + 1 :])
            if not words:
                return None
            self.consumed_verbs.add(token.i)
            return _Attribution(
                self.doc[words[0].i : words[-1].i + 1], None, (token.idx, token.idx + len(token))
            )
        return None

    def lead_in(self, quoted: Quoted, floor: int) -> int | None:
        """Where a sentence attributed after its quoted end starts, if before the opening mark.

        In "Clinton would have to “go more to center,” Cuban said." the attribution
        covers the whole sentence, the writer's words and the quoted ones: one mixed
        quote. Not when the words before hold a cue or other quotes of their own.
        """
        if len(quoted.fragments) != 1:
            return None
        first = self.token_at(quoted.open_start)
        if first >= len(self.doc):
            return None
        sentence = self.doc[first].sent
        before = list(self.doc[sentence.start : first])
        stops = [k for k, t in enumerate(before) if t.text in _LEAD_IN_STOPS or "\n" in t.text]
        if stops:  # the parse's sentence may run on over a full stop before a mark
            before = before[stops[-1] + 1 :]
        before = [t for t in before if not (t.is_space or t.is_punct)]
        if not before or before[0].idx < floor or len(before) > _LEAD_IN_MAX_TOKENS:
            return None
        if any(self.is_cue_verb(t, self.cues.speech_verbs) or self.phrase_cue(t) for t in before):
            return None
        return before[0].idx

    def name_run(self, tokens: list[Token]) -> list[Token]:
        """The speaker words of a short attribution the parser got wrong ("Tulsa police Chief Jo Lee")."""
        run: list[Token] = []
        for token in tokens:
            if token.is_punct or (
                token.pos_ in ("ADP", "VERB", "AUX", "SCONJ", "CCONJ") and not token.is_title
            ):
                if run:
                    break
                continue
            run.append(token)
        named = any(t.pos_ in ("PROPN", "NOUN", "PRON") for t in run)
        return run if named and len(run) <= _NAME_RUN_MAX else []

    def ends_sentence(self, token: Token) -> bool:
        """A full stop that ends the sentence, not one inside "(D-Mo.)"."""
        if token.i + 1 >= len(self.doc):
            return True
        following = self.doc[token.i + 1]
        return not (following.text in (")", ",") or following.text[:1].islower())

    def governing_verb(self, quoted: Quoted) -> Token | None:
        """A cue verb above the quote in the parse, in the sentence that opens the quote."""
        first = self.token_at(quoted.start)
        if first >= len(self.doc):
            return None
        sentence = self.doc[first].sent
        inside = range(self.token_at(quoted.open_start), self.token_at(quoted.close_end))
        for token in self.doc[inside.start : min(inside.stop, sentence.end)]:
            head = token.head
            if head.i in inside:
                continue
            below = token
            for _ in range(_ASCEND_STEPS):
                is_cue = self.is_cue_verb(head, self.cues.speech_verbs) or self.phrase_cue(head)
                if is_cue and head.i not in inside:
                    # marks inside the speaker ("the “us” he empowered demands …") are not its words
                    return None if below.dep_ in _SPEAKER_DEPS else head
                below = head
                if head.head.i == head.i:
                    break
                head = head.head
        return None

    def phrase_cue(self, token: Token) -> bool:
        """'spoke of', 'according to' and the like, keyed on their first word."""
        nxt = token.nbor() if token.i + 1 < len(self.doc) else None
        return any(
            token.lower_ == first and nxt is not None and nxt.lower_ == second
            for first, second in self.cues.phrase_cues
        )

    def leading(self, quoted: Quoted, floor: int) -> tuple[_Attribution, Token] | None:
        """X said: “…” / X said that “…” / X spoke of the “…”."""
        verb = self.governing_verb(quoted) if self.parsed else None
        if verb is None:
            before = self.tokens_between(max(floor, quoted.open_start - 200), quoted.open_start)
            if not before or before[-1].text not in (":", ","):
                return None
            for token in reversed(before[-_LEADING_MAX_TOKENS:]):
                if token.text in (".", "!", "?", ";"):
                    return None
                if self.is_cue_verb(token, self.cues.speech_verbs):
                    verb = token
                    break
            if verb is None:
                return None
        if verb.lower_ == "according":
            to = verb.nbor()
            source = next((c for c in to.children if c.dep_ == "pobj"), None)
            if source is None:
                return None
            return _Attribution(speaker_span(source), None, (verb.idx, to.idx + len(to))), verb
        found = self.attribution(verb)
        return (found, verb) if found else None

    def from_previous_paragraph(self, quoted: Quoted) -> _Attribution | None:
        """Caddell continued:\\n\\n“…”"""
        head = self.text[: quoted.open_start].rstrip()
        if not head.endswith(":") or "\n" not in self.text[len(head) : quoted.open_start]:
            return None
        colon = self.token_at(len(head) - 1)
        for token in reversed(list(self.doc[colon].sent)):
            if self.is_cue_verb(token, self.cues.speech_verbs):
                return self.attribution(token)
        return None

    def direct(self) -> list[_Quote]:
        quoted_all = self.quoted
        found: list[_Quote | None] = []
        floor = 0
        for index, quoted in enumerate(quoted_all):
            nxt = quoted_all[index + 1].open_start if index + 1 < len(quoted_all) else len(self.text)
            attribution = self.trailing(quoted, nxt) if self.parsed else None
            lead_in = self.lead_in(quoted, floor) if attribution is not None else None
            verb = None
            if attribution is None:
                lead = self.leading(quoted, floor)
                if lead is not None:
                    attribution, verb = lead
                    if self.overlaps(attribution.speaker, quoted):
                        attribution, verb = None, None
            if attribution is None and self.parsed:
                attribution = self.from_previous_paragraph(quoted)
            characterizes = None
            if attribution is None and self.parsed:
                characterizes = self.characterizing_verb(quoted)
                attribution = self.attribution(characterizes) if characterizes is not None else None
                verb = characterizes if attribution is not None else None
            floor = quoted.close_end
            labels = verb is not None and (
                verb.lemma_.lower() in self.cues.labeling_verbs or verb is characterizes
            )
            if verb is not None and not labels and (self.is_title(quoted) or self.absorbed(quoted, verb)):
                found.append(None)  # a title, or part of the reported clause (a mixed quote)
                continue
            if verb is not None:
                self.consumed_verbs.add(verb.i)
            quote = _Quote("direct", list(quoted.fragments))
            if lead_in is not None:
                quote = _Quote("mixed", [(lead_in, quoted.end)])
            if labels and verb is not None:
                quote = self.labeled(quoted, verb, found)
            if attribution is not None:
                quote.speaker, quote.apposition, quote.cue = (
                    attribution.speaker,
                    attribution.apposition,
                    attribution.cue,
                )
            found.append(quote)
        self.merge_split(quoted_all, found)
        self.borrow_speakers(quoted_all, found)
        self.orphans = [
            q
            for q, quoted in zip(found, quoted_all, strict=True)
            if q is not None
            and q.speaker is None
            and len(self.text[q.start : q.end].split()) > _SCARE_MAX_WORDS
            and not self.is_title(quoted)
        ]
        return [q for q in found if q is not None and q.speaker is not None]

    def adopt_orphans(self, quotes: list[_Quote]) -> list[_Quote]:
        """An unattributed quotation in a paragraph continues the source quoted before it there.

        ("…, Schiff said. “The other factor …”"). Across paragraphs the source is
        too often someone else to guess.
        """
        attributed = sorted(quotes, key=lambda q: q.start)
        starts = [q.start for q in attributed]
        adopted = []
        for orphan in self.orphans:
            i = bisect_left(starts, orphan.start) - 1
            donor = attributed[i] if i >= 0 else None
            between = self.text[donor.end : orphan.start] if donor is not None else "\n"
            if donor is not None and ("\n" not in between or self.goes_on_from(donor, orphan, between)):
                orphan.speaker, orphan.apposition, orphan.cue = donor.speaker, donor.apposition, donor.cue
                adopted.append(orphan)
            elif (introduced := self.introduced_before(orphan, donor)) is not None:
                # "Another expert, Bong Young-shik, doubts …⏎⏎“I think …”"
                orphan.speaker, orphan.apposition = introduced
                adopted.append(orphan)
        return quotes + adopted

    def introduced_before(self, orphan: _Quote, donor: _Quote | None) -> tuple[Span, Span | None] | None:
        """A quotation paragraph right after a one-sentence paragraph whose subject is a named person.

        News introduces a source and then gives the quote its own paragraph; the subject
        must be a name (not "he", not "officials"), and nobody may have been quoted in between.
        """
        opening = self.text.rfind("\n", 0, orphan.start)
        if opening < 0 or self.text[opening + 1 : orphan.start].strip(" “\"‘'"):
            return None  # the quotation does not open its paragraph
        gap = self.text.rfind("\n\n", 0, opening + 1)
        before_end = len(self.text[:gap].rstrip()) if gap >= 0 else -1
        if before_end <= 0 or (donor is not None and donor.end > self.text.rfind("\n", 0, before_end)):
            return None
        last = self.token_at(before_end - 1)
        if last >= len(self.doc):
            return None
        sentence = self.doc[last].sent
        if "\n" in self.text[sentence.start_char : sentence.end_char].strip():
            return None
        root = sentence.root
        subject = next((c for c in root.children if c.dep_ in _SPEAKER_DEPS), None)
        if subject is None:
            return None
        names = [c for c in (subject, *subject.children) if c.dep_ in ("nsubj", "nsubjpass", "appos")]
        person = next((t for t in names if t.ent_type_ == "PERSON" or t.i in self.person_tokens), None)
        if person is None:
            return None
        apposition = self.doc[person.left_edge.i : person.right_edge.i + 1] if person is not subject else None
        return speaker_span(subject), apposition

    def goes_on_from(self, donor: _Quote, orphan: _Quote, between: str) -> bool:
        """A paragraph that is only a quotation, right after a paragraph that ends quoting someone.

        News writes "He also warned that … growing.⏎⏎“If they have more than a few, …”": the
        quotation paragraph goes on with the source quoted last, when nothing else was said
        after that quote in its paragraph.
        """
        before, _, after = between.partition("\n")
        if before.strip(" .”\"’'") or after.strip(" \n“\"‘'"):
            return False  # more narration after the donor, or more than one paragraph between
        line_end = self.text.find("\n", orphan.end)
        closing = self.text[orphan.end : line_end if line_end >= 0 else len(self.text)]
        return not closing.strip(" .,”\"’'")

    def overlaps(self, span: Span, quoted: Quoted) -> bool:
        return span.start_char < quoted.close_end and quoted.open_start < span.end_char

    def is_title(self, quoted: Quoted) -> bool:
        """Short Title Case text in marks names a work or a show ("Morning Joe"), it is not speech."""
        words = [w for w in self.text[quoted.start : quoted.end].split() if w[:1].isalpha()]
        if not words or len(words) > _TITLE_MAX_WORDS or self.text[quoted.end - 1] in "!?":
            return False
        return (
            all(w[0].isupper() or w in self.cues.title_small_words for w in words) and words[0][0].isupper()
        )

    def characterizing_verb(self, quoted: Quoted) -> Token | None:
        """criticized the law as a “crazy system”: the verb that casts its object as the quoted words.

        The subject applies the label as much as "called" would, whatever the verb.
        """
        first = self.token_at(quoted.start)
        last = self.token_at(quoted.end)
        for token in self.doc[first:last]:
            head = token
            for _ in range(_ASCEND_STEPS):
                if head.lower_ == "as" and head.dep_ == "prep":
                    verb = head.head
                    objects = [c for c in verb.children if c.dep_ == "dobj" and c.i < head.i]
                    ok = verb.pos_ == "VERB" and objects and head.i < first
                    return verb if ok else None
                if head.head.i == head.i:
                    break
                head = head.head
        return None

    def labeled(self, quoted: Quoted, verb: Token, found: list[_Quote | None]) -> _Quote:
        """called the senator a “nasty guy”: the quote is what the label is applied to, with the label.

        Further labels the same verb applies in the sentence ("… and “sick.”") join the same quote.
        """
        called_for = self.prepositional_object(verb)
        after_verb = (t.idx for t in self.doc[verb.i + 1 :] if not (t.is_punct or t.dep_ == "prt"))
        first = called_for.left_edge.idx if called_for is not None else next(after_verb, quoted.start)
        start = min(first, quoted.start)
        end = self.phrase_end(quoted)
        previous = found[-1] if found else None
        if previous is not None and previous.cue == (verb.idx, verb.idx + len(verb)):
            found[-1] = None
            return _Quote("mixed", [(previous.start, end)])
        kind = "direct" if start == quoted.start and end == quoted.end else "mixed"
        return _Quote(kind, [(start, end)] if kind == "mixed" else list(quoted.fragments))

    def phrase_end(self, quoted: Quoted) -> int:
        """Where the phrase the label heads ends: a “champion” for its members, up to a comma.

        When and where it was said (a parse often hangs it on the label) is not part of it.
        """
        first, last = self.token_at(quoted.start), self.token_at(quoted.end)
        tops = [t for t in self.doc[first:last] if not (first <= t.head.i < last)]
        if len(tops) != 1:
            return quoted.end
        end = quoted.end
        for token in self.doc[last : tops[0].right_edge.i + 1]:
            if token.dep_ == "npadvmod" or (
                token.dep_ == "prep" and token.lower_ in self.cues.circumstance_prepositions
            ):
                break  # "… “disgrace” Wednesday", "… “crazy system” during a stop": when and where
            if (token.is_punct and token.text not in _CLOSING_MARKS) or "\n" in token.text:
                break
            if not token.is_punct:
                end = token.idx + len(token)
        return end

    def absorbed(self, quoted: Quoted, verb: Token) -> bool:
        """Is the quote a small part of the clause the verb reports (kept as one mixed quote)?

        Quotation marks around the clause's own verb ("… also “offered Kim a kit”") or
        around most of it make the quoted pieces the quotes; marks around a phrase
        ("said a “departure ceremony” was held") leave the reported clause the quote.
        """
        clause = self.clause_of(verb)
        if clause is None:
            return False
        start, end, root = clause
        if not (start <= quoted.start < end):
            return False
        first, last = bisect_left(self.quoted_starts, start - 1), bisect_left(self.quoted_starts, end)
        nearby = self.quoted[first:last]
        inside = [(a, b) for q in nearby for a, b in q.fragments if start <= a < end]
        if len(inside) == 1 and inside[0][1] - inside[0][0] < _ABSORB_RATIO * (end - start):
            return True
        return not any(a <= root.idx < b for a, b in inside)

    def merge_split(self, quoted_all: list[Quoted], found: list[_Quote | None]) -> None:
        """One attribution, several fragments: “We will win,” he said, “whatever it takes.”

        Also a quotation that goes on in the next paragraph after its attribution
        (“…,” he said.⏎“…”), as news writes long quotes.
        """
        for index in range(len(found) - 1):
            first, second = found[index], found[index + 1]
            if first is None or second is None or first.speaker is None or first.cue is None:
                continue
            if second.speaker is not None and second.cue != first.cue:
                continue
            gap_start, gap_end = quoted_all[index].close_end, quoted_all[index + 1].open_start
            if not gap_start <= first.cue[0] < gap_end:
                continue  # attributed before the first fragment: the second stands alone
            gap = self.text[gap_start:gap_end]
            if "\n" in gap:
                line, _, rest = gap.partition("\n")
                goes_on = (
                    second.speaker is None
                    and not rest.strip()
                    and line.rstrip().endswith(".")
                    and len(self.text[second.start : second.end].split()) > _SCARE_MAX_WORDS
                )
                if goes_on:  # a paragraph ends the quote; the next one is the same source's own quote
                    second.speaker, second.apposition, second.cue = first.speaker, first.apposition, first.cue
                continue
            if not self.narration_only(gap_start, gap_end, first.cue[0]):
                continue
            second.fragments = first.fragments + second.fragments
            second.speaker, second.apposition, second.cue = first.speaker, first.apposition, first.cue
            found[index] = None

    def narration_only(self, gap_start: int, gap_end: int, cue_start: int) -> bool:
        """Is the text between two quoted pieces only their attribution (“…,” he said, “…”)?

        Another sentence (“…,” X said, pointing to his ears. Y shook her head. “…”) or
        another clause with its own subject (“…,” X said, and her husband cut in. “…”)
        puts someone else between them: the second piece is not the first one's sequel.
        """
        if ";" in self.text[cue_start:gap_end]:
            return False  # "…”, it added; and, later, “…”: a second statement, not the rest of the first
        tokens = self.tokens_between(gap_start, gap_end)
        cue = self.token_at(cue_start)
        for token in tokens:
            own_clause = token.i != cue and token.pos_ in ("VERB", "AUX") and token.dep_ in _MAIN_CLAUSE_DEPS
            if own_clause and any(
                c.dep_ in _SPEAKER_DEPS and c.lower_ not in _RELATIVE_WORDS for c in token.children
            ):
                return False
            if token.is_sent_start and token.i > cue and token.idx < gap_end and not token.is_punct:
                return False
        return True

    def borrow_speakers(self, quoted_all: list[Quoted], found: list[_Quote | None]) -> None:
        """An unattributed quotation takes the speaker of a neighbouring quote in its paragraph."""
        paragraph_of = [self.text.rfind("\n", 0, q.open_start) for q in quoted_all]
        for index, quote in enumerate(found):
            if quote is None or quote.speaker is not None:
                continue
            if len(self.text[quote.start : quote.end].split()) <= _SCARE_MAX_WORDS:
                continue
            for other in (index - 1, index + 1):
                if 0 <= other < len(found) and paragraph_of[other] == paragraph_of[index]:
                    donor = found[other]
                    if donor is not None and donor.speaker is not None:
                        quote.speaker, quote.apposition, quote.cue = (
                            donor.speaker,
                            donor.apposition,
                            donor.cue,
                        )
                        break

    # -- indirect quotes ----------------------------------------------------

    def clause_of(self, verb: Token) -> tuple[int, int, Token] | None:
        """Character range of what a cue verb reports, without "that" and end punctuation.

        A clause after the verb runs to the end of the verb's phrase, so that
        "said X, citing Y" reports both, as news readers read them; "said X and warned Y" is two reports.
        """
        doc = verb.doc
        if verb.lower_ == "according":
            head = verb.sent.root  # "according to X" qualifies its whole sentence
            tokens = [t for t in head.subtree if not (verb.left_edge.i <= t.i <= verb.right_edge.i)]
            root = head
        else:
            clauses = [c for c in verb.children if c.dep_ == "ccomp"]
            # a clause before the verb as well as after it is a misparsed sentence opener
            clause = next((c for c in clauses if c.i > verb.i), clauses[0] if clauses else None)
            asks = self.prepositional_object(verb)
            if clause is not None and verb.i < clause.i:
                start = max(clause.left_edge.i, verb.i + 1)
                end = self.report_end(verb, clause)
                tokens, root = list(doc[start : end + 1]), clause
            elif clause is not None:
                tokens, root = list(clause.subtree), clause
            elif asks is not None:
                tokens, root = list(doc[asks.i : verb.right_edge.i + 1]), asks
            elif verb.head.pos_ in ("VERB", "AUX") and (
                (verb.dep_ == "parataxis" and self.is_cue_verb(verb, self.cues.clause_verbs))
                or (
                    verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
                )
            ):
                # "The plan, he said, is dead." / "As Heald told the Post, ozone has dropped."
                head = verb.head
                tokens = [t for t in head.subtree if not (verb.left_edge.i <= t.i <= verb.right_edge.i)]
                root = head
            elif (stated := self.stated_in_document(verb)) is not None:
                tokens, root = list(stated.subtree), stated
            elif (announced := self.announced(verb)) is not None:
                tokens, root = list(announced.subtree), announced
            else:
                return None
        if tokens and verb.i < tokens[0].i and "\n" in self.text[verb.idx : tokens[0].idx]:
            return None  # "X reports:" over a block quote: the marks decide, not the parse
        breaks = [t.i for t in tokens if "\n" in t.text]
        if breaks:  # the parse may run on into the next paragraph; a report does not
            tokens = [t for t in tokens if t.i < breaks[0]] if tokens[0].i < breaks[0] else []
        tokens = self.without_aside(tokens)
        opening = dateline_end(doc, tokens[0].i) if tokens else None
        if opening is not None:
            tokens = [t for t in tokens if t.i >= opening]  # "MOSCOW (Reuters) - …": not what was said
        while tokens and (tokens[0].is_punct or tokens[0].is_space or tokens[0].lower_ == "that"):
            tokens.pop(0)
        while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
            tokens.pop()
        if len(tokens) < 2:
            return None
        return tokens[0].idx, tokens[-1].idx + len(tokens[-1]), root

    def announced(self, verb: Token) -> Token | None:
        """ "The RNC announced another step it will take to …": what was announced, as a noun phrase."""
        if verb.lemma_.lower() not in self.cues.object_cues or verb.pos_ != "VERB":
            return None
        obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
        if obj is None or obj.pos_ == "PRON" or obj.i in self.entity_tokens:
            return None  # "announced it", "announced Smith": nothing reported
        return obj

    def stated_in_document(self, verb: Token) -> Token | None:
        """ "told LA Weekly in a statement that the case …": the parse hangs the clause on "statement"."""
        for prep in verb.children:
            if prep.dep_ != "prep" or prep.lower_ != "in":
                continue
            for document in prep.children:
                if document.dep_ == "pobj" and document.lemma_.lower() in self.cues.document_heads:
                    for clause in document.rights:
                        if clause.dep_ in ("acl", "ccomp") and any(
                            c.dep_ == "mark" and c.lower_ == "that" for c in clause.children
                        ):
                            return clause
        return None

    def without_aside(self, tokens: list[Token]) -> list[Token]:
        """A reported clause without the reporter's aside at its end.

        ", which is conducting its own probe", ", who leads the race", ", a swipe at …"
        and ", according to X" explain or source the report; the speaker did not say them.
        Only an aside that runs to the clause's end is cut, never one in its middle.
        """
        if len(tokens) < 4:
            return tokens
        last = tokens[-1].i
        while last > tokens[0].i and self.doc[last].is_punct:
            last -= 1
        for k in range(2, len(tokens) - 1):
            if tokens[k].text not in _ASIDE_MARKS:
                continue
            nxt = tokens[k + 1]
            if nxt.lower_ == "according" and self.phrase_cue(nxt):
                return tokens[:k]
            heads = [t for t in tokens[k + 1 :] if t.left_edge.i == nxt.i and t.right_edge.i >= last]
            if any(t.dep_ == "appos" for t in heads) or (
                nxt.lower_ in _RELATIVE_WORDS and any(t.dep_ == "relcl" for t in heads)
            ):
                return tokens[:k]
        return tokens

    def report_end(self, verb: Token, clause: Token) -> int:
        """Last token of what a verb reports: its clause and phrase, up to a coordinated speech verb.

        "said it was opposed and warned X to refrain": the second cue verb makes a
        report of its own, so the first one's ends before "and warned", whether the
        parse joins it to the cue verb or to the reported clause.
        """
        seconds = [c for c in verb.rights if c.dep_ == "conj" and c.i > clause.i]
        seconds += [
            c
            for c in clause.rights
            if c.dep_ == "conj" and not any(g.dep_ in _SPEAKER_DEPS for g in c.children)
        ]
        speech = [
            c.left_edge.i
            for c in seconds
            if self.is_cue_verb(c, self.cues.speech_verbs) and self.reports_something(c)
        ]
        cut = min(speech, default=None)
        end = max(clause.right_edge.i, verb.right_edge.i)
        if cut is None:
            return end
        while cut > clause.i + 1 and (verb.doc[cut - 1].dep_ == "cc" or verb.doc[cut - 1].is_punct):
            cut -= 1  # the "and" (", and") belongs to neither report
        return min(end, cut - 1)

    def reports_after(self, verb: Token) -> bool:
        """A clause of its own after the verb: "“…,” one prosecutor said the two cases were different"."""
        return any(c.dep_ == "ccomp" and c.i > verb.i and not self.in_marks(c.idx) for c in verb.children)

    def reports_something(self, verb: Token) -> bool:
        """ "and warned X to refrain" reports; "and would respond, militarily, within 48 hours" does not."""
        if any(c.dep_ in ("ccomp", "xcomp", "dobj", "dative") for c in verb.children):
            return True
        following = verb.nbor() if verb.i + 1 < len(verb.doc) else None
        return following is not None and (following.text == ":" or following.is_quote)

    def closing(self, start: int, end: int) -> tuple[int, str]:
        """A reported clause with quoted words is mixed; one that ends inside marks ends after them."""
        first = bisect_left(self.quoted_starts, start)
        inside = [q for q in self.quoted[first : bisect_left(self.quoted_starts, end)] if q.double]
        if not inside:
            return end, "indirect"
        last = inside[-1]
        if end < last.close_end and not self.text[end : last.close_end].strip(".,;:!? ”\"'’"):
            end = last.close_end
        return end, "mixed"

    def opening(self, start: int) -> int:
        """A reported clause that opens with quoted words starts at their opening mark (it is mixed)."""
        i = bisect_left(self.quoted_starts, start) - 1
        if i >= 0 and self.quoted[i].double and self.quoted[i].open_start < start <= self.quoted[i].start:
            return self.quoted[i].open_start
        return start

    def in_marks(self, offset: int) -> bool:
        i = bisect_left(self.quoted_starts, offset) - 1
        return i >= 0 and self.quoted[i].double and offset < self.quoted[i].close_end

    def prepositional_object(self, verb: Token) -> Token | None:
        """What is called for: "called for an inquiry", "called on Congress to act"."""
        prepositions = self.cues.prepositional_cues.get(verb.lemma_.lower(), ())
        for child in verb.rights:
            if child.dep_ == "prep" and child.lower_ in prepositions:
                return next((c for c in child.children if c.dep_ == "pobj"), None)
        return None

    def indirect(self, direct: list[_Quote]) -> list[_Quote]:
        """Reported clauses of cue verbs, merged with the direct quotes found before.

        A clause mostly in quotation marks stays the direct quote; a clause with a
        few quoted words becomes one mixed quote that replaces the direct pieces.
        """
        by_start = sorted(direct, key=lambda q: q.start)
        starts = [q.start for q in by_start]
        replaced: set[int] = set()
        found: list[_Quote] = []
        for token in self.doc:
            if token.i in self.consumed_verbs and not self.reports_after(token):
                continue  # “…,” he said: the quote is the report (but “…,” X said the cases differ)
            according = token.lower_ == "according" and self.phrase_cue(token)
            calls = token.lemma_.lower() in self.cues.prepositional_cues and token.pos_ == "VERB"
            points_out = token.pos_ == "VERB" and self.phrase_cue(token)  # "pointed out that …"
            if not (according or calls or points_out or self.is_cue_verb(token, self.cues.clause_verbs)):
                continue
            if self.in_marks(token.idx):
                continue  # speech within quoted words, or a verb in a quoted title
            found_clause = self.clause_of(token)
            if found_clause is None:
                continue
            start, end = found_clause[:2]
            i = bisect_left(starts, start + 1) - 1
            if i >= 0 and by_start[i].end > start:
                continue  # the clause lies inside a direct quote
            attribution: _Attribution | None
            if according:
                to = token.nbor()
                source = next((c for c in to.children if c.dep_ == "pobj"), None)
                if source is None:
                    continue
                attribution = _Attribution(speaker_span(source), None, (token.idx, to.idx + len(to)))
            else:
                attribution = self.attribution(token)
                if attribution is None:
                    continue
            inner = [
                j
                for j in range(bisect_left(starts, start), bisect_left(starts, end))
                if by_start[j].end <= end + 2
            ]
            if sum(by_start[j].end - by_start[j].start for j in inner) >= _ABSORB_RATIO * (end - start):
                continue  # the clause is a direct quote already
            replaced.update(id(by_start[j]) for j in inner)
            start = self.opening(start)
            end, kind = self.closing(start, end)
            found.append(
                _Quote(kind, [(start, end)], attribution.speaker, attribution.apposition, attribution.cue)
            )
        return [q for q in direct if id(q) not in replaced] + found


def _unique(quotes: list[_Quote]) -> list[_Quote]:
    seen: set[tuple[int, int]] = set()
    kept = []
    for quote in sorted(quotes, key=lambda q: (q.start, q.end)):
        if (quote.start, quote.end) not in seen:
            seen.add((quote.start, quote.end))
            kept.append(quote)
    return kept


def _without_cut_commas(text: str, fragments: list[tuple[int, int]]) -> list[list[int]]:
    """“We will win,” he said, “…”: the comma before the narration is the cut's, not the speaker's."""
    kept = []
    for index, (start, end) in enumerate(fragments):
        if index + 1 < len(fragments):
            while end > start + 1 and text[end - 1] in ",; \u00a0":
                end -= 1
        kept.append([start, end])
    return kept


def _add_mention(doc: Doc, span: Span) -> None:
    """Put a speaker's name among the document's mentions, in place of what overlapped it."""
    kept = [s for s in doc.spans.get(ENTITY_GROUP, []) if s.end <= span.start or span.end <= s.start]
    span._.dossier_origin = "rule"
    doc.spans[ENTITY_GROUP] = sorted([*kept, span], key=lambda s: s.start)


@Language.component("dossier_quotes")
def find_quotes(doc: Doc) -> Doc:
    """Store every quote as a content span in doc.spans[QUOTE_GROUP] with its details."""
    cues = load_cues()
    finder = _Finder(doc, cues)
    direct = finder.direct()
    quotes = _unique(finder.adopt_orphans(finder.indirect(direct) if finder.parsed else direct))
    headings = headings_of(doc)
    quotes = [q for q in quotes if not any(a < q.end and q.start < b for a, b in headings)]  # never a quote
    resolver = SpeakerResolver(doc, cues, [(q.open_start, q.close_end) for q in finder.quoted])
    spans: list[Span] = []
    for quote in quotes:
        span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if span is None:
            continue
        speaker = quote.speaker
        resolved = resolver.resolve(speaker, quote.apposition) if speaker is not None else None
        if speaker is not None and resolved is None:
            named = resolver.name_unrecognized(speaker)
            if named is not None:
                _add_mention(doc, named)
                resolved = resolver.resolve(speaker, quote.apposition)
        span._.dossier_quote = {
            "kind": quote.kind,
            "speaker": [speaker.start_char, speaker.end_char] if speaker is not None else None,
            "speaker_resolved": list(resolved) if resolved else None,
            "cue": list(quote.cue) if quote.cue else None,
            "fragments": _without_cut_commas(finder.text, quote.fragments),
        }
        spans.append(span)
    doc.spans[QUOTE_GROUP] = spans
    return doc
