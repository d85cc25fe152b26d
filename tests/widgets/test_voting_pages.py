"""The voting pages, driven by the messages a browser sends, crafted ones included."""

from __future__ import annotations

import time
from types import SimpleNamespace

from sqlalchemy import func, select

from coprod_lab.definitions import ballots, rounds, voting, workshops
from coprod_lab.store.schema import contributions, votes
from coprod_lab.widgets.facilitate import FacilitatorPage
from coprod_lab.widgets.results_board import ResultsBoard
from coprod_lab.widgets.vote import VotingPage
from tests.definitions.room import a_room
from tests.widgets.messages import buttons, every_widget, press, send_state


def stored(store, table=votes) -> int:
    with store.read() as db:
        return db.scalar(select(func.count()).select_from(table))


def page_for(store, room, name: str = "Dev") -> VotingPage:
    page = VotingPage(store, {"room": room.workshop.room_code}, watch=False)
    send_state(page.name, value=name)
    press(page.join)
    assert page.ballot is not None and page.ballot.name == name
    return page


def test_joining_by_room_code_and_name_then_by_personal_link_opens_the_same_ballot(store) -> None:
    room = a_room(store)
    page = page_for(store, room)
    # The marked link: the page template makes it the address, so a reload comes back here.
    link = f"<a class='coprod-personal-link' href='?ballot={page.ballot.token}'>"
    assert link in page._top.value
    again = VotingPage(store, {"ballot": page.ballot.token}, watch=False)
    assert again.ballot.id == page.ballot.id
    wrong = VotingPage(store, {"ballot": "not-a-ballot"}, watch=False)
    assert wrong.ballot is None and "did not work" in wrong.children[0].value
    lost = VotingPage(store, {}, watch=False)
    send_state(lost.room_code, value="ZZZZZZ")
    send_state(lost.name, value="Sam")
    press(lost.join)
    assert lost.ballot is None and "no room with that code" in lost.status


def test_approval_votes_are_saved_and_said_saved_only_after_the_commit(store) -> None:
    room = a_room(store)
    page = page_for(store, room)
    a = room.candidates[0]
    send_state(page.controls[a], value=True)
    assert voting.my_votes(store, page.ballot.id, room.round.id) == {a: 1}
    assert page.saved[a].value == "<p>Saved: you agree.</p>"
    first_card = next(w for w in every_widget(page) if "coprod-card" in w._dom_classes)
    press(buttons(first_card)["Skip"])
    assert voting.my_votes(store, page.ballot.id, room.round.id) == {a: None}
    assert "skipped" in page.saved[a].value
    assert page.controls[a].value is False  # the tick is cleared, and no 0 was cast for it


def test_crafted_messages_store_nothing_wrong(store) -> None:
    room = a_room(store, "thumbs")
    page = page_for(store, room)
    other = page_for(store, room, "Priya")
    a, b, _c = room.candidates
    # Another person's ballot cannot be named: it is not a widget trait.
    send_state(page, ballot=other.ballot.id)
    assert page.ballot.id != other.ballot.id
    # Values the control never offers are refused by the widget before any code runs.
    before = stored(store)
    send_state(page.controls[a], index=7)
    assert stored(store) == before and page.controls[a].value is None
    send_state(page.controls[a], index=0)  # "Agree"
    assert voting.my_votes(store, page.ballot.id, room.round.id) == {a: 1}
    # A candidate hidden after the page was drawn: the page still shows it, the store refuses.
    rounds.hide_candidate(store, b, "Said the same as another.", actor="f")
    send_state(page.controls[b], index=2)
    assert voting.my_votes(store, page.ballot.id, room.round.id) == {a: 1}
    # The round closes while the page still shows the buttons: nothing more is stored.
    rounds.close_round(store, room.round.id, actor="f")
    before = stored(store)
    send_state(page.controls[a], index=2)
    assert "closed" in page.status
    assert stored(store) == before
    assert voting.my_votes(store, page.ballot.id, room.round.id) == {a: 1}


