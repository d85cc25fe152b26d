"""Themes a researcher reads: real-word labels, quotes from the theme, shares, and their edits."""

from __future__ import annotations

import pytest

from coprod_lab.errors import CoprodLabError
from coprod_lab.themes import UNCLUSTERED, find_themes
from coprod_lab.themes.result import UNCLUSTERED_LABEL
from coprod_lab.themes.words import tokens
from tests.themes.feedback import sample
from tests.themes.test_model import FOOD, KNOWN, PARKING


@pytest.fixture(scope="module")
def comments():
    table = sample(1200)
    # Two made-up roles and speakers, alternating, so shares can be checked by hand.
    table["role"] = ["lived_experience" if i % 3 else "professional" for i in range(len(table))]
    table["speaker"] = [f"P{i % 7}" for i in range(len(table))]
    table["turn"] = range(1, len(table) + 1)
    table.loc[5, "feedback"] = "…"  # no words: must come back unclustered, not dropped
    return table


@pytest.fixture(scope="module")
def found(comments):
    return find_themes(
        comments,
        "feedback",
        speaker_column="speaker",
        role_column="role",
        turn_column="turn",
        meeting=False,  # survey comments with made-up speakers: every comment is themed
    )


def test_every_row_is_accounted_for(found, comments):
    rows = found.rows()
    assert list(rows["row"]) == list(range(1, len(comments) + 1))
    assert rows.loc[5, "theme_id"] == UNCLUSTERED
    assert rows.loc[5, "theme_label"] == UNCLUSTERED_LABEL
    assert rows.loc[5, "unclustered_because"].startswith("no words")
    assert sum(t.size for t in found.themes) + found.unclustered == len(comments)
    assert abs(sum(t.share for t in found.themes) - 1) < 1e-9


def test_labels_and_terms_are_words_people_wrote_in_the_theme(found, comments):
    for theme in found.themes:
        members = comments["feedback"][found.labels == theme.id]
        written = {w for text in members for w in tokens(text)}
        assert theme.terms, theme.label
        for term in theme.terms:
            # A term is a word or a two-word phrase, spelt as people spelt it (not a stem).
            assert all(word in written for word in term.split()), (theme.label, term)
        # The label reads as a phrase of the theme's own words: "staff, time and care".
        parts = [p for part in theme.label.split(", ") for p in part.split(" and ")]
        assert any(part in theme.terms for part in parts), theme.label
        assert all(word in written for word in theme.label.replace(",", "").split()), theme.label


def test_three_quotes_from_the_theme_with_speaker_and_turn(found, comments):
    for theme in found.themes:
        assert len(theme.quotes) == min(3, theme.size)
        for quote in theme.quotes:
            index = quote.row - 1
            assert found.labels[index] == theme.id
            assert quote.text == comments["feedback"][index].strip()
            assert quote.speaker == comments["speaker"][index]
            assert quote.turn == comments["turn"][index]


def test_shares_by_role_and_speaker_count_the_themes_rows(found, comments):
    for theme in found.themes:
        members = comments[found.labels == theme.id]
        expected = members["role"].value_counts(normalize=True).to_dict()
        assert theme.by_role == pytest.approx(expected)
        assert sum(theme.by_speaker.values()) == pytest.approx(1)
    table = found.table()
    assert {"theme_label", "size", "top_terms", "quotes", "share_lived_experience"} <= set(
        table.columns
    )


def test_rename_merge_and_split():
    found = find_themes(KNOWN, n_themes=3)
    parking = int(found.labels[len(FOOD)])
    found.rename(parking, "  Car   parking ")
    assert found.theme(parking).label == "Car parking"
    others = [t.id for t in found.themes if t.id != parking]
    sizes = {t.id: t.size for t in found.themes}
    kept = found.merge(others, label="Food and waiting")
    assert kept == others[0]
    assert [t.label for t in found.themes if t.id == kept] == ["Food and waiting"]
    assert found.theme(kept).size == sizes[others[0]] + sizes[others[1]]
    assert found.theme(parking).label == "Car parking"  # a rename survives other edits
    new = found.split(kept, 2)
    assert len(found.themes) == 3
    assert sum(found.theme(t).size for t in new) == sizes[others[0]] + sizes[others[1]]
    assert set(found.rows()["theme_id"]) == {parking, *new}
    assert len(PARKING) == found.theme(parking).size


def test_edits_that_make_no_sense_are_refused_and_change_nothing():
    found = find_themes(KNOWN, n_themes=3)
    before = found.labels.copy()
    with pytest.raises(CoprodLabError, match="no theme 9"):
        found.rename(9, "x")
    with pytest.raises(CoprodLabError, match="blank"):
        found.rename(0, "   ")
    with pytest.raises(CoprodLabError, match="two or more"):
        found.merge([0])
    with pytest.raises(CoprodLabError, match="split into 2 to"):
        found.split(0, 1)
    assert (found.labels == before).all()


def test_a_missing_column_is_named():
    with pytest.raises(CoprodLabError, match="no column called 'words'"):
        find_themes(sample(20), "words")
