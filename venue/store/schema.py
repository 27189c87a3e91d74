"""Tables as the code sees them now (SQLAlchemy Core, shared by SQLite and PostgreSQL).

Migrations do not create tables from this metadata: each step in migrations/ spells out its
own DDL, so that an old database and a new one end up with the same schema, and a test proves
that the steps build exactly this. A change here needs a new step.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()
Stamp = sa.DateTime(timezone=True)


def person_column(name: str, *, primary_key: bool = False, nullable: bool = True) -> sa.Column[str]:
    """A column naming a participant; rows about someone go when they are deleted."""
    return sa.Column(
        name,
        sa.String(32),
        sa.ForeignKey("participants.id", ondelete="CASCADE"),
        primary_key=primary_key,
        nullable=nullable and not primary_key,
    )


schema_migrations = sa.Table(
    "schema_migrations",
    metadata,
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(100), nullable=False),
    sa.Column("applied_at", Stamp, nullable=False),
)

participants = sa.Table(
    "participants",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("name", sa.String(80), nullable=False),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("created_at", Stamp, nullable=False),
    sa.Column("last_space", sa.String(64)),
    sa.Column("last_x", sa.Integer),
    sa.Column("last_y", sa.Integer),
    sa.Column("last_seen", Stamp),
    # registration (NULL for guests and invited staff)
    sa.Column("email", sa.String(254)),
    sa.Column("organisation", sa.String(200)),
    sa.Column("workshop", sa.String(64)),
    sa.Column("registration", sa.String(16)),  # registered | waiting
    sa.Column("registered_at", Stamp),
    sa.Column("consent_at", Stamp),
    sa.Column("lang", sa.String(2)),
    sa.Index("ix_participants_email", "email", unique=True),
    sa.Index("ix_participants_waiting", "workshop", "registration"),
)

tokens = sa.Table(
    "tokens",
    metadata,
    sa.Column("digest", sa.String(64), primary_key=True),
    person_column("participant_id", nullable=False),
    sa.Column("purpose", sa.String(16), nullable=False),
    sa.Column("created_at", Stamp, nullable=False),
    sa.Column("expires_at", Stamp, nullable=False),
    sa.Column("revoked_at", Stamp),
    sa.Index("ix_tokens_participant", "participant_id"),
)

workshop_seats = sa.Table(
    "workshop_seats",
    metadata,
    sa.Column("workshop", sa.String(64), primary_key=True),
    sa.Column("capacity", sa.Integer, nullable=False),
    sa.Column("taken", sa.Integer, nullable=False),
)

booth_staff = sa.Table(
    "booth_staff",
    metadata,
    person_column("participant_id", primary_key=True),
    sa.Column("booth", sa.String(64), primary_key=True),
)

programme_adjustments = sa.Table(
    "programme_adjustments",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("kind", sa.String(16), nullable=False),  # delay | start_now
    sa.Column("block", sa.Integer, nullable=False),
    sa.Column("minutes", sa.Integer),
    sa.Column("cascade", sa.Boolean),
    sa.Column("at", Stamp),
    sa.Column("created_at", Stamp, nullable=False),
)

programme_done = sa.Table(
    "programme_done",
    metadata,
    sa.Column("block", sa.Integer, primary_key=True),
    sa.Column("at", Stamp, nullable=False),
)

closed_spaces = sa.Table(
    "closed_spaces",
    metadata,
    sa.Column("space", sa.String(64), primary_key=True),
)

audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", Stamp, nullable=False),
    sa.Column("actor_id", sa.String(32)),
    sa.Column("actor_name", sa.String(80), nullable=False),
    sa.Column("action", sa.String(40), nullable=False),
    sa.Column("detail", sa.String(1000), nullable=False),
)

# -- exhibition (migration 5) ------------------------------------------------

booth_content = sa.Table(
    "booth_content",
    metadata,
    sa.Column("booth", sa.String(64), primary_key=True),
    sa.Column("title", sa.String(200), nullable=False),  # German
    sa.Column("organisation", sa.String(200), nullable=False),
    sa.Column("description_de", sa.Text, nullable=False),
    sa.Column("description_en", sa.Text, nullable=False),
    sa.Column("links", sa.Text, nullable=False),  # JSON list of {"title", "url"}
    sa.Column("contact", sa.String(300), nullable=False),
    sa.Column("logo", sa.String(32)),  # booth_files.id
    sa.Column("hidden", sa.Boolean, nullable=False),
    sa.Column("updated_at", Stamp, nullable=False),
    sa.Column("title_en", sa.String(200), nullable=False, server_default=""),  # migration 7
)

booth_files = sa.Table(
    "booth_files",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),  # random: the file's URL cannot be guessed
    sa.Column("booth", sa.String(64), nullable=False, index=True),
    sa.Column("kind", sa.String(16), nullable=False),  # logo | material
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("content_type", sa.String(64), nullable=False),
    sa.Column("size", sa.Integer, nullable=False),
    sa.Column("data", sa.LargeBinary, nullable=False),
    sa.Column("created_at", Stamp, nullable=False),
)

booth_rota = sa.Table(
    "booth_rota",
    metadata,
    sa.Column("booth", sa.String(64), primary_key=True),
    person_column("participant_id", primary_key=True),
    sa.Column("block", sa.Integer, primary_key=True),
)

booth_requests = sa.Table(
    "booth_requests",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("booth", sa.String(64), nullable=False, index=True),
    person_column("visitor_id", nullable=False),
    sa.Column("visitor_name", sa.String(80), nullable=False),
    sa.Column("email", sa.String(254)),  # only if the visitor agreed to share it
    sa.Column("state", sa.String(16), nullable=False),  # pending | accepted | withdrawn
    sa.Column("staff_name", sa.String(80)),
    sa.Column("created_at", Stamp, nullable=False),
    sa.Column("answered_at", Stamp),
)

booth_visits = sa.Table(
    "booth_visits",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("booth", sa.String(64), nullable=False, index=True),
    person_column("participant_id", nullable=False),
    sa.Column("entered_at", Stamp, nullable=False),
    sa.Column("left_at", Stamp),
)

booth_open = sa.Table(
    "booth_open",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("booth", sa.String(64), nullable=False, index=True),
    sa.Column("opened_at", Stamp, nullable=False),
    sa.Column("closed_at", Stamp),
)

booth_guestbook = sa.Table(
    "booth_guestbook",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("booth", sa.String(64), nullable=False, index=True),
    person_column("author_id", nullable=False),
    sa.Column("author_name", sa.String(80), nullable=False),
    sa.Column("text", sa.String(500), nullable=False),
    sa.Column("answer", sa.String(500)),
    sa.Column("answered_by", sa.String(80)),
    sa.Column("created_at", Stamp, nullable=False),
)

# chat: a channel is `space:<id>`, `group:<id>`, `table:<space>:<area>` or `dm:<low>:<high>`;
# the author's name and role are kept with the message (a deleted person's become
# "deleted participant")
chat_messages = sa.Table(
    "chat_messages",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("channel", sa.String(200), nullable=False),
    sa.Column("author_id", sa.String(32)),
    sa.Column("author_name", sa.String(80), nullable=False),
    sa.Column("author_role", sa.String(20)),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("at", Stamp, nullable=False),
    sa.Column("question", sa.Boolean, nullable=False),
    sa.Column("answered", sa.Boolean, nullable=False),
    sa.Column("deleted", sa.Boolean, nullable=False),
    sa.Index("ix_chat_messages_channel", "channel", "id"),
    sa.Index("ix_chat_messages_author", "author_id"),
)

chat_mutes = sa.Table(
    "chat_mutes",
    metadata,
    person_column("participant_id", primary_key=True),
    sa.Column("at", Stamp, nullable=False),
)

chat_blocks = sa.Table(
    "chat_blocks",
    metadata,
    person_column("blocker_id", primary_key=True),
    person_column("blocked_id", primary_key=True),
    sa.Column("at", Stamp, nullable=False),
)

chat_reads = sa.Table(
    "chat_reads",
    metadata,
    person_column("participant_id", primary_key=True),
    sa.Column("channel", sa.String(200), primary_key=True),
    sa.Column("upto", sa.Integer, nullable=False),
)

# -- the live day (step 6) ----------------------------------------------------

day_routed = sa.Table(  # who was routed in a block (present at its transition, or arriving)
    "day_routed",
    metadata,
    sa.Column("block", sa.Integer, primary_key=True),
    person_column("participant_id", primary_key=True),
    sa.Column("assigned", sa.String(64)),  # the workshop given for lack of a seat, if any
)

day_stays = sa.Table(
    "day_stays",
    metadata,
    person_column("participant_id", primary_key=True),
    sa.Column("until", Stamp, nullable=False),
)

removal_bans = sa.Table(
    "removal_bans",
    metadata,
    person_column("participant_id", primary_key=True),
    sa.Column("until", Stamp, nullable=False),
)

booth_checkins = sa.Table(  # exhibitors staffing a booth from list mode
    "booth_checkins",
    metadata,
    sa.Column("booth", sa.String(64), primary_key=True),
    person_column("participant_id", primary_key=True),
)

announcements = sa.Table(
    "announcements",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("space", sa.String(64)),
    sa.Column("by", sa.String(80), nullable=False),
    sa.Column("at", Stamp, nullable=False),
)

# -- contacts and feedback (step 14) --------------------------------------------

contact_links = sa.Table(  # one person's request to share contact details, and its answer
    "contact_links",
    metadata,
    person_column("asker_id", primary_key=True),
    person_column("asked_id", primary_key=True),
    sa.Column("asker_email", sa.Boolean, nullable=False),
    sa.Column("asked_email", sa.Boolean, nullable=False),
    sa.Column("state", sa.String(16), nullable=False),  # pending | declined | exchanged
    sa.Column("created_at", Stamp, nullable=False),
    sa.Column("answered_at", Stamp),
    sa.Index("ix_contact_links_asked", "asked_id"),
)

block_ratings = sa.Table(  # one rating per person and programme block
    "block_ratings",
    metadata,
    sa.Column("block", sa.Integer, primary_key=True),
    person_column("participant_id", primary_key=True),
    sa.Column("stars", sa.Integer, nullable=False),
    sa.Column("comment", sa.String(280), nullable=False),
    sa.Column("at", Stamp, nullable=False),
)

attendance = sa.Table(  # the attendance ledger: seconds per person, block, quarter hour, place
    "attendance",
    metadata,
    person_column("participant_id", primary_key=True),
    sa.Column("block", sa.Integer, primary_key=True),  # -1: outside every block
    sa.Column("bucket", Stamp, primary_key=True),  # the quarter hour's start
    sa.Column("space", sa.String(64), primary_key=True),
    sa.Column("booth", sa.String(64), primary_key=True),  # "": in no booth
    sa.Column("seconds", sa.Float, nullable=False),
)

certificates = sa.Table(  # certificates of attendance as issued, found by their random id
    "certificates",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    person_column("participant_id", nullable=False),
    sa.Column("issued_at", Stamp, nullable=False),
    sa.Column("body", sa.Text, nullable=False),  # JSON: what the certificate states
    sa.Index("ix_certificates_participant_id", "participant_id"),
)

# -- interests (step 11) -------------------------------------------------------

interests = sa.Table(  # what a person told about their interests, for speed networking
    "interests",
    metadata,
    person_column("participant_id", primary_key=True),
    sa.Column("tags", sa.String(400), nullable=False),  # interest ids, space-separated
    sa.Column("offer", sa.String(140), nullable=False),  # "I can offer"
    sa.Column("seeking", sa.String(140), nullable=False),  # "I am looking for"
    sa.Column("visible", sa.Boolean, nullable=False),  # consent: shown on their card
    sa.Column("updated_at", Stamp, nullable=False),
)

# -- the stage (step 12): polls and their ballots, upvotes and hidden questions ----------


def part_of(name: str, target: str) -> sa.Column[int]:
    """An integer key to another table's row, in the primary key; gone with that row."""
    return sa.Column(name, sa.Integer, sa.ForeignKey(target, ondelete="CASCADE"), primary_key=True)


