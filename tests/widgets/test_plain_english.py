"""The plain-English page without a browser: set values, press buttons, read the store."""

from __future__ import annotations

import io

import docx
from sqlalchemy import select

from coprod_lab.demo import load_demo
from coprod_lab.jargon import check_text
from coprod_lab.jargon.project_glossary import report_unclear, review_list
from coprod_lab.overview import list_projects
from coprod_lab.store.schema import glossary_terms
from coprod_lab.widgets.plain_english import PlainEnglishChecker, render_text


def test_checking_marks_each_word_with_underline_and_a_label_in_words() -> None:
    page = PlainEnglishChecker()
    page.text.value = "We will signpost you to the PCN. <b>Bold</b> stays text."
    said: list[str] = []
    page.observe(lambda change: said.append(change["new"]), names="status")
    page.check.click()
    # The press is answered at once (the first check loads the word lists), then the result.
    assert said == ["Checking the text…", "Checked 12 words."]
    shown = page.result.value
    assert "<u>signpost</u> <small>(jargon: try “point people to”)</small>" in shown
    assert "<u>PCN</u> <small>(short form: spell it out and explain it: a group of GP" in shown
    assert "&lt;b&gt;Bold&lt;/b&gt;" in shown  # the person's text is never run as HTML
    assert "<h2>What we found</h2>" in shown
    assert page.status == "Checked 12 words."  # the b of <b> counts: it is what was typed


def test_text_that_changes_after_a_check_is_checked_again() -> None:
    # A press can reach the kernel before the last keys do; the result then catches up.
    page = PlainEnglishChecker()
    page.text.value = "We will"
    page.check.click()
    page.text.value = "We will signpost you."
    assert "<u>signpost</u>" in page.result.value
    assert page.status == "Checked 4 words."


def test_an_empty_box_says_so_and_shows_nothing() -> None:
    page = PlainEnglishChecker()
    page.check.click()
    assert page.status.startswith("There is no text to check yet")
    assert page.result.value == ""


def test_the_marked_text_keeps_every_character() -> None:
    text = "The ICB (integrated care board) will deliver a care package.\nSee you."
    html = render_text(text, check_text(text))
    # integrated care, ICB, care package; "deliver" is everyday English ("delivered to our door")
    assert html.count("<u>") == 3


def test_terms_to_explain_are_listed_with_their_meanings() -> None:
    page = PlainEnglishChecker()
    page.text.value = "You can ask for a Direct Payment or a Direct Payment card."
    page.check.click()
    shown = page.result.value
    assert shown.count("<h2>Words to explain</h2>") == 1
    assert "<li><strong>Direct Payment</strong>: money from the council" in shown
    # In the text, the meaning itself, not the advice around it.
    assert "<u>Direct Payment</u> <small>(explain: money from the council" in shown


def _upload(page: PlainEnglishChecker, name: str, content: bytes) -> None:
    # As the browser sends it: through the widget protocol, times in milliseconds.
    page.upload.set_state(
        {
            "value": [
                {
                    "name": name,
                    "type": "",
                    "size": len(content),
                    "content": memoryview(content),
                    "last_modified": 1_790_000_000_000,
                }
            ]
        }
    )


def test_loading_a_word_file_checks_it() -> None:
    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("Your care package starts on Monday.")
    document.save(buffer)
    page = PlainEnglishChecker()
    _upload(page, "letter.docx", buffer.getvalue())
    assert "Your care package starts on Monday." in page.text.value
    assert "<u>care package</u>" in page.result.value


def test_loading_a_file_says_its_name() -> None:
    # The button itself shows only a count ("Load a file (1)"), drawn by ipywidgets.
    page = PlainEnglishChecker()
    _upload(page, "leaflet.md", b"Ask your GP.")
    assert page.status == "Loaded “leaflet.md”. Checked 3 words."
    page.check.click()  # checked again: still the loaded file's text, so still said
    assert page.status == "Loaded “leaflet.md”. Checked 3 words."
    page.text.value = "Ask your GP today."
    page.check.click()  # the text is now the person's own: the file is no longer named
    assert page.status == "Checked 4 words."


def test_a_short_form_is_listed_once_under_short_forms_with_its_meaning() -> None:
    # PCN and ICB were listed under "Short forms" and again under "Words to explain".
    page = PlainEnglishChecker()
    page.text.value = "The PCN and the ICB will tell you about your care package."
    page.check.click()
    shown = page.result.value
    short, explain = shown.split("<h2>Short forms</h2>")[1].split("<h2>Words to explain</h2>")
    explain = explain.split("<h2>")[0]
    report = check_text(page.text.value)
    for a in report.acronyms:
        assert f"<strong>{a.acronym}</strong>" in short and a.plain in short
        assert f"<strong>{a.acronym}</strong>" not in explain
    assert "<strong>care package</strong>" in explain
    assert "1 term to keep but explain" in shown  # the summary counts what the list shows


