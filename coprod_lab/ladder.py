"""The Ladder of Co-production: where each person thinks the project stands, over time.

Each participant rates the project on their own, with the evidence for their rating, and
again later. Comparing professionals' ratings with lived-experience partners' shows whether
both sides see the project the same way.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from html import escape

from sqlalchemy import insert, select

from coprod_lab.errors import CoprodLabError
from coprod_lab.labels import ROLE_LABELS
from coprod_lab.store import Store, participants, record
from coprod_lab.store.schema import ladder_ratings

# Bottom to top: (name, what it means, in plain words). Rung n is RUNGS[n - 1].
RUNGS: tuple[tuple[str, str], ...] = (
    ("Coercion", "People are made to take part and have no say."),
    ("Educating", "People are helped to understand the service as it is."),
    ("Informing", "People are told what will happen."),
    ("Consultation", "People are asked what they think, but may not be listened to."),
    ("Engagement", "People have more say, but staff still make the decisions."),
    ("Co-design", "People help design the service, but not always every decision."),
    ("Co-production", "People and staff share power and decide together as equals."),
)
COMPARED_ROLES = ("lived_experience", "professional")


@dataclass(frozen=True)
class Rating:
    id: int
    participant_id: int
    name: str
    role: str
    rung: int
    evidence: str
    rated_on: dt.date


def rung_name(rung: int) -> str:
    return RUNGS[rung - 1][0]


def rate(
    store: Store,
    project_id: int,
    participant_id: int,
    rung: int,
    evidence: str,
    *,
    rated_on: dt.date,
    actor: str,
) -> int:
    """Keep one person's rating of the project on a date; earlier ratings stay."""
    if not 1 <= rung <= len(RUNGS):
        raise CoprodLabError(f"Choose a step from 1 to {len(RUNGS)} on the ladder.")
    with store.write() as db:
        in_project = db.scalar(
            select(participants.c.id).where(
                participants.c.id == participant_id, participants.c.project_id == project_id
            )
        )
        if in_project is None:
            raise CoprodLabError("That person is not in this project.")
        rating_id = db.execute(
            insert(ladder_ratings).values(
                project_id=project_id,
                participant_id=participant_id,
                rung=rung,
                evidence=evidence.strip(),
                rated_on=rated_on,
            )
        ).inserted_primary_key[0]
        record(
            db,
            actor=actor,
            action="rate",
            subject="ladder_rating",
            subject_id=rating_id,
            detail={"rung": rung},
        )
    return rating_id


def ratings(store: Store, project_id: int) -> list[Rating]:
    """Every rating of the project, oldest first."""
    with store.read() as db:
        rows = db.execute(
            select(
                ladder_ratings.c.id,
                ladder_ratings.c.participant_id,
                participants.c.display_name,
                participants.c.role,
                ladder_ratings.c.rung,
                ladder_ratings.c.evidence,
                ladder_ratings.c.rated_on,
            )
            .join(participants, participants.c.id == ladder_ratings.c.participant_id)
            .where(ladder_ratings.c.project_id == project_id)
            .order_by(ladder_ratings.c.rated_on, ladder_ratings.c.id)
        ).all()
    return [Rating(*row) for row in rows]


def by_role_over_time(found: list[Rating]) -> dict[str, list[tuple[dt.date, float]]]:
    """For each role, the average rung on each date, using each person's newest rating so far.

    A person who rated in May and not in June still counts in June with their May rating, so
    one person rating again does not swing the whole group's line.
    """
    dates = sorted({r.rated_on for r in found})
    lines: dict[str, list[tuple[dt.date, float]]] = defaultdict(list)
    for role in COMPARED_ROLES:
        latest: dict[int, int] = {}
        people_ratings = [r for r in found if r.role == role]
        for day in dates:
            for r in people_ratings:
                if r.rated_on == day:
                    latest[r.participant_id] = r.rung
            if latest:
                lines[role].append((day, sum(latest.values()) / len(latest)))
    return dict(lines)


