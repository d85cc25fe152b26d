"""A small project for the co-analysis tests: two people who consented to sharing, one who did
not, one session of five turns open for co-analysis and one session that is not."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import insert

from coprod_lab.coanalysis.opening import open_for_coanalysis
from coprod_lab.coding.codebook import add_code
from coprod_lab.store.schema import participants, projects, sessions, speaker_names, utterances

PEOPLE = (
    ("Rosalind Achebe", "Robin", "lived_experience", True),
    ("Dr Okafor", "Kit", "professional", True),
    ("Sam Jones", "Alex", "lived_experience", False),  # no consent to share
)
TURNS = [
    ("Rosalind Achebe", "lived_experience", "I waited six weeks for support after hospital."),
    ("Dr Okafor", "professional", "Rosalind was on a list that nobody owned."),
    ("Sam Jones", "lived_experience", "My neighbour did my shopping for a month."),
    ("Rosalind Achebe", "lived_experience", "Nobody phoned me. I felt forgotten at home."),
    (
        "Dr Okafor",
        "professional",
        "We should phone everyone within two days, as Marcus on reception does.",
    ),
]
CODES = {
    "Waiting": "Time spent waiting for help.",
    "Feeling forgotten": "People feel nobody remembers them.",
}


@dataclass
class Project:
    id: int
    open_session: int
    closed_session: int
    turns: list[int]  # the open session's utterance ids, turn order
    closed_turns: list[int]


def a_project(store, *, look_for_names: bool = False) -> Project:
    with store.write() as db:
        pid = db.execute(insert(projects).values(name="Discharge")).inserted_primary_key[0]
        for name, made_up, role, shares in PEOPLE:
            person = db.execute(
                insert(participants).values(
                    project_id=pid,
                    display_name=name,
                    pseudonym=made_up,
                    role=role,
                    consent_to_share_on=dt.date(2026, 11, 1) if shares else None,
                )
            ).inserted_primary_key[0]
            db.execute(
                insert(speaker_names).values(project_id=pid, speaker=name, participant_id=person)
            )
        ids: dict[str, list[int]] = {}
        made: dict[str, int] = {}
        for title in ("Open meeting", "Closed meeting"):
            sid = db.execute(
                insert(sessions).values(project_id=pid, title=title, kind="workshop")
            ).inserted_primary_key[0]
            made[title] = sid
            ids[title] = [
                db.execute(
                    insert(utterances).values(
                        session_id=sid,
                        turn=n,
                        speaker=speaker,
                        role=role,
                        text=text,
                        source="meeting.txt",
                        line=n + 1,
                    )
                ).inserted_primary_key[0]
                for n, (speaker, role, text) in enumerate(TURNS)
            ]
    for name, meaning in CODES.items():
        add_code(store, pid, name, actor="researcher", definition=meaning)
    open_for_coanalysis(
        store, made["Open meeting"], actor="researcher", look_for_names=look_for_names
    )
    return Project(
        pid,
        made["Open meeting"],
        made["Closed meeting"],
        ids["Open meeting"],
        ids["Closed meeting"],
    )
