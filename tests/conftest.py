"""Shared fixtures: paths to the seed article and its gold annotations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED_ARTICLE = ROOT / "seeds" / "kim-jong-un-leaves-russia.txt"
SEED_GOLD = ROOT / "tests" / "data" / "seed.gold.jsonl"


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED_ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_gold() -> dict:
    return json.loads(SEED_GOLD.read_text(encoding="utf-8").splitlines()[0])


@pytest.fixture(scope="session")
def pipeline():
    """The real model with Dossier's components, loaded once per test session."""
    from desktop.core.nlp.pipeline import load_pipeline

    return load_pipeline()
