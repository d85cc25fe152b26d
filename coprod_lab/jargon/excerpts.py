"""Long-sentence excerpts without people's real names.

The check quotes the start of each long sentence so a writer can find it. A command prints
those quotes, so they follow the rule every export follows: a speaker's name becomes their
made-up one (a participant's pseudonym, or "Speaker n"), and anyone else the name finder
spots becomes [PERSON n] (see `coprod_lab.privacy`).
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from coprod_lab.jargon.check import EXCERPT_CHARACTERS, Report


def without_names(report: Report, text: str, made_up: dict[str, str] | None = None) -> Report:
    """The report with each long sentence's excerpt quoted without real names.

    `text` is the text the report was made from; `made_up` maps names that may appear in it
    (speakers, participants) to their made-up names. Other findings are left as they are.
    Loads the name finder (about 1.5 s) only when there is a long sentence.
    """
    from coprod_lab.privacy.people import pseudonymise

    long_ones = [i for i, f in enumerate(report.findings) if f.kind == "long_sentence"]
    if not long_ones:
        return report
    sentences = pd.DataFrame(
        {"text": [text[report.findings[i].start : report.findings[i].end] for i in long_ones]}
    )
    hidden = pseudonymise(sentences, dict(made_up or {}), free_text=("text",))["text"]
    findings = list(report.findings)
    for i, sentence in zip(long_ones, hidden, strict=True):
        findings[i] = replace(findings[i], term=sentence[:EXCERPT_CHARACTERS])
    return replace(report, findings=findings)
