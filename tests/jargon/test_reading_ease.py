"""The reading-ease line names its formula, and its band agrees with the figure it shows.

A new user saw "Reading ease: 60 out of 100, fairly hard to read" for 59.9 and "60 out of
100, plain English" for 60.2, and could not tell what "reading ease" was.
"""

from __future__ import annotations

import re

from coprod_lab.jargon.check import Report
from coprod_lab.jargon.readability import flesch_band

_LINE = re.compile(r"^Flesch reading ease: (\d+) out of 100 \(higher is easier\), (.+)\.$", re.M)


def test_the_band_is_the_one_of_the_figure_shown() -> None:
    # 100 words in 5 sentences, with syllables from 120 to 180: scores across 30, 50, 60, 80.
    shown_per_band: dict[int, set[str]] = {}
    near_a_line = 0
    for syllables in range(120, 181):
        report = Report(words=100, sentences=5, sentence_words=100, syllables=syllables)
        found = _LINE.search(report.summary())
        assert found, report.summary()
        shown, band = int(found.group(1)), found.group(2)
        assert shown == round(report.flesch)
        assert band == flesch_band(shown) == flesch_band(report.flesch)
        shown_per_band.setdefault(shown, set()).add(band)
        near_a_line += int(report.flesch) != shown and shown in (30, 50, 60, 80)
    assert all(len(bands) == 1 for bands in shown_per_band.values())
    assert near_a_line >= 1  # a score just under a band's edge, shown as the edge, was tried


def test_just_under_sixty_shows_sixty_and_plain_english() -> None:
    assert flesch_band(59.9) == flesch_band(60.2) == "plain English"
    assert flesch_band(59.4) == "fairly hard to read"