def test_a_word_sent_after_the_room_moved_on_is_refused(store) -> None:
    room = a_room(store, open_it=False)
    workshops.set_stage(store, room.workshop.id, "words", actor="f")
    page = page_for(store, room)
    send_state(page.word, value="trust")
    press(page.add_word)
    words = stored(store, contributions)
    assert "Saved" in page.status
    workshops.set_stage(store, room.workshop.id, "vote", actor="f")
    send_state(page.word, value="power")
    press(page.add_word)  # the stale page still has the button
    assert "moved on" in page.status and stored(store, contributions) == words
    assert page.check_for_changes() is True
    assert "add_word" not in buttons(page)


def test_dots_and_ranked_pages(store) -> None:
    room = a_room(store, "dots", dots=2)
    page = page_for(store, room)
    a, b, _c = room.candidates
    cards = [w for w in every_widget(page) if "coprod-card" in w._dom_classes]
    add_a = buttons(cards[0])["Add a dot"]
    for _ in range(3):
        press(add_a)
    assert voting.my_votes(store, page.ballot.id, room.round.id) == {a: 2}
    assert "dots left" in page.status
    press(buttons(cards[0])["Take a dot back"])
    press(buttons(cards[1])["Add a dot"])
    assert voting.my_votes(store, page.ballot.id, room.round.id) == {a: 1, b: 1}
    assert "Dots left: 0" in page.dots_left.value

    ranked = a_room(store, "ranked", title="Ranked room")
    me = page_for(store, ranked)
    x, y, z = ranked.candidates
    send_state(me.controls[z], index=2)  # z: choice 1
    send_state(me.controls[x], index=2)  # x: choice 1, z moves to 2
    assert voting.my_votes(store, me.ballot.id, ranked.round.id) == {x: 1, z: 2}
    assert me.controls[z].value == 2
    send_state(me.controls[y], index=9)
    assert voting.my_votes(store, me.ballot.id, ranked.round.id) == {x: 1, z: 2}


def test_i_dont_understand_only_offers_words_from_the_definition(store) -> None:
    room = a_room(store)
    page = page_for(store, room)
    card = next(w for w in every_widget(page) if "coprod-card" in w._dom_classes)
    assert "Which word?" not in [getattr(w, "description", "") for w in every_widget(card)]
    press(buttons(card)["I don't understand a word in this"])
    press(buttons(card)["I don't understand a word in this"])  # a second press adds nothing
    words = [w for w in every_widget(card) if getattr(w, "description", "") == "Which word?"]
    assert len(words) == 1
    words = words[0]
    send_state(words, index=99)
    assert words.value is None
    send_state(words, index=0)
    press(buttons(card)["Send the word"])
    assert "Co-production" in page.status and "plain English" in page.status


def test_facilitator_pages_open_only_with_the_key(store) -> None:
    room = a_room(store, open_it=False)
    board_key = workshops.board_key(store, room.workshop.id, room.key)
    for query in (
        {},
        {"key": "guess"},
        {"ballot": page_for(store, room).ballot.token},
        {"key": board_key},  # the board's key never opens the facilitator page
        {"board": room.key},  # nor the facilitator key the board (shown on a projector)
    ):
        for page in (
            FacilitatorPage(store, query, watch=False),
            ResultsBoard(store, query, watch=False),
        ):
            assert buttons(page) == {} and "This page needs the" in page.children[0].value
    page = FacilitatorPage(store, {"key": room.key}, address="http://room.example/", watch=False)
    assert room.workshop.room_code in page.heading.value
    assert "http://room.example/vote.ipynb?room=" in page.heading.value
    # The board link a facilitator is told to show carries the board key, never theirs.
    assert f"results-board.ipynb?board={board_key}" in page.heading.value
    assert room.key not in page.heading.value
    # The definition chooser shows a definition, not a blank.
    assert page.candidate.value == room.candidates[0]
    # Opening twice: the second press of the now-disabled button changes nothing.
    press(page.open_button)
    assert rounds.get_round(store, room.round.id).status == "open"
    assert page.open_button.disabled
    press(page.open_button)
    assert "already been opened" in page.status
    press(page.close_button)
    assert rounds.get_round(store, room.round.id).status == "closed"
    press(page.close_button)
    assert "Only an open round" in page.status


