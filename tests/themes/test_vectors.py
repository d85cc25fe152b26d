"""The static vectors coprod-lab reads without model2vec are the ones model2vec gives."""

from __future__ import annotations

import json

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from coprod_lab.themes import vectors
from coprod_lab.themes.vectors import VECTORS, static_vectors

REFERENCE = VECTORS.with_name("minilm-reference.json")


def test_the_vectors_match_model2vec_on_its_own_reference_sentences():
    reference = json.loads(REFERENCE.read_text())
    found, known = static_vectors().encode([r["text"] for r in reference])
    for (text, expected), got, has_words in zip(
        [(r["text"], np.array(r["vector"])) for r in reference], found, known, strict=True
    ):
        if not expected.any():
            assert not has_words, text
            continue
        assert has_words, text
        # float16 pieces averaged in float32: the same vector to four decimal places.
        assert np.abs(got - expected).max() < 1e-3, text
        assert float(got @ expected) > 0.9999, text


def test_a_text_with_no_word_pieces_is_marked_as_having_no_words():
    found, known = static_vectors().encode(["", "   ", "hello"])
    assert known.tolist() == [False, False, True]
    assert not found[0].any()
    assert abs(float(np.linalg.norm(found[2])) - 1) < 1e-5


def test_accents_and_case_do_not_change_a_word():
    found, _ = static_vectors().encode(["Café DÉCOR", "cafe decor"])
    assert float(found[0] @ found[1]) > 0.9999


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=80))
def test_the_quick_path_for_plain_ascii_splits_words_as_the_full_path_does(text):
    # Adding one accented word sends the text down the full Unicode path.
    assert vectors._words(text) == vectors._words(text + " é")[:-1]


def test_words_only_leaves_out_punctuation_symbols_and_emoji():
    found, known = static_vectors().encode(
        ["Nothing.", "Nothing", "nothing!!! 😊", "Nothing", "...", "A&E was busy"], words_only=True
    )
    assert known.tolist() == [True, True, True, True, False, True]
    assert np.array_equal(found[0], found[1])
    assert np.array_equal(found[2], found[3])
    assert not found[4].any()
    assert np.array_equal(found[5], static_vectors().encode(["A E was busy"])[0][0])
    # By default a full stop is a word piece, as model2vec has it.
    plain, _ = static_vectors().encode(["Nothing.", "Nothing"])
    assert not np.array_equal(plain[0], plain[1])
