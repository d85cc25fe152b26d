"""Issue 20: terms that the hand labellers of two or more sets marked and the checker missed
(tribunal, remit, palliative, integrated in the care sense), schemes named on real pages
(Martha's Rule, Changing Places), and council words they never marked (Children's Services).
Made-up examples."""

from __future__ import annotations

from tests.jargon.test_care_law_terms import _terms


def test_terms_labellers_marked_are_explained_and_services_they_never_marked_are_not() -> None:
    text = (
        "The tribunal will decide. This is outside our remit. Her care is now palliative, and "
        "the team is integrated with the council's. The Executive Director asked for a "
        "non-statutory review. The ward has a Changing Places toilet, and Martha's Rule lets "
        "you ask for a second look. Ring Children's Services or Adult Services to talk."
    )
    found = _terms(text)
    for term in (
        "tribunal",
        "remit",
        "palliative",
        "integrated",
        "Executive Director",
        "non-statutory",
        "Changing Places",
        "Martha's Rule",
    ):
        assert term in found, term
        finding = found[term]
        # Each has a plain meaning to show, or a plainer word to use.
        assert (finding.advice == "explain" and finding.meaning) or (
            finding.advice == "use instead" and finding.suggestion
        ), term
    assert found["tribunal"].meaning.startswith("a kind of court")
    assert "Children's Services" not in found and "Adult Services" not in found
