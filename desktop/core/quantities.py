"""A NUMBER mention's normalized value as a reader wants to see it ("about 250 km", "15–20%").

One wording for the reader's tooltip and the HTML report, so they never
disagree; the JSON and CSV keep the raw numbers.
"""

from __future__ import annotations

from desktop.core.model import Mention

_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def format_number(value: float) -> str:
    """1.2e9 → "1.2 billion", 8000 → "8,000", 0.5 → "0.5"; a scale word only when it loses nothing."""
    for size, word in _SCALES:
        scaled = value / size
        if abs(scaled) >= 1 and abs(scaled - round(scaled, 2)) < 1e-9:
            return f"{round(scaled, 2):g} {word}"
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,}"


def describe_quantity(mention: Mention) -> str | None:
    """Value (or range), unit and qualifier of a NUMBER mention; None when it has no value."""
    if mention.value is None:
        return None
    text = format_number(mention.value)
    if mention.value_max is not None and mention.value_max != mention.value:
        text += f"–{format_number(mention.value_max)}"
    if mention.unit:
        text += mention.unit if mention.unit == "%" else f" {mention.unit}"
    return f"{mention.qualifier} {text}" if mention.qualifier else text
