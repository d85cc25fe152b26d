"""A long-winded phrase of everyday words is a tip, not a hard word (issue 20).

Across seven hand-labelled sets of real care writing, the labellers marked none of the 11
long-winded phrases of everyday words the checker raised ("in relation to", "for the purpose
of", "joint working"); they did mark formal words from the same list ("ascertain",
"thereof"). Made-up examples of each kind.
"""

from __future__ import annotations

from coprod_lab.jargon import check_text
from coprod_lab.jargon.rarity import Bands, known_wording
from coprod_lab.widgets.plain_english import render_text


def _kinds(text: str) -> dict[str, str]:
    return {f.term: f.kind for f in check_text(text).findings}


def test_wordy_phrases_of_everyday_words_are_tips_not_hard_words() -> None:
    kinds = _kinds("We wrote to you in relation to your care, for the purpose of a review.")
    assert kinds["in relation to"] == "wordy"
    assert kinds["for the purpose of"] == "wordy"


def test_formal_and_legal_wording_stays_a_hard_word() -> None:
    kinds = _kinds("We will ascertain the cost and the parts thereof, and expedite it.")
    assert kinds["ascertain"] == "phrase"
    assert kinds["thereof"] == "phrase"
    assert kinds["expedite"] == "phrase"  # Zipf 3.1: not an everyday word


def test_known_wording_judges_every_word_of_a_phrase() -> None:
    bands = Bands()
    assert known_wording(["for", "the", "purpose", "of"], bands)
    assert not known_wording(["pursuant", "to"], bands)
    assert not known_wording([], bands)


def test_a_wordy_tip_keeps_its_plainer_words_and_is_counted_in_the_summary() -> None:
    report = check_text("Please write to us in relation to any change in the near future.")
    tips = [f for f in report.findings if f.kind == "wordy"]
    assert {f.term for f in tips} == {"in relation to", "in the near future"}
    assert all(f.suggestion.startswith("try “") for f in tips)
    assert "2 words or phrases with an easier alternative" in report.summary()


def test_the_page_labels_wordy_tips_long_winded_and_formal_words_so() -> None:
    text = "Write to us in relation to the bill so we can ascertain the facts."
    html = render_text(text, check_text(text))
    assert "(long-winded: try" in html
    assert "(formal word: try" in html
