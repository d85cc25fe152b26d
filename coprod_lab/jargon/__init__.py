"""The plain-English checker: glossary, rarity, acronyms, readability, and who uses jargon."""

from coprod_lab.jargon.check import AcronymUse, Finding, Report, check_text
from coprod_lab.jargon.glossary import Entry, Glossary, GlossaryError, shipped_glossary

__all__ = [
    "AcronymUse",
    "Entry",
    "Finding",
    "Glossary",
    "GlossaryError",
    "Report",
    "check_text",
    "shipped_glossary",
]
