"""README's table of pages and their addresses matches the pages there are in notebooks/apps."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APPS = ROOT / "notebooks" / "apps"


def _table() -> list[tuple[str, str]]:
    section = (ROOT / "README.md").read_text().split("### Where each page is", 1)[1]
    section = section.split("\n#", 1)[0]
    return re.findall(r"^\| ([^|]+?) \| `/voila/render/([^`]+)` \|", section, flags=re.M)


def _start_page_name(file_name: str) -> str:
    # The start page's rule (tree-lab.html): "--" keeps a hyphen, "-" is a space.
    label = file_name.removesuffix(".ipynb").replace("--", "~").replace("-", " ")
    label = label.replace("~", "-")
    return label[:1].upper() + label[1:]


def test_every_listed_address_is_a_page_and_every_page_is_listed() -> None:
    listed = _table()
    assert listed, "the README has no table of pages"
    for name, address in listed:
        assert (APPS / address).is_file(), address
        assert name == _start_page_name(address), (name, address)
    assert sorted(a for _n, a in listed) == sorted(p.name for p in APPS.glob("*.ipynb"))
