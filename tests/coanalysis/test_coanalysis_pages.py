"""The co-analyst's page and the comparison page, driven by the messages a browser sends,
crafted ones included."""

from __future__ import annotations

from sqlalchemy import func, select

from coprod_lab.coanalysis import invitations, opening, together, work
from coprod_lab.store.schema import coanalysis_marks, code_suggestions, coded_utterances, memos
from coprod_lab.widgets.coanalysis import CoAnalysisPage
from coprod_lab.widgets.coanalysis_together import TogetherPage
from tests.coanalysis.project import TURNS, a_project
from tests.widgets.messages import buttons, press, send_state


def stored(store) -> tuple[int, ...]:
    with store.read() as db:
        return tuple(
            db.scalar(select(func.count()).select_from(t))
            for t in (coded_utterances, coanalysis_marks, code_suggestions, memos)
        )


def test_a_coanalyst_codes_turn_by_turn_and_comes_back_where_they_stopped(sqlite_store) -> None:
    store = sqlite_store
    p = a_project(store)
    (ana,) = invitations.invite(store, p.id, ["Ana"], actor="researcher")
    assert "did not work" in CoAnalysisPage(store, {"coanalyst": "nope"}).children[0].value
    page = CoAnalysisPage(store, {"coanalyst": ana.token})
    assert "Turn 1 of 4" in page.progress.value and "0 of 4 turns done" in page.progress.value
    assert "Robin said" in page.turn_text.value
    # A code: saved at once, "Saved" next to it.
    send_state(page.code_ticks["Waiting"], value=True)
    assert work.turn_state(store, ana, page.turn).codes == {"Waiting"}
    assert "Saved: Waiting added." in page.code_said["Waiting"].value
    assert "1 of 4 turns done" in page.progress.value
    # Words that matter, chosen one word at a time as a tap or Space does.
    send_state(page.pick_words, value=True)
    words = [tick for _s, _e, tick in page.word_ticks]
    assert [w.description for w in words][:4] == ["I", "waited", "six", "weeks"]
    send_state(words[2], value=True)
    send_state(words[3], value=True)
    send_state(page.why, value="Six weeks alone.")
    press(page.save_words)
    assert "Saved: “six weeks”." in page.words_said.value
    [picked] = work.turn_state(store, ana, page.turn).selections
    assert page.turn.text[picked["start"] : picked["end"]] == "six weeks"
    assert picked["why"] == "Six weeks alone."
    assert "<mark>six weeks</mark>" in page.turn_text.value
    assert not any(w.value for w in words) and page.why.value == ""  # cleared by its own save
    # Next turn: Kit's, with Rosalind's name made up.
    press(page.next)
    assert page.index == 1 and "Robin was on a list" in page.turn_text.value
    send_state(page.important, value=True)
    assert "Saved: marked important." in page.important_said.value
    send_state(page.differently_note, value="They meant it kindly.")
    press(page.differently)
    assert "Saved" in page.differently_said.value and page.differently_note.value == ""
    send_state(page.suggestion, value="Passed around")
    press(page.suggest)
    assert "Saved: you suggested “Passed around”." in page.suggest_said.value
    press(page.skip)
    assert page.index == 2 and "Saved: turn 2 skipped." in page.nav_said.value
    # A reload comes back to the first turn not done (the third shared turn).
    again = CoAnalysisPage(store, {"coanalyst": ana.token})
    assert again.index == 2 and "2 of 4 turns done" in again.progress.value
    press(again.next)  # counted as read
    assert again.index == 3 and "3 of 4 turns done" in again.progress.value
    press(again.next)  # the last turn
    assert "last turn" in again.nav_said.value and "4 of 4 turns done" in again.progress.value
    press(again.back)
    assert again.index == 2


def test_crafted_messages_naming_a_session_not_open_store_nothing(sqlite_store) -> None:
    store = sqlite_store
    p = a_project(store)
    (ana,) = invitations.invite(store, p.id, ["Ana"], actor="researcher")
    # A link naming a session that is not open shows the open one instead.
    page = CoAnalysisPage(store, {"coanalyst": ana.token, "session": str(p.closed_session)})
    assert page.session_id == p.open_session
    assert "not open" in page.nav_said.value
    before = stored(store)
    # The chooser offers only open sessions: an index beyond them is refused by the widget.
    send_state(page.session_chooser, index=5)
    send_state(page.session_chooser, value=p.closed_session)
    assert page.session_id == p.open_session and stored(store) == before
    # The session closes while the page still shows it: presses store nothing.
    opening.close_coanalysis(store, p.open_session, actor="researcher")
    send_state(page.code_ticks["Waiting"], value=True)
    assert "no longer open" in page.code_said["Waiting"].value
    assert page.code_ticks["Waiting"].value is False
    send_state(page.important, value=True)
    press(page.skip)
    send_state(page.suggestion, value="Anything")
    press(page.suggest)
    send_state(page.pick_words, value=True)
    send_state(page.word_ticks[0][2], value=True)
    press(page.save_words)
    assert stored(store) == before
    # Another co-analyst cannot be named: the co-analyst is not a widget trait.
    send_state(page, who=999)
    assert page.who == ana


