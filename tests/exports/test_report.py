"""The plain-English report: what it says about the demo project, whose words it quotes, and
that it never shows a real name unless asked. The browser checks are in tests/e2e."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from coprod_lab.demo import load_demo, read_project_file
from coprod_lab.errors import CoprodLabError
from coprod_lab.exports.report import project_report_html, session_named, write_report
from coprod_lab.overview import project_summary
from coprod_lab.privacy.people import set_consent
from coprod_lab.store.schema import participants

REAL_NAMES = [p["display_name"] for p in read_project_file()["participants"]]
FIRST_NAMES = [name.split()[0] for name in REAL_NAMES]


def words(page: str) -> str:
    """What a reader sees: the page without its tags and style."""
    page = re.sub(r"<style>.*?</style>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


@pytest.fixture
def demo(store):
    return store, load_demo(store)


def test_the_report_covers_the_project_with_made_up_names(demo) -> None:
    store, project_id = demo
    page = project_report_html(store, project_id)
    seen = words(page)
    for heading in (
        "Who took part",
        "Who spoke how much",
        "Themes in what people said",
        "Definitions voted on",
        "The Ladder of Co-production",
    ):
        assert seen.count(heading) == 2  # in the contents and as a heading
    assert "5 people took part: 1 facilitator, 2 lived experience, 2 professional." in seen
    # Turns by role, counted from the two demo transcripts (34 turns in all).
    assert re.search(r"Lived experience\s+2\s+16 \(47%\)", seen)
    assert "These transcripts have no times." in seen
    assert "Most support: “Co-production is people who use services" in seen
    assert "5 people voted" in seen
    assert seen.count("Person 1") >= 3  # in quotes' names and in the ladder table
    assert [name for name in REAL_NAMES + FIRST_NAMES if name in seen] == []
    assert "<script" not in page and "http" not in page.replace("http-equiv", "")


def test_real_names_only_when_asked(demo) -> None:
    store, project_id = demo
    seen = words(project_report_html(store, project_id, real_names=True))
    assert "Real names are shown: keep this report private." in seen
    assert "Dev Morgan" in seen


def test_quotes_only_from_people_who_agreed_to_be_quoted(demo) -> None:
    store, project_id = demo
    before = words(project_report_html(store, project_id))
    quoted = re.findall(r"(Person \d), turn \d+", before)
    assert "Person 1" in quoted
    with store.read() as db:
        dev = db.scalar(
            participants.select()
            .with_only_columns(participants.c.id)
            .where(participants.c.pseudonym == "Person 1")
        )
    set_consent(store, dev, "quote", None, actor="test")
    after = words(project_report_html(store, project_id))
    assert "Person 1" not in re.findall(r"(Person \d), turn \d+", after)
    assert re.search(
        r"1 quote is not shown: the person who said it has not agreed to be quoted\."
        r"|\d+ quotes are not shown: the people who said them have not agreed to be quoted\.",
        after,
    )
    assert "Agreement is recorded on the speaker screen." in after  # what to do about it
    # The themes are the same: only the quotes shown change.
    assert re.findall(r"\d+ turns \(\d+%\)", after) == re.findall(r"\d+ turns \(\d+%\)", before)


def test_a_session_report_holds_that_session_only(demo) -> None:
    store, project_id = demo
    session_id = session_named(store, project_id, "Storytelling: waiting for a care package")
    seen = words(project_report_html(store, project_id, session_id=session_id))
    assert " ".join(seen.split()).startswith("Storytelling: waiting for a care package: what we")
    assert "3 people took part: 1 facilitator, 1 lived experience, 1 professional." in seen
    assert "The turns fall into" in seen  # 15 turns are enough for themes
    themed = sum(int(n) for n in re.findall(r"(\d+) turns \(\d+%\)", seen))
    short = re.search(r"(\d+) turns? (?:is a short reply|are short replies)", seen)
    assert themed + (int(short.group(1)) if short else 0) == 15  # every turn is told
    assert "Ladder" not in seen  # ratings belong to the project, not a session
    assert "No vote has been closed yet." in seen  # the vote was in the workshop session
    workshop = session_named(store, project_id, "What co-production means to us")
    voted = words(project_report_html(store, project_id, session_id=workshop))
    assert "Most support" in voted
    assert "No conversation has been recorded." in voted


def test_a_project_without_sessions_says_so_in_words(store) -> None:
    from coprod_lab.transcripts.importing import _project

    with store.write() as db:
        project_id = _project(db, "Empty", "test")
    seen = words(project_report_html(store, project_id))
    assert "Nobody is recorded as taking part." in seen
    assert "No conversation has been recorded." in seen
    assert "There are 0 turns" in seen
    assert "No vote has been closed yet." in seen
    assert "Nobody has rated the project on the ladder yet." in seen
    assert project_summary(store, project_id).sessions == ()


def test_writing_the_report_checks_the_file_name_first(demo, tmp_path: Path) -> None:
    store, project_id = demo
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    with pytest.raises(CoprodLabError, match=r"report\.txt must end in \.html"):
        write_report(store, project_id, tmp_path / "report.txt")
    with pytest.raises(CoprodLabError, match="does not exist"):
        write_report(store, project_id, tmp_path / "missing" / "report.html")
    with pytest.raises(CoprodLabError, match="no session called 'Nope'"):
        session_named(store, project_id, "Nope")
    written = write_report(store, project_id, tmp_path / "report.html")
    assert written.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert list(tmp_path.iterdir()) == [written]


def test_quotes_hide_contact_details(store, tmp_path: Path) -> None:
    import datetime as dt

    from coprod_lab.overview import project_named
    from coprod_lab.transcripts import read_plain_text
    from coprod_lab.transcripts.importing import import_transcripts
    from coprod_lab.transcripts.speakers import NewPerson, map_speakers

    topics = ["the ward food", "the night nurses", "my tablets", "the letter", "going home"]
    said = tmp_path / "contact.txt"
    said.write_text(
        "\n".join(
            f"Ann Lee: Please write to ann{n}@example.org about {topics[n % 5]}, thank you."
            for n in range(15)
        ),
        encoding="utf-8",
    )
    import_transcripts(store, [read_plain_text(said, session="Contact")], project="Contact")
    project_id = project_named(store, "Contact")
    [ann] = map_speakers(
        store, project_id, {"Ann Lee": NewPerson("Ann Lee", "lived_experience")}, actor="test"
    ).values()
    set_consent(store, ann, "quote", dt.date(2026, 11, 1), actor="test")
    seen = words(project_report_html(store, project_id))
    assert "[EMAIL]" in seen and "@example.org" not in seen
    assert "Ann" not in seen
    # Asked for, the quotes keep what was said, whichever turns are quoted.
    assert re.search(
        r"ann\d+@example\.org", project_report_html(store, project_id, real_names=True)
    )
