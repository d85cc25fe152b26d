"""A missing space or hyphen glues a short word to its neighbour ("yearin", "byCouncillor",
"apre-existing", "faceto-face", all from real board minutes and news pages): the writer has
a slip to fix, not a hard word to replace. Real words made of two longer words stay rare."""

import pytest

from coprod_lab.jargon import check_text
from coprod_lab.jargon.rarity import Bands
from coprod_lab.jargon.readability import uk_spelling
from coprod_lab.jargon.slips import missing_space


def _kinds(text: str) -> list[tuple[str, str, str]]:
    return [(f.term, f.kind, f.suggestion) for f in check_text(text).findings]


@pytest.mark.parametrize(
    ("text", "term", "meant"),
    [
        ("Staff were busy last yearin the town.", "yearin", "year in"),
        ("A reply byCouncillor Ann Lee followed.", "byCouncillor", "by Councillor"),
        ("The review found apre-existing rule.", "apre-existing", "a pre-existing"),
        ("We met faceto-face at the centre.", "faceto-face", "face-to-face"),
    ],
)
def test_a_missing_space_is_a_typing_slip_with_the_words_meant(
    text: str, term: str, meant: str
) -> None:
    assert (term, "spelling", f"a typing slip? Did you mean “{meant}”?") in _kinds(text)


def test_real_words_of_two_longer_words_and_stray_letters_stay_rare() -> None:
    bands = Bands()
    for word in ("deafblindness", "textphone", "indd", "handyperson"):
        assert missing_space(word, bands) is None, word
    assert ("deafblindness", "rare") in [(t, k) for t, k, _ in _kinds("She has deafblindness.")]


def test_size_after_a_hyphen_keeps_its_z() -> None:
    assert uk_spelling("right-size") is None
    assert uk_spelling("bite-sized") is None
    assert uk_spelling("organize") == "organise"


def test_two_short_words_run_together_and_a_full_stop_with_no_space_are_slips() -> None:
    found = _kinds("We met inthe hall. The carersand staff came. It was policy.The Board met.")
    assert ("inthe", "spelling", "a typing slip? Did you mean “in the”?") in found
    assert ("carersand", "spelling", "a typing slip? Did you mean “carers and”?") in found
    assert ("policy.The", "spelling", "a space after the full stop?") in found
    # The full stop ends the sentence: four sentences, not three.
    assert (
        check_text(
            "We met inthe hall. The carersand staff came. It was policy.The Board met."
        ).sentences
        == 4
    )
    # A web or email address is not a slip.
    assert [k for k in _kinds("See www.nhs.uk/Conditions today.") if k[1] == "spelling"] == []
