"""Step 3: the programme's state (delays, blocks done, closed spaces) and the audit log."""

from __future__ import annotations

import sqlalchemy as sa

STAMP = sa.DateTime(timezone=True)


def apply(conn: sa.Connection) -> None:
    v3 = sa.MetaData()
    tables = (
        sa.Table(
            "programme_adjustments",
            v3,
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("kind", sa.String(16), nullable=False),
            sa.Column("block", sa.Integer, nullable=False),
            sa.Column("minutes", sa.Integer),
            sa.Column("cascade", sa.Boolean),
            sa.Column("at", STAMP),
            sa.Column("created_at", STAMP, nullable=False),
        ),
        sa.Table(
            "programme_done",
            v3,
            sa.Column("block", sa.Integer, primary_key=True),
            sa.Column("at", STAMP, nullable=False),
        ),
        sa.Table(
            "closed_spaces",
            v3,
            sa.Column("space", sa.String(64), primary_key=True),
        ),
        sa.Table(
            "audit_log",
            v3,
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("at", STAMP, nullable=False),
            sa.Column("actor_id", sa.String(32)),
            sa.Column("actor_name", sa.String(80), nullable=False),
            sa.Column("action", sa.String(40), nullable=False),
            sa.Column("detail", sa.String(1000), nullable=False),
        ),
    )
    for table in tables:
        table.create(conn)
