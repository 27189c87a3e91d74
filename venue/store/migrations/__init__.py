"""Schema migrations: numbered steps, applied in order, recorded in schema_migrations.

We keep them as plain functions rather than Alembic scripts: the schema is small, the same
steps must run on SQLite and PostgreSQL at start-up, and `venue db upgrade` needs no
configuration file beside the package. Each step (one module, `vN_name.py`) spells out its
DDL as it ran and never uses the tables of schema.py: those describe today's schema, and a
step that created a table from them would hand a new database what an old one never got.
tests/store/test_migrations.py proves that the steps, applied one by one, build schema.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa

from venue.clock import utcnow
from venue.store import schema
from venue.store.migrations import (
    v1_participants,
    v2_registration,
    v3_programme,
    v4_chat,
    v5_exhibition,
    v6_live_day,
    v7_booth_titles,
    v10_audit_without_text,
    v11_interests,
    v12_stage,
    v13_attendance,
    v14_contacts_feedback,
)


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    apply: Callable[[sa.Connection], None]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "participants", v1_participants.apply),
    Migration(2, "registration, tokens, seats, booth staff", v2_registration.apply),
    Migration(3, "programme state and audit log", v3_programme.apply),
    Migration(4, "chat", v4_chat.apply),
    Migration(5, "exhibition", v5_exhibition.apply),
    Migration(6, "live day", v6_live_day.apply),
    Migration(7, "booth names in English", v7_booth_titles.apply),
    Migration(10, "audit log without deleted messages' text", v10_audit_without_text.apply),
    Migration(11, "interests", v11_interests.apply),
    Migration(12, "the stage: polls, ballots, upvotes", v12_stage.apply),
    Migration(13, "attendance ledger and certificates", v13_attendance.apply),
    Migration(14, "contacts by double opt-in, block ratings", v14_contacts_feedback.apply),
)


def pending(conn: sa.Connection) -> list[Migration]:
    """The migrations not yet applied to this database."""
    # the runner's own record, older than every step: the one table taken from schema.py
    schema.schema_migrations.create(conn, checkfirst=True)
    done = set(conn.execute(sa.select(schema.schema_migrations.c.version)).scalars())
    # by number: steps written concurrently may sit in the tuple out of order
    return sorted((m for m in MIGRATIONS if m.version not in done), key=lambda m: m.version)


def upgrade(conn: sa.Connection, to: int | None = None) -> list[Migration]:
    """Apply the pending migrations (up to version `to`) in one transaction; returns them.

    Processes starting together (scale-out) take turns: PostgreSQL holds a lock until commit."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(7406)"))
    todo = [m for m in pending(conn) if to is None or m.version <= to]
    for migration in todo:
        migration.apply(conn)
        conn.execute(
            schema.schema_migrations.insert().values(
                version=migration.version, name=migration.name, applied_at=utcnow()
            )
        )
    return todo
