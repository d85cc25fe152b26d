"""A session plan drawn as a timeline: one bar per agenda item, breaks hatched, and the
stretches where more than an hour (the break setting) passes without a break shaded.

Made without pyplot's global state, as the theme plots are; breaks differ by hatching as
well as colour, so the picture does not depend on seeing colour.
"""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.patches import Patch

from coprod_lab.planning.session_plan import Plan, item_label, times

TOPIC, BREAK, OTHER, TOO_LONG = "#1b6ca8", "#5b8c2a", "#8a8a8a", "#fbe3d6"


def agenda_timeline(plan: Plan, *, break_after_minutes: float = 60) -> Figure:
    """One bar per agenda item from its start to its end (minutes from the start), top to
    bottom in order; the time after `break_after_minutes` without a break is shaded."""
    figure = Figure(figsize=(8, 2 + 0.35 * max(1, len(plan.agenda))), layout="constrained")
    axes = figure.add_subplot()
    spans = times(plan.agenda)
    since_break = 0
    for row, (item, (start, end)) in enumerate(zip(plan.agenda, spans, strict=True)):
        if item.kind == "break":
            colour, hatch = BREAK, "//"
            since_break = 0
        else:
            colour, hatch = (TOPIC if item.kind == "topic" else OTHER), ""
            over_from = start + max(0, break_after_minutes - since_break)
            since_break += item.minutes
            if since_break > break_after_minutes:
                axes.axvspan(over_from, end, color=TOO_LONG, zorder=0)
        axes.barh(row, end - start, left=start, color=colour, hatch=hatch, edgecolor="white")
    axes.set_yticks(range(len(plan.agenda)), [item_label(i) for i in plan.agenda])
    axes.invert_yaxis()
    axes.set_xlabel("Minutes from the start")
    axes.set_title("The session plan")
    figure.legend(
        handles=[
            Patch(color=TOPIC, label="Topic"),
            Patch(facecolor=BREAK, hatch="//", edgecolor="white", label="Break"),
            Patch(color=OTHER, label="Other parts"),
            Patch(color=TOO_LONG, label=f"Over {break_after_minutes:g} minutes without a break"),
        ],
        loc="outside lower center",
        ncols=2,
        fontsize="small",
    )
    return figure
