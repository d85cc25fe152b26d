"""Migration 0011 adds the project glossary's advice and can be taken back (issue 20)."""

from __future__ import annotations

from alembic import command
from sqlalchemy import func, select

from coprod_lab.demo import load_demo
from coprod_lab.jargon.project_glossary import add_term
from coprod_lab.store.schema import glossary_terms


def test_terms_added_before_0011_keep_use_instead_and_it_goes_back_down(store) -> None:
    project_id = load_demo(store)
    add_term(store, project_id, "huddle", "a short team meeting", advice="explain", actor="Sam")
    with store.write() as db:
        command.downgrade(store._alembic(db), "0010_audit_project")
    with store.write() as db:
        command.upgrade(store._alembic(db), "head")
    with store.read() as db:
        rows = db.execute(select(glossary_terms.c.term, glossary_terms.c.advice)).all()
        count = db.scalar(select(func.count()).select_from(glossary_terms))
    # The term survives the way down and back; its advice is the default it had before 0011.
    assert count == 1
    assert [tuple(r) for r in rows] == [("huddle", "use instead")]
