"""dossier_quotes: each quote pattern of news text with a near miss it must leave alone.

Quotation-mark pairing is tested on plain strings (no model); attribution,
reported speech and speaker resolution need the dependency parse, so those
tests run the real model (marked ``model``). The property tests check that
the finder never raises, whatever the text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from desktop.core.nlp import quotes  # noqa: F401  (registers dossier_quotes)
from desktop.core.nlp.quotes_marks import find_quoted
from desktop.core.nlp.spans import QUOTE_GROUP


def pieces(text: str) -> list[list[str]]:
    """The content fragments of every quoted span, as text."""
    return [[text[a:b] for a, b in q.fragments] for q in find_quoted(text)]


# -- quotation marks (no model) ---------------------------------------------


def test_curly_double_marks() -> None:
    assert pieces("He said “we will win” today.") == [["we will win"]]


def test_straight_double_marks() -> None:
    assert pieces('He said "we will win" and "we must."') == [["we will win"], ["we must."]]


def test_single_marks_pair_outside_double_marks() -> None:
    assert pieces("Officials called it ‘a disgrace’ on Sunday.") == [["a disgrace"]]
    assert pieces("He called it 'a disgrace' on Sunday.") == [["a disgrace"]]


def test_single_marks_inside_double_marks_are_part_of_the_quote() -> None:
    text = "The agency said “he got a ‘Geran-25’ drone.”"
    assert pieces(text) == [["he got a ‘Geran-25’ drone."]]


def test_doubled_apostrophes_are_double_marks() -> None:
    assert pieces("''Hopefully,'' the president said.") == [["Hopefully,"]]


def test_apostrophes_are_not_marks() -> None:
    text = "I don’t miss the ’90s, Kim’s train or the voters’ choice, he didn't say."
    assert pieces(text) == []


def test_quote_continued_in_the_next_paragraph() -> None:
    text = "“We have a plan. It works.\n\n“And it will keep working,” he said."
    assert pieces(text) == [["We have a plan. It works.", "And it will keep working,"]]


def test_paragraph_not_reopened_breaks_only_that_quote() -> None:
    text = "He said “we will win.\n\nNo more marks here. She said “fine.”"
    assert pieces(text) == [["fine."]]


def test_unbalanced_mark_is_skipped_and_the_rest_kept() -> None:
    text = "He said “we will win. She said “we lost” and “we learned.”"
    assert pieces(text) == [["we lost"], ["we learned."]]


def test_stray_closing_mark_is_skipped() -> None:
    assert pieces("It ended” badly. He said “no.”") == [["no."]]


# -- the component never raises ---------------------------------------------


@pytest.fixture(scope="module")
def blank_nlp() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("dossier_quotes")
    return nlp


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from([*"ab .,:\n“”\"‘’'`—", "said", "he ", "''"]), max_size=80).map("".join))
def test_finder_never_raises_on_mark_soup(blank_nlp: Language, text: str) -> None:
    doc = blank_nlp(text)
    for span in doc.spans[QUOTE_GROUP]:
        assert 0 <= span.start_char <= span.end_char <= len(text)


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_finder_never_raises_on_arbitrary_text(blank_nlp: Language, text: str) -> None:
    blank_nlp(text)


@pytest.mark.model
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.sampled_from(
            [
                "“We will win,” he said,",
                "“whatever it takes.”",
                "TASS reported that",
                "according to the ministry,",
                "Kim’s",
                "the ’90s",
                "''Hopefully,''",
                '"',
                "’",
                "\n\n",
                "the agency said",
                "Putin spoke of the “possibilities”",
                "she",
                ".",
            ]
        ),
        max_size=20,
    ).map(" ".join)
)
def test_finder_never_raises_with_the_model(pipeline, text: str) -> None:
    pipeline.nlp(text)


# -- attribution with the real model ----------------------------------------


@dataclass
class Found:
    kind: str
    content: str
    speaker: str | None
    resolved: str | None
    cue: str | None


def find(pipeline, text: str) -> list[Found]:
    doc = pipeline.nlp(text)
    found = []
    for span in doc.spans[QUOTE_GROUP]:
        info = span._.dossier_quote

        def at(offsets: list[int] | None) -> str | None:
            return text[offsets[0] : offsets[1]] if offsets else None

        content = " … ".join(text[a:b] for a, b in info["fragments"])
        found.append(
            Found(info["kind"], content, at(info["speaker"]), at(info["speaker_resolved"]), at(info["cue"]))
        )
    return found


def only(pipeline, text: str) -> Found:
    found = find(pipeline, text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.model
def test_direct_quote_with_attribution_after(pipeline) -> None:
    quote = only(pipeline, "“The talks were useful,” Mr. Lavrov said on Monday.")
    assert (quote.kind, quote.content, quote.speaker, quote.cue) == (
        "direct",
        "The talks were useful,",
        "Mr. Lavrov",
        "said",
    )


@pytest.mark.model
def test_direct_quote_with_attribution_before(pipeline) -> None:
    quote = only(pipeline, "The minister told reporters: “We will not retreat.”")
    assert (quote.kind, quote.content, quote.speaker) == ("direct", "We will not retreat.", "The minister")


@pytest.mark.model
def test_straight_and_single_marks_are_quotes_too(pipeline) -> None:
    assert only(pipeline, '"We will win," she said.').content == "We will win,"
    assert only(pipeline, "'We will win,' she said.").content == "We will win,"


@pytest.mark.model
def test_split_quote_is_one_quote_in_two_fragments(pipeline) -> None:
    quote = only(pipeline, "“We will win,” the president said, “whatever it takes.”")
    assert quote.content == "We will win … whatever it takes."
    assert quote.speaker == "the president"


@pytest.mark.model
def test_two_attributed_quotes_stay_apart(pipeline) -> None:
    text = "“We will win,” Smith said. “We will lose,” Jones replied."
    assert [(q.content, q.speaker) for q in find(pipeline, text)] == [
        ("We will win,", "Smith"),
        ("We will lose,", "Jones"),
    ]


@pytest.mark.model
def test_quote_in_the_next_paragraph_is_its_own_quote_with_the_same_speaker(pipeline) -> None:
    text = "“We will win this war,” Smith said.\n\n“Nobody in this room doubts that we will.”\n"
    assert [(q.content, q.speaker) for q in find(pipeline, text)] == [
        ("We will win this war,", "Smith"),
        ("Nobody in this room doubts that we will.", "Smith"),
    ]


@pytest.mark.model
def test_quotes_with_someone_else_between_them_are_not_one_split_quote(pipeline) -> None:
    text = (
        "“It goes in here and goes out here,” Tom Ebeling said, pointing to his ears. "
        "Betsy Ebeling shook her head. “Tom is much better about it than I am.”"
    )
    first = find(pipeline, text)[0]
    assert first.content == "It goes in here and goes out here,"
    assert "much better" not in first.content


@pytest.mark.model
def test_a_coordinated_clause_before_the_cue_is_no_trailing_attribution(pipeline) -> None:
    text = (
        "She blamed the violence on a “disturbed person,” not on his religion, and said it was "
        "unnerving to wonder why he drove two hours north."
    )
    found = find(pipeline, text)
    assert all(q.speaker != "not" for q in found)
    said = [q for q in found if q.cue == "said"]
    assert [q.content for q in said] == ["it was unnerving to wonder why he drove two hours north"]


@pytest.mark.model
def test_trailing_attribution_covers_the_writers_words_before_the_mark(pipeline) -> None:
    quote = only(pipeline, "Clinton, though, would have to “go more to center,” Cuban said.")
    assert (quote.kind, quote.speaker) == ("mixed", "Cuban")
    assert quote.content.startswith("Clinton, though, would have to")


@pytest.mark.model
def test_marks_inside_the_subject_are_not_a_quote_of_the_next_clause(pipeline) -> None:
    text = "Humphrey, who calls Trump a “sociopath,” said he doesn’t believe the effort needs a plan."
    assert all(q.speaker != "he" for q in find(pipeline, text))


@pytest.mark.model
def test_reporters_aside_at_the_end_is_not_part_of_what_was_said(pipeline) -> None:
    text = (
        "She has said she is willing to be interviewed by the FBI, which is conducting its own probe "
        "into the email setup."
    )
    assert only(pipeline, text).content == "she is willing to be interviewed by the FBI"
    text = "The company said profits rose 5 percent, according to a filing on Monday."
    said = [q for q in find(pipeline, text) if q.cue == "said"]
    assert [q.content for q in said] == ["profits rose 5 percent"]


@pytest.mark.model
def test_unbalanced_marks_cost_only_the_broken_quote(pipeline) -> None:
    text = "He said “it was over. “It is not over,” Smith said on Friday."
    found = find(pipeline, text)
    assert ("direct", "It is not over,", "Smith") in [(q.kind, q.content, q.speaker) for q in found]
    assert not any("was over" in q.content and "not over" in q.content for q in found)


@pytest.mark.model
def test_apostrophes_do_not_open_quotes(pipeline) -> None:
    text = "Kim’s train left in the ’90s style, and the governor didn’t say why."
    assert find(pipeline, text) == []


@pytest.mark.model
def test_indirect_speech_with_that(pipeline) -> None:
    quote = only(pipeline, "TASS reported that Kim received five explosive drones as a gift.")
    assert (quote.kind, quote.content, quote.speaker, quote.cue) == (
        "indirect",
        "Kim received five explosive drones as a gift",
        "TASS",
        "reported",
    )


@pytest.mark.model
def test_indirect_speech_without_that_and_with_a_time(pipeline) -> None:
    quote = only(pipeline, "The ministry said on Sunday the border would stay closed.")
    assert (quote.content, quote.speaker) == ("the border would stay closed", "The ministry")


@pytest.mark.model
def test_clause_then_speaker(pipeline) -> None:
    quote = only(pipeline, "The border will stay closed until March, the ministry said.")
    assert (quote.content, quote.speaker) == ("The border will stay closed until March", "the ministry")


@pytest.mark.model
def test_according_to(pipeline) -> None:
    quote = only(pipeline, "According to Reuters, the convoy reached the border on Friday.")
    assert (quote.content, quote.speaker, quote.cue) == (
        "the convoy reached the border on Friday",
        "Reuters",
        "According to",
    )


@pytest.mark.model
def test_a_verb_that_is_not_speech_is_no_quote(pipeline) -> None:
    assert find(pipeline, "The minister visited the border on Friday and met the troops.") == []
    assert find(pipeline, "Footage shows Kim waving goodbye from his train.") == []


@pytest.mark.model
def test_appositive_is_not_part_of_the_speaker(pipeline) -> None:
    quote = only(pipeline, "Hugh Hill, a doctor at the clinic, said the wounded were stable.")
    assert (quote.speaker, quote.resolved) == ("Hugh Hill", "Hugh Hill")


@pytest.mark.model
def test_title_stays_with_the_speaker(pipeline) -> None:
    text = "Natural Resources Minister Alexander Kozlov said the train had left."
    quote = only(pipeline, text)
    assert quote.speaker == "Natural Resources Minister Alexander Kozlov"
    assert quote.resolved is not None and "Alexander Kozlov" in quote.resolved


@pytest.mark.model
def test_pronoun_resolves_to_the_last_person(pipeline) -> None:
    text = "Vladimir Putin met the delegation in Moscow. He said the talks had been useful."
    quote = only(pipeline, text)
    assert (quote.speaker, quote.resolved) == ("He", "Vladimir Putin")


@pytest.mark.model
def test_description_resolves_to_the_agency_already_quoted(pipeline) -> None:
    text = (
        "TASS reported that the train left on Sunday. "
        "The Russian agency said that the convoy would reach the border by night."
    )
    found = find(pipeline, text)
    assert [(q.speaker, q.resolved) for q in found] == [("TASS", "TASS"), ("The Russian agency", "TASS")]


@pytest.mark.model
def test_description_without_antecedent_stays_unresolved(pipeline) -> None:
    quote = only(pipeline, "The agency said the train had left.")
    assert (quote.speaker, quote.resolved) == ("The agency", None)


@pytest.mark.model
def test_title_in_marks_is_not_a_quote(pipeline) -> None:
    text = "The delegation left ahead of Russia’s “Farewell Slavians” march as the train departed."
    assert find(pipeline, text) == []
    assert find(pipeline, "Sanders told MSNBC's “Morning Joe” on Friday that he would vote.")[0].content == (
        "he would vote"
    )


@pytest.mark.model
def test_scare_quotes_without_a_speaker_are_not_quotes(pipeline) -> None:
    assert find(pipeline, "The so-called “peace plan” was dropped within a week.") == []


@pytest.mark.model
def test_short_attributed_fragment_is_a_direct_quote(pipeline) -> None:
    text = "Putin spoke of the prospect of cooperation and the “possibilities” of military ties."
    quote = only(pipeline, text)
    assert (quote.kind, quote.content, quote.speaker) == ("direct", "possibilities", "Putin")


@pytest.mark.model
def test_quoted_phrase_inside_a_reported_clause_makes_one_mixed_quote(pipeline) -> None:
    text = "Ria Novosti said a “departure ceremony” was held at the station."
    quote = only(pipeline, text)
    assert (quote.kind, quote.content, quote.speaker) == (
        "mixed",
        "a “departure ceremony” was held at the station",
        "Ria Novosti",
    )


@pytest.mark.model
def test_seed_article_quotes_and_speakers(pipeline, seed_text: str, seed_gold: dict) -> None:
    found = find(pipeline, seed_text)
    doc = pipeline.nlp(seed_text)
    spans = list(doc.spans[QUOTE_GROUP])

    def iou(a: tuple[int, int], b: tuple[int, int]) -> float:
        inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
        return inter / (max(a[1], b[1]) - min(a[0], b[0]))

    for gold in seed_gold["quotes"]:
        matches = [
            (span, quote)
            for span, quote in zip(spans, found, strict=True)
            if iou((span.start_char, span.end_char), (gold["start"], gold["end"])) >= 0.5
        ]
        assert matches, f"missed {gold['text']!r}"
        _, quote = matches[0]
        assert quote.speaker == gold["speaker"], (gold["text"], quote)
        assert quote.resolved is not None and gold["speaker_entity"] in quote.resolved, (gold["text"], quote)
    assert len(found) == len(seed_gold["quotes"])
    assert not any("Farewell Slavians" in q.content for q in found)


def test_cue_lexicon_is_readable_json() -> None:
    from desktop.core.resources import resource_path

    data = json.loads(resource_path("cues.json").read_text(encoding="utf-8"))
    assert set(data["clause_verbs"]) <= set(data["speech_verbs"])


@pytest.mark.model
def test_quote_attributed_after_is_not_also_reported_speech(pipeline) -> None:
    quote = only(pipeline, "“I mean, this is just unbearable, and it needs to end,” she said.")
    assert (quote.kind, quote.speaker) == ("direct", "she")


@pytest.mark.model
def test_speech_verb_inside_a_quoted_title_reports_nothing(pipeline) -> None:
    text = 'Ouisa Davis\' commentary, "Melania, tell your immigrant story," is very thoughtful.'
    assert find(pipeline, text) == []


@pytest.mark.model
def test_one_short_quoted_piece_in_a_long_reported_clause_makes_the_clause_one_mixed_quote(pipeline) -> None:
    text = "Sanders said the tax breaks used by Trump and others “do nothing to boost the economy.”"
    quote = only(pipeline, text)
    assert (quote.kind, quote.speaker) == ("mixed", "Sanders")
    assert quote.content.startswith("the tax breaks used by Trump") and "boost the economy" in quote.content


@pytest.mark.model
def test_quoted_piece_that_is_most_of_the_reported_clause_stays_the_direct_quote(pipeline) -> None:
    quote = only(pipeline, "The governor said the troops “will never retreat.”")
    assert (quote.kind, quote.content, quote.speaker) == ("direct", "will never retreat.", "The governor")


@pytest.mark.model
def test_verb_casting_its_object_as_quoted_words_is_a_mixed_quote(pipeline) -> None:
    quote = only(pipeline, "Christie blasted Clinton as a “disgrace” after the debate.")
    assert (quote.kind, quote.speaker) == ("mixed", "Christie")
    assert quote.content.startswith("Clinton as a “disgrace")


@pytest.mark.model
def test_name_introduced_with_known_as_is_no_quote(pipeline) -> None:
    text = "The bill, known as the “Justice Against Sponsors of Terrorism Act,” passed on Friday."
    assert find(pipeline, text) == []


@pytest.mark.model
def test_title_inside_the_sentence_before_the_attribution_is_no_quote(pipeline) -> None:
    text = (
        "On Tuesday’s episode of “The Steve Harvey Morning Show,” the nominee said she wanted to speak "
        "“directly to white people” and let them know that “this is not who we are.”"
    )
    quote = only(pipeline, text)
    assert (quote.kind, quote.speaker) == ("mixed", "the nominee")
    assert quote.content.startswith("she wanted to speak")


@pytest.mark.model
def test_title_case_words_opening_the_sentence_before_an_attribution_are_a_quote(pipeline) -> None:
    quote = only(pipeline, "“Make America Great Again,” he said.")
    assert (quote.kind, quote.content, quote.speaker) == ("direct", "Make America Great Again,", "he")


@pytest.mark.model
def test_reported_clause_is_the_one_after_the_verb_when_the_parse_finds_two(pipeline) -> None:
    text = (
        "While he acknowledged funding was a major reason he felt demoralized, "
        "Ham also noted several “intangibles” left him further disillusioned."
    )
    found = find(pipeline, text)
    assert [(q.kind, q.content, q.speaker) for q in found if q.cue == "noted"] == [
        ("mixed", "several “intangibles” left him further disillusioned", "Ham")
    ]


@pytest.mark.model
def test_reported_clause_opening_with_quoted_words_starts_at_the_mark(pipeline) -> None:
    text = 'Donald Trump said at an event in Colorado that "a bomb" had gone off in New York.'
    quote = only(pipeline, text)
    assert (quote.kind, quote.content, quote.speaker) == (
        "mixed",
        '"a bomb" had gone off in New York',
        "Donald Trump",
    )


@pytest.mark.model
def test_reported_clause_without_marks_stays_indirect(pipeline) -> None:
    quote = only(pipeline, "Donald Trump said at an event in Colorado that a bomb had gone off in New York.")
    assert (quote.kind, quote.content) == ("indirect", "a bomb had gone off in New York")


@pytest.mark.model
def test_speech_verb_after_a_preposition_takes_the_subject_of_the_main_verb(pipeline) -> None:
    text = (
        "President Barack Obama responded to a Gold Star mother on Wednesday by saying his refusal "
        "to use the words “Islamic terrorism” was a “manufactured” issue."
    )
    quote = only(pipeline, text)
    assert (quote.kind, quote.speaker, quote.cue) == ("mixed", "President Barack Obama", "saying")
    assert quote.content.startswith("his refusal") and "“manufactured” issue" in quote.content


@pytest.mark.model
def test_other_verb_after_a_preposition_reports_nothing(pipeline) -> None:
    assert find(pipeline, "Obama responded on Wednesday by visiting the troops in “Camp Victory.”") == []


@pytest.mark.model
def test_quoted_label_keeps_the_rest_of_its_phrase_up_to_a_comma(pipeline) -> None:
    quote = only(pipeline, "The union called Clinton a “champion” for its members, and endorsed her.")
    assert (quote.kind, quote.content, quote.speaker) == (
        "mixed",
        "Clinton a “champion” for its members",
        "The union",
    )


@pytest.mark.model
def test_quoted_label_ending_the_sentence_ends_the_quote(pipeline) -> None:
    assert only(pipeline, "The union called Clinton a “champion.”").content == "Clinton a “champion."


@pytest.mark.model
def test_dash_byline_ending_in_a_full_stop_before_a_blank_line_names_the_speaker(pipeline) -> None:
    text = "“We deserve a leader who listens to us.”― Carla Sanchez.\n\nGetty/Instagram.\n\nThe end."
    quote = only(pipeline, text)
    assert (quote.content, quote.speaker) == ("We deserve a leader who listens to us.", "Carla Sanchez")


@pytest.mark.model
def test_dash_line_that_is_not_a_name_attributes_nothing(pipeline) -> None:
    text = "“We deserve a leader who listens to us and keeps his word.” ― and then the crowd went home.\n"
    assert find(pipeline, text) == []


@pytest.mark.model
def test_reported_clause_stops_before_a_coordinated_speech_verb(pipeline) -> None:
    text = (
        "China said it was “resolutely opposed” to the test and warned North Korea "
        "to refrain from further actions."
    )
    said = [q for q in find(pipeline, text) if q.cue == "said"]
    assert [(q.content, q.speaker) for q in said] == [("it was “resolutely opposed” to the test", "China")]


@pytest.mark.model
def test_reported_clause_runs_on_through_a_coordinated_verb_that_is_not_speech(pipeline) -> None:
    text = "The mayor said the city had recovered and thanked the firefighters for their work."
    quote = only(pipeline, text)
    assert quote.content == "the city had recovered and thanked the firefighters for their work"


@pytest.mark.model
def test_quoted_label_phrase_ends_before_when_and_where_it_was_said(pipeline) -> None:
    text = (
        "Former President Bill Clinton criticized the Affordable Care Act as a “crazy system” "
        "during a campaign stop in Flint."
    )
    assert only(pipeline, text).content == "the Affordable Care Act as a “crazy system"


@pytest.mark.model
def test_quoted_label_keeps_what_it_is_for_but_not_where_it_was_said(pipeline) -> None:
    text = "The union called Clinton a “champion” for its members in a statement."
    assert only(pipeline, text).content == "Clinton a “champion” for its members"


# -- who is credited (GUIDELINES "Who is credited") ---------------------------


def credited(pipeline, text: str) -> list[tuple[str | None, str | None]]:
    """(speaker as written, name of the entity credited) for each quote of the analysed text."""
    document = pipeline.analyze(text)
    return [
        (q.speaker, document.entity(q.speaker_entity_id).name if q.speaker_entity_id else None)
        for q in document.quotes
    ]


@pytest.mark.model
def test_pronoun_goes_to_the_person_just_named_not_an_earlier_speaker(pipeline) -> None:
    text = (
        "Russian Defence Minister Sergei Shoigu said the army had taken the village.\n\n"
        "NATO Secretary General Jens Stoltenberg urged allies on Tuesday to speed up deliveries "
        'of ammunition to Ukraine. "We are in a race of logistics," he said.'
    )
    assert credited(pipeline, text)[-1] == ("he", "Jens Stoltenberg")


@pytest.mark.model
def test_pronoun_chain_follows_the_previous_quotes_speaker(pipeline) -> None:
    text = (
        'Vladimir Putin met Joe Biden in Geneva. "The talks were useful," Putin said. '
        '"We agreed to continue," he added. He later left for Moscow. "It went well," he said.'
    )
    assert [name for _, name in credited(pipeline, text)] == ["Vladimir Putin"] * 3


@pytest.mark.model
def test_pronoun_agrees_in_gender(pipeline) -> None:
    text = 'Angela Merkel met Joe Biden in Berlin. "It was a good meeting," she said.'
    assert credited(pipeline, text) == [("she", "Angela Merkel")]


@pytest.mark.model
def test_pronoun_with_two_candidates_and_no_cue_stays_unresolved(pipeline) -> None:
    text = 'The talks between Mark Rutte and Donald Tusk ran late. "Nothing was agreed," he said.'
    assert credited(pipeline, text) == [("he", None)]


@pytest.mark.model
def test_a_person_named_after_titles_is_credited_not_the_title(pipeline) -> None:
    cases = {
        "Foreign Ministry spokeswoman Maria Zakharova said the West was to blame.": "Maria Zakharova",
        "Russia's Vladimir Putin said the talks were useful.": "Vladimir Putin",
        "A spokesman for the Kremlin, Dmitry Peskov, said no talks were planned.": "Dmitry Peskov",
    }
    for text, name in cases.items():
        assert credited(pipeline, text)[0][1] == name, text


@pytest.mark.model
def test_unnamed_sources_stay_unnamed(pipeline) -> None:
    text = (
        "Joe Biden met the delegation on Monday. A senior official said the deal was close. "
        "Local health officials said 12 people had died. One man said he had lost his home."
    )
    assert [name for _, name in credited(pipeline, text)] == [None, None, None]


@pytest.mark.model
def test_an_unnamed_source_may_credit_its_organization_never_a_person(pipeline) -> None:
    assert credited(pipeline, "A spokesman for the Kremlin said no talks were planned.")[0][1] == "Kremlin"
    assert credited(pipeline, "Vladimir Putin's spokesman said no talks were planned.")[0][1] is None


@pytest.mark.model
def test_a_possessive_country_is_not_the_ministry(pipeline) -> None:
    quote = credited(pipeline, "Poland's Defence Ministry said two missiles had crossed its airspace.")[0]
    assert quote[1] != "Poland"


@pytest.mark.model
def test_compound_speakers_stay_whole(pipeline) -> None:
    assert credited(pipeline, "France and Britain said they would send more tanks.") == [
        ("France and Britain", None)
    ]


@pytest.mark.model
def test_a_document_credits_its_issuer_or_nobody(pipeline) -> None:
    text = "Kim Jong Un arrived in Vladivostok. The news release said the leaders would discuss cooperation."
    assert credited(pipeline, text)[-1] == ("The news release", None)


@pytest.mark.model
def test_a_definite_title_refers_back_to_the_person_introduced_with_it(pipeline) -> None:
    text = (
        "The region's governor, Vyacheslav Gladkov, said three people were injured. "
        "The governor said the shelling continued."
    )
    assert [name for _, name in credited(pipeline, text)] == ["Vyacheslav Gladkov", "Vyacheslav Gladkov"]


@pytest.mark.model
def test_a_split_quote_has_its_fragments_without_the_cuts_comma(pipeline) -> None:
    text = "Volodymyr Zelensky spoke in Kyiv. “We will win,” he said, “whatever it takes.”"
    [quote] = pipeline.analyze(text).quotes
    assert [text[a:b] for a, b in quote.fragments] == ["We will win", "whatever it takes."]
    assert quote.speaker == "he" and quote.speaker_entity_id is not None


@pytest.mark.model
def test_a_pronoun_after_an_unnamed_speaker_stays_unnamed(pipeline) -> None:
    text = (
        "Kim Jong Un visited the border on Monday. A defence ministry spokesman said the drills would "
        "go ahead. He said that Seoul would not back down."
    )
    assert credited(pipeline, text)[-1] == ("He", None)


@pytest.mark.model
def test_a_name_ending_a_long_title_is_credited(pipeline) -> None:
    text = (
        "The spokesman of the Dallas chapter of the rights group Ahmed Khan said the boy wants to use "
        "his fame for good."
    )
    assert credited(pipeline, text)[0][1] == "Ahmed Khan"
    assert credited(pipeline, "A spokesman for Kim Jong Un said the talks were over.")[0][1] is None


@pytest.mark.model
def test_a_name_used_as_a_modifier_is_not_what_he_refers_to(pipeline) -> None:
    text = (
        "Writing in a blog post, Matthew Ingram dubbed the fight over the Cruise video a war. "
        "He said the conflict was another small skirmish."
    )
    assert credited(pipeline, text)[-1] == ("He", "Matthew Ingram")


@pytest.mark.model
def test_the_sentences_subject_beats_the_previous_speaker_for_he(pipeline) -> None:
    text = (
        "Whitmore said Daniel Montalvo had turned himself in. "
        "Mark Rathbun requested donations on his blog to help Montalvo with his defense. "
        "He said Montalvo was facing the penitentiary."
    )
    assert credited(pipeline, text)[-1] == ("He", "Mark Rathbun")


@pytest.mark.model
def test_a_source_named_but_missed_by_the_entity_finder_is_credited(pipeline) -> None:
    text = "The Deseret News reported that the hashtag had become an international phenomenon."
    assert credited(pipeline, text)[0][1] == "Deseret News"
    assert credited(pipeline, "Officials said the road was closed.")[0][1] is None


@pytest.mark.model
def test_cues_the_parse_reads_in_other_ways_still_report(pipeline) -> None:
    cases = {
        "Bennett pointed out that North Korea did not have nuclear weapons for years.": (
            "North Korea did not have nuclear weapons for years",
            "Bennett",
        ),
        "As Heald told The Huffington Post, US surface ozone has dropped since 1990.": (
            "US surface ozone has dropped since 1990",
            "Heald",
        ),
        "Steve Whitmore told LA Weekly in a statement that the case was being dealt with as grand theft.": (
            "the case was being dealt with as grand theft",
            "Steve Whitmore",
        ),
    }
    for text, expected in cases.items():
        quote = only(pipeline, text)
        assert (quote.content, quote.speaker) == expected, text


@pytest.mark.model
def test_a_coordinated_speech_verb_without_content_does_not_cut_the_report(pipeline) -> None:
    text = (
        "North Korea stated it would attack any loudspeakers and would respond, militarily, within "
        "48 hours if the broadcasts do not stop."
    )
    assert only(pipeline, text).content.endswith("if the broadcasts do not stop")


@pytest.mark.model
def test_a_quotation_paragraph_goes_on_with_the_source_quoted_just_before(pipeline) -> None:
    text = (
        "Bruce Bennett said the North did not need nuclear weapons.\n\n"
        "He also warned that the number could keep growing.\n\n"
        "“If they have more than a few, they are not purely defensive.”\n\n"
        "Another expert doubts the commitment.\n\n"
        "“I think that proposal needs to be weighed.”\n"
    )
    found = credited(pipeline, text)
    assert found[:3] == [("Bruce Bennett", "Bruce Bennett"), ("He", "Bruce Bennett"), ("He", "Bruce Bennett")]
    assert len(found) == 3  # the last paragraph's source is not the one quoted before


@pytest.mark.model
def test_they_goes_on_with_the_organization_just_quoted_but_not_after_officials(pipeline) -> None:
    text = "The Church of Scientology said the claims were false. They also said Paris was a volunteer."
    assert credited(pipeline, text)[-1] == ("They", "Church of Scientology")
    text = (
        "The Church of Scientology said the claims were false. Local officials said the ship had left. "
        "They also said the crew was safe."
    )
    assert credited(pipeline, text)[-1] == ("They", None)


@pytest.mark.model
def test_the_next_paragraph_never_attributes_a_quote(pipeline) -> None:
    text = (
        "The Guardian cited long questions, including: “Were you subject to human trafficking "
        "during your journey?”\n\nIt quoted critics of the plan.\n"
    )
    assert all(q.speaker != "It" for q in find(pipeline, text))


@pytest.mark.model
def test_the_subject_next_to_the_verb_heads_the_speaker(pipeline) -> None:
    text = (
        "Mohamed got support from many people.\n\nFacebook co-founder Mark Zuckerberg tweeted to "
        "Mohamed and said the boy was welcome to come and tour the company."
    )
    assert credited(pipeline, text)[-1][1] == "Mark Zuckerberg"


@pytest.mark.model
def test_a_second_cue_inside_the_first_report_goes_with_the_first_speaker(pipeline) -> None:
    text = (
        "The Church of Scientology denied the allegations. They also claimed Paris was a volunteer "
        "and claim she has a vested interest in misrepresenting her experiences."
    )
    found = find(pipeline, text)
    assert [q.content for q in found] == [
        "Paris was a volunteer",
        "she has a vested interest in misrepresenting her experiences",
    ]
    assert {q.speaker for q in found} == {"They"}


@pytest.mark.model
def test_a_document_saying_something_credits_who_issued_it(pipeline) -> None:
    text = 'His office put out a statement saying the U.S. "does not have the capacity to vet every refugee."'
    assert only(pipeline, text).speaker == "His office"


@pytest.mark.model
def test_manner_of_speaking_verbs_attribute_a_quote_after_it(pipeline) -> None:
    text = '"An awful lot of analysts said no, and she took it upon herself," remembered Roy Verley.'
    assert only(pipeline, text).speaker == "Roy Verley"


@pytest.mark.model
def test_he_never_goes_to_a_woman_named_by_her_full_name(pipeline) -> None:
    text = (
        "Bill Clinton spoke in Ohio. Hillary Clinton campaigned in Iowa on Monday. "
        '"We will win the state," he said.'
    )
    assert credited(pipeline, text)[-1][1] != "Hillary Clinton"


@pytest.mark.model
def test_he_after_a_person_named_by_a_description_is_not_an_earlier_name(pipeline) -> None:
    text = (
        "Donald Trump spoke at a rally in Ohio.\n\nMy father bought 60 acres of land in upstate New York. "
        "He said the land was cheap."
    )
    assert credited(pipeline, text)[-1] == ("He", None)


@pytest.mark.model
def test_what_was_announced_or_asked_is_reported_speech(pipeline) -> None:
    quote = only(pipeline, "The committee announced a plan to cut 30,000 jobs by the end of the year.")
    assert (quote.content, quote.speaker) == (
        "a plan to cut 30,000 jobs by the end of the year",
        "The committee",
    )
    quote = only(pipeline, "An NBC reporter asked whether the database would be any different.")
    assert quote.content == "whether the database would be any different"
    assert find(pipeline, "The ministry announced it on Monday.") == []


@pytest.mark.model
def test_a_person_whose_surname_is_a_city_is_credited_as_the_person(pipeline) -> None:
    text = (
        "Valeska Paris, an Australian woman and former Scientologist, has claimed that the church held "
        "her for twelve years.\n\nParis claims that her passport was taken away. "
        "She also claims that she was tasked with removing asbestos."
    )
    assert [name for _, name in credited(pipeline, text)] == ["Valeska Paris"] * 3


@pytest.mark.model
def test_a_title_with_other_qualifiers_is_not_the_person_introduced_with_it(pipeline) -> None:
    text = (
        "Republican presidential nominee Donald Trump spoke in Ohio. "
        "The Democratic presidential nominee said the plan would fail."
    )
    assert credited(pipeline, text) == [("The Democratic presidential nominee", None)]


@pytest.mark.model
def test_a_description_of_an_organization_does_not_reach_far_back_for_one(pipeline) -> None:
    text = (
        "The Republican National Committee said the debate was fair.\n\nHillary Clinton toured Ohio. "
        "She visited a factory in Toledo.\n\nCrowds waited for hours in the rain. "
        "The campaign said turnout would be high."
    )
    assert credited(pipeline, text)[-1] == ("The campaign", None)
    text = "TASS said the train had left. The agency said it was heading to the border."
    assert credited(pipeline, text)[-1] == ("The agency", "TASS")


@pytest.mark.model
def test_a_quotation_paragraph_after_a_named_source_is_introduced_is_theirs(pipeline) -> None:
    text = (
        "Kim Jong Un declared the country a nuclear state.\n\n"
        "Another expert, Bong Young-shik from the Asan Institute in Seoul, doubts the commitment.\n\n"
        "“I think that proposal needs to be weighed to see if it carries any significance.”\n"
    )
    assert credited(pipeline, text)[-1] == ("Another expert", "Bong Young-shik")


@pytest.mark.model
def test_a_second_statement_after_a_semicolon_is_its_own_quote(pipeline) -> None:
    text = (
        '"The shells hit the posts," said KCNA. "Foolhardy provocation deserves harsh punishment", '
        'it added; and, later, "Kim Jong-un issued an order to the front-line units."'
    )
    contents = [q.content for q in find(pipeline, text)]
    assert "Foolhardy provocation deserves harsh punishment" in contents


@pytest.mark.model
def test_a_headline_word_read_as_part_of_a_name_is_not_an_entity(pipeline) -> None:
    document = pipeline.analyze(
        "North Korea Expels BBC Journalists\n\nNorth Korea has expelled a group of BBC reporters."
    )
    names = {m.text for m in document.mentions if m.label in ("ORG", "PERSON")}
    assert "North Korea Expels" not in names and "BBC" in names


@pytest.mark.model
def test_a_headline_name_the_article_never_repeats_is_kept(pipeline) -> None:
    document = pipeline.analyze("Vladimir Putin Meets Kim Jong Un\n\nThe two leaders met on Monday.")
    assert "Kim Jong Un" in {m.text for m in document.mentions if m.label == "PERSON"}


@pytest.mark.model
def test_a_clause_after_a_trailing_cue_is_reported_too(pipeline) -> None:
    text = (
        "“Others have gotten in trouble for far less,” one of the former prosecutors said "
        "the two cases were quite different."
    )
    contents = [q.content for q in find(pipeline, text)]
    assert "the two cases were quite different" in contents
    text = "Humphrey, who calls Trump a “sociopath,” said he doesn’t believe the effort needs a plan."
    assert [q.content for q in find(pipeline, text) if q.cue == "said"] == [
        "he doesn’t believe the effort needs a plan"
    ]


@pytest.mark.model
def test_a_headline_name_is_cut_to_the_part_the_article_names(pipeline) -> None:
    document = pipeline.analyze(
        "Obama Speech Draws Crowds\n\nBarack Obama spoke on Monday. Obama said the plan works."
    )
    people = [m.text for m in document.mentions if m.label == "PERSON"]
    assert people[0] == "Obama" and "Obama Speech Draws Crowds" not in people
