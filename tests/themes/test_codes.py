"""Themes saved as codes on utterances, people's own codes, and agreement between coders."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from coprod_lab.demo import load_demo
from coprod_lab.errors import CoprodLabError
from coprod_lab.store.schema import coded_utterances, events
from coprod_lab.themes import find_themes
from coprod_lab.themes.codes import (
    THEME_MODEL,
    agreement,
    code_utterance,
    codings,
    save_as_codes,
    utterance_table,
)


def test_themes_are_saved_as_codes_and_saving_again_replaces_them(store):
    project_id = load_demo(store)
    table = utterance_table(store, project_id)
    assert len(table) > 10
    found = find_themes(table, "text", speaker_column="speaker", role_column="role", n_themes=3)
    code_of = save_as_codes(store, found, table["id"], project_id=project_id, actor="Sam")
    assert set(code_of) == {t.id for t in found.themes}
    coded = codings(store, project_id, THEME_MODEL)
    for uid, theme in zip(table["id"], found.labels, strict=True):
        # Short replies ("Thanks, Sam.") are counted apart and get no code.
        assert coded.get(uid) == (None if theme < 0 else [found.label_of(theme)])
    themed = int((found.labels >= 0).sum())
    assert found.short_replies > 0 and themed + found.short_replies == len(table)

    found.rename(found.themes[0].id, "Going home")
    save_as_codes(store, found, table["id"], project_id=project_id, actor="Sam")
    again = codings(store, project_id, THEME_MODEL)
    assert len(again) == themed
    assert all(len(names) == 1 for names in again.values())
    assert sum(names == ["Going home"] for names in again.values()) == found.themes[0].size
    with store.read() as db:
        assert db.scalar(select(func.count()).select_from(coded_utterances)) == themed
        assert db.scalar(select(func.count()).where(events.c.action == "coded")) == 2


def test_a_wrong_utterance_list_codes_nothing(store):
    project_id = load_demo(store)
    table = utterance_table(store, project_id)
    found = find_themes(table, "text", n_themes=2)
    with pytest.raises(CoprodLabError, match="one utterance id per text"):
        save_as_codes(store, found, table["id"][:-1], project_id=project_id, actor="Sam")
    ids = list(table["id"])
    ids[-1] = 999_999
    with pytest.raises(CoprodLabError, match="Utterance 999999 is not in this project"):
        save_as_codes(store, found, ids, project_id=project_id, actor="Sam")
    assert codings(store, project_id, THEME_MODEL) == {}


def test_a_person_codes_utterances_and_agreement_is_measured(store):
    project_id = load_demo(store)
    table = utterance_table(store, project_id).head(12)
    found = find_themes(table, "text", n_themes=2)
    save_as_codes(store, found, table["id"], project_id=project_id, actor="Sam")
    # The researcher agrees with the model everywhere but one utterance.
    human = [found.label_of(t).upper() for t in found.labels]
    human[0] = "SOMETHING ELSE"
    for uid, code in zip(table["id"], human, strict=True):
        code_utterance(store, int(uid), code, project_id=project_id, coder="Joan")
        code_utterance(store, int(uid), code, project_id=project_id, coder="Joan")  # no double
    theirs = codings(store, project_id, "Joan")
    assert all(len(v) == 1 for v in theirs.values())
    result = agreement(codings(store, project_id, THEME_MODEL), theirs)
    assert result.items == 12
    assert result.matched == {
        found.label_of(t): found.label_of(t).upper() for t in set(found.labels)
    }
    assert 0 < result.kappa < 1
    assert "Cohen's kappa" in str(result)


def test_kappa_and_alpha_match_a_hand_worked_example():
    first = {1: "x", 2: "x", 3: "y", 4: "y", 5: "z", 6: "z"}
    second = {1: "x", 2: "x", 3: "y", 4: "y", 5: "y", 6: "z"}
    result = agreement(first, second, match=False)
    # Observed 5/6; expected (2·2 + 2·3 + 2·1)/36 = 1/3; kappa = (5/6 − 1/3)/(2/3) = 0.75.
    assert result.kappa == pytest.approx(0.75)
    # Krippendorff: Do = 2/12, De = 2·(4·5 + 4·3 + 5·3)/(12·11) = 94/132; alpha = 1 − Do/De.
    assert result.alpha == pytest.approx(1 - (2 / 12) / (94 / 132))


def test_items_with_several_codes_or_one_coder_are_left_out():
    first = {1: "a", 2: "b", 3: ["a", "b"], 4: "a"}
    second = {1: "a", 2: "b", 3: "a", 5: "b"}
    result = agreement(first, second, match=False)
    assert result.items == 2
    assert result.left_out == 3
    assert result.kappa == pytest.approx(1.0)
    assert str(result).endswith("(3 items left out).")
    one_out = agreement({1: "a", 2: "b", 3: "a"}, {1: "a", 2: "b"}, match=False)
    assert str(one_out).endswith("(1 item left out).")  # not "1 items"
    with pytest.raises(CoprodLabError, match="at least 2"):
        agreement({1: "a"}, {1: "a"})


def test_agreement_with_a_column_of_codes_leaves_out_what_cannot_be_compared() -> None:
    from coprod_lab.themes import find_themes
    from coprod_lab.themes.codes import agreement_with_codes

    texts = ["the food was cold", "cold food again", "lovely kind staff", "staff were kind"] * 4
    texts += ["!!!"]  # no words: unclustered, so left out
    codes = ["Food", "Food", "Staff", "Staff"] * 4 + ["Food"]
    found = find_themes(texts, n_themes=2)
    result = agreement_with_codes(found, codes)
    assert result.items == 16 and result.left_out == 1
    assert set(result.matched) == {t.label for t in found.themes}
    assert set(result.matched.values()) <= {"Food", "Staff"}
    assert -1.0 <= result.kappa <= 1.0
    with pytest.raises(CoprodLabError, match="There are 3 codes for 17 texts"):
        agreement_with_codes(found, codes[:3])
