"""Schema migrations: numbered steps, applied in order, recorded in schema_migrations.

We keep them as plain functions rather than Alembic scripts: the schema is small, the same
steps must run on SQLite and PostgreSQL at start-up, and `venue db upgrade` needs no
configuration file beside the package. Each step spells out its DDL instead of creating
tables from the current metadata, so old and new databases converge.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa

from venue.clock import utcnow
from venue.store import schema


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    apply: Callable[[sa.Connection], None]


def _participants(conn: sa.Connection) -> None:
    v1 = sa.MetaData()
    sa.Table(
        "participants",
        v1,
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("name", sa.String(80), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("created_at", schema.Stamp, nullable=False),
        sa.Column("last_space", sa.String(64)),
        sa.Column("last_x", sa.Integer),
        sa.Column("last_y", sa.Integer),
        sa.Column("last_seen", schema.Stamp),
    ).create(conn)


def _registration(conn: sa.Connection) -> None:
    stamp = "TIMESTAMP WITH TIME ZONE" if conn.dialect.name == "postgresql" else "DATETIME"
    for column, kind in (
        ("email", "VARCHAR(254)"),
        ("organisation", "VARCHAR(200)"),
        ("workshop", "VARCHAR(64)"),
        ("registration", "VARCHAR(16)"),
        ("registered_at", stamp),
        ("consent_at", stamp),
        ("lang", "VARCHAR(2)"),
    ):
        conn.execute(sa.text(f"ALTER TABLE participants ADD COLUMN {column} {kind}"))
    conn.execute(sa.text("CREATE UNIQUE INDEX ix_participants_email ON participants (email)"))
    conn.execute(
        sa.text("CREATE INDEX ix_participants_waiting ON participants (workshop, registration)")
    )
    for table in (schema.tokens, schema.workshop_seats, schema.booth_staff):
        # these tables are new in this step, so their current definition is this step's
        table.create(conn)
    conn.execute(sa.text("CREATE INDEX ix_tokens_participant ON tokens (participant_id)"))


def _programme(conn: sa.Connection) -> None:
    # new tables in this step; later steps that change them must spell out their DDL
    for table in (
        schema.programme_adjustments,
        schema.programme_done,
        schema.closed_spaces,
        schema.audit_log,
    ):
        table.create(conn)


def _chat(conn: sa.Connection) -> None:
    v4 = sa.MetaData()
    # referenced only: the foreign keys below need to know it, it exists since step 1
    sa.Table("participants", v4, sa.Column("id", sa.String(32), primary_key=True))

    def person(name: str, primary_key: bool = True) -> sa.Column[str]:
        return sa.Column(
            name,
            sa.String(32),
            sa.ForeignKey("participants.id", ondelete="CASCADE"),
            primary_key=primary_key,
        )

    tables = (
        sa.Table(
            "chat_messages",
            v4,
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("channel", sa.String(200), nullable=False),
            sa.Column("author_id", sa.String(32)),
            sa.Column("author_name", sa.String(80), nullable=False),
            sa.Column("author_role", sa.String(20)),
            sa.Column("text", sa.Text, nullable=False),
            sa.Column("at", schema.Stamp, nullable=False),
            sa.Column("question", sa.Boolean, nullable=False),
            sa.Column("answered", sa.Boolean, nullable=False),
            sa.Column("deleted", sa.Boolean, nullable=False),
            sa.Index("ix_chat_messages_channel", "channel", "id"),
            sa.Index("ix_chat_messages_author", "author_id"),
        ),
        sa.Table(
            "chat_mutes",
            v4,
            person("participant_id"),
            sa.Column("at", schema.Stamp, nullable=False),
        ),
        sa.Table(
            "chat_blocks",
            v4,
            person("blocker_id"),
            person("blocked_id"),
            sa.Column("at", schema.Stamp, nullable=False),
        ),
        sa.Table(
            "chat_reads",
            v4,
            person("participant_id"),
            sa.Column("channel", sa.String(200), primary_key=True),
            sa.Column("upto", sa.Integer, nullable=False),
        ),
    )
    for table in tables:
        table.create(conn)


def _exhibition(conn: sa.Connection) -> None:
    # new tables in this step (booth content, files, rota, requests, visits, guestbook)
    for table in schema.EXHIBITION_TABLES:
        table.create(conn)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "participants", _participants),
    Migration(2, "registration, tokens, seats, booth staff", _registration),
    Migration(3, "programme state and audit log", _programme),
    Migration(4, "chat", _chat),
    Migration(5, "exhibition", _exhibition),
)


def pending(conn: sa.Connection) -> list[Migration]:
    """The migrations not yet applied to this database."""
    schema.schema_migrations.create(conn, checkfirst=True)
    done = set(conn.execute(sa.select(schema.schema_migrations.c.version)).scalars())
    # by number: steps written concurrently may sit in the tuple out of order
    return sorted((m for m in MIGRATIONS if m.version not in done), key=lambda m: m.version)


def upgrade(conn: sa.Connection) -> list[Migration]:
    """Apply every pending migration in one transaction; returns what was applied.

    Processes starting together (scale-out) take turns: PostgreSQL holds a lock until commit."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(7406)"))
    todo = pending(conn)
    for migration in todo:
        migration.apply(conn)
        conn.execute(
            schema.schema_migrations.insert().values(
                version=migration.version, name=migration.name, applied_at=utcnow()
            )
        )
    return todo
