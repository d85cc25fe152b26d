"""The store's tables, in SQLAlchemy Core.

The naming convention gives every constraint the same name on SQLite and PostgreSQL, so
Alembic migrations can refer to them by name on both. Later features add tables by migration;
this module always describes the newest schema.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
    func,
    text,
    true,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

SESSION_KINDS = ("pair_meeting", "storytelling", "workshop", "interview", "other")
PARTICIPANT_ROLES = ("lived_experience", "professional", "facilitator", "other")
# The Transcript table also allows "unknown": a speaker not yet matched to anyone.
UTTERANCE_ROLES = (*PARTICIPANT_ROLES, "unknown")


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


projects = Table(
    "projects",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("description", Text, nullable=False, server_default=""),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

sessions = Table(
    "sessions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
    Column("title", String(200), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("held_on", Date, nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    CheckConstraint(_one_of("kind", SESSION_KINDS), name="kind"),
    UniqueConstraint("project_id", "title"),
)

participants = Table(
    "participants",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
    Column("display_name", String(200), nullable=False),
    # What exports and reports show instead of the name; unique so it identifies no one else.
    Column("pseudonym", String(100), nullable=False),
    Column("role", String(20), nullable=False),
    # Each consent is the date it was given; NULL means not given.
    Column("consent_to_record_on", Date, nullable=True),
    Column("consent_to_quote_on", Date, nullable=True),
    Column("consent_to_share_on", Date, nullable=True),
    Column("withdrawn_on", Date, nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    CheckConstraint(_one_of("role", PARTICIPANT_ROLES), name="role"),
    UniqueConstraint("project_id", "pseudonym"),
    UniqueConstraint("project_id", "display_name"),
)

# Who took part in which session: a collaborative pair is a pair meeting with two people.
attendance = Table(
    "attendance",
    metadata,
    Column("session_id", ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "participant_id",
        ForeignKey("participants.id", ondelete="CASCADE"),
        primary_key=True,
    ),
)

# What a project's transcripts call a participant ("Speaker 1", "Dev", "MD"), so the next
# transcript from the same people maps itself.
speaker_names = Table(
    "speaker_names",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
    Column("speaker", String(200), nullable=False),
    Column("participant_id", ForeignKey("participants.id", ondelete="CASCADE"), nullable=False),
    UniqueConstraint("project_id", "speaker"),
)

# One row per utterance: the Transcript table of DESIGN.md, kept in a session.
utterances = Table(
    "utterances",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("session_id", ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False),
    Column("turn", Integer, nullable=False),
    Column("start", Float, nullable=True),
    Column("end", Float, nullable=True),
    Column("speaker", String(200), nullable=False),
    Column("role", String(20), nullable=False),
    Column("text", Text, nullable=False),
    Column("source", String(500), nullable=False),
    Column("line", Integer, nullable=False),
    Column(
        "participant_id",
        ForeignKey("participants.id", ondelete="CASCADE"),
        nullable=True,
    ),
    CheckConstraint(_one_of("role", UTTERANCE_ROLES), name="role"),
    CheckConstraint("turn >= 0", name="turn_not_negative"),
    UniqueConstraint("session_id", "turn"),
)

GLOSSARY_KINDS = ("acronym", "jargon", "phrase")
GLOSSARY_ADVICE = ("use instead", "explain")
UNCLEAR_STATUSES = ("to_review", "added", "dismissed")

# A project's own plain-English glossary, added to the one coprod-lab ships.
glossary_terms = Table(
    "glossary_terms",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
    Column("term", String(200), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("plain", Text, nullable=False),
    Column("expansion", Text, nullable=False, server_default=""),
    Column("added_by", String(200), nullable=False),
    Column("added_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    # "use instead": offer `plain` in the term's place; "explain": keep it, `plain` is its meaning
    Column("advice", String(20), nullable=False, server_default="use instead"),
    CheckConstraint(_one_of("kind", GLOSSARY_KINDS), name="kind"),
    CheckConstraint(_one_of("advice", GLOSSARY_ADVICE), name="advice"),
    CheckConstraint("length(trim(term)) > 0", name="term_not_blank"),
    CheckConstraint("length(trim(plain)) > 0", name="plain_not_blank"),
    UniqueConstraint("project_id", "term"),
)

# Words people said they did not understand (from the voting pages): the review list.
unclear_words = Table(
    "unclear_words",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
    Column("word", String(200), nullable=False),
    Column("context", Text, nullable=False, server_default=""),
    Column("participant_id", ForeignKey("participants.id", ondelete="CASCADE"), nullable=True),
    Column("source", String(100), nullable=False),
    Column("status", String(20), nullable=False, server_default="to_review"),
    Column("reported_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    CheckConstraint(_one_of("status", UNCLEAR_STATUSES), name="status"),
    CheckConstraint("length(trim(word)) > 0", name="word_not_blank"),
    # One report per person per word; reports without a person are counted one by one.
    UniqueConstraint("project_id", "word", "participant_id"),
)

# --- Collaborative pairs and sessions (issue 6) ---------------------------------------------

PROFILE_KINDS = ("one_page", "communication")
PITCH_LENGTHS = ("30_seconds", "10_minutes")
MARK_KINDS = ("start", "break_start", "break_end", "recap", "end")
SENSE_CHECK_STATUSES = ("waiting", "confirmed", "not_right")
LADDER_RUNGS = 7


def _participant_id(nullable: bool = False) -> Column:
    # Erasing a participant takes every row about them with it.
    return Column(
        "participant_id", ForeignKey("participants.id", ondelete="CASCADE"), nullable=nullable
    )


def _not_blank(column: str) -> CheckConstraint:
    return CheckConstraint(f"length(trim({column})) > 0", name=f"{column}_not_blank")


# A professional and a person with lived experience working together as equals.
pairs = Table(
    "pairs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
    Column("name", String(200), nullable=False),
    Column("professional_id", ForeignKey("participants.id", ondelete="CASCADE"), nullable=False),
    Column(
        "lived_experience_id", ForeignKey("participants.id", ondelete="CASCADE"), nullable=False
    ),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    CheckConstraint("professional_id <> lived_experience_id", name="two_people"),
    _not_blank("name"),
    UniqueConstraint("project_id", "name"),
)

# Notes on a step of one of the four pair meetings. A new note never replaces an old one:
# the newest is the step's current note, the rest are its history.
pair_notes = Table(
    "pair_notes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("pair_id", ForeignKey("pairs.id", ondelete="CASCADE"), nullable=False),
    Column("meeting", Integer, nullable=False),
    Column("step", String(50), nullable=False),
    Column("text", Text, nullable=False),
    Column("author", String(200), nullable=False),
    Column("written_on", Date, nullable=False),
    Column("saved_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    CheckConstraint("meeting BETWEEN 1 AND 4", name="meeting"),
    _not_blank("text"),
)

# The pair's agreed action plan (meeting 4), one row per action.
action_items = Table(
    "action_items",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("pair_id", ForeignKey("pairs.id", ondelete="CASCADE"), nullable=False),
    Column("action", Text, nullable=False),
    Column("who", String(200), nullable=False),
    Column("by_when", Date, nullable=True),
    Column("done_on", Date, nullable=True),
    Column("author", String(200), nullable=False),
    Column("saved_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    _not_blank("action"),
)

# One-page profiles and communication preferences, every version kept (newest is current).
profiles = Table(
    "profiles",
    metadata,
    Column("id", Integer, primary_key=True),
    _participant_id(),
    Column("kind", String(20), nullable=False),
    Column("fields", JSON, nullable=False),
    Column("author", String(200), nullable=False),
    Column("saved_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    CheckConstraint(_one_of("kind", PROFILE_KINDS), name="kind"),
)

# The pair's 30-second and 10-minute pitches, every version kept.
pitches = Table(
    "pitches",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("pair_id", ForeignKey("pairs.id", ondelete="CASCADE"), nullable=False),
    Column("length", String(20), nullable=False),
    Column("text", Text, nullable=False),
    Column("author", String(200), nullable=False),
    Column("saved_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    CheckConstraint(_one_of("length", PITCH_LENGTHS), name="length"),
)

# Moments in a recorded session: its start, breaks, recaps and end.
session_marks = Table(
    "session_marks",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("session_id", ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    CheckConstraint(_one_of("kind", MARK_KINDS), name="kind"),
)

# "What we heard": written down during a session, then confirmed (or not) by the speaker.
sense_checks = Table(
    "sense_checks",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("session_id", ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False),
    _participant_id(),
    Column("heard", Text, nullable=False),
    Column("status", String(20), nullable=False, server_default="waiting"),
    Column("written_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("answered_at", DateTime(timezone=True), nullable=True),
    CheckConstraint(_one_of("status", SENSE_CHECK_STATUSES), name="status"),
    _not_blank("heard"),
)

# Ladder of Co-production self-assessment: each person rates the project, again over time.
ladder_ratings = Table(
    "ladder_ratings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
    _participant_id(),
    Column("rung", Integer, nullable=False),
    Column("evidence", Text, nullable=False, server_default=""),
    Column("rated_on", Date, nullable=False),
    Column("saved_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    CheckConstraint(f"rung BETWEEN 1 AND {LADDER_RUNGS}", name="rung"),
)

# "Where your contribution added value": drafted from the record, edited, then sent.
contribution_summaries = Table(
    "contribution_summaries",
    metadata,
    Column("id", Integer, primary_key=True),
    _participant_id(),
    Column("text", Text, nullable=False),
    Column("author", String(200), nullable=False),
    Column("saved_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("sent_on", Date, nullable=True),
    _not_blank("text"),
)

# Time people give and what they get back for it: payment or recognition, and when paid.
reciprocity = Table(
    "reciprocity",
    metadata,
    Column("id", Integer, primary_key=True),
    _participant_id(),
    Column("session_id", ForeignKey("sessions.id", ondelete="SET NULL"), nullable=True),
    Column("given_on", Date, nullable=False),
    Column("minutes", Integer, nullable=False),
    Column("agreed", Text, nullable=False),
    Column("amount_pence", Integer, nullable=True),
    Column("paid_on", Date, nullable=True),
    Column("saved_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    CheckConstraint("minutes > 0", name="minutes_positive"),
    CheckConstraint("amount_pence IS NULL OR amount_pence >= 0", name="amount_not_negative"),
    _not_blank("agreed"),
)

# --- Codes (issue 4) ------------------------------------------------------------------------

# A project's codes for qualitative analysis: themes saved from the theme model or a researcher's.
codes = Table(
    "codes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
    Column("name", String(200), nullable=False),
    Column("description", Text, nullable=False, server_default=""),
    Column("created_by", String(200), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    # The code book's tree (issue 22): deleting a parent is decided in coprod_lab.coding.
    Column("parent_id", ForeignKey("codes.id", ondelete="SET NULL"), nullable=True),
    Column("colour", String(7), nullable=True),  # "#RRGGBB"
    _not_blank("name"),
    CheckConstraint("colour IS NULL OR length(colour) = 7", name="colour"),
    CheckConstraint("parent_id IS NULL OR parent_id <> id", name="not_own_parent"),
    UniqueConstraint("project_id", "name"),
)

# Which coder put which code on which utterance; erasing an utterance takes its codes with it.
coded_utterances = Table(
    "coded_utterances",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code_id", ForeignKey("codes.id", ondelete="CASCADE"), nullable=False),
    Column("utterance_id", ForeignKey("utterances.id", ondelete="CASCADE"), nullable=False),
    Column("coder", String(200), nullable=False),
    Column("coded_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    # The characters coded within the turn's text (issue 22); a whole turn is 0 .. its length.
    # NULL end_char (rows written by themes.codes) also means "to the end of the turn".
    Column("start_char", Integer, nullable=False, server_default="0"),
    Column("end_char", Integer, nullable=True),
    _not_blank("coder"),
    CheckConstraint(
        "start_char >= 0 AND (end_char IS NULL OR end_char > start_char)", name="characters"
    ),
    UniqueConstraint("code_id", "utterance_id", "coder", "start_char", "end_char"),
)

# --- Coding workbench (issue 22) ------------------------------------------------------------

MEMO_SUBJECTS = ("project", "session", "code", "participant", "passage")
ATTRIBUTE_KINDS = ("text", "number", "date", "choice")

# A memo: a dated note by its author on the project, a session, a code, a participant or a
# coded passage. Exactly the column its subject names is filled (a project memo fills none).
memos = Table(
    "memos",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
    Column("about", String(12), nullable=False),
    Column("session_id", ForeignKey("sessions.id", ondelete="CASCADE"), nullable=True),
    Column("code_id", ForeignKey("codes.id", ondelete="CASCADE"), nullable=True),
    _participant_id(nullable=True),
    Column("passage_id", ForeignKey("coded_utterances.id", ondelete="CASCADE"), nullable=True),
    Column("text", Text, nullable=False),
    Column("author", String(200), nullable=False),
    Column("written_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    CheckConstraint(_one_of("about", MEMO_SUBJECTS), name="about"),
    CheckConstraint(
        "(CASE WHEN session_id IS NULL THEN 0 ELSE 1 END"
        " + CASE WHEN code_id IS NULL THEN 0 ELSE 1 END"
        " + CASE WHEN participant_id IS NULL THEN 0 ELSE 1 END"
        " + CASE WHEN passage_id IS NULL THEN 0 ELSE 1 END)"
        " = CASE WHEN about = 'project' THEN 0 ELSE 1 END"
        " AND (about <> 'session' OR session_id IS NOT NULL)"
        " AND (about <> 'code' OR code_id IS NOT NULL)"
        " AND (about <> 'participant' OR participant_id IS NOT NULL)"
        " AND (about <> 'passage' OR passage_id IS NOT NULL)",
        name="one_target",
    ),
    _not_blank("text"),
    _not_blank("author"),
)

# Participant attributes beyond role (age group, service used, site), typed.
attributes = Table(
    "attributes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
    Column("name", String(100), nullable=False),
    Column("kind", String(10), nullable=False),
    Column("choices", JSON, nullable=True),
    Column("created_by", String(200), nullable=False),
    CheckConstraint(_one_of("kind", ATTRIBUTE_KINDS), name="kind"),
    _not_blank("name"),
    UniqueConstraint("project_id", "name"),
)

# One value per participant per attribute, kept as text in a canonical form (numbers as
# Python writes them, dates as ISO 8601); coprod_lab.coding.attributes reads them back typed.
attribute_values = Table(
    "attribute_values",
    metadata,
    Column("attribute_id", ForeignKey("attributes.id", ondelete="CASCADE"), primary_key=True),
    Column("participant_id", ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True),
    Column("value", Text, nullable=False),
)

# --- Definitions and voting (issue 7) -------------------------------------------------------

WORKSHOP_STAGES = ("words", "sentences", "vote", "finished")
VOTING_METHODS = ("approval", "thumbs", "ranked", "dots")
ROUND_STATES = ("draft", "open", "closed")
CONTRIBUTION_KINDS = ("word", "sentence")
SHOWN_STATES = ("shown", "hidden", "merged")
BALLOT_ROLES = ("lived_experience", "professional", "other", "not_said")
# What a room does together (migration 0009_i24): build definitions, or an activity of issue 24.
ACTIVITIES = ("definitions", "quiz", "questions")


def _shown_state(table: str) -> tuple[Column, Column, Column]:
    # Moderation never deletes: a hidden item keeps its reason, a merged one points onward.
    return (
        Column("state", String(10), nullable=False, server_default="shown"),
        Column("reason", Text, nullable=False, server_default=""),
        Column("merged_into", ForeignKey(f"{table}.id", ondelete="SET NULL"), nullable=True),
    )


# A definition-building workshop: a room code to join by, a facilitator key (hashed), and
# the stage the facilitator has moved the room to. `changed` goes up with every change, so
# pages notice by reading one number.
workshops = Table(
    "workshops",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
    Column("session_id", ForeignKey("sessions.id", ondelete="SET NULL"), nullable=True),
    Column("title", String(200), nullable=False),
    Column("room_code", String(12), nullable=False, unique=True),
    Column("facilitator_key_hash", String(128), nullable=False),
    # The results board's view-only key (migration 0007); NULL until the facilitator page
    # or the workshop command first makes it.
    Column("board_key_hash", String(128), nullable=True),
    Column("stage", String(10), nullable=False, server_default="words"),
    Column("policy", Text, nullable=False, server_default=""),
    Column("changed", Integer, nullable=False, server_default="0"),
    # What the room does (migration 0009_i24): the same room, keys and ballots serve each.
    Column("activity", String(12), nullable=False, server_default="definitions"),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    CheckConstraint(_one_of("stage", WORKSHOP_STAGES), name="stage"),
    CheckConstraint(_one_of("activity", ACTIVITIES), name="activity"),
    _not_blank("title"),
    UniqueConstraint("project_id", "title"),
    Index("ix_workshops_board_key_hash", "board_key_hash", unique=True),
)

# One person's ballot in one workshop: reached by a personal link (its token) or by the room
# code and a name. Results show the declared role, exports only the ballot number.
ballots = Table(
    "ballots",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("workshop_id", ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False),
    Column("token", String(64), nullable=False, unique=True),
    Column("name", String(200), nullable=True),
    Column("role", String(20), nullable=False, server_default="not_said"),
    _participant_id(nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    CheckConstraint(_one_of("role", BALLOT_ROLES), name="role"),
    UniqueConstraint("workshop_id", "name"),
    # Lets votes check, in the database, that a ballot belongs to the round's workshop.
    UniqueConstraint("id", "workshop_id", name="uq_ballots_id_workshop_id"),
)

# Words, then sentences built from them; a sentence can be a suggested edit of another.
contributions = Table(
    "contributions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("workshop_id", ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(10), nullable=False),
    Column("text", Text, nullable=False),
    Column("ballot_id", ForeignKey("ballots.id", ondelete="CASCADE"), nullable=True),
    Column("edit_of", ForeignKey("contributions.id", ondelete="CASCADE"), nullable=True),
    *_shown_state("contributions"),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    CheckConstraint(_one_of("kind", CONTRIBUTION_KINDS), name="kind"),
    CheckConstraint(_one_of("state", SHOWN_STATES), name="state"),
    _not_blank("text"),
)

# A vote on candidate definitions, with its method. Votes are taken only while it is open.
rounds = Table(
    "rounds",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("workshop_id", ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False),
    Column("title", String(200), nullable=False),
    Column("method", String(10), nullable=False),
    Column("dots", Integer, nullable=True),
    Column("status", String(10), nullable=False, server_default="draft"),
    Column("hide_results", Boolean, nullable=False, server_default=true()),
    Column("opened_at", DateTime(timezone=True), nullable=True),
    Column("closed_at", DateTime(timezone=True), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    CheckConstraint(_one_of("method", VOTING_METHODS), name="method"),
    CheckConstraint(_one_of("status", ROUND_STATES), name="status"),
    CheckConstraint("(method = 'dots') = (dots IS NOT NULL AND dots > 0)", name="dots"),
    _not_blank("title"),
    UniqueConstraint("workshop_id", "title"),
    UniqueConstraint("id", "workshop_id", name="uq_rounds_id_workshop_id"),
)

# A candidate definition in a round. A change of wording waits for its author's agreement.
candidates = Table(
    "candidates",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("round_id", ForeignKey("rounds.id", ondelete="CASCADE"), nullable=False),
    Column("text", Text, nullable=False),
    Column("ballot_id", ForeignKey("ballots.id", ondelete="SET NULL"), nullable=True),
    Column("proposed_text", Text, nullable=True),
    *_shown_state("candidates"),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    CheckConstraint(_one_of("state", SHOWN_STATES), name="state"),
    _not_blank("text"),
    UniqueConstraint("id", "round_id", name="uq_candidates_id_round_id"),
)

# One ballot's mark on one candidate in one round, changed in place until the round closes.
# value: approval 1/0, thumbs 1/0/-1 (agree/unsure/disagree), ranked 1 = first choice and
# 0 = not in my order (migration 0007), dots how many; NULL means skipped. The composite keys
# make the database itself refuse a candidate from another round or a ballot from another
# workshop; triggers (migration 0006) refuse any vote in a round that is not open.
votes = Table(
    "votes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("workshop_id", Integer, nullable=False),
    Column("round_id", Integer, nullable=False),
    Column("candidate_id", Integer, nullable=False),
    Column("ballot_id", Integer, nullable=False),
    Column("value", Integer, nullable=True),
    Column("cast_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("changed_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    ForeignKeyConstraint(
        ["round_id", "workshop_id"],
        ["rounds.id", "rounds.workshop_id"],
        name="fk_votes_round_rounds",
        ondelete="CASCADE",
    ),
    ForeignKeyConstraint(
        ["candidate_id", "round_id"],
        ["candidates.id", "candidates.round_id"],
        name="fk_votes_candidate_candidates",
        ondelete="CASCADE",
    ),
    ForeignKeyConstraint(
        ["ballot_id", "workshop_id"],
        ["ballots.id", "ballots.workshop_id"],
        name="fk_votes_ballot_ballots",
        ondelete="CASCADE",
    ),
    UniqueConstraint("round_id", "candidate_id", "ballot_id"),
)

# A co-produced recruitment panel (migration 0009_i24b): a workshop row gives it its room
# code, chair (facilitator) key and `changed` counter; its members are that workshop's
# ballots (personal cards), with role lived experience or staff ("professional").
INTERVIEW_STATES = ("waiting", "open", "closed")
RATING_VALUES = (-1, 0, 1)  # thumbs down, in the middle, thumbs up

panels = Table(
    "panels",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "workshop_id", ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False, unique=True
    ),
    Column("job", String(200), nullable=False, server_default=""),
    # The questions are fixed once the panel agrees them; interviews open only after that.
    Column("questions_agreed", Boolean, nullable=False, server_default=false()),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    UniqueConstraint("id", "workshop_id", name="uq_panels_id_workshop_id"),
)

panel_questions = Table(
    "panel_questions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("panel_id", ForeignKey("panels.id", ondelete="CASCADE"), nullable=False),
    Column("text", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    _not_blank("text"),
    UniqueConstraint("id", "panel_id", name="uq_panel_questions_id_panel_id"),
)

# A candidate is personal data: `label` (Candidate A) is what every page and export shows;
# the real name is kept only with the date consent was given, and erasing the candidate
# (privacy.people.erase_candidate) takes their ratings and notes with them.
panel_candidates = Table(
    "panel_candidates",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("panel_id", ForeignKey("panels.id", ondelete="CASCADE"), nullable=False),
    Column("label", String(60), nullable=False),
    Column("name", String(200), nullable=True),
    Column("name_consent_on", Date, nullable=True),
    Column("status", String(10), nullable=False, server_default="waiting"),
    Column("opened_at", DateTime(timezone=True), nullable=True),
    Column("closed_at", DateTime(timezone=True), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    CheckConstraint(_one_of("status", INTERVIEW_STATES), name="status"),
    CheckConstraint("name IS NULL OR name_consent_on IS NOT NULL", name="name_needs_consent"),
    _not_blank("label"),
    UniqueConstraint("panel_id", "label"),
    UniqueConstraint("id", "panel_id", name="uq_panel_candidates_id_panel_id"),
)

# One member's rating of one candidate's answer to one question, changed in place while the
# interview is open. The composite keys refuse, in the database, a question or candidate of
# another panel and a member (ballot) of another workshop; triggers (migration 0009_i24b)
# refuse any rating while the candidate's interview is not open.
panel_ratings = Table(
    "panel_ratings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("panel_id", Integer, nullable=False),
    Column("workshop_id", Integer, nullable=False),
    Column("candidate_id", Integer, nullable=False),
    Column("question_id", Integer, nullable=False),
    Column("ballot_id", Integer, nullable=False),
    Column("value", Integer, nullable=False),
    Column("note", Text, nullable=False, server_default=""),
    Column("rated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("changed_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    CheckConstraint("value IN (-1, 0, 1)", name="value"),
    ForeignKeyConstraint(
        ["panel_id", "workshop_id"],
        ["panels.id", "panels.workshop_id"],
        name="fk_panel_ratings_panel_panels",
        ondelete="CASCADE",
    ),
    ForeignKeyConstraint(
        ["candidate_id", "panel_id"],
        ["panel_candidates.id", "panel_candidates.panel_id"],
        name="fk_panel_ratings_candidate_panel_candidates",
        ondelete="CASCADE",
    ),
    ForeignKeyConstraint(
        ["question_id", "panel_id"],
        ["panel_questions.id", "panel_questions.panel_id"],
        name="fk_panel_ratings_question_panel_questions",
        ondelete="CASCADE",
    ),
    ForeignKeyConstraint(
        ["ballot_id", "workshop_id"],
        ["ballots.id", "ballots.workshop_id"],
        name="fk_panel_ratings_ballot_ballots",
        ondelete="CASCADE",
    ),
    UniqueConstraint("candidate_id", "question_id", "ballot_id"),
)

# --- Room activities (issue 24, migration 0009_i24) ------------------------------------------

SITUATION_STATES = ("draft", "open", "closed")
QUIZ_ANSWERS = ("yes", "no", "depends")
QUESTION_STATUSES = ("waiting", "now", "answered")

# "Is it co-production?": a situation the room answers, with the rung it most often sits on
# and why (from the starter set or the facilitator), and the rung the room placed it on after
# talking. Answers are taken only while it is open (triggers, migration 0009_i24).
quiz_situations = Table(
    "quiz_situations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("workshop_id", ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("usual_rung", Integer, nullable=True),
    Column("why", Text, nullable=False, server_default=""),
    Column("placed_rung", Integer, nullable=True),
    Column("status", String(10), nullable=False, server_default="draft"),
    CheckConstraint(_one_of("status", SITUATION_STATES), name="status"),
    CheckConstraint(f"usual_rung BETWEEN 1 AND {LADDER_RUNGS}", name="usual_rung"),
    CheckConstraint(f"placed_rung BETWEEN 1 AND {LADDER_RUNGS}", name="placed_rung"),
    _not_blank("text"),
    UniqueConstraint("id", "workshop_id", name="uq_quiz_situations_id_workshop_id"),
)

# One person's answer to one situation, changed in place while it is open.
quiz_answers = Table(
    "quiz_answers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("workshop_id", Integer, nullable=False),
    Column("situation_id", Integer, nullable=False),
    Column("ballot_id", Integer, nullable=False),
    Column("answer", String(10), nullable=False),
    Column("reason", Text, nullable=False, server_default=""),
    Column("changed_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    CheckConstraint(_one_of("answer", QUIZ_ANSWERS), name="answer"),
    ForeignKeyConstraint(
        ["situation_id", "workshop_id"],
        ["quiz_situations.id", "quiz_situations.workshop_id"],
        name="fk_quiz_answers_situation_quiz_situations",
        ondelete="CASCADE",
    ),
    ForeignKeyConstraint(
        ["ballot_id", "workshop_id"],
        ["ballots.id", "ballots.workshop_id"],
        name="fk_quiz_answers_ballot_ballots",
        ondelete="CASCADE",
    ),
    UniqueConstraint("situation_id", "ballot_id"),
)

# A question for the panel, from one ballot; `named` says whether the room may see the
# person's name. Hidden and joined questions keep their reason, as definitions do. At most
# one question per room is "being answered now" (a partial unique index).
questions = Table(
    "questions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("workshop_id", Integer, nullable=False),
    Column("ballot_id", Integer, nullable=False),
    Column("named", Boolean, nullable=False, server_default=false()),
    Column("text", Text, nullable=False),
    *_shown_state("questions"),
    Column("status", String(10), nullable=False, server_default="waiting"),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    CheckConstraint(_one_of("state", SHOWN_STATES), name="state"),
    CheckConstraint(_one_of("status", QUESTION_STATUSES), name="status"),
    _not_blank("text"),
    ForeignKeyConstraint(
        ["ballot_id", "workshop_id"],
        ["ballots.id", "ballots.workshop_id"],
        name="fk_questions_ballot_ballots",
        ondelete="CASCADE",
    ),
    UniqueConstraint("id", "workshop_id", name="uq_questions_id_workshop_id"),
    Index(
        "ix_questions_one_now",
        "workshop_id",
        unique=True,
        sqlite_where=text("status = 'now'"),
        postgresql_where=text("status = 'now'"),
    ),
)

# "I want this asked too": one row per person per question (the asker's own included).
question_support = Table(
    "question_support",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("workshop_id", Integer, nullable=False),
    Column("question_id", Integer, nullable=False),
    Column("ballot_id", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    ForeignKeyConstraint(
        ["question_id", "workshop_id"],
        ["questions.id", "questions.workshop_id"],
        name="fk_question_support_question_questions",
        ondelete="CASCADE",
    ),
    ForeignKeyConstraint(
        ["ballot_id", "workshop_id"],
        ["ballots.id", "ballots.workshop_id"],
        name="fk_question_support_ballot_ballots",
        ondelete="CASCADE",
    ),
    UniqueConstraint("question_id", "ballot_id"),
)

# --- You said, we did (issue 25, part 3) -------------------------------------------------

# Where a point came from: a transcript turn (utterances), a pair's note (pair_notes), "what
# we heard" (sense_checks), a note about a session (memos), a question the group did not reach
# (the questions feature, linked by id when it lands), or somewhere else (no link).
YOU_SAID_SOURCES = ("turn", "pair_note", "sense_check", "memo", "question", "other")
YOU_SAID_OUTCOMES = ("done", "could_not")

# A point people raised that needs an answer, and what became of it. The source is a kind and
# an id rather than a foreign key, so sources in tables added later can be linked too;
# coprod_lab.sessions.you_said checks the link when an entry is made.
you_said = Table(
    "you_said",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
    Column("session_id", ForeignKey("sessions.id", ondelete="SET NULL"), nullable=True),
    # Who raised it; erasing them removes the entry. NULL: the group, or nobody in particular.
    _participant_id(nullable=True),
    Column("source_kind", String(20), nullable=False),
    Column("source_id", Integer, nullable=True),
    Column("said", Text, nullable=False),
    # True: `said` is the person's own words (kept only with their consent to be quoted).
    Column("own_words", Boolean, nullable=False, server_default=false()),
    Column("raised_on", Date, nullable=False),
    Column("action", Text, nullable=False, server_default=""),
    Column("action_by", String(200), nullable=False, server_default=""),
    Column("due_on", Date, nullable=True),
    Column("outcome", String(10), nullable=True),
    Column("done", Text, nullable=False, server_default=""),
    Column("done_on", Date, nullable=True),
    Column("told_on", Date, nullable=True),
    Column("created_by", String(200), nullable=False),
    Column("changed_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    # Names of people who are not participants, found in the entry's words by the name
    # recogniser when they were saved, so the participants' page hides them without loading
    # it (migration 0009_ift).
    Column("other_names", JSON, nullable=True),
    CheckConstraint(_one_of("source_kind", YOU_SAID_SOURCES), name="source_kind"),
    CheckConstraint("(source_kind = 'other') = (source_id IS NULL)", name="source"),
    CheckConstraint(f"outcome IS NULL OR {_one_of('outcome', YOU_SAID_OUTCOMES)}", name="outcome"),
    # An outcome has a date and says what was done (or why it could not be).
    CheckConstraint("(outcome IS NULL) = (done_on IS NULL)", name="outcome_dated"),
    CheckConstraint("outcome IS NULL OR length(trim(done)) > 0", name="outcome_said"),
    # People are told back once there is something to tell.
    CheckConstraint(
        "told_on IS NULL OR (done_on IS NOT NULL AND told_on >= done_on)", name="told_after"
    ),
    _not_blank("said"),
    # A question not reached becomes one entry, however often it is kept (migration 0009_ift).
    Index(
        "uq_you_said_question",
        "source_id",
        unique=True,
        sqlite_where=text("source_kind = 'question'"),
        postgresql_where=text("source_kind = 'question'"),
    ),
)

# --- Planning (issue 25) ----------------------------------------------------------------------

# A project's preparation (intention, purpose, who should be there), every version kept: the
# newest is current, the rest are its history. It names groups and roles, never a person.
preparations = Table(
    "preparations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
    Column("fields", JSON, nullable=False),
    Column("author", String(200), nullable=False),
    Column("saved_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

# Each participant's access needs, reasonable adjustments and how they are paid, every version
# kept. Personal data: kept only with the person's consent (the date they gave it).
access_needs = Table(
    "access_needs",
    metadata,
    Column("id", Integer, primary_key=True),
    _participant_id(),
    Column("needs", Text, nullable=False, server_default=""),
    Column("adjustments", Text, nullable=False, server_default=""),
    Column("payment", Text, nullable=False, server_default=""),
    Column("consent_on", Date, nullable=False),
    Column("author", String(200), nullable=False),
    Column("saved_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

# A session plan: its title, and the session it is for once there is one.
session_plans = Table(
    "session_plans",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
    Column("title", String(200), nullable=False),
    Column("session_id", ForeignKey("sessions.id", ondelete="SET NULL"), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    _not_blank("title"),
    UniqueConstraint("project_id", "title"),
)

# The plan's agenda, purpose and the group's answer at the end, every version kept.
session_plan_versions = Table(
    "session_plan_versions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("plan_id", ForeignKey("session_plans.id", ondelete="CASCADE"), nullable=False),
    Column("fields", JSON, nullable=False),
    Column("author", String(200), nullable=False),
    Column("saved_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

# The audit trail: one row for every change, written in the change's own transaction.
# It records what happened to which row, never the personal content itself.
events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("actor", String(200), nullable=False),
    Column("action", String(50), nullable=False),
    Column("subject", String(50), nullable=False),
    Column("subject_id", Integer, nullable=True),
    Column("detail", JSON, nullable=True),
    # The project the event belongs to (NULL where it cannot be known, for events made before
    # migration 0010 about rows since deleted). Not a foreign key: the trail outlives what it
    # describes, and SQLite cannot add one to an existing table without rebuilding it.
    Column("project_id", Integer, nullable=True),
)

# --- Co-analysis (issue 23) -----------------------------------------------------------------

COANALYSIS_MARKS = ("important", "read_differently", "skipped", "read")
SUGGESTION_STATES = ("waiting", "accepted", "not_taken")

# A session the researcher has opened for co-analysis; open while closed_at is NULL.
# other_names: names of people who are not participants, found in its words by the name
# recogniser when it was opened, so co-analysts' pages can hide them without loading it.
coanalysis_sessions = Table(
    "coanalysis_sessions",
    metadata,
    Column("session_id", ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True),
    Column("opened_by", String(200), nullable=False),
    Column("opened_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("closed_at", DateTime(timezone=True), nullable=True),
    Column("other_names", JSON, nullable=True),
)

# A person invited to analyse the project's open sessions, reached by a personal link (token)
# as a ballot is. Their `name` is the coder name their coding carries in coded_utterances.
coanalysts = Table(
    "coanalysts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
    Column("token", String(64), nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    Column("invited_by", String(200), nullable=False),
    Column("invited_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    _not_blank("name"),
    UniqueConstraint("project_id", "name"),
)

# What a co-analyst said about a turn besides codes: important, read differently (with an
# optional note), skipped, or read. Erasing the turn or the co-analyst takes these with it.
coanalysis_marks = Table(
    "coanalysis_marks",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("coanalyst_id", ForeignKey("coanalysts.id", ondelete="CASCADE"), nullable=False),
    Column("utterance_id", ForeignKey("utterances.id", ondelete="CASCADE"), nullable=False),
    Column("mark", String(20), nullable=False),
    Column("note", Text, nullable=False, server_default=""),
    Column("marked_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    CheckConstraint(_one_of("mark", COANALYSIS_MARKS), name="mark"),
    UniqueConstraint("coanalyst_id", "utterance_id", "mark"),
)

# A new code suggested by a co-analyst in their own words, until the group takes it into the
# code book (accepted, code_id the code made) or decides not to.
code_suggestions = Table(
    "code_suggestions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("coanalyst_id", ForeignKey("coanalysts.id", ondelete="CASCADE"), nullable=False),
    Column("utterance_id", ForeignKey("utterances.id", ondelete="CASCADE"), nullable=True),
    Column("name", String(200), nullable=False),
    Column("meaning", Text, nullable=False, server_default=""),
    Column("state", String(10), nullable=False, server_default="waiting"),
    Column("code_id", ForeignKey("codes.id", ondelete="SET NULL"), nullable=True),
    Column("suggested_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    CheckConstraint(_one_of("state", SUGGESTION_STATES), name="state"),
    _not_blank("name"),
)