def test_facilitator_runs_a_round_from_words_to_results(store) -> None:
    room = a_room(store, open_it=False)
    page = FacilitatorPage(store, {"key": room.key}, address="http://room.example/", watch=False)
    send_state(page.stage, index=0)
    assert workshops.get_workshop(store, room.workshop.id).stage == "words"
    voter = page_for(store, room, "Joan")
    for word in ("trust", "Trust"):
        send_state(voter.word, value=word)
        press(voter.add_word)
    page.refresh()
    send_state(page.entry, index=1)
    send_state(page.same_as, index=0)
    press(page.join_entries)
    assert "Joined" in page.status
    send_state(page.round_title, value="Second vote")
    send_state(page.method, index=1)  # thumbs
    press(page.add_round)
    assert page.round.label.startswith("Second vote")
    for text in ("We share power.", "We start together."):
        send_state(page.new_candidate, value=text)
        press(page.add_typed)
    send_state(page.candidate, index=0)
    send_state(page.rewording, value="We share power and decisions.")
    press(page.reword)
    assert page.status == "Reworded."
    send_state(page.stage, index=0)  # back to words: opening the vote moves the room on
    press(page.open_button)
    assert workshops.get_workshop(store, room.workshop.id).stage == "vote"
    assert page.stage.value == "vote" and "The vote is open" in page.open_said.value
    new_round = page.round.value
    board = ResultsBoard(store, {"board": page._board_key}, watch=False)
    voting.cast(store, voter.ballot.id, new_round, rounds.candidates_in(store, new_round)[0].id, 1)
    # Results hidden until the vote closes: the board says how many voted, and no more.
    assert board.check_for_changes() is True
    assert "1 person has voted" in board.board.value
    assert "We share power and decisions." not in board.board.value
    send_state(page.hide_results, value=False)
    assert board.check_for_changes() is True
    assert "We share power and decisions." in board.board.value
    assert board.board.value.count("<svg") >= 2  # a drawn bar for each definition
    assert board.check_for_changes() is False
    press(page.make_cards)
    assert page.cards.value.count("<svg") == 20
    assert len(ballots.ballots_in(store, room.workshop.id)) == 21
    press(page.make_exports)
    assert page.exports.value.count("download=") == 4


def test_the_facilitator_page_follows_the_room_without_touching_its_fields(store) -> None:
    room = a_room(store, open_it=False)
    workshops.set_stage(store, room.workshop.id, "sentences", actor="f")
    page = FacilitatorPage(store, {"key": room.key}, watch=False)
    send_state(page.reason, value="half-typed reason")
    send_state(page.new_candidate, value="A definition being typed")
    fields = list(page.children)
    voter = page_for(store, room, "Ama")
    send_state(voter.sentence, value="We decide together.")
    press(voter.add_sentence)
    assert page.check_for_changes() is True
    assert "We decide together." in page.entries.value
    assert page.check_for_changes() is False  # nothing new: nothing sent
    # A refresh changes lists, never the fields or the page's layout.
    assert list(page.children) == fields
    assert page.reason.value == "half-typed reason"
    assert page.new_candidate.value == "A definition being typed"
    rounds.open_round(store, room.round.id, actor="f")
    assert page.check_for_changes() is True
    voting.cast(store, voter.ballot.id, room.round.id, room.candidates[0], 1)
    assert page.check_for_changes() is True
    assert "1 person voted" in page.result.value


