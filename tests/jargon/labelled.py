"""The labelled test set: realistic social-care text with every acronym and hard word marked.

`[[ICB]]` marks an acronym and `{{care package}}` a hard word or phrase; everything else is an
ordinary word. `labelled()` gives the text without the marks and the marked spans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

FILE = Path(__file__).with_name("labelled-social-care.txt")
_MARK = re.compile(r"\[\[(.+?)\]\]|\{\{(.+?)\}\}")


@dataclass(frozen=True)
class Marked:
    start: int
    end: int
    text: str
    kind: str  # "acronym" or "hard"


def labelled() -> tuple[str, list[Marked]]:
    source = FILE.read_text(encoding="utf-8")
    plain: list[str] = []
    marks: list[Marked] = []
    at = 0
    length = 0
    for m in _MARK.finditer(source):
        before = source[at : m.start()]
        plain.append(before)
        length += len(before)
        word = m.group(1) or m.group(2)
        marks.append(Marked(length, length + len(word), word, "acronym" if m.group(1) else "hard"))
        plain.append(word)
        length += len(word)
        at = m.end()
    plain.append(source[at:])
    return "".join(plain), marks
