"""Privacy: personal details redacted before analysis, pseudonyms, consent, erasure."""

from __future__ import annotations

from coprod_lab.privacy.redact import (
    Finding,
    PersonMarkers,
    Redacted,
    find,
    find_all,
    nhs_number_is_valid,
    redact,
    redact_all,
)

__all__ = [
    "Finding",
    "PersonMarkers",
    "Redacted",
    "find",
    "find_all",
    "nhs_number_is_valid",
    "redact",
    "redact_all",
]
