"""Everything stored about one person, for the /me download (GDPR Art. 15 and 20).

Each section is one table's rows about the person; columns holding other people's
secrets (token digests) are left out. A new table holding personal data adds its section
here, or the export is incomplete (tests/web/test_personal_data.py checks each).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from venue.store.schema import (
    attendance,
    audit_log,
    block_ratings,
    booth_guestbook,
    booth_requests,
    booth_staff,
    booth_visits,
    certificates,
    chat_blocks,
    chat_messages,
    chat_mutes,
    chat_reads,
    contact_links,
    interests,
    participants,
    stage_ballots,
    stage_upvotes,
    tokens,
)


def person_ref(name: str, person_id: str) -> str:
    """How the audit log names a person acted upon, so that deletion can find and erase it."""
    return f"{name} [{person_id[:8]}]"


async def export(conn: AsyncConnection, participant_id: str) -> dict[str, Any] | None:
    """The person's registration and every row about them, as plain JSON values."""
    row = (
        await conn.execute(sa.select(participants).where(participants.c.id == participant_id))
    ).first()
    if row is None:
        return None
    mine = chat_messages.c.author_id == participant_id
    direct = sa.or_(
        chat_messages.c.channel.like(f"dm:{participant_id}:%"),
        chat_messages.c.channel.like(f"dm:%:{participant_id}"),
    )
    message_columns = (
        chat_messages.c.id,
        chat_messages.c.channel,
        chat_messages.c.author_name,
        chat_messages.c.text,
        chat_messages.c.at,
        chat_messages.c.question,
        chat_messages.c.answered,
        chat_messages.c.deleted,
    )
    about = sa.or_(
        audit_log.c.actor_id == participant_id,
        audit_log.c.detail.contains(person_ref(row.name, participant_id), autoescape=True),
    )

    async def rows(query: sa.Select[Any]) -> list[dict[str, Any]]:
        return [_plain_row(r._mapping) for r in await conn.execute(query)]

    return {
        "participant": _plain_row(row._mapping),
        "booths": sorted(
            (
                await conn.execute(
                    sa.select(booth_staff.c.booth).where(
                        booth_staff.c.participant_id == participant_id
                    )
                )
            ).scalars()
        ),
        "personal_links": await rows(
            sa.select(
                tokens.c.purpose, tokens.c.created_at, tokens.c.expires_at, tokens.c.revoked_at
            )
            .where(tokens.c.participant_id == participant_id)
            .order_by(tokens.c.created_at)
        ),
        "chat_messages": await rows(
            sa.select(*message_columns)
            .where(mine, ~direct, chat_messages.c.question.is_(False))
            .order_by(chat_messages.c.id)
        ),
        "questions": await rows(
            sa.select(*message_columns)
            .where(mine, chat_messages.c.question.is_(True))
            .order_by(chat_messages.c.id)
        ),
        "direct_messages": await rows(
            sa.select(*message_columns).where(direct).order_by(chat_messages.c.id)
        ),
        "chat_read_marks": await rows(
            sa.select(chat_reads.c.channel, chat_reads.c.upto).where(
                chat_reads.c.participant_id == participant_id
            )
        ),
        "poll_votes": await rows(
            sa.select(stage_ballots.c.poll_id, stage_ballots.c.choices)
            .where(stage_ballots.c.participant_id == participant_id)
            .order_by(stage_ballots.c.poll_id)
        ),
        "question_upvotes": await rows(
            sa.select(stage_upvotes.c.message_id)
            .where(stage_upvotes.c.participant_id == participant_id)
            .order_by(stage_upvotes.c.message_id)
        ),
        "blocked_people": await rows(
            sa.select(chat_blocks.c.blocked_id, chat_blocks.c.at).where(
                chat_blocks.c.blocker_id == participant_id
            )
        ),
        "muted": await rows(
            sa.select(chat_mutes.c.at).where(chat_mutes.c.participant_id == participant_id)
        ),
        "guestbook_entries": await rows(
            sa.select(
                booth_guestbook.c.booth,
                booth_guestbook.c.text,
                booth_guestbook.c.answer,
                booth_guestbook.c.answered_by,
                booth_guestbook.c.created_at,
            )
            .where(booth_guestbook.c.author_id == participant_id)
            .order_by(booth_guestbook.c.id)
        ),
        "booth_visits": await rows(
            sa.select(booth_visits.c.booth, booth_visits.c.entered_at, booth_visits.c.left_at)
            .where(booth_visits.c.participant_id == participant_id)
            .order_by(booth_visits.c.id)
        ),
        "booth_requests": await rows(
            sa.select(
                booth_requests.c.booth,
                booth_requests.c.email,
                booth_requests.c.state,
                booth_requests.c.staff_name,
                booth_requests.c.created_at,
                booth_requests.c.answered_at,
            )
            .where(booth_requests.c.visitor_id == participant_id)
            .order_by(booth_requests.c.created_at)
        ),
        "contact_requests": await _contact_requests(conn, participant_id),
        "block_ratings": await rows(
            sa.select(
                block_ratings.c.block,
                block_ratings.c.stars,
                block_ratings.c.comment,
                block_ratings.c.at,
            )
            .where(block_ratings.c.participant_id == participant_id)
            .order_by(block_ratings.c.block)
        ),
        "attendance": await rows(
            sa.select(
                attendance.c.block,
                attendance.c.bucket,
                attendance.c.space,
                attendance.c.booth,
                attendance.c.seconds,
            )
            .where(attendance.c.participant_id == participant_id)
            .order_by(attendance.c.bucket, attendance.c.space, attendance.c.booth)
        ),
        "certificates": await rows(
            sa.select(certificates.c.id, certificates.c.issued_at, certificates.c.body)
            .where(certificates.c.participant_id == participant_id)
            .order_by(certificates.c.issued_at)
        ),
        "interests": await rows(
            sa.select(
                interests.c.tags,
                interests.c.offer,
                interests.c.seeking,
                interests.c.visible,
                interests.c.updated_at,
            ).where(interests.c.participant_id == participant_id)
        ),
        "audit_entries": await rows(
            sa.select(
                audit_log.c.at, audit_log.c.actor_name, audit_log.c.action, audit_log.c.detail
            )
            .where(about)
            .order_by(audit_log.c.id)
        ),
    }


