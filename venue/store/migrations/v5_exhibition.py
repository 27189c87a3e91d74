"""Step 5: the exhibition: booth content, files, rota, contact requests, visits, guestbook."""

from __future__ import annotations

import sqlalchemy as sa

STAMP = sa.DateTime(timezone=True)


def apply(conn: sa.Connection) -> None:
    v5 = sa.MetaData()
    # referenced only: the foreign keys below need to know it, it exists since step 1
    sa.Table("participants", v5, sa.Column("id", sa.String(32), primary_key=True))
    tables = (
        sa.Table(
            "booth_content",
            v5,
            sa.Column("booth", sa.String(64), primary_key=True),
            sa.Column("title", sa.String(200), nullable=False),
            sa.Column("organisation", sa.String(200), nullable=False),
            sa.Column("description_de", sa.Text, nullable=False),
            sa.Column("description_en", sa.Text, nullable=False),
            sa.Column("links", sa.Text, nullable=False),
            sa.Column("contact", sa.String(300), nullable=False),
            sa.Column("logo", sa.String(32)),
            sa.Column("hidden", sa.Boolean, nullable=False),
            sa.Column("updated_at", STAMP, nullable=False),
        ),
        sa.Table(
            "booth_files",
            v5,
            sa.Column("id", sa.String(32), primary_key=True),
            sa.Column("booth", sa.String(64), nullable=False, index=True),
            sa.Column("kind", sa.String(16), nullable=False),
            sa.Column("name", sa.String(200), nullable=False),
            sa.Column("content_type", sa.String(64), nullable=False),
            sa.Column("size", sa.Integer, nullable=False),
            sa.Column("data", sa.LargeBinary, nullable=False),
            sa.Column("created_at", STAMP, nullable=False),
        ),
        sa.Table(
            "booth_rota",
            v5,
            sa.Column("booth", sa.String(64), primary_key=True),
            person("participant_id", primary_key=True),
            sa.Column("block", sa.Integer, primary_key=True),
        ),
        sa.Table(
            "booth_requests",
            v5,
            sa.Column("id", sa.String(32), primary_key=True),
            sa.Column("booth", sa.String(64), nullable=False, index=True),
            person("visitor_id", nullable=False),
            sa.Column("visitor_name", sa.String(80), nullable=False),
            sa.Column("email", sa.String(254)),
            sa.Column("state", sa.String(16), nullable=False),
            sa.Column("staff_name", sa.String(80)),
            sa.Column("created_at", STAMP, nullable=False),
            sa.Column("answered_at", STAMP),
        ),
        sa.Table(
            "booth_visits",
            v5,
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("booth", sa.String(64), nullable=False, index=True),
            person("participant_id", nullable=False),
            sa.Column("entered_at", STAMP, nullable=False),
            sa.Column("left_at", STAMP),
        ),
        sa.Table(
            "booth_open",
            v5,
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("booth", sa.String(64), nullable=False, index=True),
            sa.Column("opened_at", STAMP, nullable=False),
            sa.Column("closed_at", STAMP),
        ),
        sa.Table(
            "booth_guestbook",
            v5,
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("booth", sa.String(64), nullable=False, index=True),
            person("author_id", nullable=False),
            sa.Column("author_name", sa.String(80), nullable=False),
            sa.Column("text", sa.String(500), nullable=False),
            sa.Column("answer", sa.String(500)),
            sa.Column("answered_by", sa.String(80)),
            sa.Column("created_at", STAMP, nullable=False),
        ),
    )
    for table in tables:
        table.create(conn)


def person(name: str, *, primary_key: bool = False, nullable: bool = True) -> sa.Column[str]:
    """A column naming a participant; rows about someone go when they are deleted."""
    return sa.Column(
        name,
        sa.String(32),
        sa.ForeignKey("participants.id", ondelete="CASCADE"),
        primary_key=primary_key,
        nullable=nullable and not primary_key,
    )
