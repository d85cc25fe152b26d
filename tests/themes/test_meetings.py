"""Themes on a meeting: what the meeting was about, not who was in it or how they said hello."""

from __future__ import annotations

import pandas as pd
import pytest

from coprod_lab.themes import Stability, find_themes
from coprod_lab.themes.result import SHORT_REPLY, SHORT_REPLY_LABEL
from coprod_lab.themes.talk import name_words, topic_text
from coprod_lab.themes.words import tokens
from coprod_lab.transcripts import read_transcript
from tests.conftest import SHARED

ZOOM = SHARED / "corpus" / "zoom-meeting" / "meeting003_transcript.vtt"
SHORT = ["Heard.", "Yes, that's right.", "Cheers, Rachel. Take care.", "Thanks, Colin!", "Mm-hmm."]


@pytest.fixture(scope="module")
def zoom() -> tuple[pd.DataFrame, object]:
    table = read_transcript(ZOOM)
    return table, find_themes(table, "text", speaker_column="speaker", turn_column="turn")


def _words_of_names(table: pd.DataFrame) -> set[str]:
    return {w for speaker in set(table["speaker"]) for w in tokens(speaker)}


def test_on_a_real_meeting_no_theme_is_named_after_a_person(zoom) -> None:
    table, found = zoom
    names = _words_of_names(table)
    assert len(names) >= 6  # Andrew, Knight, Paul, McCartney, ...
    for theme in found.themes:
        said = {w for term in theme.terms for w in term.split()} | set(tokens(theme.label))
        assert not said & names, (theme.label, said & names)


def test_on_a_real_meeting_short_replies_are_counted_apart_and_never_quoted(zoom) -> None:
    table, found = zoom
    rows = found.rows()
    short = rows["theme_id"] == SHORT_REPLY
    assert found.short_replies == int(short.sum()) > 0
    assert set(rows.loc[short, "theme_label"]) == {SHORT_REPLY_LABEL}
    assert rows.loc[short, "unclustered_because"].str.startswith("a short reply").all()
    assert f"{found.short_replies} short replies" in found.reason
    assert sum(t.size for t in found.themes) + found.short_replies + found.unclustered == len(table)
    quoted = {q.row - 1 for t in found.themes for q in t.quotes}
    assert not quoted & set(rows.index[short])


def test_names_made_up_names_markers_and_filler_are_not_what_the_model_reads() -> None:
    names = name_words(["Colin Bell (Guest)", "Ms. Shireen Ali (External)", "Person 1"])
    assert names == {"colin", "bell", "shireen", "ali"}
    read = topic_text(
        "Yeah, thanks Colin. So [PERSON 3] said xxxx waited, um, for the discharge lounge. "
        "Person 1 agreed, you know.",
        names,
    )
    assert tokens(read) == ["said", "waited", "for", "the", "discharge", "lounge"]


def test_filler_turns_are_short_replies_and_topic_phrases_name_the_theme() -> None:
    long = [
        "I waited in the discharge lounge for five hours before transport came.",
        "The discharge lounge had no food and nobody told me about transport.",
        "My transport from the discharge lounge was cancelled twice that day.",
        "The discharge lounge staff could not say when the transport would come.",
        "Nobody at home knew the new medicines or what the tablets were for.",
        "My tablets came with a list of medicines but nobody explained the doses.",
        "The pharmacist rang about my medicines a week later, which was too late.",
        "I had two boxes of tablets and no idea which medicines to stop.",
        "The carer came three days late and my wife had to lift me alone.",
        "Nobody from the care agency rang to say the carer was not coming.",
        "The care agency sent a different carer every day for a month.",
        "A carer from the agency stayed ten minutes when the plan said thirty.",
    ]
    turns = [text for pair in zip(long, SHORT * 3, strict=False) for text in pair] + long[
        len(SHORT) * 3 :
    ]
    table = pd.DataFrame(
        {
            "speaker": ["Rachel Moss" if i % 2 else "Colin Bell" for i in range(len(turns))],
            "text": turns,
        }
    )
    # Twelve texts are too few to split into themes by similarity: one theme, to read its label.
    found = find_themes(table, "text", speaker_column="speaker", n_themes=1)
    shorts = set(table["text"][found.labels == SHORT_REPLY])
    assert shorts == set(SHORT)
    [theme] = found.themes
    # The phrase four people said leads the label, not "discharge, lounge, transport".
    assert theme.label.startswith("discharge lounge and "), theme.label
    assert not {"colin", "rachel", "cheers", "yeah", "thanks"} & set(tokens(theme.label))


def test_the_survey_reading_themes_every_comment() -> None:
    comments = pd.DataFrame({"text": ["Very good.", "Kind staff", *SHORT]})
    found = find_themes(comments, "text")
    assert found.short_replies == 0
    assert (found.labels >= 0).all()


def test_low_stability_is_said_in_plain_words_with_what_to_do() -> None:
    shaky = Stability(runs=5, mean_ari=0.60, lowest_ari=0.39, themes=6)
    assert not shaky.steady
    assert "change a lot" in str(shaky)
    assert "fewer themes (for example n_themes=4)" in shaky.advice
    assert "more text" in shaky.advice
    steady = Stability(runs=5, mean_ari=0.995, lowest_ari=0.99, themes=11)
    assert steady.steady and steady.advice == "" and "change a lot" not in str(steady)
