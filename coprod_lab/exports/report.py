"""A plain-English report of a project or one session, as one HTML file anyone can open.

It holds who took part, who spoke how much (by role), the researchers' code book with coded
quotes (when there are codes), the themes in what people said with quotes (when there are no
codes, or when asked), the definitions a room voted on, what the co-analysts found, what was
done with the points people raised ("you said, we did": always with made-up names), and the
Ladder of Co-production ratings. It is made from `project_tables`, so it shows made-up names
unless real names are asked for, and it quotes only people who agreed to be quoted. One file
with no scripts and nothing loaded from the web: it can be emailed, printed, or read on a phone.
"""

from __future__ import annotations

import datetime as dt
import os
from html import escape
from pathlib import Path

import pandas as pd
from sqlalchemy import select

from coprod_lab.definitions.results import round_result
from coprod_lab.definitions.rounds import rounds_in
from coprod_lab.definitions.workshops import workshops_in
from coprod_lab.errors import CoprodLabError
from coprod_lab.exports.tables import project_tables
from coprod_lab.labels import ROLE_LABELS, SESSION_KIND_LABELS
from coprod_lab.ladder import chart_svg, compare, ratings, rung_name
from coprod_lab.privacy import redact
from coprod_lab.sessions import you_said
from coprod_lab.store import Store
from coprod_lab.store.schema import attendance, projects, sessions, workshops
from coprod_lab.themes.model import FEWEST_TO_SPLIT
from coprod_lab.transcripts.talk import talk_by_role
from coprod_lab.widgets.results_html import percent, result_html

_STYLE = """
body{font:18px/1.5 system-ui,sans-serif;color:#1b1b1b;background:#fff;margin:0}
main{max-width:46em;margin:0 auto;padding:1rem}
h1{font-size:1.7rem;line-height:1.25}h2{font-size:1.35rem;margin-top:2.2rem;
border-top:3px solid #1b6ca8;padding-top:.6rem}h3{font-size:1.15rem}
.scroll{overflow-x:auto;margin:1rem 0}.scroll:focus{outline:3px solid #fd0}
table{border-collapse:collapse;min-width:100%}caption{text-align:left;font-weight:600;
padding:.3rem 0}th,td{border-bottom:1px solid #b1b4b6;padding:.4rem .5rem;text-align:left;
vertical-align:top}td.n{text-align:right;white-space:nowrap}
blockquote{margin:.6rem 0;padding:.4rem .8rem;border-left:5px solid #1b6ca8;background:#f3f2f1}
blockquote p{margin:0}.who{font-size:.9rem;color:#424242}
.coprod-bar{display:block;height:.5rem;background:#1b6ca8;margin-top:.2rem}
figure{margin:1rem 0}svg text{fill:#1b1b1b}
@media (max-width:40em){body{font-size:17px}main{padding:.6rem}
thead{position:absolute;left:-9999px}
tr{display:block;border-bottom:2px solid #b1b4b6;padding:.4rem 0}
th,td{display:block;border:0;padding:.15rem 0}td.n{text-align:left}
td::before{content:attr(data-label) ": ";font-weight:600}}
@media print{h2{break-before:auto}blockquote{break-inside:avoid}}
"""


