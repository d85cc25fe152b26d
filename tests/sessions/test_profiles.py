"""One-page profiles and communication preferences: versions kept, one printed page."""

from __future__ import annotations

import pytest

from coprod_lab.errors import CoprodLabError
from coprod_lab.sessions.profiles import (
    FIELDS,
    MAX_CHARACTERS,
    current,
    printable,
    save_profile,
    versions,
)
from tests.sessions.people import demo_people


def test_each_save_is_a_version_and_the_newest_is_current(store) -> None:
    _, people = demo_people(store)
    dev = people["Dev"]
    first = save_profile(
        store,
        dev,
        "one_page",
        {"appreciate": "I make people laugh."},
        author="Dev Morgan",
        actor="f",
    )
    assert first is not None
    assert first.fields == {"appreciate": "I make people laugh.", "important": "", "support": ""}
    # Saving the same words again is not a new version.
    same = {"appreciate": " I make people laugh. "}
    assert save_profile(store, dev, "one_page", same, author="Dev", actor="f") is None
    second = save_profile(
        store,
        dev,
        "one_page",
        {"appreciate": "I make people laugh.", "support": "Large print"},
        author="Priya Shah",
        actor="f",
    )
    assert [v.id for v in versions(store, dev, "one_page")] == [second.id, first.id]
    assert current(store, dev, "one_page").fields["support"] == "Large print"
    assert current(store, dev, "communication") is None  # the other kind is separate


@pytest.mark.parametrize(
    ("kind", "fields", "message"),
    [
        ("one_page", {"appreciate": "  "}, "Everything is empty"),
        ("one_page", {"hobbies": "x"}, "no box called"),
        ("one_page", {"support": "x" * (MAX_CHARACTERS + 1)}, "fits on one page"),
        ("cv", {"x": "y"}, "no kind of profile"),
    ],
)
def test_a_bad_profile_says_why_and_saves_nothing(store, kind, fields, message) -> None:
    _, people = demo_people(store)
    with pytest.raises(CoprodLabError, match=message):
        save_profile(store, people["Dev"], kind, fields, author="Dev", actor="f")
    assert versions(store, people["Dev"], "one_page") == []


def test_the_printable_page_has_every_box_and_escapes_what_was_typed(store) -> None:
    _, people = demo_people(store)
    fields = {key: f"<b>{key}</b>" for key, _ in FIELDS["communication"]}
    version = save_profile(store, people["Joan"], "communication", fields, author="J", actor="f")
    html = printable("Joan Ellis", "communication", version)
    assert "<title>Communication and feedback: Joan Ellis</title>" in html
    for _key, question in FIELDS["communication"]:
        assert f"<h2>{question}</h2>" in html
    assert "&lt;b&gt;give_views&lt;/b&gt;" in html and "<b>" not in html
    assert "@page { size: A4" in html