def compare(found: list[Rating]) -> str:
    """One sentence on how the two groups see the project now."""
    lines = by_role_over_time(found)
    if not all(lines.get(role) for role in COMPARED_ROLES):
        return (
            "When both people with lived experience and professionals have rated the project, "
            "their views are compared here."
        )
    lived = lines["lived_experience"][-1][1]
    pro = lines["professional"][-1][1]
    said = (
        f"Now, people with lived experience put the project at {lived:.1f} on average "
        f"({rung_name(round(lived))}), professionals at {pro:.1f} ({rung_name(round(pro))})."
    )
    gap = abs(lived - pro)
    if gap < 0.5:
        return f"{said} Both groups see it about the same."
    higher = "Professionals" if pro > lived else "People with lived experience"
    return f"{said} {higher} rate it {gap:.1f} steps higher: worth talking about together."


def chart_svg(found: list[Rating]) -> str:
    """A line for each role over time, as SVG with a text description for screen readers."""
    lines = by_role_over_time(found)
    dates = sorted({day for line in lines.values() for day, _ in line})
    width, height, left, right, top, bottom = 640, 320, 120, 60, 20, 50
    plot_w, plot_h = width - left - right, height - top - bottom

    def x(day: dt.date) -> float:
        if len(dates) == 1:
            return left + plot_w / 2
        return left + plot_w * dates.index(day) / (len(dates) - 1)

    def y(rung: float) -> float:
        return top + plot_h * (len(RUNGS) - rung) / (len(RUNGS) - 1)

    parts = [
        f"<line x1='{left}' y1='{y(n)}' x2='{width - right}' y2='{y(n)}' stroke='#d0d0d0'/>"
        f"<text x='{left - 8}' y='{y(n) + 5}' text-anchor='end' font-size='14'>"
        f"{escape(rung_name(n))}</text>"
        for n in range(1, len(RUNGS) + 1)
    ]
    parts += [
        f"<text x='{x(day)}' y='{height - 20}' text-anchor='middle' font-size='13'>"
        f"{day:%d %b %Y}</text>"
        for day in dates
    ]
    # Colour and line style both differ, so the lines stay apart without colour.
    styles = {
        "lived_experience": ("#005ea5", "", "circle"),
        "professional": ("#b10e1e", "8 5", "square"),
    }
    described = []
    for role, points in lines.items():
        colour, dash, marker = styles[role]
        path = " ".join(f"{x(d):.1f},{y(v):.1f}" for d, v in points)
        parts.append(
            f"<polyline points='{path}' fill='none' stroke='{colour}' stroke-width='3'"
            f" stroke-dasharray='{dash}'/>"
        )
        for d, v in points:
            if marker == "circle":
                parts.append(f"<circle cx='{x(d):.1f}' cy='{y(v):.1f}' r='6' fill='{colour}'/>")
            else:
                parts.append(
                    f"<rect x='{x(d) - 6:.1f}' y='{y(v) - 6:.1f}' width='12' height='12'"
                    f" fill='{colour}'/>"
                )
        described.append(
            f"{ROLE_LABELS[role]}: "
            + ", ".join(f"{v:.1f} on {d:%d %B %Y}" for d, v in points)
            + "."
        )
    legend = (
        "<p class='coprod-legend'><span style='color:#005ea5'>● solid line</span>: lived "
        "experience. <span style='color:#b10e1e'>■ dashed line</span>: professionals.</p>"
    )
    description = " ".join(described) or "No ratings yet."
    return (
        f"<figure class='coprod-chart'><svg viewBox='0 0 {width} {height}' role='img' "
        f"aria-label='Average step on the ladder over time, by role. {escape(description)}' "
        f"style='width:100%;height:auto;max-width:{width}px'>{''.join(parts)}</svg>"
        f"<figcaption>{legend}</figcaption></figure>"
    )
