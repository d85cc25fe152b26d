"""Plots of coding tables: the code co-occurrence table and the code x case matrix as heat
maps with every count written in its cell (so the numbers are read, not guessed from a shade,
and the plot still says everything printed in grey)."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure


def count_map(table: pd.DataFrame, *, title: str) -> Figure:
    """A heat map of a table of counts (rows x columns, as retrieval.co_occurrence or
    retrieval.code_case_matrix return), each cell labelled with its count. An empty table
    gives a figure that says so."""
    rows, columns = len(table.index), len(table.columns)
    figure = Figure(figsize=(max(4.0, 1.1 * columns + 2.5), max(2.0, 0.5 * rows + 1.5)))
    axes = figure.subplots()
    axes.set_title(title)
    if table.empty:
        axes.text(0.5, 0.5, "Nothing coded yet", ha="center", va="center")
        axes.set_axis_off()
        return figure
    values = table.to_numpy(dtype=float)
    axes.imshow(values, cmap="Blues", aspect="auto", vmin=0)
    axes.set_xticks(range(columns), [str(c) for c in table.columns], rotation=30, ha="right")
    axes.set_yticks(range(rows), [str(r) for r in table.index])
    axes.set_xlabel(str(table.columns.name or ""))
    axes.set_ylabel(str(table.index.name or ""))
    top = values.max() or 1.0
    for i in range(rows):
        for j in range(columns):
            # Dark cells get white numbers so every count can be read.
            colour = "white" if values[i, j] > top / 2 else "black"
            axes.text(j, i, f"{values[i, j]:g}", ha="center", va="center", color=colour)
    figure.tight_layout()
    return figure
