"""Step 12: the stage: polls and their ballots, upvotes of questions, hidden questions."""

from __future__ import annotations

import sqlalchemy as sa

from venue.store.migrations.v4_chat import person

STAMP = sa.DateTime(timezone=True)


def apply(conn: sa.Connection) -> None:
    v12 = sa.MetaData()
    # referenced only: the foreign keys below need to know them, they exist since steps 1, 4
    sa.Table("participants", v12, sa.Column("id", sa.String(32), primary_key=True))
    sa.Table("chat_messages", v12, sa.Column("id", sa.Integer, primary_key=True))
    tables = (
        sa.Table(
            "stage_polls",
            v12,
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("space", sa.String(64), nullable=False),
            sa.Column("slot", sa.String(200)),
            sa.Column("question", sa.Text, nullable=False),
            sa.Column("options", sa.Text, nullable=False),
            sa.Column("multiple", sa.Boolean, nullable=False),
            sa.Column("created_at", STAMP, nullable=False),
            sa.Column("closed_at", STAMP),
            sa.Column("votes", sa.Text),
            sa.Column("voters", sa.Integer),
            sa.Index("ix_stage_polls_space", "space", "id"),
        ),
        sa.Table(
            "stage_ballots",
            v12,
            refers("poll_id", "stage_polls.id"),
            person("participant_id"),
            sa.Column("choices", sa.String(40), nullable=False),
        ),
        sa.Table(
            "stage_upvotes",
            v12,
            refers("message_id", "chat_messages.id"),
            person("participant_id"),
        ),
        sa.Table(
            "stage_hidden",
            v12,
            refers("message_id", "chat_messages.id"),
            sa.Column("at", STAMP, nullable=False),
        ),
    )
    for table in tables:
        table.create(conn)


def refers(name: str, target: str) -> sa.Column[int]:
    """An integer key to another table, part of the primary key, gone with its row."""
    return sa.Column(name, sa.Integer, sa.ForeignKey(target, ondelete="CASCADE"), primary_key=True)