def test_a_redraw_keeps_what_a_phone_is_typing_and_its_layout(store) -> None:
    room = a_room(store, open_it=False)
    workshops.set_stage(store, room.workshop.id, "sentences", actor="f")
    typing = page_for(store, room, "Slow")
    quick = page_for(store, room, "Quick")
    send_state(typing.sentence, value="Half a sent")
    layout = [list(typing.children), list(typing._stage_box.children)]
    send_state(quick.sentence, value="We share power.")
    press(quick.add_sentence)
    assert quick.sentence.value == ""  # emptied by its own save
    assert "Saved" in quick.sentence_said.value  # the message next to its button
    assert typing.check_for_changes() is True
    assert "We share power." in typing.sentences_list.value
    assert [list(typing.children), list(typing._stage_box.children)] == layout
    assert typing.sentence.value == "Half a sent"
    # A refused save leaves the field as it was, with the message beside its button.
    send_state(typing.sentence, value="x" * 401)
    press(typing.add_sentence)
    assert typing.sentence.value == "x" * 401 and "too long" in typing.sentence_said.value


def test_not_in_my_order_is_stored_and_shown_apart_from_skip(store) -> None:
    room = a_room(store, "ranked")
    page = page_for(store, room)
    x, y, z = room.candidates
    send_state(page.controls[x], index=2)  # x: choice 1
    send_state(page.controls[x], index=1)  # "Not in my order"
    send_state(page.controls[y], index=1)  # never ranked, left out on purpose
    cards = [w for w in every_widget(page) if "coprod-card" in w._dom_classes]
    press(buttons(cards[2])["Skip"])
    assert voting.my_votes(store, page.ballot.id, room.round.id) == {
        x: voting.NOT_IN_ORDER,
        y: voting.NOT_IN_ORDER,
        z: voting.SKIP,
    }
    assert "not in my order" in page.saved[x].value and "skipped" in page.saved[z].value


def test_a_press_that_takes_more_than_half_a_second_says_working_meanwhile(store) -> None:
    room = a_room(store, open_it=False)
    page = FacilitatorPage(store, {"key": room.key}, watch=False)
    seen: list[str] = []

    def slow() -> None:
        # Waits until the page says something (or 30 s): no timing is asserted.
        deadline = time.monotonic() + 30
        while page.status != "Working…" and time.monotonic() < deadline:
            time.sleep(0.05)
        seen.append(page.cards_said.value)

    assert page._try(slow, page.cards_said)
    assert seen == ["<p>Working…</p>"]  # beside the button pressed, while it works
    assert page.cards_said.value == ""  # and gone once the work is done


def test_a_suggested_change_is_typed_whole_and_saved_as_a_change_to_that_sentence(store) -> None:
    room = a_room(store, open_it=False)
    workshops.set_stage(store, room.workshop.id, "sentences", actor="f")
    author = page_for(store, room, "Author")
    other = page_for(store, room, "Other")
    old, new = "We work together with respect and trust.", "We work as equals, with trust."
    send_state(author.sentence, value=old)
    press(author.add_sentence)
    other.check_for_changes()
    assert [t for t, _v in other.suggest.options] == ["(a new sentence)", old]
    send_state(other.suggest, index=1)
    # The box is not filled with the old sentence (typing was added to its end): the old
    # sentence is shown above it instead.
    assert other.sentence.value == "" and f"Now it says: “{old}”" in other.suggest_now.value
    send_state(other.sentence, value=new)
    press(other.add_sentence)
    listed = contributions_of(store, room)
    assert [(c.text, c.edit_of) for c in listed] == [(old, None), (new, listed[0].id)]
    assert f"suggested change to “{old}”: “{new}”" in other.sentence_said.value
    assert other.suggest_now.value == "" and other.add_sentence.description == "Add my sentence"
    author.check_for_changes()  # the writer of the first sentence sees what the change is to
    assert f"{new} <em>(a suggested change to “{old}”)</em>" in author.sentences_list.value


def contributions_of(store, room):
    from coprod_lab.definitions import contributions as made

    return made.listed(store, room.workshop.id, "sentence")


