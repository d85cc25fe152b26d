"""A workshop ready to vote in, made through the same functions the pages use."""

from __future__ import annotations

from dataclasses import dataclass

from coprod_lab.definitions import ballots, rounds, workshops
from coprod_lab.demo import load_demo
from coprod_lab.store import Store

DEFINITIONS = (
    "Co-production is working together as equals from the start.",
    "Co-production means sharing power and decisions.",
    "Co-production is listening to each other and changing things together.",
)


@dataclass
class Room:
    project_id: int
    workshop: workshops.Workshop
    key: str
    round: rounds.Round
    candidates: list[int]


def a_room(
    store: Store,
    method: str = "approval",
    *,
    dots: int | None = None,
    open_it: bool = True,
    title: str = "Test room",
) -> Room:
    project_id = load_demo(store)
    workshop, key = workshops.create_workshop(store, project_id, title, actor="f")
    made = rounds.add_round(store, workshop.id, "Vote", method, dots=dots, actor="f")
    ids = [rounds.add_candidate(store, made.id, text, actor="f").id for text in DEFINITIONS]
    if open_it:
        rounds.open_round(store, made.id, actor="f")
    workshops.set_stage(store, workshop.id, "vote", actor="f")
    return Room(project_id, workshop, key, rounds.get_round(store, made.id), ids)


def voter(store: Store, room: Room, name: str, role: str = "other") -> int:
    ballot = ballots.join_by_name(store, room.workshop.id, name)
    ballots.set_role(store, ballot.id, role)
    return ballot.id
