"""Every focus ring the pages draw stands out from what is around it: at least 3:1 (WCAG 2.2
success criterion 1.4.11, non-text contrast). The co-analysis words' ring was a light orange
(#ffbf47), 1.6:1 on white."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parents[2] / "coprod_lab" / "voila" / "voila" / "templates"
# The light colours a ring is drawn on: the page, and the pale panel a turn is shown in.
AROUND = ("#ffffff", "#f4f7fb")


def _luminance(colour: str) -> float:
    # Relative luminance as WCAG 2.2 defines it (sRGB channels linearised, then weighted).
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, other: str) -> float:
    """The WCAG contrast ratio of two #rrggbb colours, from 1 to 21."""
    high, low = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_contrast_formula_gives_wcags_own_figures() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast("#ffbf47", "#ffffff") < 3  # the old ring


def _rings() -> list[tuple[str, str]]:
    found = []
    for path in (TEMPLATES / "coprod").glob("*.*"):
        if path.suffix not in (".css", ".html"):
            continue
        for rule in re.findall(r"[^{}]*focus[^{}]*\{[^}]*\}", path.read_text()):
            for colour in re.findall(r"outline:[^;}]*?(#[0-9a-fA-F]{6})\b", rule):
                found.append((f"{path.name}: {rule.strip()[:60]}", colour.lower()))
    return found


def test_every_focus_ring_has_3_to_1_against_the_page() -> None:
    rings = _rings()
    assert len(rings) >= 3  # the house ring, the co-analysis words, the landing page's links
    for where, colour in rings:
        for background in AROUND:
            assert contrast(colour, background) >= 3, (where, colour, background)
