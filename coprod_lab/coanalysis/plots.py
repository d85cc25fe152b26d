"""Plots of co-analysis for the researcher's notebook: how many turns each person gave each
code, and how far the group agrees on each code.

Figures are made without pyplot's global state (as themes.plots); colours come with hatching,
so people differ without colour.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from coprod_lab.coanalysis.together import Coding
from coprod_lab.themes.plots import COLOURS, HATCHES


def codes_by_coder(coding: list[Coding]) -> Figure:
    """For each code, a bar per person: how many turns they gave it (coanalysis.together
    .coding_of gives `coding`). Raises ValueError when there is no coding."""
    if not coding:
        raise ValueError("There is no coding to plot yet.")
    codes = sorted({c.code for c in coding}, reverse=True)
    coders = sorted({c.coder for c in coding})
    turns = {(code, coder): set() for code in codes for coder in coders}
    for c in coding:
        turns[(c.code, c.coder)].add(c.unit)
    figure = Figure(
        figsize=(8, 1.5 + 0.5 * len(codes) * max(1, len(coders) / 2)), layout="constrained"
    )
    axes = figure.add_subplot()
    height = 0.8 / len(coders)
    where = np.arange(len(codes))
    for i, coder in enumerate(coders):
        counts = [len(turns[(code, coder)]) for code in codes]
        bars = axes.barh(
            where + 0.4 - height / 2 - i * height,  # the first person on top, as the legend
            counts,
            height=height,
            label=coder,
            color=COLOURS[i % len(COLOURS)],
            hatch=HATCHES[i % len(HATCHES)],
            edgecolor="white",
        )
        axes.bar_label(bars, padding=2)
    axes.set_yticks(where, codes)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))  # turns are whole
    axes.set_xlabel("Turns given the code")
    axes.set_title("Who used which code")
    axes.legend(title="Who coded", loc="lower right")
    axes.margins(x=0.12)
    return figure


def group_agreement(agreement: list[dict]) -> Figure:
    """A bar per code: the group's Krippendorff's alpha (the "all" rows of
    coanalysis.together.agreement), with 0 (chance) and 1 (always the same) marked. A code
    whose alpha is not defined is labelled so, with no bar."""
    rows = [r for r in agreement if r["coders"] == "all"][::-1]
    figure = Figure(figsize=(8, 1.5 + 0.45 * max(1, len(rows))), layout="constrained")
    axes = figure.add_subplot()
    values = [0.0 if r["alpha"] != r["alpha"] else r["alpha"] for r in rows]
    bars = axes.barh([r["code"] for r in rows], values, color=COLOURS[0])
    axes.bar_label(
        bars,
        labels=["not defined" if r["alpha"] != r["alpha"] else f"{r['alpha']:.2f}" for r in rows],
        padding=3,
    )
    axes.axvline(0, color="#1b1b1b", linewidth=1)
    axes.axvline(1, color="#666666", linewidth=1, linestyle="--")
    axes.set_xlim(min(-0.1, min(values, default=0) - 0.1), 1.15)
    axes.set_xlabel("Krippendorff's alpha (1: always the same; 0: no more than chance)")
    axes.set_title("How much the group agrees, code by code")
    return figure
