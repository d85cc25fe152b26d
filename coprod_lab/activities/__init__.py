"""Room activities: more of a co-production day on people's phones (issue 24).

Each runs in a workshop room (`coprod_lab.definitions.workshops`) made with its activity, so
it has the room code, the cards, the facilitator and board keys, the ballots with their
declared roles, and the moderation policy of a definitions workshop: `quiz` ("Is it
co-production?") and `questions` (questions for a brave conversation).
"""
