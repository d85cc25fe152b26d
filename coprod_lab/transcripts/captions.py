"""Caption files: WebVTT (Zoom, Microsoft Teams) and SRT.

Why not webvtt-py: it is lenient where we must be strict. On ../shared/corpus/subtitle-edge-cases
it returns invalid_timeframe.vtt with the bad cue silently dropped, and glues the untimed cue of
missing_timeframe.srt into the cue before it. It also gives no line numbers, and a bad file must
be reported by file and line. So this is a small parser that follows the WebVTT block structure
(header, blank-line-separated blocks, NOTE/STYLE/REGION blocks skipped) and SRT's.

Speakers: Teams puts them in voice tags (`<v Adrian Petrescu>Why hello there.</v>`), Zoom at
the start of the cue text (`Andrew Knight: Okay, so we're recording`). Consecutive cues of one
speaker merge into one utterance (start of the first, end of the last). A cue holding several
voices (`<v Ann>Yes.</v> <v Bob>No.</v>`) gives one utterance per voice, with the cue's times.
Character references are decoded in names as in words (`Sam O&#39;Brien`). A `Name:` label
that does not read as a name (`and then she said: go`) is taken as a name only when the file
uses it in two cues or more.

The older Teams layout has no WEBVTT header and no blank lines: a timing line
(`0:0:0.0 --> 0:0:1.510`), the speaker's name on its own line, then the words
(`parse_timed_lines`).

The rule for cues with no speaker: each becomes an utterance of its own by "Unknown speaker"
(role unknown) and is never merged with a neighbour, because nothing says the same person
spoke. A cue with no words is skipped. A block with no timing line is an error.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coprod_lab.transcripts.names import is_name_like
from coprod_lab.transcripts.table import (
    UNKNOWN_SPEAKER,
    Notes,
    TranscriptError,
    transcript_table,
    utterance,
)

if TYPE_CHECKING:
    import pandas as pd

# Hours are optional; Teams writes every part short (0:0:0.210), SRT uses a comma.
_TIME = r"(?:(\d+):)?(\d{1,2}):(\d{1,2})[.,](\d{1,3})"
_TIMING = re.compile(rf"^\s*{_TIME}\s*-->\s*{_TIME}(?:\s+.*)?$")
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?\s+([^>]+)>")
_TAG = re.compile(r"</?[^>]*>")
# Zoom's `Name: words`; a tag in brackets stays in the name (`Ashlee Kupor (SL): Okay`).
_NAMED = re.compile(
    r"^([^\W\d_][\w'’.\- ]{0,60}?(?:\s*\((?!\d)[^()]{1,40}\))*)\s*:\s+(\S.*)$", re.DOTALL
)
_LINES = re.compile(r"\r\n|\r|\n")


@dataclass
class Cue:
    start: float
    end: float
    speaker: str | None
    text: str
    line: int
    # The words with their `Name:` label, when the speaker came from one (see cues_to_table).
    labelled: str | None = None


def _seconds(parts: tuple[str | None, ...], path: Path, line: int) -> float:
    hours, minutes, seconds, fraction = parts
    if int(minutes) > 59 or int(seconds) > 59:
        raise TranscriptError(path, line, "has a time with more than 59 minutes or seconds.")
    return (
        int(hours or 0) * 3600
        + int(minutes) * 60
        + int(seconds)
        + int(fraction.ljust(3, "0")) / 1000
    )


def _timing(text: str, path: Path, line: int) -> tuple[float, float]:
    match = _TIMING.match(text)
    if not match:
        raise TranscriptError(
            path,
            line,
            f"the timing {text.strip()[:60]!r} is not like 00:01:02.500 --> 00:01:04.000.",
        )
    start = _seconds(match.groups()[:4], path, line)
    end = _seconds(match.groups()[4:], path, line)
    if end < start:
        raise TranscriptError(path, line, "this caption ends before it starts.")
    return start, end


def _clean(text: str) -> str:
    text = html.unescape(_TAG.sub("", text)).replace("\xa0", " ").strip()
    return re.sub(r"\s+", " ", text)


def _speaker_and_words(lines: list[str]) -> list[tuple[str | None, str, str | None]]:
    """(speaker or None, words, the words with their label) for each voice in a cue's lines."""
    text = " ".join(part.strip() for part in lines if part.strip())
    voices = list(_VOICE.finditer(text))
    if voices:
        pieces = []
        lead = _clean(text[: voices[0].start()])
        if lead:
            pieces.append((None, lead, None))
        for voice, following in zip(voices, [*voices[1:], None], strict=True):
            words = _clean(text[voice.end() : following.start() if following else len(text)])
            name = html.unescape(voice[1]).replace("\xa0", " ").strip()
            pieces.append((name or None, words, None))
        return pieces
    text = _clean(text)
    named = _NAMED.match(text)
    if named and len(named[1].split()) <= 6:
        return [(named[1].strip(), named[2].strip(), text)]
    return [(None, text, None)]


def _blocks(text: str, first_line: int) -> list[tuple[int, list[str]]]:
    """Blank-line-separated blocks as (line number of their first line, their lines)."""
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = first_line
    for number, line in enumerate(_LINES.split(text), start=first_line):
        if line.strip():
            if not current:
                start = number
            current.append(line)
        elif current:
            blocks.append((start, current))
            current = []
    if current:
        blocks.append((start, current))
    return blocks