stage_polls = sa.Table(
    "stage_polls",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("space", sa.String(64), nullable=False),
    sa.Column("slot", sa.String(200)),  # the programme slot running there when it was asked
    sa.Column("question", sa.Text, nullable=False),
    sa.Column("options", sa.Text, nullable=False),  # a JSON list of the answers
    sa.Column("multiple", sa.Boolean, nullable=False),
    sa.Column("created_at", Stamp, nullable=False),
    sa.Column("closed_at", Stamp),
    # the result frozen at closing (JSON votes per answer, and voters): the record keeps it
    # when the ballots, personal data, are deleted
    sa.Column("votes", sa.Text),
    sa.Column("voters", sa.Integer),
    sa.Index("ix_stage_polls_space", "space", "id"),
)

stage_ballots = sa.Table(  # one per person and poll: the primary key is the rule
    "stage_ballots",
    metadata,
    part_of("poll_id", "stage_polls.id"),
    person_column("participant_id", primary_key=True),
    sa.Column("choices", sa.String(40), nullable=False),  # answer indexes, "0,2"
)

stage_upvotes = sa.Table(  # one per person and question
    "stage_upvotes",
    metadata,
    part_of("message_id", "chat_messages.id"),
    person_column("participant_id", primary_key=True),
)

stage_hidden = sa.Table(  # questions a moderator took out of the queue
    "stage_hidden",
    metadata,
    part_of("message_id", "chat_messages.id"),
    sa.Column("at", Stamp, nullable=False),
)
