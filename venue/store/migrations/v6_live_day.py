"""Step 6: the live day, so that a restart (or another process) continues it exactly: who was
routed in which block, who stays behind, removal bans, list-mode check-ins, announcements."""

from __future__ import annotations

import sqlalchemy as sa

from venue.store.migrations.v4_chat import person

STAMP = sa.DateTime(timezone=True)


def apply(conn: sa.Connection) -> None:
    v6 = sa.MetaData()
    # referenced only: the foreign keys below need to know it, it exists since step 1
    sa.Table("participants", v6, sa.Column("id", sa.String(32), primary_key=True))
    tables = (
        sa.Table(
            "day_routed",
            v6,
            sa.Column("block", sa.Integer, primary_key=True),
            person("participant_id"),
            sa.Column("assigned", sa.String(64)),
        ),
        sa.Table(
            "day_stays",
            v6,
            person("participant_id"),
            sa.Column("until", STAMP, nullable=False),
        ),
        sa.Table(
            "removal_bans",
            v6,
            person("participant_id"),
            sa.Column("until", STAMP, nullable=False),
        ),
        sa.Table(
            "booth_checkins",
            v6,
            sa.Column("booth", sa.String(64), primary_key=True),
            person("participant_id"),
        ),
        sa.Table(
            "announcements",
            v6,
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("text", sa.Text, nullable=False),
            sa.Column("space", sa.String(64)),
            sa.Column("by", sa.String(80), nullable=False),
            sa.Column("at", STAMP, nullable=False),
        ),
    )
    for table in tables:
        table.create(conn)
