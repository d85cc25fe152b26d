"""Plots of themes: how big each is, and who spoke to it (share of each role's texts).

Figures are made without pyplot's global state, so notebooks and scripts can make many safely.
Colours come with hatching too, so roles differ without colour.
"""

from __future__ import annotations

from matplotlib.figure import Figure

from coprod_lab.labels import ROLE_LABELS
from coprod_lab.themes.result import Themes

COLOURS = ["#1b6ca8", "#d95f02", "#5b8c2a", "#7570b3", "#666666"]
HATCHES = ["", "//", "..", "xx", "--"]


def _height(themes: Themes) -> float:
    return 1.2 + 0.4 * max(1, len(themes.themes))


def theme_sizes(themes: Themes) -> Figure:
    """A bar for each theme: how many texts it holds."""
    figure = Figure(figsize=(8, _height(themes)), layout="constrained")
    axes = figure.add_subplot()
    shown = list(reversed(themes.themes))
    bars = axes.barh([t.label for t in shown], [t.size for t in shown], color=COLOURS[0])
    axes.bar_label(bars, labels=[f"{t.size} ({t.share:.0%})" for t in shown], padding=3)
    axes.set_xlabel("Texts in the theme")
    axes.set_title("Theme sizes")
    axes.margins(x=0.15)
    return figure


def themes_by_role(themes: Themes) -> Figure:
    """For each role, the share of its texts in each theme (so roles of any size compare)."""
    roles = sorted({role for t in themes.themes for role in t.by_role})
    figure = Figure(figsize=(8, _height(themes) + 0.4 * len(roles)), layout="constrained")
    axes = figure.add_subplot()
    shown = list(reversed(themes.themes))
    if not roles:
        axes.set_axis_off()
        axes.set_title("Themes by role: the texts have no roles")
        return figure
    totals = {role: sum(t.by_role.get(role, 0) * t.size for t in themes.themes) for role in roles}
    height = 0.8 / len(roles)
    for i, role in enumerate(roles):
        shares = [t.by_role.get(role, 0) * t.size / max(totals[role], 1) for t in shown]
        axes.barh(
            [y + i * height for y in range(len(shown))],
            shares,
            height=height,
            label=ROLE_LABELS.get(role, role),
            color=COLOURS[i % len(COLOURS)],
            hatch=HATCHES[i % len(HATCHES)],
            edgecolor="white",
        )
    axes.set_yticks([y + 0.4 - height / 2 for y in range(len(shown))], [t.label for t in shown])
    axes.xaxis.set_major_formatter("{x:.0%}")
    axes.set_xlabel("Share of the role's texts")
    axes.set_title("Themes by role")
    # Below the chart, where it covers no bar.
    figure.legend(loc="outside lower center", ncols=len(roles))
    return figure
