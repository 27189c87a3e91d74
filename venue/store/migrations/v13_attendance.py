"""Step 13: the attendance ledger (minutes per person, block, quarter hour, space and booth)
and the certificates of attendance issued from it, both deleted with their person."""

from __future__ import annotations

import sqlalchemy as sa

STAMP = sa.DateTime(timezone=True)


def _person(*, primary_key: bool) -> sa.Column[str]:
    return sa.Column(
        "participant_id",
        sa.String(32),
        sa.ForeignKey("participants.id", ondelete="CASCADE"),
        primary_key=primary_key,
        nullable=False,
    )


def apply(conn: sa.Connection) -> None:
    v13 = sa.MetaData()
    # referenced only: the foreign keys below need to know it, it exists since step 1
    sa.Table("participants", v13, sa.Column("id", sa.String(32), primary_key=True))
    tables = (
        sa.Table(
            "attendance",
            v13,
            _person(primary_key=True),
            sa.Column("block", sa.Integer, primary_key=True),
            sa.Column("bucket", STAMP, primary_key=True),
            sa.Column("space", sa.String(64), primary_key=True),
            sa.Column("booth", sa.String(64), primary_key=True),
            sa.Column("seconds", sa.Float, nullable=False),
        ),
        sa.Table(
            "certificates",
            v13,
            sa.Column("id", sa.String(32), primary_key=True),
            _person(primary_key=False),
            sa.Column("issued_at", STAMP, nullable=False),
            sa.Column("body", sa.Text, nullable=False),
            sa.Index("ix_certificates_participant_id", "participant_id"),
        ),
    )
    for table in tables:
        table.create(conn)
