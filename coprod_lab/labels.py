"""The plain-English words people see for the codes the store keeps."""

from __future__ import annotations

ROLE_LABELS = {
    "lived_experience": "Lived experience",
    "professional": "Professional",
    "facilitator": "Facilitator",
    "other": "Other",
    "unknown": "Not known yet",
}

SESSION_KIND_LABELS = {
    "pair_meeting": "Pair meeting",
    "storytelling": "Storytelling",
    "workshop": "Workshop",
    "interview": "Interview",
    "other": "Other",
}
