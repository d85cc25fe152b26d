"""Votes on SQLite and PostgreSQL: one per ballot per candidate, open rounds only, all audited."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import IntegrityError

from coprod_lab.definitions import ballots, contributions, rounds, voting, workshops
from coprod_lab.definitions.results import round_result
from coprod_lab.errors import CoprodLabError
from coprod_lab.jargon.project_glossary import review_list
from coprod_lab.privacy.people import erase_participant
from coprod_lab.store import events
from coprod_lab.store.schema import ballots as ballots_table
from coprod_lab.store.schema import votes
from tests.definitions.room import a_room, voter


def count_votes(store, **where) -> int:
    query = select(func.count()).select_from(votes)
    for column, value in where.items():
        query = query.where(votes.c[column] == value)
    with store.read() as db:
        return db.scalar(query)


def test_room_codes_keys_and_ballots(store) -> None:
    room = a_room(store)
    code = room.workshop.room_code
    assert len(code) == 6 and set(code) <= set(workshops.ROOM_CODE_LETTERS)
    assert workshops.by_room_code(store, f" {code[:3].lower()}-{code[3:]} ").id == room.workshop.id
    assert workshops.by_facilitator_key(store, room.key).id == room.workshop.id
    assert workshops.by_facilitator_key(store, room.key + "x") is None
    assert workshops.by_facilitator_key(store, "") is None
    # The board's view-only key opens the board, never the facilitator page, and the
    # facilitator key does not open the board by the board's door.
    board = workshops.board_key(store, room.workshop.id, room.key)
    assert board != room.key and room.key not in board
    assert workshops.by_board_key(store, board).id == room.workshop.id
    assert workshops.by_facilitator_key(store, board) is None
    assert workshops.by_board_key(store, room.key) is None
    with pytest.raises(CoprodLabError):
        workshops.board_key(store, room.workshop.id, board)
    new = workshops.new_facilitator_key(store, room.workshop.id, actor="f")
    assert workshops.by_board_key(store, board) is None  # a new key retires the old board link
    assert workshops.by_board_key(store, workshops.board_key_for(new)).id == room.workshop.id
    first = ballots.join_by_name(store, room.workshop.id, "  Sam  Okafor ")
    again = ballots.join_by_name(store, room.workshop.id, "sam okafor")
    assert first.id == again.id and first.name == "Sam Okafor"
    assert ballots.by_token(store, first.token).id == first.id
    cards = ballots.make_ballots(store, room.workshop.id, 3, actor="f")
    assert len({c.token for c in cards}) == 3
    assert ballots.by_token(store, cards[1].token).workshop_id == room.workshop.id
    with pytest.raises(CoprodLabError, match="name"):
        ballots.join_by_name(store, room.workshop.id, "   ")


def test_votes_change_in_place_and_every_vote_is_an_audit_event(store) -> None:
    room = a_room(store)
    ballot = voter(store, room, "Dev", "lived_experience")
    a, b, _c = room.candidates
    assert voting.cast(store, ballot, room.round.id, a, 1).votes == {a: 1}
    assert voting.cast(store, ballot, room.round.id, a, 0).votes == {a: 0}
    assert voting.cast(store, ballot, room.round.id, b, None).votes == {a: 0, b: None}
    assert count_votes(store, ballot_id=ballot) == 2
    with store.read() as db:
        audited = db.execute(
            select(events.c.action, events.c.detail)
            .where(events.c.subject == "vote", events.c.actor == f"ballot {ballot}")
            .order_by(events.c.id)
        ).all()
    assert [(action, d["candidate"], d["value"]) for action, d in audited] == [
        ("vote", a, 1),
        ("change vote", a, 0),
        ("vote", b, None),
    ]


def test_the_database_itself_refuses_doubles_strangers_and_closed_rounds(store) -> None:
    room = a_room(store)
    other = a_room_in_same_project(store, room)
    ballot = voter(store, room, "Dev")
    a = room.candidates[0]
    voting.cast(store, ballot, room.round.id, a, 1)
    row = dict(workshop_id=room.workshop.id, round_id=room.round.id, candidate_id=a, value=1)
    for bad in (
        row | {"ballot_id": ballot},  # a second vote on the same candidate
        row | {"ballot_id": ballot, "candidate_id": other.candidates[0]},  # another round's
        row | {"ballot_id": voter(store, other, "Dev")},  # a ballot from another workshop
        row | {"ballot_id": ballot, "candidate_id": room.candidates[1], "value": 5},  # method
    ):
        with pytest.raises(IntegrityError), store.write() as db:
            db.execute(insert(votes).values(**bad))
    rounds.close_round(store, room.round.id, actor="f")
    with pytest.raises(IntegrityError, match="not open for voting"), store.write() as db:
        db.execute(
            insert(votes).values(row | {"ballot_id": ballot, "candidate_id": room.candidates[1]})
        )
    with pytest.raises(IntegrityError, match="not open for voting"), store.write() as db:
        db.execute(update(votes).where(votes.c.ballot_id == ballot).values(value=0))
    with pytest.raises(CoprodLabError, match="closed"):
        voting.cast(store, ballot, room.round.id, a, 0)
    assert count_votes(store, round_id=room.round.id) == 1


def a_room_in_same_project(store, room):
    workshop, _key = workshops.create_workshop(store, room.project_id, "Second room", actor="f")
    made = rounds.add_round(store, workshop.id, "Vote", "approval", actor="f")
    ids = [rounds.add_candidate(store, made.id, t, actor="f").id for t in ("One.", "Two.")]
    rounds.open_round(store, made.id, actor="f")
    from tests.definitions.room import Room

    return Room(room.project_id, workshop, _key, rounds.get_round(store, made.id), ids)


def test_a_hidden_definition_takes_no_votes_and_its_votes_stop_counting(store) -> None:
    room = a_room(store)
    ballot = voter(store, room, "Dev")
    a, b, _c = room.candidates
    voting.cast(store, ballot, room.round.id, a, 1)
    voting.cast(store, ballot, room.round.id, b, 1)
    rounds.hide_candidate(store, a, "It shares a private detail.", actor="f")
    with pytest.raises(CoprodLabError, match="not in this vote"):
        voting.cast(store, ballot, room.round.id, a, 0)
    with pytest.raises(IntegrityError, match="hidden or merged"), store.write() as db:
        db.execute(update(votes).where(votes.c.candidate_id == a).values(value=0))
    _found, result = round_result(store, room.round.id)
    assert [line.candidate_id for line in result.lines] == [b, room.candidates[2]]
    assert rounds.candidates_in(store, room.round.id)[0].reason == "It shares a private detail."


def test_dots_cannot_exceed_the_allowance_and_ranked_orders_are_kept_whole(store) -> None:
    room = a_room(store, "dots", dots=5)
    ballot = voter(store, room, "Dev")
    a, b, _c = room.candidates
    voting.cast(store, ballot, room.round.id, a, 3)
    with pytest.raises(CoprodLabError, match="2 dots left"):
        voting.cast(store, ballot, room.round.id, b, 3)
    voting.cast(store, ballot, room.round.id, a, 1)
    assert voting.cast(store, ballot, room.round.id, b, 4).votes == {a: 1, b: 4}
    with pytest.raises(CoprodLabError):
        voting.rank(store, ballot, room.round.id, [a, b])

    ranked = a_room_in_same_project(store, room)
    ranked_round = rounds.add_round(store, ranked.workshop.id, "Order", "ranked", actor="f")
    ids = [rounds.add_candidate(store, ranked_round.id, t, actor="f").id for t in "XYZ"]
    rounds.open_round(store, ranked_round.id, actor="f")
    me = voter(store, ranked, "Priya")
    assert voting.rank(store, me, ranked_round.id, [ids[2], ids[0]]).votes == {
        ids[2]: 1,
        ids[0]: 2,
    }
    # Left out of the order now: "not in my order" (0), a state of its own, not a skip.
    assert voting.rank(store, me, ranked_round.id, [ids[1]]).votes == {
        ids[2]: voting.NOT_IN_ORDER,
        ids[0]: voting.NOT_IN_ORDER,
        ids[1]: 1,
    }
    voting.cast(store, me, ranked_round.id, ids[2], voting.SKIP)
    assert voting.my_votes(store, me, ranked_round.id)[ids[2]] is None  # Skip stays a skip
    assert voting.rank(store, me, ranked_round.id, [], not_in_order=(ids[1],)).votes == {
        ids[2]: None,
        ids[0]: voting.NOT_IN_ORDER,
        ids[1]: voting.NOT_IN_ORDER,
    }
    for bad in ([ids[1], ids[1]], [ids[0], room.candidates[0]]):
        with pytest.raises(CoprodLabError, match="does not match"):
            voting.rank(store, me, ranked_round.id, bad)
    with pytest.raises(CoprodLabError, match="order"):
        voting.cast(store, me, ranked_round.id, ids[0], 1)


def test_words_and_sentences_follow_the_stage_and_moderation_keeps_a_reason(store) -> None:
    room = a_room(store, open_it=False)
    workshops.set_stage(store, room.workshop.id, "words", actor="f")
    ballot = voter(store, room, "Joan")
    word = contributions.add(
        store, room.workshop.id, "word", " trust ", ballot_id=ballot, actor="b"
    )
    same = contributions.add(store, room.workshop.id, "word", "Trust", ballot_id=None, actor="b")
    with pytest.raises(CoprodLabError, match="Sentences can be added only"):
        contributions.add(
            store, room.workshop.id, "sentence", "We trust.", ballot_id=ballot, actor="b"
        )
    contributions.merge(store, same.id, word.id, actor="f")
    with pytest.raises(CoprodLabError, match="why"):
        contributions.hide(store, word.id, "  ", actor="f")
    workshops.set_stage(store, room.workshop.id, "sentences", actor="f")
    with pytest.raises(CoprodLabError, match="moved on"):
        contributions.add(store, room.workshop.id, "word", "power", ballot_id=ballot, actor="b")
    sentence = contributions.add(
        store, room.workshop.id, "sentence", "We trust each other.", ballot_id=ballot, actor="b"
    )
    edit = contributions.add(
        store,
        room.workshop.id,
        "sentence",
        "We all trust each other.",
        ballot_id=None,
        edit_of=sentence.id,
        actor="b",
    )
    listed = contributions.listed(store, room.workshop.id, "word")
    assert [(c.text, c.state, c.merged_into) for c in listed] == [
        ("trust", "shown", None),
        ("Trust", "merged", word.id),
    ]
    assert contributions.listed(store, room.workshop.id, "sentence")[1].edit_of == sentence.id
    assert edit.edit_of == sentence.id


def test_rewording_waits_for_the_authors_agreement(store) -> None:
    room = a_room(store, open_it=False)
    author = voter(store, room, "Tom")
    mine = rounds.add_candidate(
        store, room.round.id, "We decide together.", ballot_id=author, actor="f"
    )
    assert (
        rounds.propose_rewording(store, mine.id, "We make decisions together.", actor="f") is False
    )
    assert rounds.candidates_in(store, room.round.id)[-1].text == "We decide together."
    with pytest.raises(CoprodLabError, match="no change waiting"):
        rounds.answer_rewording(store, mine.id, voter(store, room, "Sam"), True)
    rounds.answer_rewording(store, mine.id, author, True)
    assert rounds.candidates_in(store, room.round.id)[-1].text == "We make decisions together."
    # The facilitator's own wording changes at once.
    assert rounds.propose_rewording(store, room.candidates[0], "Equals from the start.", actor="f")
    rounds.open_round(store, room.round.id, actor="f")
    with pytest.raises(CoprodLabError, match="before the round opens"):
        rounds.propose_rewording(store, mine.id, "Again.", actor="f")


def test_i_dont_understand_sends_the_word_to_the_review_list(store) -> None:
    room = a_room(store)
    ballot = voter(store, room, "Dev")
    a = room.candidates[0]
    assert voting.words_in(rounds.candidates_in(store, room.round.id)[0].text)[:3] == [
        "Co-production",
        "is",
        "working",
    ]
    assert voting.not_understood(store, ballot, a, "Co-production") is True
    assert voting.not_understood(store, ballot, a, "Co-production") is False
    with pytest.raises(CoprodLabError, match="word from the definition"):
        voting.not_understood(store, ballot, a, "elephant")
    assert [w.word for w in review_list(store, room.project_id)] == ["Co-production"]


def test_erasing_a_person_removes_their_ballot_and_votes_even_in_a_closed_round(store) -> None:
    room = a_room(store)
    ballot = voter(store, room, "Dev")
    from coprod_lab.store import participants

    with store.read() as db:
        person = db.scalar(
            select(participants.c.id).where(participants.c.display_name == "Dev Morgan")
        )
    with store.write() as db:
        db.execute(
            update(ballots_table).where(ballots_table.c.id == ballot).values(participant_id=person)
        )
    voting.cast(store, ballot, room.round.id, room.candidates[0], 1)
    rounds.close_round(store, room.round.id, actor="f")
    erase_participant(store, person, actor="f")
    assert count_votes(store, round_id=room.round.id) == 0
    assert ballots.ballots_in(store, room.workshop.id) == []


def test_many_people_voting_at_once_lose_and_double_nothing(store) -> None:
    room = a_room(store)
    people = [voter(store, room, f"Person {n}") for n in range(24)]
    errors: list[BaseException] = []

    def vote(ballot: int) -> None:
        try:
            for candidate in room.candidates:
                voting.cast(store, ballot, room.round.id, candidate, 1)
            voting.cast(store, ballot, room.round.id, room.candidates[2], 0)
        except BaseException as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=vote, args=(b,)) for b in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    _found, result = round_result(store, room.round.id)
    scores = {line.candidate_id: line.score for line in result.lines}
    assert scores == {room.candidates[0]: 24, room.candidates[1]: 24, room.candidates[2]: 0}
    assert count_votes(store, round_id=room.round.id) == 72


def test_results_csv_shares_a_tied_place_and_skips_the_next(sqlite_store) -> None:
    import csv
    import io

    from coprod_lab.definitions import exports
    from coprod_lab.store.schema import projects

    store = sqlite_store
    with store.write() as db:
        project = db.execute(projects.insert().values(name="P")).inserted_primary_key[0]
    workshop, _key = workshops.create_workshop(store, project, "Room", actor="f")
    made = rounds.add_round(store, workshop.id, "Vote", "approval", actor="f")
    one, two, three = (
        rounds.add_candidate(store, made.id, text, actor="f").id for text in ("One", "Two", "3")
    )
    rounds.open_round(store, made.id, actor="f")
    workshops.set_stage(store, workshop.id, "vote", actor="f")
    for name, ticked in (("Ann", (one, two, three)), ("Bo", (one, two))):
        ballot = ballots.join_by_name(store, workshop.id, name).id
        for candidate in ticked:
            voting.cast(store, ballot, made.id, candidate, 1)
    rows = list(csv.DictReader(io.StringIO(exports.results_csv(store, workshop.id))))
    assert [(r["definition"], r["place"], r["place_shared"]) for r in rows] == [
        ("One", "1", "tied"),
        ("Two", "1", "tied"),
        ("3", "3", ""),
    ]
