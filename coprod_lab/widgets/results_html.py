"""A round's result as HTML for the board, the participants' page and the summary.

A chart first: for each definition a bar of its share and, beside it, a bar of each group's
support, drawn as SVG with the numbers written as text too, so a gap between lived experience
and professionals is plain to see from the back of a room. Then tables with captions and
header cells (screen readers read them cell by cell). Ties are said as ties, with tied places.
"""

from __future__ import annotations

from html import escape

from coprod_lab.definitions.ballots import ROLE_SHORT
from coprod_lab.definitions.rounds import Round
from coprod_lab.definitions.tallies import GROUPS, RUNOFF_RULE, Result
from coprod_lab.definitions.tallies import places as tally_places

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
        if counts.get("not in order"):
            words.append(f"{counts['not in order']} not in their order")
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
            sentence += "; the instant runoff ends in a tie the room decides."
    return sentence


def _bar(label: str, share: float, words: str) -> str:
    """One bar as SVG: its length the share, its number written beside it as text."""
    width = round(max(0.0, min(share, 1.0)) * 64)
    return (
        "<figure class='coprod-bar-chart'>"
        f"<figcaption>{escape(label)}</figcaption>"
        f"<svg viewBox='0 0 120 22' role='img' aria-label='{escape(label)}: {escape(words)}' "
        "preserveAspectRatio='xMinYMid meet'>"
        "<rect x='0' y='3' width='64' height='16' fill='#e8e8e8'/>"
        f"<rect x='0' y='3' width='{width}' height='16' fill='#1d4f91'/>"
        f"<text x='68' y='15.5' font-size='11' fill='#1b1b1b'>{escape(words)}</text>"
        "</svg></figure>"
    )


def places(result: Result) -> list[str]:
    """Each line's place ("1, 1, 3", tallies.places); a shared place is said as "tied"."""
    return [f"{place}{' (tied)' if tied else ''}" for place, tied in tally_places(result.lines)]


def chart_html(found: Round, result: Result) -> str:
    """Each definition with a bar for its share and a bar for each group's support."""
    groups = [g for g in GROUPS if result.voters_by_group.get(g)]
    score = _SCORE_NAME[found.method]
    rows = []
    for place, line in zip(places(result), result.lines, strict=True):
        tie = (
            " <strong class='coprod-tie'>Tie</strong>"
            if line.candidate_id in result.winners and result.tied
            else ""
        )
        bars = [_bar(f"{score}: all", line.share, f"{line.score} ({percent(line.share)})")]
        for g in groups:
            support = line.support.get(g, 0)
            bars.append(_bar(f"{ROLE_SHORT[g]} support", support, percent(support)))
        rows.append(
            f"<li><p class='coprod-chart-definition'>{place}. {escape(line.text)}{tie}</p>"
            f"<div class='coprod-chart-bars'>{''.join(bars)}</div></li>"
        )
    return f"<ol class='coprod-chart'>{''.join(rows)}</ol>"


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
    for place, line in zip(places(result), result.lines, strict=True):
        tie = " (tie)" if line.candidate_id in result.winners and result.tied else ""
        by_group = "".join(
            f"<td data-label='{ROLE_SHORT[g]} support'>{percent(line.support.get(g, 0))}</td>"
            for g in groups
        )
        rows.append(
            f"<tr><th scope='row'>{place}. {escape(line.text)}{tie}</th>"
            f"<td data-label='{score}'>{line.score} ({percent(line.share)})</td>"
            f"<td data-label='Details'>{escape(_counts(found.method, line.counts))}</td>"
            f"{by_group}</tr>"
        )
    table = (
        f"<table class='coprod-table'><caption>{escape(found.title)}: every definition, "
        "most support first</caption><thead><tr><th scope='col'>Definition</th>"
        f"<th scope='col'>{score}</th><th scope='col'>Details</th>{group_heads}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    chart = chart_html(found, result) if result.voters else ""
    return head + chart + table + _runoff_html(result) + _consensus_html(result, groups, h)


def _runoff_html(result: Result) -> str:
    if not result.runoff_stages:
        return ""
    texts = {line.candidate_id: line.text for line in result.lines}
    why = {
        "fewest": "had the fewest first choices",
        "together": "together had fewer first choices than the next lowest",
        "earlier stage": "tied for fewest; it had fewer at the stage before",
    }
    stages = []
    for stage in result.runoff_stages:
        counted = "; ".join(f"“{escape(texts[c])}” {n}" for c, n in stage.counts.items())
        if stage.dropped:
            gone = " and ".join(f"“{escape(texts[c])}”" for c in stage.dropped)
            counted += f". Dropped: {gone} ({why[stage.rule]})."
        elif stage.rule == "room decides":
            tied = " and ".join(f"“{escape(texts[c])}”" for c in stage.if_dropped)
            counted += f". {tied} tie for fewest, at every stage: the room decides which goes."
            for c, won in stage.if_dropped.items():
                winners = " and ".join(f"“{escape(texts[w])}”" for w in won) or "nobody"
                counted += f" If “{escape(texts[c])}” goes, {winners} wins."
        stages.append(f"<li>{counted}</li>")
    return (
        f"<p>Instant runoff, first choices at each stage. {escape(RUNOFF_RULE)}</p>"
        f"<ol>{''.join(stages)}</ol>"
    )


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
