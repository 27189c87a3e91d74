"""Step 4: chat messages, mutes, blocks and read marks."""

from __future__ import annotations

import sqlalchemy as sa

STAMP = sa.DateTime(timezone=True)


def apply(conn: sa.Connection) -> None:
    v4 = sa.MetaData()
    # referenced only: the foreign keys below need to know it, it exists since step 1
    sa.Table("participants", v4, sa.Column("id", sa.String(32), primary_key=True))
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
            sa.Column("at", STAMP, nullable=False),
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
            sa.Column("at", STAMP, nullable=False),
        ),
        sa.Table(
            "chat_blocks",
            v4,
            person("blocker_id"),
            person("blocked_id"),
            sa.Column("at", STAMP, nullable=False),
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


def person(name: str) -> sa.Column[str]:
    """A participant as part of the primary key; rows about someone go when they are deleted."""
    return sa.Column(
        name,
        sa.String(32),
        sa.ForeignKey("participants.id", ondelete="CASCADE"),
        primary_key=True,
    )
