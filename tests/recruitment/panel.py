"""A recruitment panel ready to interview, made through the same functions the pages use."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from coprod_lab.recruitment import panels
from coprod_lab.store import Store, projects

QUESTIONS = (
    "Tell us about a time you changed how you worked after listening to someone.",
    "How would you make sure people who use the service are heard?",
    "What would you do if a colleague spoke over a person with lived experience?",
)
# Four members with lived experience and four staff, in card order.
ROLES = ["lived_experience", "professional"] * 4


@dataclass
class Ready:
    project_id: int
    panel: panels.Panel
    key: str
    questions: list[panels.Question]
    members: list[panels.Member]
    candidates: list[panels.Candidate]


def a_panel(store: Store, *, title: str = "Support worker panel", agree: bool = True) -> Ready:
    with store.write() as db:
        project_id = db.execute(
            projects.insert().values(name=f"Project {title}")
        ).inserted_primary_key[0]
    panel, key = panels.create_panel(store, project_id, title, job="Support worker", actor="c")
    questions = [panels.add_question(store, panel.id, q, actor="c") for q in QUESTIONS]
    if agree:
        panels.agree_questions(store, panel.id, actor="c")
    members = panels.make_members(store, panel.id, ROLES, actor="c")
    candidates = [
        panels.add_candidate(
            store, panel.id, name="Ann Lee", consent_on=dt.date(2026, 11, 2), actor="c"
        ),
        panels.add_candidate(store, panel.id, actor="c"),
    ]
    return Ready(project_id, panels.get_panel(store, panel.id), key, questions, members, candidates)
