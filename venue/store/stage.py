"""The stage's record: polls with their ballots, upvotes of questions, hidden questions."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from venue.clock import utcnow
from venue.domain.stage import tally
from venue.store.schema import (
    chat_messages,
    stage_ballots,
    stage_hidden,
    stage_polls,
    stage_upvotes,
)
from venue.store.upsert import insert_new

# poll -> each different ballot (the answers ticked) and how many cast it
Tallies = dict[int, list[tuple[tuple[int, ...], int]]]


@dataclass(frozen=True, slots=True)
class StoredPoll:
    id: int
    space: str
    slot: str | None
    question: str
    options: tuple[str, ...]
    multiple: bool
    created_at: dt.datetime
    closed_at: dt.datetime | None = None
    result: tuple[tuple[int, ...], int] | None = None  # frozen at closing: votes, voters


@dataclass(frozen=True, slots=True)
class StoredQuestion:
    """An open question to the stage: not answered, deleted or hidden."""

    id: int
    author_id: str | None
    author_name: str
    text: str


class StageStore:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    # -- polls -------------------------------------------------------------

    async def add_poll(
        self, space: str, slot: str | None, question: str, options: Sequence[str], multiple: bool
    ) -> StoredPoll:
        values: dict[str, Any] = {
            "space": space,
            "slot": slot,
            "question": question,
            "options": json.dumps(list(options), ensure_ascii=False),
            "multiple": multiple,
            "created_at": utcnow(),
        }
        async with self._engine.begin() as conn:
            key = (await conn.execute(stage_polls.insert().values(**values))).inserted_primary_key
        assert key is not None  # an INSERT of one row always has one
        return StoredPoll(
            id=int(key[0]),
            space=space,
            slot=slot,
            question=question,
            options=tuple(options),
            multiple=multiple,
            created_at=values["created_at"],
        )

    async def poll(self, poll_id: int) -> StoredPoll | None:
        async with self._engine.connect() as conn:
            query = sa.select(stage_polls).where(stage_polls.c.id == poll_id)
            row = (await conn.execute(query)).first()
        return None if row is None else _poll(row)

    async def latest_polls(self, space: str, limit: int) -> list[StoredPoll]:
        """The space's last `limit` polls, oldest first."""
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                sa.select(stage_polls)
                .where(stage_polls.c.space == space)
                .order_by(stage_polls.c.id.desc())
                .limit(limit)
            )
            return [_poll(row) for row in reversed(rows.all())]

    async def closed_polls(self) -> list[StoredPoll]:
        """Every closed poll, for the programme's record."""
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                sa.select(stage_polls)
                .where(stage_polls.c.closed_at.is_not(None))
                .order_by(stage_polls.c.id)
            )
            return [_poll(row) for row in rows]

    async def close_poll(self, poll_id: int, votes: Sequence[int], voters: int) -> bool:
        """Close a poll with its result; False when it was closed already."""
        async with self._engine.begin() as conn:
            result = await conn.execute(
                stage_polls.update()
                .where(stage_polls.c.id == poll_id, stage_polls.c.closed_at.is_(None))
                .values(closed_at=utcnow(), votes=json.dumps(list(votes)), voters=voters)
            )
        return result.rowcount == 1

    async def vote(self, poll_id: int, person_id: str, choices: Sequence[int]) -> bool:
        """Cast a ballot; False when the person has one in this poll already."""
        text = ",".join(str(c) for c in choices)
        async with self._engine.begin() as conn:
            return await insert_new(
                conn, stage_ballots, poll_id=poll_id, participant_id=person_id, choices=text
            )

    async def tallies(self, poll_ids: Sequence[int]) -> Tallies:
        """Each poll's different ballots with their counts: counted by the database, so that
        a stage of three hundred voters reads a few rows, not one per voter."""
        found: Tallies = defaultdict(list)
        b = stage_ballots
        query = sa.select(b.c.poll_id, b.c.choices, sa.func.count()).group_by(
            b.c.poll_id, b.c.choices
        )
        for poll_id, choices, n in await self._rows(query, b.c.poll_id, poll_ids):
            found[poll_id].append((_choices(choices), n))
        return found

    async def counted(self, polls: Sequence[StoredPoll]) -> list[tuple[list[int], int]]:
        """Each poll's votes per answer and voters: a closed poll's result as frozen at
        closing, an open poll's ballots counted now."""
        tallies = await self.tallies([p.id for p in polls if p.result is None])
        found = []
        for poll in polls:
            if poll.result is not None:
                found.append((list(poll.result[0]), poll.result[1]))
            else:
                found.append(tally(len(poll.options), tallies.get(poll.id, [])))
        return found

    async def ballots_of(
        self, person_id: str, poll_ids: Sequence[int]
    ) -> dict[int, tuple[int, ...]]:
        """The person's ballot in each of these polls they voted in."""
        b = stage_ballots
        query = sa.select(b.c.poll_id, b.c.choices).where(b.c.participant_id == person_id)
        return {
            poll_id: _choices(choices)
            for poll_id, choices in await self._rows(query, b.c.poll_id, poll_ids)
        }

    async def _rows(
        self, query: sa.Select[Any], key: sa.Column[int], ids: Sequence[int]
    ) -> list[Any]:
        """The rows of `query` whose `key` is one of `ids`."""
        if not ids:
            return []
        async with self._engine.connect() as conn:
            return list(await conn.execute(query.where(key.in_(ids))))

    # -- questions -----------------------------------------------------------

    async def open_questions(self, channel: str, limit: int) -> list[StoredQuestion]:
        """The channel's last `limit` questions that are neither answered, deleted nor hidden."""
        m = chat_messages
        hidden = sa.select(stage_hidden.c.message_id)
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                sa.select(m.c.id, m.c.author_id, m.c.author_name, m.c.text)
                .where(
                    m.c.channel == channel,
                    m.c.question.is_(True),
                    m.c.answered.is_(False),
                    m.c.deleted.is_(False),
                    m.c.id.not_in(hidden),
                )
                .order_by(m.c.id.desc())
                .limit(limit)
            )
            return [StoredQuestion(r.id, r.author_id, r.author_name, r.text) for r in rows]

    async def upvote(self, message_id: int, person_id: str) -> bool:
        """Upvote a question; False when the person has upvoted it already."""
        async with self._engine.begin() as conn:
            return await insert_new(
                conn, stage_upvotes, message_id=message_id, participant_id=person_id
            )

    async def upvotes(self, message_ids: Sequence[int]) -> dict[int, int]:
        """How many upvoted each of these questions (those nobody upvoted are left out)."""
        u = stage_upvotes
        query = sa.select(u.c.message_id, sa.func.count()).group_by(u.c.message_id)
        return dict(await self._rows(query, u.c.message_id, message_ids))

    async def upvoted_by(self, person_id: str, message_ids: Sequence[int]) -> set[int]:
        """Which of these questions the person upvoted."""
        u = stage_upvotes
        query = sa.select(u.c.message_id).where(u.c.participant_id == person_id)
        return {row.message_id for row in await self._rows(query, u.c.message_id, message_ids)}

    async def hide(self, message_id: int) -> None:
        async with self._engine.begin() as conn:
            await insert_new(conn, stage_hidden, message_id=message_id, at=utcnow())


def _choices(text: str) -> tuple[int, ...]:
    """A ballot as stored ("0,2") as answer indexes."""
    return tuple(int(c) for c in text.split(",") if c)


def _poll(row: Any) -> StoredPoll:
    def aware(stamp: dt.datetime | None) -> dt.datetime | None:
        return stamp if stamp is None or stamp.tzinfo else stamp.replace(tzinfo=dt.UTC)

    created = aware(row.created_at)
    assert created is not None  # NOT NULL
    return StoredPoll(
        id=row.id,
        space=row.space,
        slot=row.slot,
        question=row.question,
        options=tuple(json.loads(row.options)),
        multiple=bool(row.multiple),
        created_at=created,
        closed_at=aware(row.closed_at),
        result=None if row.votes is None else (tuple(json.loads(row.votes)), row.voters),
    )
