"""Step 14: contact details exchanged by double opt-in, and ratings of ended blocks (issue 16).

Both go with the person: deleting someone deletes their requests, the exchanges they were
part of (the other side's list loses their card) and their ratings."""

from __future__ import annotations

import sqlalchemy as sa

from venue.store.migrations.v4_chat import person

STAMP = sa.DateTime(timezone=True)


def apply(conn: sa.Connection) -> None:
    v14 = sa.MetaData()
    sa.Table("participants", v14, sa.Column("id", sa.String(32), primary_key=True))
    tables = (
        sa.Table(
            "contact_links",
            v14,
            person("asker_id"),
            person("asked_id"),
            sa.Column("asker_email", sa.Boolean, nullable=False),
            sa.Column("asked_email", sa.Boolean, nullable=False),
            sa.Column("state", sa.String(16), nullable=False),
            sa.Column("created_at", STAMP, nullable=False),
            sa.Column("answered_at", STAMP),
            sa.Index("ix_contact_links_asked", "asked_id"),
        ),
        sa.Table(
            "block_ratings",
            v14,
            sa.Column("block", sa.Integer, primary_key=True),
            person("participant_id"),
            sa.Column("stars", sa.Integer, nullable=False),
            sa.Column("comment", sa.String(280), nullable=False),
            sa.Column("at", STAMP, nullable=False),
        ),
    )
    for table in tables:
        table.create(conn)
