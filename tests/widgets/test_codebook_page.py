"""The code book screen, driven through its widgets as a person would."""

from __future__ import annotations

from sqlalchemy import insert

from coprod_lab.coding.codebook import code_book
from coprod_lab.coding.passages import code_passage
from coprod_lab.coding.retrieval import coded_passages
from coprod_lab.store.schema import projects, sessions, utterances
from coprod_lab.widgets.codebook import TOP, CodeBookPage


def test_a_researcher_builds_and_changes_the_code_book_on_the_page(store) -> None:
    with store.write() as db:
        pid = db.execute(insert(projects).values(name="P")).inserted_primary_key[0]
        sid = db.execute(
            insert(sessions).values(project_id=pid, title="S", kind="other")
        ).inserted_primary_key[0]
        uid = db.execute(
            insert(utterances).values(
                session_id=sid,
                turn=0,
                speaker="A",
                role="unknown",
                text="I waited weeks.",
                source="x",
                line=1,
            )
        ).inserted_primary_key[0]
    page = CodeBookPage(store, actor="Sam")
    assert "No codes yet" in page.tree.value
    page.name.value, page.definition.value = "Waiting", "Time before help"
    page.add.click()
    assert page.status == "Saved: the code Waiting."
    assert page.name.value == ""  # cleared by its own save
    page.name.value, page.parent.value = "Weeks", "Waiting"
    page.add.click()
    page.name.value = "Weeks"
    page.add.click()
    assert "already a code" in page.status
    assert list(code_book(store, pid)["path"]) == ["Waiting", "Waiting / Weeks"]

    code_passage(store, pid, uid, "Weeks", coder="Sam")
    page.refresh()
    assert "(1 coded)" in page.tree.value
    page.code.value, page.new_name.value = "Weeks", "Many weeks"
    page.rename.click()
    assert page.status == "Saved: Weeks is now called Many weeks."
    page.code.value, page.move_to.value = "Many weeks", TOP
    page.move.click()
    assert code_book(store, pid).set_index("name").loc["Many weeks", "depth"] == 0

    page.code.value = "Many weeks"
    page.delete.click()  # nothing chosen for its coding: nothing happens
    assert "Nothing was deleted" in page.status
    page.on_delete.value, page.merge_into.value = "other", "Waiting"
    page.delete.click()
    assert page.status == "Saved: Many weeks is deleted; 1 coded passage moved."
    assert coded_passages(store, pid, real_names=True)["code"].tolist() == ["Waiting"]
    assert list(code_book(store, pid)["name"]) == ["Waiting"]
