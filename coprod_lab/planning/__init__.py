"""Planning co-production: the preparation a team does together before it starts, and the plan
for each session (agenda, breaks, purpose said and revisited, consent to record)."""