async def _contact_requests(conn: AsyncConnection, participant_id: str) -> list[dict[str, Any]]:
    """Requests to share contact details, sent and received, as this person may know them:
    with whom (by name), whether they shared their e-mail, and the state (a request of theirs
    that was declined stays `pending`, as everywhere else). The cards themselves are on /me."""
    other = participants.alias("other")
    found = []
    for me, them, my_email, direction in (
        (contact_links.c.asker_id, contact_links.c.asked_id, contact_links.c.asker_email, "sent"),
        (
            contact_links.c.asked_id,
            contact_links.c.asker_id,
            contact_links.c.asked_email,
            "received",
        ),
    ):
        result = await conn.execute(
            sa.select(
                other.c.name,
                my_email.label("my_email_shared"),
                contact_links.c.state,
                contact_links.c.created_at,
                contact_links.c.answered_at,
            )
            .join(other, other.c.id == them)
            .where(me == participant_id)
        )
        for row in result:
            entry = {"direction": direction, "with": row.name, **_plain_row(row._mapping)}
            del entry["name"]
            if direction == "sent" and entry["state"] == "declined":
                entry["state"], entry["answered_at"] = "pending", None
            found.append(entry)
    return sorted(found, key=lambda e: str(e["created_at"]))


def _plain_row(mapping: Any) -> dict[str, Any]:
    return {key: _plain(value) for key, value in mapping.items()}


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value