def _table(caption: str, head: list[str], rows: list[list[str]], numeric: set[int]) -> str:
    """A table with a caption and header cells, in a region that scrolls by keyboard too.
    On a phone each row becomes a block, each cell named by its column."""
    cells = "".join(
        "<tr>"
        + "".join(
            f"<th scope='row'>{cell}</th>"
            if i == 0
            else f"<td data-label='{escape(head[i])}'{' class=n' if i in numeric else ''}>"
            f"{cell}</td>"
            for i, cell in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    heads = "".join(f"<th scope='col'>{escape(h)}</th>" for h in head)
    return (
        f"<div class='scroll' role='region' tabindex='0' aria-label='{escape(caption)}'>"
        f"<table><caption>{escape(caption)}</caption><thead><tr>{heads}</tr></thead>"
        f"<tbody>{cells}</tbody></table></div>"
    )


def _who_took_part(tables: dict[str, pd.DataFrame], real_names: bool) -> str:
    people = tables["participants"]
    counts = people["role"].value_counts()
    listed = ", ".join(
        f"{n} {ROLE_LABELS.get(role, role).lower()}" for role, n in sorted(counts.items())
    )
    names = (
        "Real names are shown: keep this report private."
        if real_names
        else "People are called by made-up names (Person 1, Person 2 …), here and in quotes."
    )
    held = tables["sessions"]
    turns = tables["utterances"]["session_id"].value_counts()
    rows = [
        [
            escape(str(s.title)),
            escape(SESSION_KIND_LABELS.get(s.kind, s.kind)),
            escape(f"{s.held_on:%d %B %Y}" if pd.notna(s.held_on) else "no date"),
            str(int(turns.get(s.session_id, 0))),
        ]
        for s in held.itertuples()
    ]
    took_part = (
        f"{len(people)} {'person' if len(people) == 1 else 'people'} took part: {listed}."
        if len(people)
        else "Nobody is recorded as taking part."
    )
    return f"<h2 id='who'>Who took part</h2><p>{took_part} {names}</p>" + _table(
        "Sessions", ["Session", "Kind", "Date", "Turns"], rows, {3}
    )


def _who_spoke(said: pd.DataFrame) -> str:
    if said.empty:
        return "<h2 id='spoke'>Who spoke how much</h2><p>No conversation has been recorded.</p>"
    shares = talk_by_role(said)
    rows = [
        [
            escape(str(r["role"])),
            str(r["people"]),
            f"{r['turns']} ({percent(r['share of turns'])})",
            f"{r['words']} ({percent(r['share of words'])})",
            f"{r['minutes']:.1f} ({percent(r['share of minutes'])})",
        ]
        for r in shares.to_dict("records")
    ]
    timed = shares["minutes"].sum() > 0
    head = ["Role", "People", "Turns", "Words", "Minutes"][: 5 if timed else 4]
    rows = [row[: len(head)] for row in rows]
    top = shares.iloc[0]
    return (
        "<h2 id='spoke'>Who spoke how much</h2>"
        f"<p>{escape(str(top['role']))} said the most: {percent(top['share of words'])} of "
        f"all words, in {percent(top['share of turns'])} of the turns. A turn is what one "
        "person said before someone else spoke."
        f"{'' if timed else ' These transcripts have no times.'}</p>"
        + _table(
            f"{', '.join(head[2:])} by role, with the share of the whole",
            head,
            rows,
            {1, 2, 3, 4},
        )
    )


def _themes(said: pd.DataFrame, people: pd.DataFrame, random_state: int, real_names: bool) -> str:
    from coprod_lab.themes import find_themes

    head = "<h2 id='themes'>Themes in what people said</h2>"
    if len(said) < FEWEST_TO_SPLIT:  # the model would make them one theme
        return head + (
            f"<p>There are {len(said)} turns: at least {FEWEST_TO_SPLIT} are needed "
            "to find themes.</p>"
        )
    said = said.reset_index(drop=True)
    found = find_themes(
        said,
        "text",
        speaker_column="speaker",
        role_column="role",
        turn_column="turn",
        random_state=random_state,
    )
    may_quote = set(
        people.loc[
            people["consent_to_quote_on"].notna() & people["withdrawn_on"].isna(),
            "participant_id",
        ]
    )
    parts = [
        head,
        f"<p>The turns fall into {len(found.themes)} themes, found by computer from the words "
        "people used. Each is named by its most telling words. Check a theme against its "
        "quotes before you rely on it.</p>",
    ]
    if found.short_replies:
        # Short replies ("Yes.", "Thanks, Rachel.") are counted apart, so every turn is told.
        short = found.short_replies
        parts.append(
            f"<p>{short} {'turn is a short reply' if short == 1 else 'turns are short replies'} "
            "(such as “Yes, that's right.”), counted apart and not put in a theme.</p>"
        )
    for theme in found.themes:
        roles = ", ".join(
            f"{ROLE_LABELS.get(role, role).lower()} {percent(share)}"
            for role, share in sorted(theme.by_role.items(), key=lambda item: -item[1])
        )
        # Quote rows count from 1, as a spreadsheet's do.
        quotes = [q for q in theme.quotes if said.at[q.row - 1, "participant_id"] in may_quote]
        # Names are already made up; emails, phone and NHS numbers, postcodes go too.
        shown = "".join(
            f"<blockquote><p>“{escape(q.text if real_names else redact(q.text).text)}”</p>"
            f"<p class='who'>{escape(str(q.speaker))}, turn {q.turn}</p></blockquote>"
            for q in quotes
        )
        left_out = len(theme.quotes) - len(quotes)
        if left_out:
            shown += (
                f"<p>{left_out} {'quote is' if left_out == 1 else 'quotes are'} not shown: "
                + (
                    "the person who said it has not agreed"
                    if left_out == 1
                    else "the people who said them have not agreed"
                )
                + " to be quoted. Agreement is recorded on the speaker screen.</p>"
            )
        parts.append(
            f"<h3>{escape(theme.label)}</h3><p>{theme.size} turns ({percent(theme.share)}). "
            f"Who said them: {escape(roles)}.</p>{shown}"
        )
    if found.unclustered:
        parts.append(f"<p>{found.unclustered} turns had no words to group.</p>")
    return "".join(parts)


# Quotes shown under each code: enough to see what the code holds, short enough to read.
QUOTES_PER_CODE = 5


def _codes(tables: dict[str, pd.DataFrame], said: pd.DataFrame, real_names: bool) -> str:
    """The researchers' code book and, under each code, passages coded with it (by people who
    agreed to be quoted), with the codes' current names: a theme saved as a code and renamed
    shows its new name. Made from `project_tables` (names already made up there, and each
    passage's words cut from the turn as shown), so no name is looked for twice."""
    book = tables["codes"]
    names = dict(zip(book["code_id"], book["name"], strict=True))
    parents = dict(zip(book["code_id"], book["parent_id"], strict=True))

    def path(code_id: int) -> str:
        parent = parents.get(code_id)
        return names[code_id] if pd.isna(parent) else f"{path(int(parent))} / {names[code_id]}"

    people = tables["participants"]
    may_quote = set(
        people.loc[
            people["consent_to_quote_on"].notna() & people["withdrawn_on"].isna(),
            "participant_id",
        ]
    )
    titles = dict(zip(tables["sessions"]["session_id"], tables["sessions"]["title"], strict=True))
    coded = tables["coding"].merge(
        said[["utterance_id", "session_id", "turn", "speaker", "participant_id"]],
        on="utterance_id",
    )
    coded = coded.drop_duplicates(["code_id", "utterance_id", "start_char", "end_char"])
    coded = coded.sort_values(["session_id", "turn", "start_char"])
    counts = coded["code_id"].value_counts()
    order = sorted(book["code_id"], key=lambda c: path(int(c)).lower())
    rows = [
        [
            escape(path(int(c))),
            escape(book.set_index("code_id").at[c, "description"] or "(no meaning written yet)"),
            str(int(counts.get(c, 0))),
        ]
        for c in order
    ]
    parts = [
        "<h2 id='codes'>Codes and what people said</h2>",
        f"<p>The researchers marked what people said with {len(book)} "
        f"{'code' if len(book) == 1 else 'codes'}. Each code below has its meaning and "
        "some of the words marked with it.</p>",
        _table("The code book", ["Code", "What it means", "Passages"], rows, {2}),
    ]
    for c in order:
        mine = coded[coded["code_id"] == c]
        if mine.empty:
            continue
        meaning = book.set_index("code_id").at[c, "description"]
        quotable = mine[mine["participant_id"].isin(may_quote)]
        shown = "".join(
            "<blockquote><p>\u201c"
            + escape(q.passage if real_names else redact(q.passage).text)
            + f"\u201d</p><p class='who'>{escape(str(q.speaker))}, "
            f"{escape(str(titles.get(q.session_id, '')))}, turn {q.turn}</p></blockquote>"
            for q in quotable.head(QUOTES_PER_CODE).itertuples()
        )
        left_out = len(mine) - len(quotable)
        note = (
            f"<p>{left_out} of the {len(mine)} passages {'is' if left_out == 1 else 'are'} "
            "not shown: the people who said them have not agreed to be quoted.</p>"
            if left_out
            else ""
        )
        parts.append(
            f"<h3>{escape(path(int(c)))}</h3><p>{len(mine)} "
            f"{'passage' if len(mine) == 1 else 'passages'}"
            + (f". {escape(meaning)}" if meaning else "")
            + f"</p>{shown}{note}"
        )
    return "".join(parts)


def _definitions(store: Store, project_id: int, session_id: int | None) -> str:
    head = "<h2 id='definitions'>Definitions voted on</h2>"
    parts = []
    with store.read() as db:
        in_session = set(
            db.scalars(select(workshops.c.id).where(workshops.c.session_id == session_id))
        )
    for workshop in workshops_in(store, project_id):
        if session_id is not None and workshop.id not in in_session:
            continue
        for found in rounds_in(store, workshop.id):
            if found.status != "closed":
                continue
            closed, result = round_result(store, found.id)
            parts.append(
                f"<section aria-label='{escape(workshop.title)}: {escape(closed.title)}'>"
                + result_html(closed, result, heading_level=3)
                + "</section>"
            )
    if not parts:
        return head + "<p>No vote has been closed yet.</p>"
    return head + "".join(parts)


def _ladder(store: Store, tables: dict[str, pd.DataFrame], project_id: int) -> str:
    head = "<h2 id='ladder'>The Ladder of Co-production</h2>"
    rated = tables["ladder_ratings"]
    if rated.empty:
        return head + "<p>Nobody has rated the project on the ladder yet.</p>"
    found = ratings(store, project_id)  # roles and dates only go into the chart
    names = tables["participants"].set_index("participant_id")
    who = "name" if "name" in names.columns else "pseudonym"
    rows = [
        [
            escape(f"{r.rated_on:%d %B %Y}"),
            escape(str(names.at[r.participant_id, who])),
            escape(ROLE_LABELS.get(names.at[r.participant_id, "role"], "")),
            f"{r.rung}: {escape(rung_name(r.rung))}",
            escape(str(r.evidence)),
        ]
        for r in rated.itertuples()
    ]
    return (
        head + "<p>Each person said where they think the project stands, from 1 (people are "
        "made to take part) to 7 (people and staff decide together as equals).</p>"
        + f"<p>{escape(compare(found))}</p>"
        + chart_svg(found)
        + _table("Every rating", ["Date", "Person", "Role", "Step", "Why"], rows, set())
    )


def _coanalysis(store: Store, project_id: int, session_id: int | None) -> str:
    """What the co-analysts found (coanalysis.findings), when a session was opened for it."""
    from coprod_lab.coanalysis.findings import findings

    found = findings(store, project_id, session_id)
    if found is None:
        return ""
    head = "<h2 id='coanalysis'>What the co-analysts found</h2>"
    people = len(found.coanalysts)
    parts = [
        head,
        f"<p>{people} {'co-analyst' if people == 1 else 'co-analysts'} read "
        f"{found.turns} turns of {', '.join(escape(t) for t in found.sessions)} and marked "
        "what mattered to them. Where they read a turn differently, that is something to talk "
        "about, not a mistake.</p>",
    ]
    if found.codes:
        rows = [
            [
                escape(r["code"]),
                escape(r["meaning"]),
                escape(r["applied_by"]),
                str(r["turns"]),
                str(r["turns_differ"]),
            ]
            for r in found.codes
        ]
        parts.append(
            _table(
                "Codes and who used them (the number after a name is how many turns)",
                ["Code", "What it means", "Used by", "Turns", "Turns where people differ"],
                rows,
                {3, 4},
            )
        )
    if found.agreement:
        rows = [
            [
                escape(r["code"]),
                "not worked out (everyone gave the same answer)"
                if r["alpha"] != r["alpha"]
                else f"{r['alpha']:.2f}",
            ]
            for r in found.agreement
        ]
        parts.append(
            "<p>How often people chose the same code for the same turn, beyond chance "
            "(Krippendorff's alpha: 1 is always the same, 0 no more than chance).</p>"
            + _table("How much the group agrees", ["Code", "Agreement"], rows, {1})
        )
    if found.differently:
        items = "".join(
            "<li>"
            + (
                f"<blockquote><p>{escape(r['text'])}</p></blockquote>"
                f"<p class='who'>{escape(r['speaker'])}</p>"
                if r["quotable"]
                else "<p>(Not quoted: the speaker did not agree to be quoted.)</p>"
            )
            + f"<p>{escape(r['why'])}</p></li>"
            for r in found.differently
        )
        parts.append(f"<h3>Turns someone read differently</h3><ul>{items}</ul>")
    if found.words:
        items = "".join(
            "<li>"
            + (
                f"<blockquote><p>{escape(w['words'])}</p></blockquote>"
                if w["quotable"]
                else "<p>(Not quoted: the speaker did not agree to be quoted.)</p>"
            )
            + f"<p>{escape(w['coder'])}: {escape(w['why'] or 'no reason written')}</p></li>"
            for w in found.words
        )
        parts.append(f"<h3>Words that matter, and why</h3><ul>{items}</ul>")
    if found.suggestions:
        said = {"waiting": "to talk about", "accepted": "added", "not_taken": "left out"}
        rows = [
            [escape(r["name"]), escape(r["meaning"]), escape(r["suggested_by"]), said[r["state"]]]
            for r in found.suggestions
        ]
        parts.append(
            _table(
                "New codes the co-analysts suggested",
                ["Code", "What it means", "Suggested by", "In the code book"],
                rows,
                set(),
            )
        )
    return "".join(parts)


def _you_said(store: Store, project_id: int, session_id: int | None) -> str:
    """ "What we did with what you told us": every point raised, by status, made-up names."""
    head = "<h2 id='you-said'>What we did with what you told us</h2>"
    today = dt.date.today()
    # The report may load the name recogniser (it finds themes anyway): others' names go too.
    found = you_said.shown(store, project_id, today=today, session_id=session_id, others=True)
    if not found:
        return head + "<p>No points have been written down for an answer yet.</p>"
    parts = [head, f"<p>{escape(you_said.summary_sentence(found))}</p>"]
    for status, heading in you_said.PUBLIC_HEADINGS.items():
        these = [e for e in found if e.status == status]
        if these:
            parts.append(f"<h3>{escape(heading)} ({len(these)})</h3>")
            parts += [you_said.entry_html(e, today) for e in these]
    return "".join(parts)


def project_report_html(
    store: Store,
    project_id: int,
    *,
    session_id: int | None = None,
    real_names: bool = False,
    random_state: int = 0,
    themes: bool | None = None,
) -> str:
    """The report as one HTML page: the whole project, or one of its sessions.

    When the project has codes (the researchers' own or themes saved as codes), the report
    shows the code book and coded quotes; the theme model runs only when asked
    (themes=True). With no codes it runs unless themes=False."""
    tables = project_tables(store, project_id, real_names=real_names)
    with store.read() as db:
        name = db.scalar(select(projects.c.name).where(projects.c.id == project_id))
    title = f"{name}: what we found"
    said = tables["utterances"]
    if session_id is not None:
        held = tables["sessions"]
        if session_id not in set(held["session_id"]):
            raise CoprodLabError(f"Session {session_id} is not part of the project {name!r}.")
        tables["sessions"] = held[held["session_id"] == session_id]
        said = said[said["session_id"] == session_id]
        with store.read() as db:
            came = set(
                db.scalars(
                    select(attendance.c.participant_id).where(attendance.c.session_id == session_id)
                )
            )
        came |= set(said["participant_id"].dropna())
        people = tables["participants"]
        tables["participants"] = people[people["participant_id"].isin(came)]
        title = f"{tables['sessions'].iloc[0]['title']}: what we found"
    has_codes = len(tables["codes"]) > 0
    parts = [_who_took_part(tables, real_names), _who_spoke(said)]
    if has_codes:
        parts.append(_codes(tables, said, real_names))
    if themes or (themes is None and not has_codes):
        parts.append(_themes(said, tables["participants"], random_state, real_names))
    parts.append(_definitions(store, project_id, session_id))
    parts.append(_coanalysis(store, project_id, session_id))
    parts.append(_you_said(store, project_id, session_id))
    if session_id is None:
        parts.append(_ladder(store, tables, project_id))
    contents = "".join(
        f"<li><a href='#{anchor}'>{words}</a></li>"
        for anchor, words in (
            ("who", "Who took part"),
            ("spoke", "Who spoke how much"),
            ("codes", "Codes and what people said"),
            ("themes", "Themes in what people said"),
            ("definitions", "Definitions voted on"),
            ("coanalysis", "What the co-analysts found"),
            ("you-said", "What we did with what you told us"),
            ("ladder", "The Ladder of Co-production"),
        )
        if f"id='{anchor}'" in "".join(parts)
    )
    made = dt.date.today()
    return (
        "<!DOCTYPE html><html lang='en-GB'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body><main>"
        f"<h1>{escape(title)}</h1><p>Made by coprod-lab on {made:%d %B %Y}.</p>"
        f"<nav aria-label='In this report'><ul>{contents}</ul></nav>"
        + "".join(parts)
        + "</main></body></html>"
    )


def preview(page: str, *, width: int = 360, height: int = 640) -> str:
    """The report in a frame of a phone's width, to show in a notebook."""
    return (  # in a div: IPython's HTML warns about a bare iframe
        f"<div><iframe srcdoc=\"{escape(page, quote=True)}\" width='{width}' height='{height}' "
        "title='The report, as a phone shows it' style='border:1px solid #b1b4b6'></iframe></div>"
    )


def session_named(store: Store, project_id: int, title: str) -> int:
    """The id of the project's session with this title."""
    with store.read() as db:
        found = db.scalar(
            select(sessions.c.id).where(
                sessions.c.project_id == project_id, sessions.c.title == title
            )
        )
    if found is None:
        raise CoprodLabError(f"This project has no session called {title!r}.")
    return found


def write_report(
    store: Store,
    project_id: int,
    path: str | os.PathLike[str],
    *,
    session_id: int | None = None,
    real_names: bool = False,
    themes: bool | None = None,
) -> Path:
    """Write the report to an .html file; the file written. `themes` as in
    project_report_html."""
    target = Path(path)
    if target.suffix.lower() not in (".html", ".htm"):
        raise CoprodLabError(f"{target} must end in .html.")
    if not target.parent.is_dir():
        raise CoprodLabError(f"The folder {target.parent} does not exist.")
    page = project_report_html(
        store, project_id, session_id=session_id, real_names=real_names, themes=themes
    )
    target.write_text(page, encoding="utf-8")
    return target
