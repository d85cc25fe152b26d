"""Interview and podcast transcripts with a key of speakers, then turns marked by initials:

    Shaping our future (a title line)
    MD - Mary Dunn
    FD - Fay Dale, Interim Director        <- the job title is kept as a note
    Mary Dunn spoke to Fay Dale about ...  <- kept as the session's description

    MD So, tell me how it started.
    FD Well, it was a Tuesday...

    It rained all day.                      <- an unmarked paragraph carries on the turn

The key may have one speaker or many and may sit anywhere in the first lines. A turn marked
with initials that are not in the key (a typo, an unlisted guest) is never added to the turn
above: it is matched to a key entry only when that is safe (the initials are exactly one key
person's own, and that person's key mark marks no turn), otherwise kept as its own speaker,
and either way reported with its lines. Initials given to two people in the key are kept as
"A or B" and reported, never silently one of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coprod_lab.transcripts.names import (
    HONORIFICS,
    PARTICLES,
    initials,
    is_name_like,
    names_in,
)
from coprod_lab.transcripts.table import (
    Notes,
    TranscriptError,
    merge_same_speaker,
    refusal,
    transcript_table,
    utterance,
)
from coprod_lab.transcripts.wrappers import LINES

if TYPE_CHECKING:
    import pandas as pd

MARK = r"[A-Z][A-Za-z]{0,3}\d{0,2}"
_EM = r"(?:\*\*|__|\*|_)?"  # Markdown bold or italics around a mark
_KEY = re.compile(
    rf"^(?:[-*\u2022]\s+)?{_EM}(?P<mark>{MARK}){_EM}\s*(?P<sep>[-\u2013\u2014=:])\s*{_EM}"
    rf"(?P<rest>\S.*)$"
)
_KEY_NAME_FIRST = re.compile(
    r"^(?:[-*\u2022]\s+)?(?P<rest>[^()]{2,60}?)\s*\((?P<mark>[A-Z]{1,4}\d{0,2})\)\s*"
    r"(?:[,:\-\u2013\u2014]\s*(?P<note>.*))?$"
)
# A key line with no dash, as Iriss.fm transcripts open: `MM Michael McEwan` (or a tab
# between), the line holding only a name whose first letters are the mark.
_KEY_BARE = re.compile(
    rf"^(?:[-*\u2022]\s+)?{_EM}(?P<mark>[A-Z]{{2,4}}){_EM}[ \t]+"
    r"(?P<rest>[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){1,3})[ \t]*$"
)
_KEY_HEADING = re.compile(
    r"^\W*(?:speaker key|key to speakers|speakers?|key|participants|people|"
    r"in this (?:episode|recording|interview))\W*$",
    re.IGNORECASE,
)
_TURN = re.compile(
    rf"^{_EM}(?P<mark>{MARK}){_EM}(?P<sep>[:.]|\s+[-\u2013]\s)?{_EM}(?:\s*(?P<text>\S.*))?$"
)
# Marks a turn by someone not in the key may carry: capitals (and digits), like `JM` or `P2`.
_UNKNOWN_MARK = re.compile(r"^(?:[A-Z]{2,4}\d{0,2}|[A-Z]\d{1,2})$")
# Capitals that begin sentences far more often than they mark a speaker: read as words,
# unless a colon follows them (`OK: ...` is a mark). The first few are read as words without a
# word; the others, when they start a paragraph, are reported as a possible mark.
_SILENT_CAPITALS = frozenset(["OK", "NHS", "GP", "UK", "TV", "BBC", "COVID"])
_COMMON_CAPITALS = _SILENT_CAPITALS | frozenset(
    [
        "GPS",
        "USA",
        "US",
        "IT",
        "HR",
        "OT",
        "CEO",
        "MP",
        "MSP",
        "MEP",
        "AI",
        "ID",
        "PA",
        "PC",
        "NB",
        "PS",
        "AND",
        "THE",
        "BUT",
        "SO",
        "YES",
        "NO",
        "HI",
        "UN",
        "EU",
        "SW",
        "SSSC",
    ]
)
_KEY_NOTE_WORDS = 8  # "Fay Dale, Interim Director of Adult Social Care" is a key line
_KEY_SEARCH_LINES = 40  # how far into the file a key may start (non-blank lines)
# Role words a key may give instead of a name ("P1 - Participant", "SO - Facilitator").
_ROLES = frozenset(
    [
        "interviewer",
        "researcher",
        "facilitator",
        "host",
        "guest",
        "chair",
        "moderator",
        "participant",
        "respondent",
        "speaker",
        "presenter",
        "narrator",
        "interviewee",
        "panellist",
        "panelist",
        "member",
        "carer",
    ]
)


@dataclass
class Entry:
    mark: str
    name: str
    note: str
    line: int
    sep: str = "-"


@dataclass
class Key:
    entries: list[Entry] = field(default_factory=list)
    first: int | None = None  # index of the key's first line
    last: int | None = None  # index of its last line
    heading: int | None = None
    # `SO: Sam, facilitator` lines kept as key lines although the initials disagree with the
    # name and the same marks start turns below: they may be first turns (reported).
    doubtful: list[Entry] = field(default_factory=list)

    def names(self, mark: str) -> list[str]:
        return list(dict.fromkeys(e.name for e in self.entries if e.mark == mark))


def _name_and_note(rest: str) -> tuple[str, str] | None:
    rest = rest.strip().strip("*_").strip()
    parts = re.split(r",\s*|\s+[-\u2013\u2014]\s+|\s*\(|\s*;\s*", rest, maxsplit=1)
    name = parts[0].strip().rstrip(".").strip()
    note = parts[1].strip().rstrip(")").strip() if len(parts) > 1 else ""
    if not is_name_like(name, max_words=5):
        return None
    return name, note


def _key_entry(line: str, number: int) -> Entry | None:
    match = _KEY.match(line)
    if match:
        if match["sep"] == ":" and not match["mark"].isupper():
            return None  # `Ann: Hello` is a turn in a plain transcript, not a key line
        named = _name_and_note(match["rest"])
        agrees = bool(named) and _agrees(match["mark"], named[0])
        # `DM: Mary, what do you think?` is a turn: a key line asks and exclaims nothing.
        if match["sep"] == ":" and not agrees and match["rest"].rstrip().endswith(("?", "!")):
            return None
        # `S: Sorry, ...` starts with its mark's letter but "Sorry" is no name: in the shape of
        # a turn, a one-word name must be a person's name or a role.
        one_word = bool(named) and len(named[0].split()) == 1
        if match["sep"] == ":" and one_word and not _plausible_name(named[0]):
            return None
        # `DM: I'm Dave, I'm the discharge lead at the trust. Since the ICB ...` is a turn: a
        # key line's note is a role, a few words, not what someone said.
        if match["sep"] == ":" and named and len(named[1].split()) > _KEY_NOTE_WORDS:
            return None
        # In the shape of a turn, a name the mark is not made from must be a name in every
        # word: `DM: Thanks Sarah, yes.` and `DM: I'm Dave, ...` begin turns.
        if match["sep"] == ":" and named and not agrees:
            words = [w for w in named[0].split() if w.lower() not in HONORIFICS | PARTICLES]
            if not all(_plausible_name(w) for w in words):
                return None
        if named and (agrees or _plausible_name(named[0])):
            return Entry(match["mark"], named[0], named[1], number, match["sep"])
        return None
    match = _KEY_NAME_FIRST.match(line)
    if match and is_name_like(match["rest"].strip(), max_words=5):
        return Entry(match["mark"], match["rest"].strip(), (match["note"] or "").strip(), number)
    match = _KEY_BARE.match(line)
    if (
        match
        and is_name_like(match["rest"], max_words=4)
        and initials(match["rest"]) == match["mark"]
    ):
        return Entry(match["mark"], match["rest"], "", number, " ")
    return None


def _agrees(mark: str, name: str) -> bool:
    """Whether a mark is made from the name: its initials ("SO", "Sarah O'Neil"), the first
    letters of its words, or its start ("Int", "Interviewer"); digits are left out ("P1")."""
    letters = "".join(c for c in mark if c.isalpha()).upper()
    words = [w for w in name.replace(".", " ").split() if w[:1].isalpha()]
    words = [w for w in words if w.lower() not in HONORIFICS and w.lower() not in PARTICLES]
    firsts = "".join(w[0] for w in words).upper()
    if not letters or not words:
        return False
    return letters in (initials(name), firsts) or (
        firsts.startswith(letters) or words[0].upper().startswith(letters)
    )


def _plausible_name(name: str) -> bool:
    """A name a key may give to initials that are not its own: a person's name (census names
    and words rare in English, see privacy.names.name_like) or a role, never an everyday
    word such as "Welcome" or "Sorry" (the first words of a turn)."""
    from coprod_lab.privacy.names import name_like

    words = [w.strip(".'’") for w in name.split()]
    words = [w for w in words if len(w) > 1 and w.lower() not in HONORIFICS | PARTICLES]
    return any(w.lower() in _ROLES or (w[:1].isupper() and name_like(w)) for w in words)


def _marks_turns(lines: list[str], after: int, mark: str) -> bool:
    return any((m := _turn(line)) and m["mark"] == mark for line in lines[after:])


def read_key(lines: list[str]) -> Key:
    """The speaker key: the first run of key lines within the first lines of the file.

    A line counts as a key line only when it looks like one (a plain `SO: Welcome, everyone.`
    is a turn, not a key giving `SO` the name "Welcome"): the mark is made from the name, or
    the name is a plausible name or role; with a colon (`SO: ...`, the shape of a turn) a
    name the mark is not made from counts only when turns marked `SO` follow the key, and
    such lines are kept in `doubtful` to be reported.
    """
    key = _read_key(lines)
    for index, entry in enumerate(key.entries):
        if entry.sep != ":" or _agrees(entry.mark, entry.name):
            continue
        if _marks_turns(lines, (key.last or 0) + 1, entry.mark):
            key.doubtful.append(entry)
            continue
        # Not a key line: the key ends above it (and with no key line above, there is none).
        kept = key.entries[:index]
        key.entries = kept
        key.last = kept[-1].line - 1 if kept else None
        key.first = key.first if kept else None
        key.doubtful = [e for e in key.doubtful if e in kept]
        break
    return key


def _read_key(lines: list[str]) -> Key:
    key = Key()
    seen = 0
    for index, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            continue
        seen += 1
        entry = _key_entry(line, index + 1)
        known = {e.mark for e in key.entries}
        # A second entry for the same mark only with a dash and a full name (`AB - Andrew
        # Black`); `MD: Thanks` or `MD - So, ...` is the first turn.
        if entry and entry.mark in known and (entry.sep == ":" or len(entry.name.split()) < 2):
            break
        if entry:
            key.entries.append(entry)
            key.first = index if key.first is None else key.first
            key.last = index
            continue
        if key.first is None and _KEY_HEADING.match(line):
            key.heading = index
            continue
        turn = _turn(line)
        if key.first is None and turn and turn["sep"] == ":" and turn["mark"].isupper():
            break  # the turns have begun (`SO: ...`): a key comes before them, not among them
        if key.first is not None or seen >= _KEY_SEARCH_LINES:
            break
    return key


def _listed_key(meta: dict[str, Any]) -> Key:
    """A key made from speakers listed in front matter, when the file has no key of its own."""
    key = Key()
    for name in meta.get("listed_speakers", []):
        if is_name_like(name, max_words=5) and initials(name):
            key.entries.append(Entry(initials(name), name, "", 0))
    return key


def _turn(line: str) -> re.Match[str] | None:
    return _TURN.match(line.strip())


def has_speaker_key(text: str, meta: dict[str, Any] | None = None) -> bool:
    """True when the file has a speaker key (or listed speakers) and turns marked from it."""
    lines = LINES.split(text)
    key = read_key(lines)
    if not key.entries:
        key = _listed_key(meta or {})
        if not key.entries:
            return False
    marks = {e.mark for e in key.entries}
    after = (key.last + 1) if key.last is not None else 0
    return any((m := _turn(line)) and m["mark"] in marks for line in lines[after:])


@dataclass
class _Mark:
    mark: str
    text: str
    line: int
    known: bool


def parse_speaker_key(
    text: str, path: Path, session: str, meta: dict[str, Any] | None = None
) -> pd.DataFrame:
    """Read a transcript with a speaker key into the Transcript table (see the module note).

    `meta` is what the front matter said (title, listed speakers). Raises TranscriptError when
    there is no key or no turn marked from it.
    """
    notes = Notes(path, meta)
    lines = LINES.split(text)
    key = read_key(lines)
    if not key.entries:
        key = _listed_key(notes.meta)
    if not key.entries:
        first = next(((i, s) for i, s in enumerate(lines, 1) if s.strip()), (None, ""))
        raise refusal(
            path, first[0], "a speaker key near the top (lines like `MD - Mary Dunn`)", first[1]
        )
    marks = {e.mark for e in key.entries}
    for mark in sorted(marks):
        names = key.names(mark)
        if len(names) > 1:
            line = next(e.line for e in key.entries if e.mark == mark)
            notes.warn(
                line or None,
                f"the key gives `{mark}` to {' and '.join(names)}; their turns are kept under "
                f'"{" or ".join(names)}". Say which is which when you map speakers.',
            )
    for entry in key.doubtful:
        notes.warn(
            entry.line or None,
            f"this line was read as a speaker key line (`{entry.mark}` is {entry.name}), "
            f"although those initials are not {entry.name}'s and `{entry.mark}` also starts "
            "turns below: if it is a first turn, write it as a turn or add a key above it.",
        )
    notes.meta["key_speakers"] = list(dict.fromkeys(e.name for e in key.entries))
    speaker_notes = {e.name: e.note for e in key.entries if e.note}
    if speaker_notes:
        notes.meta["speaker_notes"] = speaker_notes
    # Each mark the key gives to one person, so a role can be given by the file's own marks
    # (`--role SK=professional`).
    notes.meta["speaker_marks"] = {
        e.mark: e.name for e in key.entries if len(key.names(e.mark)) == 1
    }

    start = (key.last + 1) if key.last is not None else 0
    # Before the key: a title line, then any other text (kept as the description).
    before = [(i, lines[i].strip()) for i in range(key.first or 0) if lines[i].strip()]
    if key.heading is not None:
        before = [(i, s) for i, s in before if i != key.heading]
    description: list[str] = []
    if before:
        title = before[0][1].lstrip("#").strip()
        notes.meta.setdefault("title", title)
        description += [s.lstrip("#").strip() for _, s in before[1:]]

    # First pass: which lines carry a mark, known or not.
    found: list[tuple[int, str, re.Match[str] | None, bool]] = []
    blank_before = True
    for index in range(start, len(lines)):
        line = lines[index].strip()
        if not line:
            blank_before = True
            continue
        found.append((index + 1, line, _turn(line), blank_before))
        blank_before = False
    # Paragraph style: most turns start after a blank line (the first always does, so it
    # does not count). Then a mark-like word inside a paragraph is words, with a warning.
    known_at = [b for _, _, m, b in found if m and m["mark"] in marks][1:]
    paragraphs = bool(known_at) and sum(known_at) > len(known_at) / 2

    items: list[_Mark | tuple[int, str]] = []
    for number, line, match, blank in found:
        shaped = bool(match and match["text"] and _UNKNOWN_MARK.match(match["mark"]))
        common = shaped and match["sep"] != ":" and match["mark"] in _COMMON_CAPITALS
        at_start = blank or not paragraphs
        if match and match["mark"] in marks:
            items.append(_Mark(match["mark"], match["text"] or "", number, True))
        elif shaped and not common and at_start:
            items.append(_Mark(match["mark"], match["text"], number, False))
        else:
            doubtful = shaped and (
                not common or (at_start and match["mark"] not in _SILENT_CAPITALS)
            )
            if doubtful:
                placed = (
                    "read as part of the turn above"
                    if any(isinstance(i, _Mark) for i in items)
                    else "kept in the session's description"
                )
                notes.warn(
                    number,
                    f"this line starts `{match['mark']}`, which may be a speaker's mark not in "
                    f"the key; it was {placed}.",
                )
            items.append((number, line))
    if not any(isinstance(item, _Mark) for item in items):
        number, line = items[0] if items else (None, "")
        raise refusal(
            path,
            number,
            f"turns marked with the key's initials ({', '.join(sorted(marks))}) after the key",
            line or "nothing",
        )

    speaker_of = _resolve_unknown(items, key, notes)
    rows: list[dict] = []
    for item in items:
        if isinstance(item, _Mark):
            rows.append(utterance(session, speaker_of[item.mark], item.text, path, item.line))
        elif rows:
            rows[-1]["text"] = (rows[-1]["text"] + " " + item[1]).strip()
        else:
            description.append(item[1].lstrip("#").strip())
    empty = [row for row in rows if not row["text"]]
    for row in empty:
        notes.warn(row["line"], f"{row['speaker']} has a turn here with no words; left out.")
    rows = merge_same_speaker([row for row in rows if row["text"]])
    if not rows:
        raise refusal(path, None, "turns with words after the speaker key", "only empty turns")
    if description:
        notes.meta.setdefault("description", " ".join(description))
    notes.meta["format"] = "speaker_key"
    return transcript_table(rows, notes)


def _resolve_unknown(items: list, key: Key, notes: Notes) -> dict[str, str]:
    """Who each mark stands for: key names, and for marks not in the key a safe match or the
    mark itself, each reported with its lines."""
    marks = {e.mark for e in key.entries}
    speaker_of = {mark: " or ".join(key.names(mark)) for mark in marks}
    used = {i.mark for i in items if isinstance(i, _Mark) and i.known}
    listed = [n for n in notes.meta.get("listed_speakers", []) if is_name_like(n, max_words=5)]
    unknown: dict[str, list[int]] = {}
    for item in items:
        if isinstance(item, _Mark) and not item.known:
            unknown.setdefault(item.mark, []).append(item.line)
    key_names = {e.name for e in key.entries}
    for mark, at in unknown.items():
        where = _lines(at)
        turns = f"{len(at)} turn{'s' if len(at) > 1 else ''}"
        from_key = [e for e in key.entries if initials(e.name) == mark]
        from_list = [n for n in listed if initials(n) == mark and n not in key_names]
        safe_key = (
            len(from_key) == 1
            and not from_list
            and from_key[0].mark not in used
            and len(key.names(from_key[0].mark)) == 1
        )
        if safe_key:
            entry = from_key[0]
            speaker_of[mark] = entry.name
            notes.warn(
                at[0],
                f"`{mark}` is not in the speaker key; its {turns} ({where}) are given to "
                f"{entry.name}, whose initials are {mark} and whose key mark `{entry.mark}` "
                "marks no turn. Check this is right.",
            )
            continue
        if len(from_list) == 1 and not from_key:
            speaker_of[mark] = from_list[0]
            notes.warn(
                at[0],
                f"`{mark}` is not in the speaker key; its {turns} ({where}) are given to "
                f"{from_list[0]}, listed in the front matter with those initials. Check this.",
            )
            continue
        speaker_of[mark] = mark
        hint = _named_before(items, at[0], mark)
        extra = f" The text before it names {hint}, who may be them." if hint else ""
        notes.warn(
            at[0],
            f"`{mark}` is not in the speaker key; kept as its own speaker `{mark}` "
            f"({turns}: {where}).{extra}",
        )
    return speaker_of


def _named_before(items: list, line: int, mark: str) -> str | None:
    """A name with these initials in the few lines before a mark's first turn."""
    before = [
        (i.text if isinstance(i, _Mark) else i[1])
        for i in items
        if (i.line if isinstance(i, _Mark) else i[0]) < line
    ][-3:]
    found = [n for n in names_in(" ".join(before)) if initials(n) == mark]
    return found[-1] if found else None


def _lines(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:6])
    more = f" and {len(numbers) - 6} more" if len(numbers) > 6 else ""
    return f"line{'s' if len(numbers) > 1 else ''} {shown}{more}"


__all__ = ["TranscriptError", "has_speaker_key", "parse_speaker_key", "read_key"]
