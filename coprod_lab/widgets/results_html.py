"""A round's result as HTML for the board, the participants' page and the summary.

Tables with captions and header cells (screen readers read them cell by cell), numbers and
percentages in words as well as bars, ties said as ties, and each group's support side by
side so a gap between lived experience and professionals is plain to see.
"""

from __future__ import annotations

from html import escape

from coprod_lab.definitions.ballots import ROLE_SHORT
from coprod_lab.definitions.rounds import Round
from coprod_lab.definitions.tallies import GROUPS, Result

_SCORE_NAME = {
    "approval": "Ticks",
    "thumbs": "Agree",
    "dots": "Dots",
    "ranked": "Borda points",
}


def percent(share: float) -> str:
    return f"{round(share * 100)}%"


def _counts(method: str, counts: dict[str, int]) -> str:
    if method == "thumbs":
        words = [f"{counts.get(k, 0)} {k}" for k in ("agree", "unsure", "disagree")]
    elif method == "ranked":
        ranks = sorted((int(k.split()[1]), v) for k, v in counts.items() if k.startswith("rank"))
        words = [f"{v} × choice {r}" for r, v in ranks]
    else:
        words = []
    if counts.get("skipped"):
        words.append(f"{counts['skipped']} skipped")
    return ", ".join(words)


def winner_sentence(found: Round, result: Result) -> str:
    if not result.voters:
        return "No votes yet."
    texts = {line.candidate_id: line.text for line in result.lines}
    if result.tied:
        return f"A tie between {len(result.winners)} definitions: " + " | ".join(
            f"“{texts[c]}”" for c in result.winners
        )
    sentence = f"Most support: “{texts[result.winners[0]]}”"
    if found.method == "ranked" and result.runoff_winners:
        if result.runoff_winners == result.winners:
            sentence += " (the instant runoff agrees)."
        elif len(result.runoff_winners) == 1:
            sentence += (
                f" by Borda count; the instant runoff picks “{texts[result.runoff_winners[0]]}”."
            )
        else:
            sentence += "; the instant runoff ends in a tie."
    return sentence


def result_html(found: Round, result: Result, *, heading_level: int = 2) -> str:
    h = f"h{heading_level}"
    state = {"open": "open, still counting", "closed": "closed", "draft": "not open yet"}
    groups = [g for g in GROUPS if result.voters_by_group.get(g)]
    who = ", ".join(f"{result.voters_by_group[g]} {ROLE_SHORT[g].lower()}" for g in groups)
    head = (
        f"<{h}>{escape(found.title)}: results</{h}>"
        f"<p>Voting is {state[found.status]}. {result.voters} "
        f"{'person' if result.voters == 1 else 'people'} voted"
        f"{f' ({who})' if who else ''}.</p>"
        f"<p class='coprod-winner'><strong>{escape(winner_sentence(found, result))}</strong></p>"
    )
    score = _SCORE_NAME[found.method]
    group_heads = "".join(f"<th scope='col'>{ROLE_SHORT[g]} support</th>" for g in groups)
    rows = []
    for place, line in enumerate(result.lines, 1):
        tie = " (tie)" if line.candidate_id in result.winners and result.tied else ""
        by_group = "".join(
            f"<td data-label='{ROLE_SHORT[g]} support'>{percent(line.support.get(g, 0))}</td>"
            for g in groups
        )
        bar = f"<span class='coprod-bar' style='width:{round(line.share * 100)}%'></span>"
        rows.append(
            f"<tr><th scope='row'>{place}. {escape(line.text)}{tie}</th>"
            f"<td data-label='{score}'>{line.score} ({percent(line.share)}){bar}</td>"
            f"<td data-label='Details'>{escape(_counts(found.method, line.counts))}</td>"
            f"{by_group}</tr>"
        )
    table = (
        f"<table class='coprod-table'><caption>{escape(found.title)}: every definition, "
        "most support first</caption><thead><tr><th scope='col'>Definition</th>"
        f"<th scope='col'>{score}</th><th scope='col'>Details</th>{group_heads}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    return head + table + _runoff_html(result) + _consensus_html(result, groups, h)


def _runoff_html(result: Result) -> str:
    if not result.runoff:
        return ""
    texts = {line.candidate_id: line.text for line in result.lines}
    stages = "".join(
        "<li>" + "; ".join(f"“{escape(texts[c])}” {n}" for c, n in stage.items()) + "</li>"
        for stage in result.runoff
    )
    return f"<p>Instant runoff, first choices at each stage:</p><ol>{stages}</ol>"


def _consensus_html(result: Result, groups: list[str], h: str) -> str:
    if len(groups) < 2:
        return ""
    texts = {line.candidate_id: line.text for line in result.lines}
    if not result.consensus:
        body = "<p>No definition has the support of at least half of every group yet.</p>"
    else:
        body = "<ul>" + "".join(f"<li>{escape(texts[c])}</li>" for c in result.consensus) + "</ul>"
    return (
        f"<{h}>What every group agrees on</{h}><p>Definitions at least half of each group "
        f"({', '.join(ROLE_SHORT[g].lower() for g in groups)}) supports.</p>{body}"
    )
