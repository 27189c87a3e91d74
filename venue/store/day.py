"""The live day as it happens, so that a restart or another process continues it exactly.

Routing per block, stays, removal bans, list-mode check-ins and announcements; places (where
each person stands) are kept with the participants (`Participants.save_places`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from venue.store.schema import announcements, booth_checkins, day_routed, day_stays, removal_bans

CHUNK = 500  # ids per IN list (SQLite allows ~32,000 bound parameters)


@dataclass(frozen=True, slots=True)
class PersonDay:
    """What the day holds of one person."""

    routed: dict[int, str | None]  # block → workshop given for lack of a seat (None: none)
    staying: dt.datetime | None
    checkins: frozenset[str]


@dataclass(frozen=True, slots=True)
class StoredAnnouncement:
    id: int
    text: str
    space: str | None
    by: str
    at: dt.datetime


class DayStore:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def person(self, person_id: str) -> PersonDay:
        async with self._engine.connect() as conn:
            routed = await conn.execute(
                sa.select(day_routed.c.block, day_routed.c.assigned).where(
                    day_routed.c.participant_id == person_id
                )
            )
            until = await conn.scalar(
                sa.select(day_stays.c.until).where(day_stays.c.participant_id == person_id)
            )
            booths = await conn.scalars(
                sa.select(booth_checkins.c.booth).where(
                    booth_checkins.c.participant_id == person_id
                )
            )
            return PersonDay(
                {row.block: row.assigned for row in routed},
                aware(until) if until is not None else None,
                frozenset(booths),
            )

    async def routed(self, block: int, people: Sequence[tuple[str, str | None]]) -> None:
        """These people were routed in `block` (with the workshop given to them, if any)."""
        async with self._engine.begin() as conn:
            for start in range(0, len(people), CHUNK):
                chunk = people[start : start + CHUNK]
                await conn.execute(
                    day_routed.delete().where(
                        day_routed.c.block == block,
                        day_routed.c.participant_id.in_([pid for pid, _ in chunk]),
                    )
                )
                await conn.execute(
                    day_routed.insert(),
                    [{"block": block, "participant_id": p, "assigned": a} for p, a in chunk],
                )

    async def stay(self, person_id: str, until: dt.datetime) -> None:
        async with self._engine.begin() as conn:
            await conn.execute(day_stays.delete().where(day_stays.c.participant_id == person_id))
            # in UTC: SQLite keeps the wall time and drops the offset
            until = until.astimezone(dt.UTC)
            await conn.execute(day_stays.insert().values(participant_id=person_id, until=until))

    async def stays_over(self, people: Iterable[str]) -> None:
        ids = list(people)
        async with self._engine.begin() as conn:
            for start in range(0, len(ids), CHUNK):
                chunk = ids[start : start + CHUNK]
                await conn.execute(day_stays.delete().where(day_stays.c.participant_id.in_(chunk)))

    # -- removal bans --------------------------------------------------------

    async def ban(self, person_id: str, until: dt.datetime) -> None:
        async with self._engine.begin() as conn:
            table = removal_bans
            await conn.execute(table.delete().where(table.c.participant_id == person_id))
            until = until.astimezone(dt.UTC)
            await conn.execute(table.insert().values(participant_id=person_id, until=until))

    async def bans(self, now: dt.datetime) -> dict[str, dt.datetime]:
        """The bans still running at `now`; the others are forgotten."""
        async with self._engine.begin() as conn:
            await conn.execute(removal_bans.delete().where(removal_bans.c.until <= now))
            rows = await conn.execute(sa.select(removal_bans))
            return {row.participant_id: aware(row.until) for row in rows}

    # -- list-mode check-ins --------------------------------------------------

    async def check_in(self, booth: str, person_id: str, present: bool) -> None:
        table = booth_checkins
        async with self._engine.begin() as conn:
            await conn.execute(
                table.delete().where(table.c.booth == booth, table.c.participant_id == person_id)
            )
            if present:
                await conn.execute(table.insert().values(booth=booth, participant_id=person_id))

    async def check_out(self, person_id: str) -> None:
        """Someone left the venue: off duty everywhere."""
        table = booth_checkins
        async with self._engine.begin() as conn:
            await conn.execute(table.delete().where(table.c.participant_id == person_id))

    # -- announcements -------------------------------------------------------

    async def announce(self, text: str, space: str | None, by: str, at: dt.datetime) -> int:
        async with self._engine.begin() as conn:
            result = await conn.execute(
                announcements.insert().values(
                    text=text, space=space, by=by, at=at.astimezone(dt.UTC)
                )
            )
            key = result.inserted_primary_key
            assert key is not None
            return int(key[0])

    async def announcements(self, limit: int) -> list[StoredAnnouncement]:
        """The latest `limit`, oldest first."""
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                sa.select(announcements).order_by(announcements.c.id.desc()).limit(limit)
            )
            found = [StoredAnnouncement(r.id, r.text, r.space, r.by, aware(r.at)) for r in rows]
        return found[::-1]


def aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)
