"""Co-production meetings: collaborative pairs, profiles, storytelling, pitches, follow-up."""
