"""What happened at the booths: contact requests (leads), visits and open periods."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from venue.clock import utcnow
from venue.domain.booths import Interval
from venue.store.schema import booth_open, booth_requests, booth_visits


@dataclass(frozen=True, slots=True)
class Lead:
    id: str
    booth: str
    visitor: str
    email: str | None
    state: str
    staff: str | None
    at: dt.datetime
    answered_at: dt.datetime | None


@dataclass(frozen=True, slots=True)
class Activity:
    """Everything the stats of one booth are computed from."""

    visits: list[tuple[str, Interval]]
    answered: list[bool]
    open_periods: list[Interval]


class BoothActivity:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def add_request(
        self, request_id: str, booth: str, visitor_id: str, name: str, email: str | None
    ) -> None:
        async with self._engine.begin() as conn:
            await conn.execute(
                booth_requests.insert().values(
                    id=request_id,
                    booth=booth,
                    visitor_id=visitor_id,
                    visitor_name=name,
                    email=email,
                    state="pending",
                    created_at=utcnow(),
                )
            )

    async def answer_request(self, request_id: str, staff_name: str) -> None:
        async with self._engine.begin() as conn:
            await conn.execute(
                booth_requests.update()
                .where(booth_requests.c.id == request_id)
                .values(state="accepted", staff_name=staff_name, answered_at=utcnow())
            )

    async def withdraw_request(self, request_id: str) -> None:
        async with self._engine.begin() as conn:
            await conn.execute(
                booth_requests.update()
                .where(booth_requests.c.id == request_id, booth_requests.c.state == "pending")
                .values(state="withdrawn")
            )

    async def leads(self, booth: str) -> list[Lead]:
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                sa.select(booth_requests)
                .where(booth_requests.c.booth == booth)
                .order_by(booth_requests.c.created_at)
            )
            return [
                Lead(
                    r.id,
                    r.booth,
                    r.visitor_name,
                    r.email,
                    r.state,
                    r.staff_name,
                    _aware(r.created_at),
                    None if r.answered_at is None else _aware(r.answered_at),
                )
                for r in rows
            ]

    async def visit(self, booth: str, person_id: str, entered: bool, at: dt.datetime) -> None:
        async with self._engine.begin() as conn:
            if entered:
                await conn.execute(
                    booth_visits.insert().values(
                        booth=booth, participant_id=person_id, entered_at=at
                    )
                )
            else:
                await conn.execute(
                    booth_visits.update()
                    .where(
                        booth_visits.c.booth == booth,
                        booth_visits.c.participant_id == person_id,
                        booth_visits.c.left_at.is_(None),
                    )
                    .values(left_at=at)
                )

    async def set_open(self, booth: str, is_open: bool, at: dt.datetime) -> None:
        async with self._engine.begin() as conn:
            # close any period left open (a restart) before opening a new one
            await conn.execute(
                booth_open.update()
                .where(booth_open.c.booth == booth, booth_open.c.closed_at.is_(None))
                .values(closed_at=at)
            )
            if is_open:
                await conn.execute(booth_open.insert().values(booth=booth, opened_at=at))

    async def close_all(self, at: dt.datetime) -> None:
        """At start-up and shutdown nobody is present: no booth is open, no visit goes on."""
        async with self._engine.begin() as conn:
            await conn.execute(
                booth_open.update().where(booth_open.c.closed_at.is_(None)).values(closed_at=at)
            )
            await conn.execute(
                booth_visits.update().where(booth_visits.c.left_at.is_(None)).values(left_at=at)
            )

    async def activity(self) -> dict[str, Activity]:
        out: dict[str, Activity] = {}

        def of(booth: str) -> Activity:
            return out.setdefault(booth, Activity([], [], []))

        async with self._engine.connect() as conn:
            for r in await conn.execute(sa.select(booth_visits)):
                of(r.booth).visits.append((r.participant_id, _interval(r.entered_at, r.left_at)))
            for r in await conn.execute(sa.select(booth_requests.c.booth, booth_requests.c.state)):
                of(r.booth).answered.append(r.state == "accepted")
            for r in await conn.execute(sa.select(booth_open)):
                of(r.booth).open_periods.append(_interval(r.opened_at, r.closed_at))
        return out


def _interval(start: dt.datetime, end: dt.datetime | None) -> Interval:
    return Interval(_aware(start), None if end is None else _aware(end))


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)
