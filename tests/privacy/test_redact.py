"""Redaction: recall at least 0.95 and precision at least 0.9 on our labelled UK set."""

from __future__ import annotations

from collections import Counter

import pytest

from coprod_lab.privacy import find, nhs_number_is_valid, redact
from tests.privacy.redaction_set import INVALID_NHS, ITEMS, PARTICIPANTS, VALID_NHS


def score() -> tuple[float, float, Counter, list]:
    true_positive = false_positive = false_negative = 0
    missed: Counter = Counter()
    mistakes = []
    for text, labels in ITEMS:
        gold = Counter(labels)
        found = Counter((f.text, f.kind) for f in find(text, PARTICIPANTS))
        hits = gold & found
        true_positive += sum(hits.values())
        false_positive += sum((found - gold).values())
        false_negative += sum((gold - found).values())
        for text_kind in gold - found:
            missed[text_kind[1]] += 1
        if gold != found:
            mistakes.append((text, sorted(gold), sorted(found)))
    recall = true_positive / (true_positive + false_negative)
    precision = true_positive / (true_positive + false_positive)
    return recall, precision, missed, mistakes


def test_the_labelled_set_is_big_enough() -> None:
    assert len(ITEMS) >= 300
    kinds = Counter(kind for _, labels in ITEMS for _, kind in labels)
    assert set(kinds) == {
        "PHONE",
        "EMAIL",
        "NHS_NUMBER",
        "NI_NUMBER",
        "POSTCODE",
        "DATE_OF_BIRTH",
        "PERSON",
    }
    assert sum(1 for _, labels in ITEMS if not labels) >= 50  # hard negatives


def test_recall_and_precision_meet_the_targets() -> None:
    recall, precision, missed, mistakes = score()
    detail = "\n".join(f"{t!r}: wanted {g}, found {f}" for t, g, f in mistakes[:15])
    assert recall >= 0.95, f"recall {recall:.3f}, missed by kind {dict(missed)}\n{detail}"
    assert precision >= 0.9, f"precision {precision:.3f}\n{detail}"


@pytest.mark.parametrize("number", VALID_NHS)
def test_numbers_that_pass_modulus_11_are_nhs_numbers(number: str) -> None:
    assert nhs_number_is_valid(number)


@pytest.mark.parametrize("number", INVALID_NHS)
def test_numbers_that_fail_modulus_11_are_not_redacted_as_nhs_numbers(number: str) -> None:
    assert not nhs_number_is_valid(number)
    assert all(f.kind != "NHS_NUMBER" for f in find(f"Reference {number} on the letter."))


def test_redacted_text_and_its_key() -> None:
    said = "I'm Dev Morgan, call 07700 900123. Dev's DOB is 1.2.85; Priya has it."
    result = redact(said, PARTICIPANTS)
    assert result.text == (
        "I'm [PERSON 1], call [PHONE]. [PERSON 1]'s DOB is [DATE OF BIRTH]; [PERSON 2] has it."
    )
    assert result.key == {
        "[PERSON 1]": ["Dev Morgan", "Dev"],
        "[PHONE]": ["07700 900123"],
        "[DATE OF BIRTH]": ["1.2.85"],
        "[PERSON 2]": ["Priya"],
    }
    assert "Dev" not in result.text and "07700" not in result.text
