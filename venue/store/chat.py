"""Chat messages, mutes, blocks and read markers (see venue.domain.chat for channel names)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from venue.clock import utcnow
from venue.store.schema import chat_blocks, chat_messages, chat_mutes, chat_reads
from venue.store.upsert import insert_once, insert_or_raise


@dataclass(frozen=True, slots=True)
class StoredMessage:
    """A message as stored; `channel` is the stored key (a DM as `dm:<low>:<high>`)."""

    id: int
    channel: str
    author_id: str | None
    author_name: str
    author_role: str | None
    text: str
    at: dt.datetime
    question: bool = False
    answered: bool = False
    deleted: bool = False


class ChatStore:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def add(
        self,
        channel: str,
        author_id: str,
        author_name: str,
        author_role: str,
        text: str,
        question: bool = False,
    ) -> StoredMessage:
        values: dict[str, Any] = {
            "channel": channel,
            "author_id": author_id,
            "author_name": author_name,
            "author_role": author_role,
            "text": text,
            "at": utcnow(),
            "question": question,
            "answered": False,
            "deleted": False,
        }
        async with self._engine.begin() as conn:
            result = await conn.execute(chat_messages.insert().values(**values))
            key = result.inserted_primary_key
        assert key is not None  # an INSERT of one row always has one
        return StoredMessage(id=int(key[0]), **values)

    async def get(self, message_id: int) -> StoredMessage | None:
        async with self._engine.connect() as conn:
            row = (
                await conn.execute(sa.select(chat_messages).where(chat_messages.c.id == message_id))
            ).first()
        return None if row is None or row.deleted else _message(row)

    async def history(self, channel: str, limit: int) -> list[StoredMessage]:
        """The last `limit` messages of a channel that were not deleted, oldest first."""
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                sa.select(chat_messages)
                .where(chat_messages.c.channel == channel, chat_messages.c.deleted.is_(False))
                .order_by(chat_messages.c.id.desc())
                .limit(limit)
            )
            return [_message(row) for row in reversed(rows.all())]

    async def mark(self, message_id: int, **flags: bool) -> None:
        """Set `deleted` or `answered`; a deleted message keeps no text."""
        values: dict[str, Any] = dict(flags)
        if flags.get("deleted"):
            values["text"] = ""
        async with self._engine.begin() as conn:
            await conn.execute(
                chat_messages.update().where(chat_messages.c.id == message_id).values(**values)
            )

    async def muted(self) -> set[str]:
        async with self._engine.connect() as conn:
            return set((await conn.execute(sa.select(chat_mutes.c.participant_id))).scalars())

    async def set_muted(self, person_id: str, muted: bool) -> None:
        async with self._engine.begin() as conn:
            if muted:
                await insert_once(conn, chat_mutes, participant_id=person_id, at=utcnow())
            else:
                await conn.execute(
                    chat_mutes.delete().where(chat_mutes.c.participant_id == person_id)
                )

    async def blocked_either(self, a: str, b: str) -> bool:
        """Whether one of the two has blocked the other."""
        async with self._engine.connect() as conn:
            count = await conn.scalar(
                sa.select(sa.func.count()).where(
                    sa.or_(
                        sa.and_(chat_blocks.c.blocker_id == a, chat_blocks.c.blocked_id == b),
                        sa.and_(chat_blocks.c.blocker_id == b, chat_blocks.c.blocked_id == a),
                    )
                )
            )
        return bool(count)

    async def blocked_by(self, person_id: str) -> list[str]:
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                sa.select(chat_blocks.c.blocked_id).where(chat_blocks.c.blocker_id == person_id)
            )
            return sorted(rows.scalars())

    async def set_blocked(self, blocker: str, blocked: str, on: bool) -> None:
        async with self._engine.begin() as conn:
            if on:
                await insert_once(
                    conn, chat_blocks, blocker_id=blocker, blocked_id=blocked, at=utcnow()
                )
            else:
                await conn.execute(
                    chat_blocks.delete().where(
                        chat_blocks.c.blocker_id == blocker, chat_blocks.c.blocked_id == blocked
                    )
                )

    async def mark_read(self, person_id: str, channel: str, upto: int) -> None:
        """Remember the last message read; a marker never moves backwards."""
        async with self._engine.begin() as conn:
            await insert_or_raise(
                conn, chat_reads, "upto", participant_id=person_id, channel=channel, upto=upto
            )

    async def conversations(self, person_id: str) -> dict[str, tuple[int, str]]:
        """Every DM conversation of a person: stored key -> (unread count, partner's last name)."""
        pattern_low = f"dm:{person_id}:%"
        pattern_high = f"dm:%:{person_id}"
        m = chat_messages
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                sa.select(m.c.channel, m.c.id, m.c.author_id, m.c.author_name)
                .where(
                    sa.or_(m.c.channel.like(pattern_low), m.c.channel.like(pattern_high)),
                    m.c.deleted.is_(False),
                )
                .order_by(m.c.id)
            )
            marks = await conn.execute(
                sa.select(chat_reads.c.channel, chat_reads.c.upto).where(
                    chat_reads.c.participant_id == person_id
                )
            )
            reads: dict[str, int] = {row.channel: row.upto for row in marks}
        result: dict[str, tuple[int, str]] = {}
        for channel, mid, author, name in rows:
            unread, partner = result.get(channel, (0, ""))
            if author != person_id:
                partner = name
                if mid > reads.get(channel, 0):
                    unread += 1
            result[channel] = (unread, partner)
        return result


def _message(row: Any) -> StoredMessage:
    at = row.at if row.at.tzinfo else row.at.replace(tzinfo=dt.UTC)
    return StoredMessage(
        id=row.id,
        channel=row.channel,
        author_id=row.author_id,
        author_name=row.author_name,
        author_role=row.author_role,
        text=row.text,
        at=at,
        question=bool(row.question),
        answered=bool(row.answered),
        deleted=bool(row.deleted),
    )
