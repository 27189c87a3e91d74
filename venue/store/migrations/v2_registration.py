"""Step 2: registration columns on participants; tokens, workshop seats, booth staff."""

from __future__ import annotations

import sqlalchemy as sa

STAMP = sa.DateTime(timezone=True)


def apply(conn: sa.Connection) -> None:
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
    v2 = sa.MetaData()
    # referenced only: the foreign keys below need to know it, it exists since step 1
    sa.Table("participants", v2, sa.Column("id", sa.String(32), primary_key=True))
    tables = (
        sa.Table(
            "tokens",
            v2,
            sa.Column("digest", sa.String(64), primary_key=True),
            person("participant_id", nullable=False),
            sa.Column("purpose", sa.String(16), nullable=False),
            sa.Column("created_at", STAMP, nullable=False),
            sa.Column("expires_at", STAMP, nullable=False),
            sa.Column("revoked_at", STAMP),
        ),
        sa.Table(
            "workshop_seats",
            v2,
            sa.Column("workshop", sa.String(64), primary_key=True),
            sa.Column("capacity", sa.Integer, nullable=False),
            sa.Column("taken", sa.Integer, nullable=False),
        ),
        sa.Table(
            "booth_staff",
            v2,
            person("participant_id", primary_key=True),
            sa.Column("booth", sa.String(64), primary_key=True),
        ),
    )
    for table in tables:
        table.create(conn)
    conn.execute(sa.text("CREATE INDEX ix_tokens_participant ON tokens (participant_id)"))


def person(name: str, *, primary_key: bool = False, nullable: bool = True) -> sa.Column[str]:
    """A column naming a participant; rows about someone go when they are deleted."""
    return sa.Column(
        name,
        sa.String(32),
        sa.ForeignKey("participants.id", ondelete="CASCADE"),
        primary_key=primary_key,
        nullable=nullable and not primary_key,
    )