def test_loading_a_file_of_another_kind_says_why_and_keeps_the_text() -> None:
    page = PlainEnglishChecker()
    page.text.value = "kept"
    _upload(page, "a.pdf", b"x")
    assert page.status == "a.pdf: cannot check a .pdf; use .txt, .md, .docx."
    assert page.text.value == "kept"


def test_adding_a_word_saves_it_then_says_saved(store) -> None:
    project_id = load_demo(store)
    page = PlainEnglishChecker(store)
    assert page.project_id == project_id
    page.new_term.value = "huddle"
    page.new_plain.value = "a short team meeting"
    page.add.click()
    name = dict(list_projects(store))[project_id]
    assert page.status == f"Saved: “huddle” is in the glossary of {name}."
    # Said next to the button (a phone showed the line at the top, off the screen), and the
    # heading says whose glossary it is.
    assert page.status in page._added.value and page._status.value == ""
    assert page.children.index(page._added) == page.children.index(page.add) + 1
    assert f"<h2>Add to the glossary of {name}</h2>" in page._glossary_heading.value
    with store.read() as db:
        assert db.execute(select(glossary_terms.c.term, glossary_terms.c.plain)).all() == [
            ("huddle", "a short team meeting")
        ]
    page.text.value = "A huddle at nine."
    page.check.click()
    assert "<u>huddle</u> <small>(jargon: try “a short team meeting”)</small>" in page.result.value


def test_adding_without_plain_words_stores_nothing(store) -> None:
    load_demo(store)
    page = PlainEnglishChecker(store)
    page.new_term.value = "huddle"
    page.add.click()
    assert page.status == "Type an easier way to say “huddle”."
    with store.read() as db:
        assert db.execute(select(glossary_terms)).all() == []


def test_the_review_list_shows_reported_words_and_clears_them(store) -> None:
    project_id = load_demo(store)
    report_unclear(
        store, project_id, "reciprocity", context="Reciprocity matters.", source="voting page"
    )
    report_unclear(store, project_id, "cohort", source="voting page")
    page = PlainEnglishChecker(store)
    assert [label for label, _ in page.to_review.options] == [
        "cohort (1 person)",
        "reciprocity (1 person)",
    ]
    page.to_review.value = "reciprocity"
    assert "Reciprocity matters." in page._review_info.value
    page.review_plain.value = "giving back"
    page.review_add.click()
    name = dict(list_projects(store))[project_id]
    assert page.status == f"Saved: “reciprocity” is in the glossary of {name}."
    assert page.status in page._reviewed.value and page._added.value == ""
    page.to_review.value = "cohort"
    page.review_set_aside.click()
    assert page.status == "Saved: “cohort” is set aside."
    assert review_list(store, project_id) == []
    assert page.review_add.disabled and page.review_set_aside.disabled


def test_a_disabled_review_button_pressed_anyway_stores_nothing(store) -> None:
    # The browser can press any button, disabled or not: nothing to review means nothing saved.
    load_demo(store)
    page = PlainEnglishChecker(store)
    assert page.review_add.disabled
    page.review_add.click()
    assert page.status == "Choose a word to review first."
    with store.read() as db:
        assert db.execute(select(glossary_terms)).all() == []


def test_a_markdown_heading_is_shown_as_a_heading_not_a_hash() -> None:
    text = "# Going home from Ward 7\n\nThe MDT met on Monday.\n## Next steps\nRing us."
    html = render_text(text, check_text(text))
    assert "#" not in html
    assert "<strong>Going home from Ward 7</strong>" in html
    assert "<strong>Next steps</strong>" in html
    assert "<u>MDT</u>" in html  # findings inside other lines are still marked


def test_choosing_another_project_checks_the_text_again_with_its_glossary(store) -> None:
    # A new user's page defaulted to a second project; its chooser was below the results and
    # a change of project left the old result on show.
    from coprod_lab.jargon.project_glossary import add_term
    from coprod_lab.store.schema import projects

    first = load_demo(store)
    with store.write() as db:
        second = db.execute(projects.insert().values(name="Discharge study")).inserted_primary_key[
            0
        ]
    add_term(store, first, "huddle", "a short team meeting", actor="Sam")
    page = PlainEnglishChecker(store)
    assert page.children.index(page._choose) < page.children.index(page.text)
    page._choose.value = second
    page.text.value = "A huddle at nine."
    page.check.click()
    assert "huddle</u>" not in page.result.value
    assert "Discharge study's glossary" in page.status
    page._choose.value = first
    assert "<u>huddle</u>" in page.result.value  # checked again, with the first glossary
