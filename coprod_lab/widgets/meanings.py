"""Short plain meanings of the two terms the phone pages cannot do without, shown next to the
first place a page uses them: many people who join from a phone have never met "lived
experience" or "co-production" as terms, and a page that uses them unexplained shuts them out.
"""

from __future__ import annotations

# Said after "people with lived experience", in brackets.
LIVED_EXPERIENCE = "who know services from using them, or from caring for someone who does"
# A sentence of its own, after the first "co-production".
CO_PRODUCTION = (
    "Co-production means people who use services and people who work in them plan and make "
    "services together, as equals."
)
