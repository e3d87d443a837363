"""A hand-built Document and a fake pipeline, so most UI tests need no spaCy model."""

from __future__ import annotations

import re
from pathlib import Path

from desktop.core.grouping import group_mentions
from desktop.core.model import Document, Fact, FactPart, Mention, Quote

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "seeds" / "kim-jong-un-leaves-russia.txt"

# What the fake pipeline "finds": longer names first so "Kim Jong Un" wins over "Kim".
FAKE_NAMES = (
    ("Kim Jong Un", "PERSON"),
    ("Vladimir Putin", "PERSON"),
    ("Kim", "PERSON"),
    ("Putin", "PERSON"),
    ("TASS", "ORG"),
    ("Moscow", "PLACE"),
    ("Ukraine", "PLACE"),
    ("drones", "WEAPON"),
    ("250 kilometers", "NUMBER"),
    ("Sunday", "DATE"),
)


def make_document(text: str, source: str | None = None, title: str | None = None) -> Document:
    """Mentions by plain string search, grouped by the real grouping code; three quotes, two facts."""
    taken = [False] * len(text)
    mentions: list[Mention] = []
    for name, label in FAKE_NAMES:
        for match in re.finditer(rf"\b{re.escape(name)}\b", text):
            if any(taken[match.start() : match.end()]):
                continue
            taken[match.start() : match.end()] = [True] * len(name)
            mentions.append(Mention("", match.start(), match.end(), label, name, origin="rule"))
    mentions.sort(key=lambda m: m.start)
    for number, mention in enumerate(mentions, start=1):
        mention.id = f"m{number}"
    entities = group_mentions(text, mentions)
    by_text = {m.text: m.entity_id for m in mentions}
    quotes: list[Quote] = []
    facts: list[Fact] = []
    for words, speaker, cue in (
        ("the leader of the DPRK received five kamikaze drones", "The Russian agency", "said"),
        ("offered Kim Jong Un a body armor kit", "TASS", "reported"),
        ("special clothing that cannot be detected by thermal cameras.", "TASS", "reported"),
    ):
        start = text.find(words)
        if start != -1:
            quotes.append(
                Quote(f"q{len(quotes) + 1}", "direct", start, start + len(words), words, speaker=speaker,
                      speaker_entity_id=by_text.get(speaker), cue=cue)
            )  # fmt: skip
    received = text.find("Kim received five explosive drones")
    if received != -1:
        subject = FactPart("Kim", received, received + 3, [by_text["Kim"]] if "Kim" in by_text else [])
        verb = received + len("Kim ")
        thing = verb + len("received ")
        facts.append(
            Fact(
                f"f{len(facts) + 1}",
                sentence_start=received,
                sentence_end=received + len("Kim received five explosive drones"),
                subject=subject,
                predicate=FactPart("received", verb, verb + len("received")),
                object=FactPart("five explosive drones", thing, thing + len("five explosive drones")),
                source="TASS",
                source_entity_id=by_text.get("TASS"),
            )
        )
    said = text.find("special clothing")
    if said != -1:
        end = text.find("”", said)
        predicate = text.find("cannot be detected", said)
        facts.append(
            Fact(
                f"f{len(facts) + 1}",
                sentence_start=said,
                sentence_end=end,
                subject=FactPart("special clothing", said, said + len("special clothing")),
                predicate=FactPart("cannot be detected", predicate, predicate + len("cannot be detected")),
                source="TASS",
                source_entity_id=by_text.get("TASS"),
            )
        )
    return Document(
        text=text,
        source=source,
        title=title,
        pipeline={"name": "dossier", "model": "fake-model"},
        mentions=mentions,
        entities=entities,
        quotes=quotes,
        facts=facts,
    )


class FakePipeline:
    model_name = "fake-model"

    def __init__(self) -> None:
        self.calls = 0

    def analyze(self, text: str, source: str | None = None, title: str | None = None) -> Document:
        self.calls += 1
        return make_document(text, source, title)
