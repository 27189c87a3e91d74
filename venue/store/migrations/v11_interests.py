"""Step 11: interests, the tags and lines a person gives for speed networking (issue 16)."""

from __future__ import annotations

import sqlalchemy as sa

from venue.store.migrations.v4_chat import STAMP, person


def apply(conn: sa.Connection) -> None:
    v11 = sa.MetaData()
    # referenced only: the foreign key below needs to know it, it exists since step 1
    sa.Table("participants", v11, sa.Column("id", sa.String(32), primary_key=True))
    sa.Table(
        "interests",
        v11,
        person("participant_id"),
        sa.Column("tags", sa.String(400), nullable=False),
        sa.Column("offer", sa.String(140), nullable=False),
        sa.Column("seeking", sa.String(140), nullable=False),
        sa.Column("visible", sa.Boolean, nullable=False),
        sa.Column("updated_at", STAMP, nullable=False),
    ).create(conn)
