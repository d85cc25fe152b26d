"""Privacy: personal details redacted before analysis, pseudonyms, consent, erasure."""

from __future__ import annotations

from coprod_lab.privacy.redact import Finding, Redacted, find, nhs_number_is_valid, redact

__all__ = ["Finding", "Redacted", "find", "nhs_number_is_valid", "redact"]
