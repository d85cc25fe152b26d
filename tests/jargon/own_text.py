"""The words coprod-lab itself shows people: its pages, its widgets and its README."""

from __future__ import annotations

import html
import re
from pathlib import Path

import ipywidgets as widgets
import nbformat

from coprod_lab.activities.quiz import starter_set
from coprod_lab.balancer import WAIT_PAGE
from coprod_lab.demo import load_demo
from coprod_lab.exports.report import project_report_html
from coprod_lab.jargon.documents import markdown_prose, read_document
from coprod_lab.kernels import GETTING_READY_PAGE
from coprod_lab.store import connect

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "coprod_lab" / "voila" / "voila" / "templates" / "coprod"


def without_markup(source: str) -> str:
    source = re.sub(r"\{[{%#].*?[}%#]\}", " ", source, flags=re.S)  # Jinja
    source = re.sub(r"<(script|style)\b.*?</\1>", " ", source, flags=re.S | re.I)
    source = re.sub(r"<code>.*?</code>", " ", source, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "\n", source))


def widget_text(widget: widgets.Widget) -> list[str]:
    """Every piece of text a widget and its children show or give to a screen reader."""
    found: list[str] = []
    for name in ("description", "placeholder", "tooltip"):
        value = getattr(widget, name, None)
        if isinstance(value, str) and value:
            found.append(value)
    if isinstance(widget, widgets.HTML):
        found.append(without_markup(widget.value))
    options = getattr(widget, "options", None)
    if isinstance(widget, widgets.Dropdown) and options:
        found += [label for label, *_ in widget._options_full if isinstance(label, str)]
    for child in getattr(widget, "children", ()):
        found += widget_text(child)
    return found


def template_messages(path: Path) -> str:
    """The sentences the page template's scripts show (its quoted strings with words in)."""
    quoted = re.findall(r'"((?:[^"\\]|\\.)*)"', path.read_text())
    said = [q for q in quoted if " " in q and re.fullmatch(r"[A-Za-z\\][^<>\[\]{}=#]*", q)]
    text = " ".join(said).encode().decode("unicode_escape")
    return without_markup(text)


def pages(tmp_path: Path) -> dict[str, str]:
    """The text of each page and widget, shown on the demo project."""
    from coprod_lab.definitions import workshops
    from coprod_lab.definitions.ballots import ballots_in
    from coprod_lab.widgets.facilitate import FacilitatorPage
    from coprod_lab.widgets.followup import FollowUp
    from coprod_lab.widgets.import_preview import ImportPreview
    from coprod_lab.widgets.ladder import LadderSelfAssessment
    from coprod_lab.widgets.overview import ProjectOverview
    from coprod_lab.widgets.pairs import PairMeetings
    from coprod_lab.widgets.pitch import PitchBuilder
    from coprod_lab.widgets.plain_english import PlainEnglishChecker
    from coprod_lab.widgets.preparation import PreparationPage
    from coprod_lab.widgets.profiles import CommunicationPreferences, OnePageProfile
    from coprod_lab.widgets.results_board import ResultsBoard
    from coprod_lab.widgets.session_plan import SessionPlanPage, TodaysPlan
    from coprod_lab.widgets.speaker_mapper import SpeakerMapper
    from coprod_lab.widgets.storytelling import StorytellingRecorder
    from coprod_lab.widgets.vote import VotingPage

    store = connect(f"sqlite:///{tmp_path / 'own-text.sqlite3'}")
    store.upgrade()
    project_id = load_demo(store)
    checker = PlainEnglishChecker(store)
    checker.text.value = "Thank you for coming today. We will write to you next week."
    checker.check.click()
    room = workshops.workshops_in(store, project_id)[0]
    key = workshops.new_facilitator_key(store, room.id, actor="own text")
    card = {"ballot": ballots_in(store, room.id)[0].token}
    shown = {
        "voting page": VotingPage(store, card, watch=False),
        "joining the room": VotingPage(store, {}, watch=False),
        "facilitator page": FacilitatorPage(store, {"key": key}, address="http://room/"),
        "results board": ResultsBoard(store, {"key": key}, watch=False),
        "project overview": ProjectOverview(store),
        "speaker mapper": SpeakerMapper(store, project_id),
        "import preview": ImportPreview(store),
        "plain English check": checker,
        "collaborative pairs": PairMeetings(store),
        "one-page profile": OnePageProfile(store),
        "communication and feedback": CommunicationPreferences(store),
        "storytelling recorder": StorytellingRecorder(store),
        "pitch builder": PitchBuilder(store),
        "ladder": LadderSelfAssessment(store),
        "follow-up": FollowUp(store),
        "preparation": PreparationPage(store),
        "session plan": SessionPlanPage(store),
        "plan for today": TodaysPlan(store),
    }
    # The room activities (issue 24), on the demo's quiz and panel rooms.
    for activity in ("quiz", "questions"):
        made = next(w for w in workshops.workshops_in(store, project_id) if w.activity == activity)
        made_key = workshops.new_facilitator_key(store, made.id, actor="own text")
        made_card = {"ballot": ballots_in(store, made.id)[0].token}
        shown[f"{activity} phone"] = VotingPage(store, made_card, watch=False)
        shown[f"{activity} facilitator page"] = FacilitatorPage(
            store, {"key": made_key}, address="http://room/", watch=False
        )
        shown[f"{activity} board"] = ResultsBoard(
            store, {"board": workshops.board_key_for(made_key)}, watch=False
        )
    texts = {name: "\n\n".join(widget_text(w)) for name, w in shown.items()}
    texts["start page"] = without_markup((TEMPLATES / "tree-lab.html").read_text())
    texts["please-wait page, no server"] = without_markup(WAIT_PAGE)
    texts["getting-ready page, no kernel waiting"] = without_markup(GETTING_READY_PAGE)
    texts["page template's messages"] = template_messages(TEMPLATES / "index.html.j2")
    texts["README"] = read_document(ROOT / "README.md")
    texts["quiz starter set"] = "\n\n".join(f"{t} {why}" for t, _rung, why in starter_set())
    texts["report"] = without_markup(project_report_html(store, project_id))
    for notebook in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cells = nbformat.read(notebook, as_version=4).cells
        texts[f"notebook {notebook.stem}"] = markdown_prose(
            "\n\n".join(c.source for c in cells if c.cell_type == "markdown")
        )
    return texts
