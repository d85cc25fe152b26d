"""Coders are researchers: a coder's own name is made up only when it is a participant's whole
name (privacy.people.CODERS_RULE), the same way in every table. Coder "Sam" once became
participant "Sam Okafor"'s made-up name as memo author and applied_by, while not_by still
said "Sam"."""

from __future__ import annotations

from sqlalchemy import insert

from coprod_lab.coding.comparing import differences
from coprod_lab.coding.memos import add_memo, memos_of
from coprod_lab.coding.passages import code_passage
from coprod_lab.coding.retrieval import coded_passages
from coprod_lab.exports import project_tables
from coprod_lab.privacy.people import made_up_names
from coprod_lab.store.schema import participants
from tests.coanalysis.project import a_project


def test_a_coder_named_like_part_of_a_participant_keeps_their_own_name(sqlite_store) -> None:
    store = sqlite_store
    p = a_project(store)
    with store.write() as db:
        db.execute(
            insert(participants).values(
                project_id=p.id, display_name="Sam Okafor", pseudonym="Jo", role="lived_experience"
            )
        )
    names = made_up_names(store, p.id)
    assert names["Sam Okafor"] == "Jo"
    first, second = p.turns[0], p.turns[1]
    code_passage(store, p.id, first, "Waiting", coder="Sam")
    code_passage(store, p.id, second, "Waiting", coder="Ana")
    # A co-analyst who is a participant codes under their whole name: that one is made up.
    code_passage(store, p.id, second, "Waiting", coder="Sam Okafor")
    add_memo(store, p.id, "project", "Waiting comes up a lot.", author="Sam")

    passages = coded_passages(store, p.id)
    assert set(passages["coder"]) == {"Sam", "Ana", "Jo"}
    assert list(memos_of(store, p.id)["author"]) == ["Sam"]

    differ = differences(store, p.id, ["Sam", "Ana", "Sam Okafor"]).set_index("turn")
    first_turn, second_turn = 0, 1  # the open session's first two turns
    assert differ.loc[first_turn, "applied_by"] == "Sam"
    assert differ.loc[first_turn, "not_by"] == "Ana, Jo"
    assert differ.loc[second_turn, "applied_by"] == "Ana, Jo"
    assert differ.loc[second_turn, "not_by"] == "Sam"
    assert "Sam Okafor" not in differ.to_csv()
    real = differences(store, p.id, ["Sam", "Ana", "Sam Okafor"], real_names=True)
    assert "Ana, Sam Okafor" in set(real["applied_by"])

    # Exports: coders who are not participants get "Coder n", the same n in every table.
    tables = project_tables(store, p.id)
    coder = dict(zip(tables["coding"]["utterance_id"], tables["coding"]["coder"], strict=True))
    sam = coder[first]
    assert sam.startswith("Coder ")
    assert list(tables["memos"]["author"]) == [sam]
    assert set(tables["coding"].loc[tables["coding"]["utterance_id"] == second, "coder"]) == {
        "Jo",
        next(c for c in tables["coding"]["coder"] if c not in (sam, "Jo")),
    }
    assert "Jo" not in set(tables["codes"]["created_by"])
    for table in tables.values():
        assert "Sam Okafor" not in table.to_csv()