def test_the_comparison_page_shows_differences_first_and_takes_suggestions(sqlite_store) -> None:
    store = sqlite_store
    p = a_project(store)
    ana, ben = invitations.invite(store, p.id, ["Ana", "Ben"], actor="researcher")
    turns = p.turns
    work.set_code(store, ana, turns[0], "Waiting", True)
    work.set_code(store, ana, turns[1], "Waiting", True)
    work.set_code(store, ben, turns[0], "Waiting", True)
    work.mark(store, ben, turns[3], "read_differently", note="Angry, not sad.")
    suggestion = work.suggest_code(store, ben, turns[1], "Passed around", "Team to team.")
    page = TogetherPage(store, {"coanalyst": ben.token})
    discuss = page.discuss.value
    assert discuss.index("Ben read this differently: Angry, not sad<") < discuss.index(
        "Waiting: given by Ana; not by Ben"
    )
    assert "Rosalind" not in discuss and TURNS[3][2] in discuss
    assert "Ana (2), Ben (1)" in page.codes.value
    assert "Ana &amp; Ben" in page.agreement.value
    press(buttons(page.suggestions_box)["Add to the code book"])
    assert [r["state"] for r in together.suggestions(store, p.id)] == ["accepted"]
    assert "Added to the code book." in page.suggestions_box.children[0].children[0].value
    assert "Saved: added to the code book." in page.suggestion_said[suggestion].value
    assert ("Passed around", "Team to team.") in work.codes_to_choose(store, p.id)
    assert "did not work" in TogetherPage(store, {"coanalyst": "x"}).children[0].value


def test_words_typed_but_not_saved_wait_on_their_turn(sqlite_store) -> None:
    store = sqlite_store
    p = a_project(store)
    (ana,) = invitations.invite(store, p.id, ["Ana"], actor="researcher")
    page = CoAnalysisPage(store, {"coanalyst": ana.token})
    before = stored(store)
    # Turn 1: a reason for words, a note and a code suggestion, none of them saved.
    send_state(page.pick_words, value=True)
    send_state(page.word_ticks[2][2], value=True)
    send_state(page.why, value="Six weeks alone.")
    send_state(page.differently_note, value="It was the hospital's fault.")
    send_state(page.suggestion, value="Left alone")
    send_state(page.suggestion_meaning, value="Nobody came.")
    press(page.next)
    assert page.index == 1
    assert (page.why.value, page.differently_note.value, page.suggestion.value) == ("", "", "")
    assert not any(t.value for _s, _e, t in page.word_ticks)
    assert "not saved yet on turn 1" in page.drafts_note.value
    # Turn 2: a note of its own, then on to turn 3 with the Skip button.
    send_state(page.differently_note, value="Kind, not careless.")
    press(page.skip)
    assert "turns 1, 2" in page.drafts_note.value
    # Back to turn 1: everything is there again, and nothing of it was stored.
    press(page.back)
    press(page.back)
    assert page.index == 0
    assert page.why.value == "Six weeks alone."
    assert page.differently_note.value == "It was the hospital's fault."
    assert (page.suggestion.value, page.suggestion_meaning.value) == ("Left alone", "Nobody came.")
    assert [t.value for _s, _e, t in page.word_ticks][:4] == [False, False, True, False]
    assert "are back" in page.drafts_note.value and "turn 2" in page.drafts_note.value
    # Only marks from the Next and Skip buttons were stored (read, skipped), no words.
    assert stored(store)[2:] == before[2:]
    state = work.turn_state(store, ana, page.turn)
    assert state.selections == [] and "read_differently" not in state.marks
    # Saving the suggestion clears it; leaving and coming back brings the rest, not it.
    press(page.suggest)
    assert "Saved" in page.suggest_said.value
    press(page.next)
    press(page.back)
    assert page.suggestion.value == "" and page.why.value == "Six weeks alone."
    press(page.next)
    assert page.differently_note.value == "Kind, not careless."


def test_saved_lines_stay_on_their_turn_and_a_different_reading_is_shown_back(sqlite_store):
    store = sqlite_store
    p = a_project(store)
    (ana,) = invitations.invite(store, p.id, ["Ana"], actor="researcher")
    page = CoAnalysisPage(store, {"coanalyst": ana.token})
    send_state(page.code_ticks["Waiting"], value=True)
    send_state(page.important, value=True)
    assert "Saved: marked important." in page.important_said.value
    send_state(page.code_ticks["Waiting"], value=False)
    send_state(page.code_ticks["Waiting"], value=True)
    assert "Saved: Waiting added." in page.code_said["Waiting"].value
    send_state(page.differently_note, value="Angry, not sad.")
    press(page.differently)
    assert "Saved" in page.differently_said.value
    assert "You read this differently: Angry, not sad." in page.differently_shown.value
    press(page.next)
    # The new turn: no "Saved" line left from the last one, and no reading of its own.
    lines = [*page.code_said.values(), page.important_said, page.differently_said]
    assert page.index == 1 and all(line.value == "" for line in lines)
    assert page.differently_shown.value == ""
    # Coming back (or reloading) shows the saved reading, not an empty box only.
    press(page.back)
    assert "You read this differently: Angry, not sad." in page.differently_shown.value
    again = CoAnalysisPage(store, {"coanalyst": ana.token})
    again.go(0)
    assert "You read this differently: Angry, not sad." in again.differently_shown.value
