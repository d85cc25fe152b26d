"""The coding core on real stores (SQLite and PostgreSQL): code book, passages, undo, memos,
attributes, retrieval, coder comparison and the .qdc round trip."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError

from coprod_lab import connect
from coprod_lab.coding.attributes import attribute_table, define_attribute, set_attribute
from coprod_lab.coding.codebook import (
    add_code,
    code_book,
    delete_code,
    merge_codes,
    move_code,
    rename_code,
)
from coprod_lab.coding.comparing import compare_coders, differences
from coprod_lab.coding.memos import add_memo, memos_of
from coprod_lab.coding.passages import code_passage, remove_coding, undo_last
from coprod_lab.coding.qdc import export_qdc, import_qdc, qdc_problems
from coprod_lab.coding.retrieval import co_occurrence, code_case_matrix, coded_passages, search
from coprod_lab.errors import CoprodLabError
from coprod_lab.store.schema import (
    coded_utterances,
    codes,
    events,
    memos,
    participants,
    projects,
    sessions,
    speaker_names,
    utterances,
)

TURNS = [
    (
        "Rosalind Achebe",
        "lived_experience",
        "I waited six weeks for support after leaving hospital.",
    ),
    ("Dr Okafor", "professional", "The discharge team was supporting too many people."),
    ("Rosalind Achebe", "lived_experience", "Nobody phoned me. I felt forgotten at home."),
    ("Dr Okafor", "professional", "We should phone everyone within two days."),
]


def _project(store) -> tuple[int, list[int], list[int], list[int]]:
    """A project with two people and two sessions of the four TURNS; returns the project,
    session, participant and (first session's) utterance ids."""
    with store.write() as db:
        pid = db.execute(insert(projects).values(name="Discharge")).inserted_primary_key[0]
        people = [
            db.execute(
                insert(participants).values(
                    project_id=pid,
                    display_name=name,
                    pseudonym=made_up,
                    role=role,
                )
            ).inserted_primary_key[0]
            for name, made_up, role in (
                ("Rosalind Achebe", "Robin", "lived_experience"),
                ("Dr Okafor", "Kit", "professional"),
            )
        ]
        for person, speaker in zip(people, ("Rosalind Achebe", "Dr Okafor"), strict=True):
            db.execute(
                insert(speaker_names).values(project_id=pid, speaker=speaker, participant_id=person)
            )
        session_ids, turn_ids = [], []
        for title in ("First meeting", "Second meeting"):
            sid = db.execute(
                insert(sessions).values(project_id=pid, title=title, kind="workshop")
            ).inserted_primary_key[0]
            session_ids.append(sid)
            for n, (speaker, role, text) in enumerate(TURNS):
                uid = db.execute(
                    insert(utterances).values(
                        session_id=sid,
                        turn=n,
                        speaker=speaker,
                        role=role,
                        text=text,
                        source="made-up.txt",
                        line=n + 1,
                    )
                ).inserted_primary_key[0]
                if title == "First meeting":
                    turn_ids.append(uid)
    return pid, session_ids, people, turn_ids


def test_the_code_book_is_a_tree_renamed_moved_merged_and_deleted_as_asked(store) -> None:
    pid, _, _, turns = _project(store)
    add_code(
        store, pid, "Waiting", actor="Sam", definition="Time before help came", colour="#1f77b4"
    )
    add_code(store, pid, "Too long", actor="Sam", parent="Waiting")
    add_code(store, pid, "Feeling alone", actor="Sam")
    add_code(store, pid, "Forgotten", actor="Sam", parent="Feeling alone")
    book = code_book(store, pid)
    assert list(book["path"]) == [
        "Feeling alone",
        "Feeling alone / Forgotten",
        "Waiting",
        "Waiting / Too long",
    ]
    assert book.set_index("name").loc["Waiting", "colour"] == "#1F77B4"
    with pytest.raises(CoprodLabError, match="already a code"):
        add_code(store, pid, " Waiting ", actor="Sam")
    with pytest.raises(CoprodLabError, match="not a colour code"):
        add_code(store, pid, "Red", actor="Sam", colour="red")
    with pytest.raises(CoprodLabError, match="own children"):
        move_code(store, pid, "Waiting", "Too long", actor="Sam")
    with pytest.raises(CoprodLabError, match="merge the two codes"):
        rename_code(store, pid, "Too long", "Waiting", actor="Sam")
    rename_code(store, pid, "Too long", "Weeks of waiting", actor="Sam")

    code_passage(store, pid, turns[0], ["Weeks of waiting", "Waiting"], coder="Sam")
    code_passage(store, pid, turns[2], "Forgotten", coder="Sam", start=18, end=42)
    code_passage(store, pid, turns[2], "Feeling alone", coder="Sam", start=18, end=42)
    # Merging: the same passage coded with both counts once; children follow.
    assert merge_codes(store, pid, "Forgotten", "Feeling alone", actor="Sam") == 0
    assert coded_passages(store, pid, "Feeling alone", real_names=True)["passage"].tolist() == [
        "I felt forgotten at home"
    ]
    move_code(store, pid, "Feeling alone", "Waiting", actor="Sam")
    with pytest.raises(CoprodLabError, match="no parent code"):
        delete_code(store, pid, "Waiting", actor="Sam", coding="to_parent")
    # Deleting a child: its coding moves up to its parent (which already has turn 0's).
    assert delete_code(store, pid, "Weeks of waiting", actor="Sam", coding="to_parent") == 0
    assert delete_code(store, pid, "Feeling alone", actor="Sam", coding="Waiting") == 1
    assert delete_code(store, pid, "Waiting", actor="Sam", coding="remove") == 2
    assert code_book(store, pid).empty
    with store.read() as db:
        assert db.scalar(select(func.count()).select_from(coded_utterances)) == 0
        actions = list(db.scalars(select(events.c.action).where(events.c.subject == "code")))
    assert actions.count("created") == 4 and actions.count("deleted") == 3
    assert {"renamed", "merged", "moved"} <= set(actions)


def test_passages_are_characters_of_a_turn_removed_and_undone(store) -> None:
    pid, _, _, turns = _project(store)
    add_code(store, pid, "Waiting", actor="Sam")
    add_code(store, pid, "Support", actor="Sam")
    whole = code_passage(store, pid, turns[0], "Waiting", coder="Sam")
    part = code_passage(store, pid, turns[0], ["Support", "Waiting"], coder="Sam", start=2, end=22)
    assert code_passage(store, pid, turns[0], "Waiting", coder="Sam") == []  # no double
    found = coded_passages(store, pid, real_names=True)
    assert set(zip(found["start_char"], found["end_char"], strict=True)) == {
        (0, len(TURNS[0][2])),
        (2, 22),
    }
    assert set(found["passage"]) == {TURNS[0][2], "waited six weeks for"}
    for start, end in ((5, 5), (-1, 3), (0, len(TURNS[0][2]) + 1)):
        with pytest.raises(CoprodLabError, match="not within turn"):
            code_passage(store, pid, turns[0], "Waiting", coder="Sam", start=start, end=end)
    with pytest.raises(CoprodLabError, match="no code called"):
        code_passage(store, pid, turns[0], "Unknown", coder="Sam")

    remove_coding(store, pid, whole[0], actor="Sam")
    assert len(coded_passages(store, pid)) == 2
    assert "Put back 1" in undo_last(store, pid, actor="Sam")
    assert len(coded_passages(store, pid)) == 3
    assert "Removed the 2" in undo_last(store, pid, actor="Sam")  # the two-code passage
    assert set(coded_passages(store, pid)["passage_id"]).isdisjoint(part)
    undo_last(store, pid, actor="Sam")
    assert coded_passages(store, pid).empty
    with pytest.raises(CoprodLabError, match="nothing of yours left"):
        undo_last(store, pid, actor="Sam")
    with store.read() as db:
        audited = list(db.scalars(select(events.c.action).where(events.c.subject == "passage")))
    assert audited.count("coded passage") == 2 and audited.count("undid") == 3


def test_memos_and_typed_attributes_are_kept_and_filter(store) -> None:
    pid, session_ids, people, turns = _project(store)
    cid = add_code(store, pid, "Waiting", actor="Sam")
    passage = code_passage(store, pid, turns[0], "Waiting", coder="Sam")[0]
    add_memo(store, pid, "project", "Started coding.", author="Sam")
    add_memo(store, pid, "session", "Short meeting.", author="Sam", target_id=session_ids[0])
    add_memo(store, pid, "code", "Waiting for any help.", author="Ann", target_id=cid)
    add_memo(
        store,
        pid,
        "participant",
        "Rosalind Achebe came with a carer.",
        author="Sam",
        target_id=people[0],
    )
    add_memo(store, pid, "passage", "Six weeks is long.", author="Ann", target_id=passage)
    assert memos_of(store, pid)["about"].tolist() == [
        "project",
        "session",
        "code",
        "participant",
        "passage",
    ]
    assert memos_of(store, pid, "code", cid)["author"].tolist() == ["Ann"]
    assert memos_of(store, pid, "participant")["text"].tolist() == ["Robin came with a carer."]
    assert "Rosalind Achebe" in memos_of(store, pid, real_names=True)["text"].iloc[3]
    with pytest.raises(CoprodLabError, match="needs its id"):
        add_memo(store, pid, "session", "No session", author="Sam")
    with pytest.raises(IntegrityError), store.write() as db:  # the database refuses it too
        db.execute(insert(memos).values(project_id=pid, about="code", text="x", author="S"))

    define_attribute(
        store, pid, "Age group", "choice", actor="Sam", choices=["18-34", "35-64", "65+"]
    )
    define_attribute(store, pid, "Years using services", "number", actor="Sam")
    define_attribute(store, pid, "Joined", "date", actor="Sam")
    set_attribute(store, pid, people[0], "Age group", "65+", actor="Sam")
    set_attribute(store, pid, people[0], "Years using services", "12", actor="Sam")
    set_attribute(store, pid, people[1], "Joined", dt.date(2026, 3, 1), actor="Sam")
    for name, value in (("Age group", "70"), ("Years using services", "many"), ("Joined", "March")):
        with pytest.raises(CoprodLabError, match="not"):
            set_attribute(store, pid, people[1], name, value, actor="Sam")
    table = attribute_table(store, pid)
    assert table.loc[people[0], "Years using services"] == 12.0
    assert table.loc[people[1], "Joined"] == dt.date(2026, 3, 1)
    older = coded_passages(store, pid, attributes={"Age group": "65+"})
    assert len(older) == 1
    assert coded_passages(store, pid, attributes={"Years using services": lambda v: v > 20}).empty


def test_retrieval_shows_context_filters_and_hides_real_names(store) -> None:
    pid, session_ids, _, turns = _project(store)
    add_code(store, pid, "Contact", actor="Sam")
    add_code(store, pid, "Phoning", actor="Sam", parent="Contact")
    code_passage(store, pid, turns[2], "Phoning", coder="Sam", start=0, end=17)
    code_passage(store, pid, turns[3], "Contact", coder="Ann")
    found = coded_passages(store, pid, "Contact")  # with the child code
    assert found["code"].tolist() == ["Phoning", "Contact"]
    first = found.iloc[0]
    assert (first["before"], first["after"]) == (TURNS[1][2], TURNS[3][2])
    assert found.iloc[1]["after"] == ""
    assert found["speaker"].tolist() == ["Robin", "Kit"]
    shown = found.to_csv()
    assert "Rosalind" not in shown and "Okafor" not in shown
    assert coded_passages(store, pid, "Contact", real_names=True)["speaker"].tolist() == [
        "Rosalind Achebe",
        "Dr Okafor",
    ]
    assert coded_passages(store, pid, "Contact", with_children=False)["coder"].tolist() == ["Ann"]
    assert coded_passages(store, pid, coders=["Sam"])["passage"].tolist() == ["Nobody phoned me."]
    assert coded_passages(store, pid, roles=["professional"])["turn"].tolist() == [3]
    assert coded_passages(store, pid, session_ids=[session_ids[1]]).empty

    hits = search(store, pid, "phone")  # stems: phoned, phone
    assert hits["turn"].tolist() == [2, 3, 2, 3]
    assert hits.iloc[0]["spans"] == [(7, 13)]
    assert search(store, pid, '"six weeks" support', session_ids=[session_ids[0]])[
        "turn"
    ].tolist() == [0]
    assert search(store, pid, "supporting", roles=["lived_experience"])["turn"].tolist() == [0, 0]
    assert search(store, pid, "support", stems=False)["turn"].tolist() == [0, 0]

    both = co_occurrence(store, pid)
    assert both.loc["Phoning", "Phoning"] == 1 and both.loc["Contact", "Phoning"] == 0
    by_role = code_case_matrix(store, pid, "role")
    assert by_role.loc["Contact", "professional"] == 1
    by_person = code_case_matrix(store, pid, "participant")
    assert list(by_person.columns) == ["Kit", "Robin"]
    assert "Dr Okafor" in code_case_matrix(store, pid, "participant", real_names=True).columns


def test_coders_are_compared_on_turns_with_several_codes(store) -> None:
    pid, _session_ids, _, turns = _project(store)
    for name in ("Waiting", "Alone"):
        add_code(store, pid, name, actor="Sam")
    # Sam: turn 0 Waiting and Alone, turn 2 Alone. Ann: turn 0 Waiting, turn 1 Alone, 2 Alone.
    code_passage(store, pid, turns[0], ["Waiting", "Alone"], coder="Sam")
    code_passage(store, pid, turns[2], "Alone", coder="Sam", start=0, end=5)
    code_passage(store, pid, turns[0], "Waiting", coder="Ann", start=2, end=8)
    code_passage(store, pid, turns[1], "Alone", coder="Ann")
    code_passage(store, pid, turns[2], "Alone", coder="Ann")
    table = compare_coders(store, pid, ["Sam", "Ann"]).set_index(["code", "coders"])
    assert table.loc[("Waiting", "Ann & Sam"), "kappa"] == pytest.approx(1.0)
    # Alone over 4 turns: Sam 1,0,1,0 and Ann 0,1,1,0: Po 1/2, Pe 1/2 -> kappa 0;
    # alpha: n 8, four 1s, two disagreeing turns -> 1 - (7 * 4) / (2 * 4 * 4) = 1/8.
    assert table.loc[("Alone", "Ann & Sam"), "kappa"] == pytest.approx(0.0)
    assert table.loc[("Alone", "all"), "alpha"] == pytest.approx(1 / 8)
    assert (table["units"] == 4).all()  # the first session only: Ann coded nothing else
    differ = differences(store, pid, ["Sam", "Ann"])
    assert differ[["code", "turn", "applied_by"]].values.tolist() == [
        ["Alone", 0, "Sam"],
        ["Alone", 1, "Ann"],
    ]
    assert "Rosalind" not in differ.to_csv()


def test_the_code_book_goes_to_a_valid_qdc_file_and_back(store, tmp_path) -> None:
    pid, _, _, _ = _project(store)
    add_code(store, pid, "Waiting", actor="Sam", definition="Time before help", colour="#ff7f0e")
    add_code(store, pid, "Too long", actor="Sam", parent="Waiting")
    path = export_qdc(store, pid, tmp_path / "codes.qdc")
    assert qdc_problems(path) == []
    with store.write() as db:
        other = db.execute(insert(projects).values(name="Other")).inserted_primary_key[0]
    add_code(store, other, "Waiting", actor="Ann")
    assert import_qdc(store, other, path, actor="Ann") == {
        "added": ["Too long"],
        "kept": ["Waiting"],
    }
    book = code_book(store, other).set_index("name")
    assert book.loc["Too long", "parent"] == "Waiting"
    fresh = tmp_path / "fresh.qdc"
    with store.write() as db:
        third = db.execute(insert(projects).values(name="Third")).inserted_primary_key[0]
    import_qdc(store, third, path, actor="Ann")
    export_qdc(store, third, fresh)
    assert code_book(store, third)[["path", "definition", "colour"]].values.tolist() == (
        code_book(store, pid)[["path", "definition", "colour"]].values.tolist()
    )

    # As ATLAS.ti 23 writes a code book: an origin, a schema location, code groups as Sets.
    atlas = tmp_path / "atlas.qdc"
    atlas.write_text(ATLAS_STYLE, encoding="utf-8")
    assert qdc_problems(atlas) == []
    assert import_qdc(store, third, atlas, actor="Ann")["added"] == ["Staff", "Kind staff"]
    found = code_book(store, third).set_index("name")
    assert (found.loc["Staff", "colour"], found.loc["Kind staff", "parent"]) == ("#46AA00", "Staff")

    broken = tmp_path / "broken.qdc"
    broken.write_text(path.read_text().replace('isCodable="true"', 'isCodable="maybe"', 1))
    line = next(n for n, t in enumerate(broken.read_text().splitlines(), 1) if "maybe" in t)
    with pytest.raises(CoprodLabError, match=rf"broken\.qdc line {line}: .*isCodable"):
        import_qdc(store, third, broken, actor="Ann")
    twice = tmp_path / "twice.qdc"
    twice.write_text(path.read_text().replace('name="Too long"', 'name="Waiting"'))
    with pytest.raises(CoprodLabError, match="both name a code 'Waiting'"):
        import_qdc(store, third, twice, actor="Ann")


ATLAS_STYLE = """<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
 xsi:schemaLocation="urn:QDA-XML:codebook:0:4 Codebook.xsd" origin="ATLAS.ti Win 23.4.0"
 xmlns="urn:QDA-XML:codebook:1.0">
  <Codes>
    <Code guid="86397F09-4443-4C68-A58B-76254C7CCDE0" name="Staff" color="#46AA00" isCodable="true">
      <Description>What people said about staff</Description>
      <Code guid="CF1CB7DE-0D42-440D-A29B-C20C5701929F" name="Kind staff" isCodable="true" />
    </Code>
  </Codes>
  <Sets>
    <Set name="People" guid="5B978719-BED0-415E-B230-A9B487794299">
      <MemberCode guid="86397F09-4443-4C68-A58B-76254C7CCDE0" />
    </Set>
  </Sets>
</CodeBook>
"""


def test_codes_made_before_the_coding_core_become_whole_turns(store_url: str) -> None:
    from alembic import command

    old = connect(store_url)
    with old.write() as db:
        command.upgrade(old._alembic(db), "0006")
    with old.write() as db:
        pid = db.execute(insert(projects).values(name="Old")).inserted_primary_key[0]
        sid = db.execute(
            insert(sessions).values(project_id=pid, title="S", kind="other")
        ).inserted_primary_key[0]
        uid = db.execute(
            insert(utterances).values(
                session_id=sid,
                turn=0,
                speaker="A",
                role="unknown",
                text="Hello there",
                source="x",
                line=1,
            )
        ).inserted_primary_key[0]
        cid = db.execute(
            insert(codes).values(project_id=pid, name="Greeting", created_by="S")
        ).inserted_primary_key[0]
        db.execute(insert(coded_utterances).values(code_id=cid, utterance_id=uid, coder="S"))
    old.upgrade()
    assert old.schema_state() == "current"
    found = coded_passages(old, pid, real_names=True)
    assert found[["start_char", "end_char", "passage"]].values.tolist() == [[0, 11, "Hello there"]]
    old.engine.dispose()
