"""Step 1: participants, with their last place in the venue."""

from __future__ import annotations

import sqlalchemy as sa

STAMP = sa.DateTime(timezone=True)


def apply(conn: sa.Connection) -> None:
    v1 = sa.MetaData()
    sa.Table(
        "participants",
        v1,
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("name", sa.String(80), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
        sa.Column("last_space", sa.String(64)),
        sa.Column("last_x", sa.Integer),
        sa.Column("last_y", sa.Integer),
        sa.Column("last_seen", STAMP),
    ).create(conn)