def test_ranked_order_says_not_chosen_and_the_card_pressed_says_what_else_moved(store) -> None:
    room = a_room(store, "ranked")
    page = page_for(store, room)
    one, two, _three = room.candidates
    shown = {v: t for t, v in page.controls[one].options}
    assert shown[page.controls[one].value] == "Not chosen yet"  # not an empty box
    send_state(page.controls[one], index=2)  # definition 1: choice 1
    send_state(page.controls[two], index=2)  # definition 2: choice 1, so 1 moves to 2
    assert voting.my_votes(store, page.ballot.id, room.round.id) == {two: 1, one: 2}
    assert page.saved[two].value == (
        "<p>Saved: choice 1. Definition 1 moved from choice 1 to choice 2.</p>"
    )
    assert page.saved[one].value == "<p>Saved: choice 2.</p>"
    # "Not chosen yet" stores nothing: the stored place comes back, with how to leave it out.
    send_state(page.controls[one], index=0)
    assert voting.my_votes(store, page.ballot.id, room.round.id) == {two: 1, one: 2}
    assert page.controls[one].value == 2 and "Not in my order" in page.notes[one].value
    # Leaving definition 2 out closes the order up, and its card says so.
    send_state(page.controls[two], index=1)
    assert "Definition 1 moved from choice 2 to choice 1." in page.saved[two].value


def test_skip_shows_as_chosen_the_roles_have_a_name_and_enter_joins(store) -> None:
    room = a_room(store, "thumbs")
    page = page_for(store, room)
    a = room.candidates[0]
    assert page.role.description  # the radio group's accessible name
    assert "coprod-chosen" not in page.skips[a]._dom_classes
    press(page.skips[a])
    assert "coprod-chosen" in page.skips[a]._dom_classes  # aria-pressed comes from it
    send_state(page.controls[a], index=0)  # Agree
    assert "coprod-chosen" not in page.skips[a]._dom_classes
    again = VotingPage(store, {"ballot": page.ballot.token}, watch=False)
    assert "coprod-chosen" not in again.skips[a]._dom_classes
    # Enter in the name box joins, as the text box sends it.
    joining = VotingPage(store, {"room": room.workshop.room_code}, watch=False)
    send_state(joining.name, value="Enter")
    joining.name._handle_msg(
        {"content": {"data": {"method": "custom", "content": {"event": "submit"}}}, "buffers": []}
    )
    assert joining.ballot is not None and joining.ballot.name == "Enter"


def test_the_facilitator_sees_suggested_changes_apart_from_new_sentences(sqlite_store) -> None:
    store = sqlite_store
    project_id, _made = workshops.project_for_workshop(store, None, actor="f")
    made, key = workshops.create_workshop(store, project_id, "Room", actor="f")
    workshops.set_stage(store, made.id, "sentences", actor="f")
    room = SimpleNamespace(workshop=made)  # all page_for needs: the room code
    page = FacilitatorPage(store, {"key": key}, watch=False)
    first = page_for(store, room, "Ama")
    send_state(first.sentence, value="We decide together.")
    press(first.add_sentence)
    other = page_for(store, room, "Bo")
    # The browser sends the chosen option's place in the list.
    original = [v for label, v in other.suggest.options if label == "We decide together."]
    send_state(other.suggest, index=[v for _l, v in other.suggest.options].index(original[0]))
    send_state(other.sentence, value="We decide together, as equals.")
    press(other.add_sentence)
    assert page.check_for_changes() is True
    shown = page.entries.value
    new, changes = shown.split("<h3>New sentences</h3>")[1].split("<h3>Suggested changes</h3>")
    assert "We decide together." in new and "as equals" not in new
    assert "We decide together, as equals. <em>(a change to “We decide together.”)</em>" in changes
    labels = [label for label, _id in page.entry.options]
    assert "Suggested change: We decide together, as equals." in labels
    assert "Sentence: We decide together." in labels


def test_after_the_vote_closed_the_page_never_says_it_has_not_opened_yet(store) -> None:
    room = a_room(store)
    before = page_for(store, room)
    rounds.close_round(store, room.round.id, actor="f")
    for page in (
        page_for(store, room, "Late"),
        VotingPage(store, {"ballot": before.ballot.token}, watch=False),
    ):
        text = " ".join(
            w.value for w in every_widget(page) if hasattr(w, "value") and isinstance(w.value, str)
        )
        assert "not opened yet" not in text and "No vote is open now" in text
