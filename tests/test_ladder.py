"""The Ladder of Co-production: ratings over time, compared by role, drawn accessibly."""

from __future__ import annotations

import datetime as dt

import pytest

from coprod_lab.errors import CoprodLabError
from coprod_lab.ladder import RUNGS, by_role_over_time, chart_svg, compare, rate, ratings
from tests.sessions.people import demo_people

MAY, JUNE = dt.date(2026, 5, 1), dt.date(2026, 6, 1)


def test_ratings_by_role_carry_each_persons_newest_rating(store) -> None:
    project_id, people = demo_people(store)
    assert (RUNGS[0][0], RUNGS[-1][0], len(RUNGS)) == ("Coercion", "Co-production", 7)
    for who, rung, day in (
        ("Dev", 3, MAY),
        ("Joan", 5, MAY),
        ("Priya", 6, MAY),
        ("Dev", 5, JUNE),  # Joan does not rate again in June: her May rating still counts
        ("Tom", 7, JUNE),
    ):
        rate(store, project_id, people[who], rung, "Because.", rated_on=day, actor="f")
    found = ratings(store, project_id)
    assert [(r.name, r.rung) for r in found][:3] == [
        ("Dev Morgan", 3),
        ("Joan Ellis", 5),
        ("Priya Shah", 6),
    ]
    lines = by_role_over_time(found)
    assert lines == {
        "lived_experience": [(MAY, 4.0), (JUNE, 5.0)],
        "professional": [(MAY, 6.0), (JUNE, 6.5)],
    }
    sentence = compare(found)
    assert "lived experience put the project at 5.0 on average (Engagement)" in sentence
    assert "professionals at 6.5" in sentence
    assert "Professionals rate it 1.5 steps higher" in sentence
    svg = chart_svg(found)
    assert "role='img'" in svg and "Lived experience: 4.0 on 01 May 2026, 5.0 on 01 June" in svg
    assert svg.count("<polyline") == 2


def test_compare_waits_for_both_groups(store) -> None:
    project_id, people = demo_people(store)
    rate(store, project_id, people["Dev"], 4, "", rated_on=MAY, actor="f")
    assert compare(ratings(store, project_id)).startswith("When both people")
    assert "No ratings yet" in chart_svg([])


def test_a_rating_off_the_ladder_or_from_outside_the_project_is_refused(store) -> None:
    project_id, people = demo_people(store)
    with pytest.raises(CoprodLabError, match="from 1 to 7"):
        rate(store, project_id, people["Dev"], 8, "", rated_on=MAY, actor="f")
    with pytest.raises(CoprodLabError, match="not in this project"):
        rate(store, project_id + 1, people["Dev"], 3, "", rated_on=MAY, actor="f")
    assert ratings(store, project_id) == []
