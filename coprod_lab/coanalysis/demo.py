"""Co-analysis in the demo project (data/demo/coanalysis.toml): a storytelling session open
for co-analysis, a small code book, and the coding of two made-up co-analysts.

Made with the functions the pages use (coanalysis.work), so every step is checked and
audited. Added once: a project that already has co-analysts is left as it is.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import insert, select

from coprod_lab.coanalysis import invitations, opening, work
from coprod_lab.coanalysis.turns import shared_turns
from coprod_lab.demo import read_project_file
from coprod_lab.errors import CoprodLabError
from coprod_lab.store import Store, audit
from coprod_lab.store.schema import codes, sessions

DEMO_COANALYSIS = Path(__file__).resolve().parents[2] / "data" / "demo" / "coanalysis.toml"


def add_demo_coanalysis(store: Store, project_id: int, path: Path = DEMO_COANALYSIS) -> bool:
    """Open the demo's session for co-analysis and add the co-analysts' coding; returns False
    (changing nothing) if the project already has co-analysts. Raises CoprodLabError naming
    the file for a session, code or turn the file gets wrong."""
    if invitations.coanalysts_in(store, project_id):
        return False
    spec = read_project_file(path)
    with store.read() as db:
        session_id = db.scalar(
            select(sessions.c.id).where(
                sessions.c.project_id == project_id, sessions.c.title == spec["session"]
            )
        )
        known = set(
            db.execute(select(codes.c.name).where(codes.c.project_id == project_id)).scalars()
        )
    if session_id is None:
        raise CoprodLabError(f"{path}: there is no session {spec['session']!r} in the project.")
    actor = spec["researcher"]
    with store.write() as db:
        for code in spec["codes"]:
            if code["name"] not in known:
                new = db.execute(
                    insert(codes).values(
                        project_id=project_id,
                        name=code["name"],
                        description=code["meaning"],
                        created_by=actor,
                    )
                ).inserted_primary_key[0]
                audit.record(db, actor=actor, action="created", subject="code", subject_id=new)
    # The demo's words name no one but its participants: no need to load the name recogniser.
    opening.open_for_coanalysis(store, session_id, actor=actor, look_for_names=False)
    people = invitations.invite(
        store, project_id, [c["name"] for c in spec["coanalysts"]], actor=actor
    )
    turns = {t.turn: t for t in shared_turns(store, project_id, session_id)}

    def turn(number: int):
        if number not in turns:
            raise CoprodLabError(f"{path}: turn {number} is not shared for co-analysis.")
        return turns[number]

    for who, plan in zip(people, spec["coanalysts"], strict=True):
        for item in plan.get("codes", []):
            for code in item["codes"]:
                work.set_code(store, who, turn(item["turn"]).utterance_id, code, True)
        for item in plan.get("words", []):
            shown = turn(item["turn"])
            start = shown.text.find(item["words"])
            if start < 0:
                raise CoprodLabError(
                    f"{path}: {item['words']!r} is not in turn {item['turn']} as written."
                )
            work.select_words(store, who, shown, start, start + len(item["words"]), item["why"])
        for item in plan.get("marks", []):
            work.mark(
                store, who, turn(item["turn"]).utterance_id, item["mark"], note=item.get("note", "")
            )
        for item in plan.get("suggestions", []):
            work.suggest_code(
                store, who, turn(item["turn"]).utterance_id, item["name"], item.get("meaning", "")
            )
    return True
