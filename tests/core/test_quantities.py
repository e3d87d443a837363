"""How a number's normalized value reads in the tooltip and the HTML report."""

from __future__ import annotations

import pytest

from desktop.core.model import Mention
from desktop.core.quantities import describe_quantity, format_number


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (5, "5"),
        (8000, "8,000"),
        (0.5, "0.5"),
        (1.2e9, "1.2 billion"),
        (3e6, "3 million"),
        (1_234_567, "1,234,567"),  # a scale word would round it
        (2.5e12, "2.5 trillion"),
    ],
)
def test_format_number(value: float, text: str) -> None:
    assert format_number(value) == text


def number(**fields: object) -> Mention:
    return Mention("m1", 0, 5, "NUMBER", "x", **fields)  # type: ignore[arg-type]


def test_describe_quantity() -> None:
    assert describe_quantity(number(value=250.0, unit="km", qualifier="about")) == "about 250 km"
    assert describe_quantity(number(value=15.0, value_max=20.0, unit="%")) == "15–20%"
    assert describe_quantity(number(value=2e9, value_max=3e9, unit="USD")) == "2 billion–3 billion USD"
    assert describe_quantity(number(value=5.0)) == "5"
    assert describe_quantity(number()) is None
