"""Charts for notebooks and reports: one bar for each thing counted, of the right length."""

from __future__ import annotations

import pytest
from matplotlib.patches import Rectangle

from coprod_lab.charts import jargon_chart, project_chart, support_chart, talk_chart
from coprod_lab.definitions.results import round_result
from coprod_lab.definitions.rounds import rounds_in
from coprod_lab.definitions.workshops import workshops_in
from coprod_lab.exports import project_tables
from coprod_lab.jargon.in_transcripts import jargon_by_speaker
from coprod_lab.overview import project_summary
from coprod_lab.transcripts.talk import talk_by_role
from coprod_lab.walkthrough import example_file, practice_store


def bar_widths(axes) -> list[float]:
    return [p.get_width() for p in axes.patches if isinstance(p, Rectangle)]


@pytest.fixture(scope="module")
def demo():
    return practice_store()


def test_the_project_chart_shows_people_by_role_and_turns_by_session(demo) -> None:
    store, project_id = demo
    figure = project_chart(project_summary(store, project_id))
    people, turns = figure.axes
    assert sorted(bar_widths(people)) == [1, 2, 2]
    assert sorted(bar_widths(turns)) == [0, 0, 15, 19]
    # Each bar says its number, so a session without a transcript shows 0, not a blank.
    written = sorted(t.get_text() for t in turns.texts)
    assert written == ["0", "0", "15", "19"]


def test_the_talk_chart_leaves_out_time_when_there_are_no_times(demo) -> None:
    store, project_id = demo
    shares = talk_by_role(project_tables(store, project_id)["utterances"])
    [axes] = talk_chart(shares).axes
    [legend] = axes.figure.legends
    assert [t.get_text() for t in legend.get_texts()] == ["Turns", "Words"]
    assert sum(bar_widths(axes)) == pytest.approx(200)  # two measures, 100% each


def test_the_jargon_chart_puts_the_most_jargon_first(demo) -> None:
    store, project_id = demo
    totals = jargon_by_speaker(project_tables(store, project_id)["utterances"])
    [axes] = jargon_chart(totals).axes
    widths = bar_widths(axes)
    assert widths == sorted(totals["jargon_per_100_words"], reverse=True)


def test_the_support_chart_has_everyone_and_each_group(demo) -> None:
    store, project_id = demo
    round_id = rounds_in(store, workshops_in(store, project_id)[0].id)[0].id
    _found, result = round_result(store, round_id)
    [axes] = support_chart(result).axes
    groups = 1 + sum(1 for n in result.voters_by_group.values() if n)
    assert len(bar_widths(axes)) == groups * len(result.lines)
    assert max(bar_widths(axes)) <= 100
    # Every bar has its share written on it, a bar of 0 included ("0%", not a blank).
    written = [t.get_text() for t in axes.texts]
    assert written == [f"{w:.0f}%" for w in bar_widths(axes)]


def test_missing_example_data_is_named(monkeypatch, tmp_path) -> None:
    from coprod_lab.errors import CoprodLabError

    monkeypatch.setenv("COPROD_LAB_CORPUS", str(tmp_path))
    with pytest.raises(CoprodLabError, match="set COPROD_LAB_CORPUS"):
        example_file("zoom-meeting", "meeting003_transcript.vtt")
    monkeypatch.delenv("COPROD_LAB_CORPUS")
    assert example_file("zoom-meeting", "meeting003_transcript.vtt").is_file()


def test_the_talk_chart_by_speaker_shows_each_role(demo) -> None:
    from coprod_lab.transcripts.talk import talk_by_speaker

    store, project_id = demo
    shares = talk_by_speaker(project_tables(store, project_id)["utterances"])
    [axes] = talk_chart(shares, by="speaker").axes
    shown = [t.get_text() for t in axes.get_yticklabels()]
    pairs = zip(shares["speaker"], shares["role"], strict=True)
    assert shown == [f"{speaker} ({role.lower()})" for speaker, role in pairs]
