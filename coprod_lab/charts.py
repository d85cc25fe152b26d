"""Charts for notebooks and reports: a project at a glance, who spoke how much, who used
jargon, and how much each group supports each definition.

Figures are made without pyplot's global state, so notebooks and scripts can make many safely.
Every series has a pattern as well as a colour, so the charts read in greyscale too. The pages
never import this module: each phone has a kernel of its own, and matplotlib would weigh on
every one (tests/test_notebooks.py checks that page kernels never load it).
"""

from __future__ import annotations

import datetime as dt
import textwrap

import pandas as pd
from matplotlib.figure import Figure

from coprod_lab.definitions.tallies import GROUPS, Result
from coprod_lab.labels import ROLE_LABELS
from coprod_lab.overview import ProjectSummary
from coprod_lab.themes.plots import COLOURS, HATCHES


def _bars(
    axes, names: list[str], series: list[tuple[str, list[float]]], *, numbers: str | None = None
) -> None:
    """Horizontal bars, one group per name, one bar per series, first name at the top.
    `numbers`: a format for the value written at the end of each bar ("{:.0f}"), so that a
    bar of 0 still shows a 0."""
    height = 0.8 / len(series)
    for n, (label, values) in enumerate(series):
        bars = axes.barh(
            [i + (n - (len(series) - 1) / 2) * height for i in range(len(names))],
            values,
            height,
            label=label,
            color=COLOURS[n % len(COLOURS)],
            hatch=HATCHES[n % len(HATCHES)],
            edgecolor="white",
        )
        if numbers:
            axes.bar_label(bars, labels=[numbers.format(v) for v in values], padding=3)
    if numbers:
        axes.margins(x=0.15)  # room for the numbers
    axes.set_yticks(range(len(names)), names)
    axes.invert_yaxis()
    if len(series) > 1:  # below the chart, where it covers no bar
        axes.figure.legend(loc="outside lower center", ncols=len(series))


def project_chart(summary: ProjectSummary) -> Figure:
    """Who takes part, by role, and how many turns each session's transcript holds."""
    figure = Figure(figsize=(9, 1.6 + 0.45 * max(len(summary.sessions), 3)), layout="constrained")
    people, talk = figure.subplots(1, 2, width_ratios=[1, 2])
    roles = list(summary.people_by_role)
    _bars(
        people,
        [ROLE_LABELS.get(r, r) for r in roles],
        [("People", [summary.people_by_role[r] for r in roles])],
        numbers="{:.0f}",
    )
    people.set_title("People by role")
    people.set_xlabel("People")
    titles = ["\n".join(textwrap.wrap(s.title, 28)) for s in summary.sessions]
    # A session without a transcript yet shows 0, not a blank.
    _bars(talk, titles, [("Turns", [s.turns for s in summary.sessions])], numbers="{:.0f}")
    talk.set_title("Turns in each session's transcript")
    talk.set_xlabel("Turns")
    figure.suptitle(summary.name)
    return figure


def talk_chart(shares: pd.DataFrame, *, by: str = "role", title: str | None = None) -> Figure:
    """Each role's (or speaker's) share of turns, words and time, from talk_by_role or
    talk_by_speaker. By speaker, each name shows its role: "Person 1 (lived experience)"."""
    names = [str(n) for n in shares[by]]
    if by == "speaker" and "role" in shares.columns:
        names = [f"{n} ({str(r).lower()})" for n, r in zip(names, shares["role"], strict=True)]
    measures = [
        ("Turns", "share of turns"),
        ("Words", "share of words"),
        ("Time", "share of minutes"),
    ]
    if shares["minutes"].sum() == 0:  # no timings in these transcripts
        measures = measures[:2]
    figure = Figure(figsize=(8, 1.2 + 0.7 * len(names)), layout="constrained")
    axes = figure.add_subplot()
    _bars(axes, names, [(label, list(shares[column] * 100)) for label, column in measures])
    axes.set_xlim(0, 100)
    axes.set_xlabel("Share of the whole conversation (%)")
    axes.set_title(title or f"Who spoke how much, by {by}")
    return figure


