"""Definitions and voting: a room builds its own definition of co-production and votes on it.

Words first, then sentences that make sense to everyone, then rounds of voting on candidate
definitions. `workshops` (room code, facilitator key, stages), `ballots` (personal links and
room-code joins), `contributions` (words and sentences), `rounds` (rounds and moderation),
`voting` (casting votes), `tallies` (pure counting), `results`, `exports` and `cards`.
"""
