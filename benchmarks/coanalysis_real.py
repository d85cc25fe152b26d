"""Co-analysis on a real meeting: what a co-analyst sees, and how long it takes.

    .venv/bin/python benchmarks/coanalysis_real.py

The meeting is a real Zoom transcript (../shared/corpus/zoom-meeting/meeting003_transcript.vtt,
6 speakers, names already replaced by its publishers; andrewpknight/zoomGroupStats, MIT). Each
speaker becomes a participant; all but the first agree to sharing, so that speaker's turns
must not be shown. Figures:
- turns stored and turns shared; the first speaker's turns shown (must be 0); participants'
  names left in the shared words (must be 0);
- names of other people the recogniser found when the session was opened, and the time that
  took (CPU and wall clock; on a shared machine the wall clock counts others' work);
- the map from characters shown back to characters stored, checked on every word of every
  shared turn: a word that is not a replaced name must come back as the same characters;
- the co-analyst's page: CPU seconds to build it, and to tick a code and pick out words;
- the comparison (agreement and turns to talk about) with three co-analysts who each ticked a
  seeded random third of the turns.
"""

from __future__ import annotations

import random
import re
import tempfile
import time
from pathlib import Path

from coprod_lab import connect
from coprod_lab.coanalysis import invitations, opening, together, work
from coprod_lab.coanalysis.turns import ANOTHER_PERSON, shared_turns
from coprod_lab.coding.codebook import add_code
from coprod_lab.store.schema import utterances
from coprod_lab.transcripts.importing import import_transcripts
from coprod_lab.transcripts.read import read_transcript
from coprod_lab.transcripts.speakers import NewPerson, map_speakers

ZOOM = Path(__file__).resolve().parents[2] / "shared/corpus/zoom-meeting/meeting003_transcript.vtt"


def timed(action):
    wall, cpu = time.perf_counter(), time.process_time()
    result = action()
    return result, time.process_time() - cpu, time.perf_counter() - wall


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    store = connect(f"sqlite:///{folder / 'store.sqlite3'}")
    store.upgrade()
    table = read_transcript(ZOOM)
    import_transcripts(store, [table], project="Zoom meeting", kind="other")
    project_id, session_id = 1, 1
    speakers = [s for s in dict.fromkeys(table["speaker"]) if s and s != "Unknown speaker"]
    speakers = [s for s in speakers if isinstance(s, str) and s.strip()]
    mapping = {s: NewPerson(s, "lived_experience") for s in speakers}
    consent = {
        s: ({"record"} if i == 0 else {"record", "share", "quote"}) for i, s in enumerate(speakers)
    }
    map_speakers(store, project_id, mapping, actor="benchmark", consent=consent)
    for name in ("Waiting", "Trust", "Money"):
        add_code(store, project_id, name, actor="benchmark", definition=f"About {name.lower()}.")
    _, cpu, wall = timed(lambda: opening.open_for_coanalysis(store, session_id, actor="benchmark"))
    with store.read() as db:
        stored = (
            db.execute(utterances.select().where(utterances.c.session_id == session_id))
            .mappings()
            .all()
        )
    with store.read() as db:
        others = opening.hidden_names(db, session_id)
    print(
        f"turns stored: {len(stored)}; speakers: {len(speakers)} "
        f"({speakers[0]!r} did not agree to sharing)"
    )
    print(
        f"opening (the recogniser over every turn): CPU {cpu:.2f} s, wall {wall:.2f} s; "
        f"other people's names found: {len(others)} {others[:8]}"
    )
    turns, cpu, wall = timed(lambda: shared_turns(store, project_id, session_id))
    by_id = {r["id"]: r for r in stored}
    print(f"turns shared: {len(turns)}; made in CPU {cpu:.2f} s, wall {wall:.2f} s")
    print(
        f"turns of {speakers[0]!r} shown: "
        f"{sum(by_id[t.utterance_id]['speaker'] == speakers[0] for t in turns)}"
    )
    left = sum(
        1
        for t in turns
        for s in speakers
        for part in s.split()
        if len(part) > 2 and re.search(rf"\b{re.escape(part)}\b", t.text)
    )
    print(f"participants' names (or parts) left in shared words: {left}")
    print(f"turns showing {ANOTHER_PERSON!r}: {sum(ANOTHER_PERSON in t.text for t in turns)}")
    words = same = replaced = 0
    for t in turns:
        text = by_id[t.utterance_id]["text"]
        for start, end, word in t.words():
            words += 1
            begin, finish = t.to_stored(start, end)
            if text[begin:finish] == word:
                same += 1
            else:
                replaced += 1
            assert t.to_shown(begin, finish)[0] <= start
    print(
        f"words checked: {words}; same characters back: {same}; "
        f"within a replaced name or number: {replaced}"
    )
    people = invitations.invite(store, project_id, ["Ash", "Bea", "Cy"], actor="benchmark")
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the tests' fake browser
    from coprod_lab.widgets.coanalysis import CoAnalysisPage
    from tests.widgets.messages import press, send_state

    page, cpu, wall = timed(lambda: CoAnalysisPage(store, {"coanalyst": people[0].token}))
    print(f"co-analyst's page built: CPU {cpu:.2f} s, wall {wall:.2f} s")

    def tick_and_pick():
        send_state(page.code_ticks["Waiting"], value=True)
        send_state(page.pick_words, value=True)
        send_state(page.word_ticks[0][2], value=True)
        press(page.save_words)

    _, cpu, wall = timed(tick_and_pick)
    print(
        f"tick a code and pick out a word: CPU {cpu:.2f} s, wall {wall:.2f} s "
        f"({page.words_said.value})"
    )
    rng = random.Random(23)
    for who in people:
        for t in rng.sample(turns, len(turns) // 3):
            work.set_code(
                store, who, t.utterance_id, rng.choice(["Waiting", "Trust", "Money"]), True
            )
    agreement, cpu, wall = timed(lambda: together.agreement(store, project_id))
    talk, cpu2, wall2 = timed(lambda: together.to_discuss(store, project_id))
    print(
        f"agreement ({len(agreement)} rows): CPU {cpu:.2f} s, wall {wall:.2f} s; "
        f"turns to talk about ({len(talk)}): CPU {cpu2:.2f} s, wall {wall2:.2f} s"
    )
    for row in agreement:
        if row["coders"] == "all":
            print(f"  {row['code']}: group alpha {row['alpha']:.3f} (seeded random coding)")


if __name__ == "__main__":
    main()