def _cue_from_block(start: int, lines: list[str], path: Path, kind: str) -> list[Cue]:
    # A cue: an optional identifier (SRT: a number), a timing line, then its words. A timing
    # line inside the words starts a new cue, as the WebVTT standard says.
    timing_at = next((i for i, line in enumerate(lines) if "-->" in line), None)
    if timing_at is None or timing_at > 1:
        raise TranscriptError(
            path,
            start,
            f"this {kind} block has no timing line (like 00:00:01.000 --> 00:00:02.000).",
        )
    cues: list[Cue] = []
    rest = lines[timing_at:]
    line_number = start + timing_at
    while rest:
        begin, end = _timing(rest[0], path, line_number)
        words = []
        for extra in rest[1:]:
            if "-->" in extra:
                break
            words.append(extra)
        for speaker, text, labelled in _speaker_and_words(words):
            if text:
                at = start if not cues else line_number
                cues.append(Cue(begin, end, speaker, text, at, labelled))
        line_number += 1 + len(words)
        rest = rest[1 + len(words) :]
    return cues


def parse_webvtt(text: str, path: Path) -> list[Cue]:
    lines = _LINES.split(text)
    if not lines or not re.match(r"^WEBVTT(?:[ \t].*)?$", lines[0]):
        raise TranscriptError(path, 1, "a WebVTT file must start with the word WEBVTT.")
    # The header runs to the first blank line (Kind:, Language:, and YouTube's Style: lines).
    header_end = next((i for i, line in enumerate(lines) if not line.strip()), len(lines))
    body = "\n".join(lines[header_end:])
    cues: list[Cue] = []
    for start, block in _blocks(body, header_end + 1):
        if re.match(r"^(NOTE|STYLE|REGION)(?:[ \t].*)?$", block[0]):
            continue
        cues += _cue_from_block(start, block, path, "WebVTT")
    return cues


def parse_srt(text: str, path: Path) -> list[Cue]:
    cues: list[Cue] = []
    for start, block in _blocks(text, 1):
        if "-->" not in block[0] and not block[0].strip().isdigit():
            raise TranscriptError(
                path, start, "an SRT caption must start with its number or its timing line."
            )
        cues += _cue_from_block(start, block, path, "SRT")
    return cues


def parse_timed_lines(text: str, path: Path) -> list[Cue]:
    """The older Teams layout: timing line, name line, words, with or without blank lines."""
    cues: list[Cue] = []
    current: tuple[int, str, list[str]] | None = None
    numbered = list(enumerate(_LINES.split(text), start=1))
    for number, line in [*numbered, (len(numbered) + 1, "0:0:0.0 --> 0:0:0.0")]:
        if "-->" in line:
            if current is not None:
                cues += _timed_cue(*current, path)
            current = (number, line, [])
        elif line.strip():
            if current is None:
                raise TranscriptError(
                    path, number, "expected a timing line like 0:0:0.0 --> 0:0:1.5 first."
                )
            current[2].append(line)
    return cues


def _timed_cue(number: int, timing: str, lines: list[str], path: Path) -> list[Cue]:
    begin, end = _timing(timing, path, number)
    first = lines[0].strip() if lines else ""
    if (
        len(lines) >= 2
        and "<v" not in first
        and not first.endswith((".", "?", "!", ",", ":"))
        and is_name_like(html.unescape(first))
    ):
        words = _clean(" ".join(lines[1:]))
        return [Cue(begin, end, html.unescape(first), words, number)] if words else []
    return [
        Cue(begin, end, speaker, words, number, labelled)
        for speaker, words, labelled in _speaker_and_words(lines)
        if words
    ]


def cues_to_table(
    cues: list[Cue], path: Path, session: str, meta: dict[str, Any] | None = None
) -> pd.DataFrame:
    """Merge consecutive cues of one named speaker; unnamed cues stay on their own.

    Raises TranscriptError when no cue has words. Warns when some cues name no speaker.
    """
    notes = Notes(path, meta)
    if not cues:
        raise TranscriptError(path, None, "has no captions with words in them.")
    # A `Name:` label that does not read as a name, used once, is words, not a speaker.
    labels = Counter(cue.speaker for cue in cues if cue.labelled)
    for cue in cues:
        if cue.labelled and not is_name_like(cue.speaker or "") and labels[cue.speaker] < 2:
            cue.speaker, cue.text = None, cue.labelled
    rows: list[dict] = []
    for cue in cues:
        last = rows[-1] if rows else None
        if cue.speaker and last and last["speaker"] == cue.speaker:
            last["text"] += " " + cue.text
            last["end"] = max(last["end"], cue.end)
            continue
        rows.append(
            utterance(
                session,
                cue.speaker or UNKNOWN_SPEAKER,
                cue.text,
                path,
                cue.line,
                start=cue.start,
                end=cue.end,
            )
        )
    unnamed = [cue.line for cue in cues if not cue.speaker]
    if unnamed and len(unnamed) < len(cues):
        many = len(unnamed) > 1
        notes.warn(
            unnamed[0],
            f"{len(unnamed)} caption{'s name' if many else ' names'} no speaker (the first "
            f'is here); {"each is" if many else "it is"} kept as "{UNKNOWN_SPEAKER}", on '
            f"{'their' if many else 'its'} own.",
        )
    return transcript_table(rows, notes)
