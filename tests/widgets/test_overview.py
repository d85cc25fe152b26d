"""The project overview, tested without a browser: what it reads from the store, what it shows."""

from __future__ import annotations

from sqlalchemy import insert

from coprod_lab.demo import load_demo
from coprod_lab.overview import project_summary
from coprod_lab.store import participants, projects
from coprod_lab.widgets.overview import ProjectOverview


def test_the_summary_counts_people_by_role_and_turns_by_session(store) -> None:
    project_id = load_demo(store)
    summary = project_summary(store, project_id)
    assert summary.people_by_role == {"facilitator": 1, "lived_experience": 2, "professional": 2}
    turns = {s.title: s.turns for s in summary.sessions}
    assert turns["Storytelling: the day I went home"] == 19
    assert turns["Pair meeting 1: getting to know each other"] == 0
    assert [s.held_on for s in summary.sessions] == sorted(s.held_on for s in summary.sessions)


def test_the_page_shows_the_project_and_no_names(store) -> None:
    load_demo(store)
    page = ProjectOverview(store)
    shown = page._body.value
    assert "<h1>Leaving hospital well</h1>" in shown
    assert "Lived experience: 2" in shown
    assert "Dev Morgan" not in shown  # counts by role, never who
    assert page._choose.layout.display == "none"  # one project: nothing to choose
    bundle = page._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert "Leaving hospital well" in bundle["text/html"]


def test_choosing_another_project_shows_it(store) -> None:
    load_demo(store)
    with store.write() as db:
        other = db.execute(insert(projects).values(name="A <second> project")).inserted_primary_key[
            0
        ]
        db.execute(
            insert(participants).values(
                project_id=other, display_name="X", pseudonym="Person 1", role="professional"
            )
        )
    page = ProjectOverview(store)
    assert page._choose.layout.display == "flex"
    page._choose.value = other  # what a person choosing from the list does
    assert page.project_id == other
    assert "<h1>A &lt;second&gt; project</h1>" in page._body.value
    assert "Professional: 1" in page._body.value
    assert "No sessions yet." in page._body.value


def test_an_empty_store_says_what_to_do(store) -> None:
    page = ProjectOverview(store)
    assert page.project_id is None
    assert "coprod-lab demo" in page._body.value