def jargon_chart(totals: pd.DataFrame) -> Figure:
    """Jargon and acronyms per 100 words for each speaker (from jargon_by_speaker)."""
    ordered = totals.sort_values("jargon_per_100_words", ascending=False)
    names = [
        f"{speaker} ({ROLE_LABELS.get(role, role).lower()})"
        for speaker, role in zip(ordered["speaker"], ordered["role"], strict=True)
    ]
    figure = Figure(figsize=(8, 1.2 + 0.45 * len(names)), layout="constrained")
    axes = figure.add_subplot()
    _bars(axes, names, [("Jargon and acronyms", list(ordered["jargon_per_100_words"]))])
    axes.set_xlabel("Jargon words and acronyms per 100 words")
    axes.set_title("Who used jargon")
    return figure


def support_chart(result: Result) -> Figure:
    """For each definition, the share of each group that supports it."""
    groups = [g for g in GROUPS if result.voters_by_group.get(g)]
    names = ["\n".join(textwrap.wrap(line.text, 50)) for line in result.lines]
    figure = Figure(figsize=(9, 1.4 + 1.1 * len(names)), layout="constrained")
    axes = figure.add_subplot()
    series = [("Everyone", [line.support_all * 100 for line in result.lines])]
    series += [
        (ROLE_LABELS.get(g, g), [line.support.get(g, 0) * 100 for line in result.lines])
        for g in groups
    ]
    # The share written on each bar, so a group with no support shows "0%" rather than no bar.
    _bars(axes, names, series, numbers="{:.0f}%")
    axes.axvline(50, color="#1b1b1b", linestyle=":", linewidth=1)
    axes.set_xlim(0, 112)  # room for "100%" after a full bar
    axes.set_xticks(range(0, 101, 25))
    axes.set_xlabel("Share of the group who support it (%); the dotted line is half")
    axes.set_title(f"Support for each definition ({result.voters} people voted)")
    return figure


def you_said_chart(entries: list, today: dt.date | None = None) -> Figure:
    """ "You said, we did" over time: how many points had been raised, answered (done, or
    decided they could not be done) and told back by each date, as three step lines; the
    gap between two lines is what is still waiting. Points late today are counted in the
    title. `entries`: coprod_lab.sessions.you_said.entries(...)."""
    today = today or dt.date.today()
    figure = Figure(figsize=(9, 4.2), layout="constrained")
    axes = figure.add_subplot()
    series = [
        ("Raised", [e.raised_on for e in entries], "-", "o"),
        ("Done or decided", [e.done_on for e in entries if e.done_on], "--", "s"),
        ("Told back", [e.told_on for e in entries if e.told_on], ":", "^"),
    ]
    start = min((e.raised_on for e in entries), default=today)
    for n, (label, days, style, marker) in enumerate(series):
        days = sorted(days)
        xs = [start, *days, max(today, *days)] if days else [start, today]
        ys = [0, *range(1, len(days) + 1), len(days)]
        axes.step(
            xs,
            ys,
            where="post",
            label=f"{label} ({len(days)})",
            color=COLOURS[n % len(COLOURS)],
            linestyle=style,
            linewidth=2.2,
            marker=marker,
            markevery=list(range(1, len(days) + 1)),
        )
    late = sum(e.overdue(today) for e in entries)
    axes.set_ylabel("Points (running total)")
    axes.set_xlabel("Date")
    axes.yaxis.get_major_locator().set_params(integer=True)
    axes.set_ylim(bottom=0)
    axes.figure.autofmt_xdate()
    figure.legend(loc="outside lower center", ncols=3)
    title = f"You said, we did: {len(entries)} points raised"
    axes.set_title(title + (f", {late} late" if late else ""))
    return figure
