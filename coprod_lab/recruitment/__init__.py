"""Co-produced recruitment panels: people who use a service interview candidates with staff.

Built on the definitions workshop's room: a panel is a workshop row (room code, chair key kept
as a hash, the `changed` number pages watch) and its members are that workshop's ballots
(personal cards, role lived experience or staff). `panels` (the panel, its agreed questions,
candidates, members, opening and closing interviews), `ratings` (thumbs up / in the middle /
thumbs down with a note, one per member per answer), `results` (pure counting: by member, by
role, where the panel disagreed) and `summary` (the one-page summary to print, and the export).
"""
