"""The fictional demo project in data/demo/, loaded so a newcomer has something to look at.

Loading is one transaction and happens once: if a project of the same name is already in the
store, nothing is changed.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, insert, select, update

from coprod_lab.errors import CoprodLabError
from coprod_lab.sessions.pairs import STEPS
from coprod_lab.sessions.profiles import FIELDS
from coprod_lab.store import (
    Store,
    attendance,
    participants,
    projects,
    record,
    sessions,
    utterances,
)
from coprod_lab.store.schema import ballots as ballot_table
from coprod_lab.store.schema import ladder_ratings, pair_notes, pairs, profiles
from coprod_lab.transcripts import read_plain_text
from coprod_lab.transcripts.importing import add_transcripts

DEMO = Path(__file__).resolve().parent.parent / "data" / "demo" / "project.toml"
ACTOR = "coprod-lab demo"


def read_project_file(path: Path = DEMO) -> dict[str, Any]:
    """Read a project file (TOML); a mistake is reported with the file and line."""
    try:
        with path.open("rb") as file:
            return tomllib.load(file)
    except OSError as error:
        raise CoprodLabError(f"{path} cannot be opened ({error.strerror}).") from None
    except tomllib.TOMLDecodeError as error:
        raise CoprodLabError(f"{path}: {error}.") from None


def load_demo(store: Store, path: Path = DEMO) -> int:
    """Load the demo project if it is not there yet; return its project id."""
    spec = read_project_file(path)
    name = spec["project"]["name"]
    # Read the transcripts before opening the transaction: a bad file changes nothing.
    transcripts = {
        s["title"]: read_plain_text(path.parent / s["transcript"], session=s["title"])
        for s in spec.get("sessions", [])
        if "transcript" in s
    }
    with store.write() as db:
        existing = db.scalar(select(projects.c.id).where(projects.c.name == name))
        if existing is not None:
            return existing
        project_id = _insert_project(db, spec, transcripts)
    if "workshop" in spec:
        _add_workshop(store, project_id, spec["workshop"])
    if "panel" in spec:
        _add_panel(store, project_id, spec["panel"])
    if "quiz" in spec:
        _add_quiz(store, project_id, spec["quiz"])
    if "questions" in spec:
        _add_questions(store, project_id, spec["questions"])
    if "you_said" in spec:
        _add_you_said(store, project_id, spec["you_said"])
    _add_planning(store, project_id, spec)
    return project_id


def _add_you_said(store: Store, project_id: int, points: list[dict[str, Any]]) -> None:
    """ "You said, we did" entries, made and moved on through the functions the page uses."""
    from coprod_lab.sessions import you_said

    with store.read() as db:
        turns = {
            (title, turn): uid
            for title, turn, uid in db.execute(
                select(sessions.c.title, utterances.c.turn, utterances.c.id)
                .join(sessions, sessions.c.id == utterances.c.session_id)
                .where(sessions.c.project_id == project_id)
            ).all()
        }
        notes = {
            (name, step): nid
            for name, step, nid in db.execute(
                select(pairs.c.name, pair_notes.c.step, pair_notes.c.id)
                .join(pairs, pairs.c.id == pair_notes.c.pair_id)
                .where(pairs.c.project_id == project_id)
            ).all()
        }
        people = dict(
            db.execute(
                select(participants.c.display_name, participants.c.id).where(
                    participants.c.project_id == project_id
                )
            ).all()
        )
    for point in points:
        if "turn" in point:
            source = {"source_kind": "turn", "source_id": turns[point["session"], point["turn"]]}
        else:
            source = {"source_kind": "pair_note", "source_id": notes[point["pair"], point["step"]]}
        entry = you_said.add_entry(
            store,
            project_id,
            **source,
            said=point.get("said"),
            participant_id=people.get(point.get("person")),
            actor=ACTOR,
        )
        for field in ("action", "action_by", "due_on", "done"):
            if field in point:
                you_said.change(store, entry, field, point[field], actor=ACTOR)
        if "outcome" in point:
            you_said.change(store, entry, "outcome", point["outcome"], actor=ACTOR)
            you_said.set_done_on(store, entry, point["done_on"], actor=ACTOR)
        if "told_on" in point:
            you_said.change(store, entry, "told_on", point["told_on"], actor=ACTOR)


def _add_planning(store: Store, project_id: int, spec: dict[str, Any]) -> None:
    """The preparation (two versions), access needs and session plans, through the same
    functions the pages use, so every step is checked and audited."""
    from coprod_lab.planning import access, preparation, session_plan

    if "preparation" in spec:
        given = spec["preparation"]
        groups = tuple(preparation.Group(**g) for g in given.get("groups", []))
        final = {k: preparation.Answer(**v) for k, v in given.get("intention", {}).items()}
        earlier = {k: preparation.Answer(**v) for k, v in given.get("earlier", {}).items()}
        purpose = given.get("purpose", {})
        for intention in ({**final, **earlier}, final) if earlier else (final,):
            preparation.save_preparation(
                store,
                project_id,
                preparation.Preparation(intention, purpose, groups),
                actor=ACTOR,
            )
    with store.read() as db:
        people = dict(
            db.execute(
                select(participants.c.display_name, participants.c.id).where(
                    participants.c.project_id == project_id
                )
            ).all()
        )
        held = dict(
            db.execute(
                select(sessions.c.title, sessions.c.id).where(sessions.c.project_id == project_id)
            ).all()
        )
    for needs in spec.get("access", []):
        access.save_access_needs(
            store,
            people[needs["person"]],
            needs=needs.get("needs", ""),
            adjustments=needs.get("adjustments", ""),
            payment=needs.get("payment", ""),
            consent_on=needs["consent_on"],
            actor=ACTOR,
        )
    for plan in spec.get("session_plans", []):
        session_id = held.get(plan["session"]) if "session" in plan else None
        plan_id = session_plan.make_plan(
            store, project_id, plan["title"], session_id=session_id, actor=ACTOR
        )
        session_plan.save_plan(
            store,
            plan_id,
            session_plan.Plan(
                plan.get("purpose", ""),
                tuple(session_plan.AgendaItem(**item) for item in plan.get("agenda", [])),
                plan.get("purpose_met", ""),
                plan.get("purpose_met_note", ""),
            ),
            session_id=session_id,
            actor=ACTOR,
        )


# How each demo person voted on the workshop's candidate definitions (1 = ticked).
_DEMO_TICKS = {
    "Dev Morgan": (1, 1, 0),
    "Priya Shah": (1, 0, 1),
    "Sam Okafor": (1, 1, 0),
    "Joan Ellis": (0, 1, 1),
    "Tom Reid": (1, 0, 1),
}


def _add_workshop(store: Store, project_id: int, spec: dict[str, Any]) -> None:
    """The definitions workshop as a room would leave it: words, sentences, a closed vote.

    Made through the same functions the pages use, so every step is checked and audited.
    """
    from coprod_lab.definitions import contributions, rounds, voting, workshops

    with store.read() as db:
        session_id = db.scalar(
            select(sessions.c.id).where(
                sessions.c.project_id == project_id, sessions.c.title == spec["session"]
            )
        )
        people = db.execute(
            select(participants.c.id, participants.c.display_name, participants.c.role).where(
                participants.c.project_id == project_id
            )
        ).all()
    workshop, _key = workshops.create_workshop(
        store, project_id, spec["session"], session_id=session_id, actor=ACTOR
    )
    made = _room_ballots(store, workshop.id, people)
    writers = list(made.values())
    for n, word in enumerate(spec["words"]):
        contributions.add(
            store, workshop.id, "word", word, ballot_id=writers[n % len(writers)], actor=ACTOR
        )
    workshops.set_stage(store, workshop.id, "sentences", actor=ACTOR)
    for n, sentence in enumerate(spec["sentences"]):
        contributions.add(
            store,
            workshop.id,
            "sentence",
            sentence,
            ballot_id=writers[n % len(writers)],
            actor=ACTOR,
        )
    vote = rounds.add_round(store, workshop.id, "Our definition", "approval", actor=ACTOR)
    ids = [
        rounds.add_candidate(store, vote.id, text, actor=ACTOR).id for text in spec["candidates"]
    ]
    workshops.set_stage(store, workshop.id, "vote", actor=ACTOR)
    rounds.open_round(store, vote.id, actor=ACTOR)
    for name, ticks in _DEMO_TICKS.items():
        if name in made:
            for candidate_id, tick in zip(ids, ticks, strict=True):
                voting.cast(store, made[name], vote.id, candidate_id, tick)
    rounds.close_round(store, vote.id, actor=ACTOR)


def _add_panel(store: Store, project_id: int, spec: dict[str, Any]) -> None:
    """The recruitment panel: agreed questions, cards, two interviews closed and one waiting.

    Made through the same functions the pages use, so every rule is checked and audited.
    """
    from coprod_lab.recruitment import panels, ratings

    panel, _key = panels.create_panel(
        store, project_id, spec["title"], job=spec.get("job", ""), actor=ACTOR
    )
    questions = [panels.add_question(store, panel.id, q, actor=ACTOR) for q in spec["questions"]]
    panels.agree_questions(store, panel.id, actor=ACTOR)
    members = panels.make_members(store, panel.id, spec["roles"], actor=ACTOR)
    for made in spec["candidates"]:
        candidate = panels.add_candidate(store, panel.id, actor=ACTOR)
        if "ratings" not in made:
            continue
        notes = {(m, q): text for m, q, text in made.get("notes", [])}
        panels.open_interview(store, candidate.id, actor=ACTOR)
        for m, (member, row) in enumerate(zip(members, made["ratings"], strict=True)):
            for q, (question, value) in enumerate(zip(questions, row, strict=True)):
                ratings.rate(
                    store,
                    member.ballot_id,
                    candidate.id,
                    question.id,
                    value,
                    note=notes.get((m, q)),
                )
        panels.close_interview(store, candidate.id, actor=ACTOR)


def _room_ballots(store: Store, workshop_id: int, people) -> dict[str, int]:
    """A ballot in the room for each demo person, with their role, tied to them (so erasing a
    person erases their ballot and all it holds); name → ballot id."""
    from coprod_lab.definitions import ballots

    made = {}
    for pid, name, role in people:
        ballot = ballots.join_by_name(store, workshop_id, name)
        ballots.set_role(store, ballot.id, role if role in ballots.ROLE_SHORT else "other")
        with store.write() as db:
            db.execute(
                update(ballot_table)
                .where(ballot_table.c.id == ballot.id)
                .values(participant_id=pid)
            )
        made[name] = ballot.id
    return made


def _project_people(store: Store, project_id: int) -> list:
    with store.read() as db:
        return db.execute(
            select(participants.c.id, participants.c.display_name, participants.c.role).where(
                participants.c.project_id == project_id
            )
        ).all()


def _add_quiz(store: Store, project_id: int, spec: dict[str, Any]) -> None:
    """The "Is it co-production?" quiz with the starter set, the first situations answered
    and placed on a rung, as a room would leave them (issue 24)."""
    from coprod_lab.activities import quiz
    from coprod_lab.definitions import workshops

    room, _key = workshops.create_workshop(
        store, project_id, spec["title"], activity="quiz", actor=ACTOR
    )
    quiz.add_starter_set(store, room.id, actor=ACTOR)
    made = _room_ballots(store, room.id, _project_people(store, project_id))
    situations = quiz.situations_in(store, room.id)
    for situation, answers, rung in zip(situations, spec["answers"], spec["placed"], strict=False):
        quiz.open_for_answers(store, situation.id, actor=ACTOR)
        for name, said in answers.items():
            choice, _sep, reason = said.partition(": ")
            quiz.answer(store, made[name], situation.id, choice, reason)
        quiz.close_answers(store, situation.id, actor=ACTOR)
        quiz.place_on_rung(store, situation.id, rung, actor=ACTOR)


def _add_questions(store: Store, project_id: int, spec: dict[str, Any]) -> None:
    """Questions for a panel: asked, supported, one answered and one hidden (issue 24)."""
    from coprod_lab.activities import questions
    from coprod_lab.definitions import workshops

    room, _key = workshops.create_workshop(
        store, project_id, spec["title"], activity="questions", actor=ACTOR
    )
    made = _room_ballots(store, room.id, _project_people(store, project_id))
    asked = []
    for item in spec["asked"]:
        asked.append(
            questions.ask(
                store, room.id, made[item["by"]], item["text"], named=item.get("named", False)
            ).id
        )
        for name in item.get("wanted_by", []):
            questions.support(store, made[name], asked[-1])
    questions.answering_now(store, asked[spec["answered"]], actor=ACTOR)
    questions.answered(store, asked[spec["answered"]], actor=ACTOR)
    questions.hide(store, asked[spec["hidden"]], spec["hidden_reason"], actor=ACTOR)


def _insert_project(db: Connection, spec: dict[str, Any], transcripts: dict) -> int:
    project_id = db.execute(
        insert(projects).values(
            name=spec["project"]["name"], description=spec["project"].get("description", "")
        )
    ).inserted_primary_key[0]
    record(db, actor=ACTOR, action="create", subject="project", subject_id=project_id)

    people: dict[str, int] = {}
    for person in spec.get("participants", []):
        person_id = db.execute(
            insert(participants).values(project_id=project_id, **person)
        ).inserted_primary_key[0]
        people[person["display_name"]] = person_id
        record(db, actor=ACTOR, action="create", subject="participant", subject_id=person_id)

    for session in spec.get("sessions", []):
        session_id = db.execute(
            insert(sessions).values(
                project_id=project_id,
                title=session["title"],
                kind=session["kind"],
                held_on=session.get("held_on"),
            )
        ).inserted_primary_key[0]
        record(db, actor=ACTOR, action="create", subject="session", subject_id=session_id)
        for name in session.get("people", []):
            db.execute(
                insert(attendance).values(session_id=session_id, participant_id=people[name])
            )
    add_transcripts(db, project_id, list(transcripts.values()), actor=ACTOR)
    _insert_pairs_and_profiles(db, project_id, spec, people)
    return project_id


def _insert_pairs_and_profiles(
    db: Connection, project_id: int, spec: dict[str, Any], people: dict[str, int]
) -> None:
    """The pair's notes, people's profiles and ladder ratings, in the same transaction."""
    for pair in spec.get("pairs", []):
        pair_id = db.execute(
            insert(pairs).values(
                project_id=project_id,
                name=pair["name"],
                lived_experience_id=people[pair["lived_experience"]],
                professional_id=people[pair["professional"]],
            )
        ).inserted_primary_key[0]
        record(db, actor=ACTOR, action="create", subject="pair", subject_id=pair_id)
        for note in pair.get("notes", []):
            meeting = STEPS[note["step"]][0]
            note_id = db.execute(
                insert(pair_notes).values(pair_id=pair_id, meeting=meeting, **note)
            ).inserted_primary_key[0]
            record(db, actor=ACTOR, action="write", subject="pair_note", subject_id=note_id)
    for profile in spec.get("profiles", []):
        fields = {key: profile.get(key, "") for key, _question in FIELDS[profile["kind"]]}
        profile_id = db.execute(
            insert(profiles).values(
                participant_id=people[profile["person"]],
                kind=profile["kind"],
                fields=fields,
                author=profile["person"],
            )
        ).inserted_primary_key[0]
        record(db, actor=ACTOR, action="write", subject="profile", subject_id=profile_id)
    for rating in spec.get("ladder", []):
        rating_id = db.execute(
            insert(ladder_ratings).values(
                project_id=project_id,
                participant_id=people[rating["person"]],
                rung=rating["rung"],
                rated_on=rating["rated_on"],
                evidence=rating.get("evidence", ""),
            )
        ).inserted_primary_key[0]
        record(db, actor=ACTOR, action="rate", subject="ladder_rating", subject_id=rating_id)
