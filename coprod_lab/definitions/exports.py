"""What a workshop leaves behind: CSV files other tools open, and a one-page summary.

Ballots are pseudonymous in every export: "Ballot 7" and the declared role, never the name
typed at the door or the personal link (which would let anyone vote as that person).
"""

from __future__ import annotations

import csv
import io
from html import escape

import segno
from sqlalchemy import select

from coprod_lab.definitions.ballots import ROLE_SHORT, ballots_in
from coprod_lab.definitions.results import round_result
from coprod_lab.definitions.rounds import METHOD_NAMES, candidates_in, rounds_in
from coprod_lab.definitions.tallies import places
from coprod_lab.definitions.workshops import get_workshop
from coprod_lab.store import Store
from coprod_lab.store.schema import votes
from coprod_lab.widgets.results_html import winner_sentence

VALUE_WORDS = {
    "thumbs": {1: "agree", 0: "unsure", -1: "disagree"},
    "ranked": {0: "not in my order"},
}


def _csv(header: list[str], rows: list[list]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def pseudonyms(store: Store, workshop_id: int) -> dict[int, str]:
    """Ballot id → "Ballot n", numbered in the order people joined."""
    return {b.id: f"Ballot {n}" for n, b in enumerate(ballots_in(store, workshop_id), 1)}


def rounds_csv(store: Store, workshop_id: int) -> str:
    rows = []
    for r in rounds_in(store, workshop_id):
        for c in candidates_in(store, r.id):
            rows.append(
                [
                    r.title,
                    METHOD_NAMES[r.method],
                    r.dots or "",
                    r.status,
                    c.id,
                    c.text,
                    c.state,
                    c.reason,
                ]
            )
    return _csv(
        ["round", "method", "dots", "status", "candidate_id", "definition", "state", "reason"],
        rows,
    )


def ballots_csv(store: Store, workshop_id: int) -> str:
    """Every vote as it stands, one row per ballot and definition, pseudonymous."""
    names = pseudonyms(store, workshop_id)
    roles = {b.id: b.role for b in ballots_in(store, workshop_id)}
    titles = {r.id: (r.title, r.method) for r in rounds_in(store, workshop_id)}
    with store.read() as db:
        found = db.execute(
            select(votes.c.round_id, votes.c.ballot_id, votes.c.candidate_id, votes.c.value)
            .where(votes.c.workshop_id == workshop_id)
            .order_by(votes.c.round_id, votes.c.ballot_id, votes.c.candidate_id)
        ).all()
    rows = []
    for round_id, ballot_id, candidate_id, value in found:
        title, method = titles[round_id]
        said = "skipped" if value is None else VALUE_WORDS.get(method, {}).get(value, value)
        rows.append([title, names[ballot_id], ROLE_SHORT[roles[ballot_id]], candidate_id, said])
    return _csv(["round", "ballot", "role", "candidate_id", "vote"], rows)


def results_csv(store: Store, workshop_id: int) -> str:
    """Each round's definitions, best first: place by standard competition ranking ("1, 1,
    3"; `place_shared` says "tied" where definitions share it), score, share, whether it won
    (`tie`: the round's winners are tied), each group's support, and the number of voters."""
    rows = []
    for r in rounds_in(store, workshop_id):
        _found, result = round_result(store, r.id)
        for (place, tied), line in zip(places(result.lines), result.lines, strict=True):
            rows.append(
                [
                    r.title,
                    r.method,
                    place,
                    "tied" if tied else "",
                    line.candidate_id,
                    line.text,
                    line.score,
                    round(line.share, 4),
                    line.candidate_id in result.winners,
                    result.tied,
                    *(
                        round(line.support.get(g, 0.0), 4)
                        for g in ("lived_experience", "professional", "other")
                    ),
                    line.candidate_id in result.consensus,
                    result.voters,
                ]
            )
    return _csv(
        [
            "round",
            "method",
            "place",
            "place_shared",
            "candidate_id",
            "definition",
            "score",
            "share",
            "winner",
            "tie",
            "lived_experience_support",
            "professional_support",
            "other_support",
            "every_group_agrees",
            "voters",
        ],
        rows,
    )


def summary_html(store: Store, workshop_id: int) -> str:
    """One printable page: the winning definition of each closed round and how it was chosen."""
    workshop = get_workshop(store, workshop_id)
    parts = []
    for r in rounds_in(store, workshop_id):
        if r.status != "closed":
            continue
        found, result = round_result(store, r.id)
        parts.append(
            f"<section><h2>{escape(r.title)}</h2><p>{escape(METHOD_NAMES[r.method])}; "
            f"{result.voters} people voted.</p><p><strong>"
            f"{escape(winner_sentence(found, result))}</strong></p></section>"
        )
    body = "".join(parts) or "<p>No round has closed yet.</p>"
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{escape(workshop.title)}: our definitions</title>"
        "<style>body{font:18px/1.5 sans-serif;max-width:40em;margin:1rem auto;padding:0 1rem;"
        "color:#1b1b1b}</style></head><body>"
        f"<main><h1>{escape(workshop.title)}: our definitions</h1>{body}</main></body></html>"
    )


def qr_svg(address: str) -> str:
    """A QR code for a personal link, as inline SVG with its text alternative."""
    code = segno.make(address, error="m")
    svg = code.svg_inline(scale=4, dark="#000", light="#fff")
    return svg.replace("<svg ", "<svg role='img' aria-label='QR code for a personal link' ", 1)


def cards_html(store: Store, workshop_id: int, tokens: list[str], page: str) -> str:
    """A printable sheet of cards, one personal link and QR code per person."""
    workshop = get_workshop(store, workshop_id)
    cards = "".join(
        "<div class='coprod-qr-card'>"
        f"<p><strong>{escape(workshop.title)}</strong></p>{qr_svg(f'{page}?ballot={t}')}"
        f"<p>Scan with your phone camera, or type:<br><small>{escape(page)}?ballot="
        f"{escape(t)}</small></p></div>"
        for t in tokens
    )
    return f"<div class='coprod-qr-cards'>{cards}</div>"
