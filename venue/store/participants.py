"""Participants: who someone is, where they were, which booths they staff."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from venue.clock import utcnow
from venue.domain.people import Role
from venue.store import personal_data
from venue.store.schema import booth_staff, participants


@dataclass(frozen=True, slots=True)
class ParticipantRecord:
    id: str
    name: str
    role: Role
    last_space: str | None = None
    last_x: int | None = None
    last_y: int | None = None
    email: str | None = None
    organisation: str | None = None
    workshop: str | None = None
    registration: str | None = None  # registered | waiting | None (guest, invited staff)
    lang: str | None = None
    booths: frozenset[str] = frozenset()


def record_of(row: Any, booths: frozenset[str] = frozenset()) -> ParticipantRecord:
    return ParticipantRecord(
        id=row.id,
        name=row.name,
        role=Role(row.role),
        last_space=row.last_space,
        last_x=row.last_x,
        last_y=row.last_y,
        email=row.email,
        organisation=row.organisation,
        workshop=row.workshop,
        registration=row.registration,
        lang=row.lang,
        booths=booths,
    )


def new_id() -> str:
    return uuid.uuid4().hex


class Participants:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def create(
        self,
        name: str,
        role: Role,
        email: str | None = None,
        booths: frozenset[str] = frozenset(),
    ) -> ParticipantRecord:
        """A guest or an invited member of staff (registrations go through Registrations)."""
        record = ParticipantRecord(new_id(), name, role, email=email, booths=booths)
        async with self._engine.begin() as conn:
            await conn.execute(
                participants.insert().values(
                    id=record.id, name=name, role=role.value, email=email, created_at=utcnow()
                )
            )
            for booth in sorted(booths):
                await conn.execute(
                    booth_staff.insert().values(participant_id=record.id, booth=booth)
                )
        return record

    async def get(self, participant_id: str) -> ParticipantRecord | None:
        async with self._engine.connect() as conn:
            return await fetch(conn, participants.c.id == participant_id)

    async def by_email(self, email: str) -> ParticipantRecord | None:
        async with self._engine.connect() as conn:
            return await fetch(conn, participants.c.email == email)

    async def count(self) -> int:
        """How many people are stored (guests, registrations and staff)."""
        async with self._engine.connect() as conn:
            return int(await conn.scalar(sa.select(sa.func.count()).select_from(participants)) or 0)

    async def staff(self) -> list[ParticipantRecord]:
        """Everyone with a role above participant (invited exhibitors, moderators, organisers)."""
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                sa.select(participants)
                .where(participants.c.role != Role.PARTICIPANT.value)
                .order_by(participants.c.role, participants.c.name)
            )
            return [record_of(row, await _booths(conn, row.id)) for row in rows.all()]

    async def set_lang(self, participant_id: str, lang: str) -> None:
        """The language someone chose (a switch while signed in): venue, e-mails, /me."""
        async with self._engine.begin() as conn:
            await conn.execute(
                participants.update().where(participants.c.id == participant_id).values(lang=lang)
            )

    async def save_place(self, participant_id: str, space: str, x: int, y: int) -> None:
        """Remember where someone was, so that coming back puts them there again."""
        async with self._engine.begin() as conn:
            await conn.execute(
                participants.update()
                .where(participants.c.id == participant_id)
                .values(last_space=space, last_x=x, last_y=y, last_seen=utcnow())
            )

    async def save_places(self, places: Sequence[tuple[str, str, int, int]]) -> None:
        """Where people stand now (id, space, x, y), in one transaction."""
        if not places:
            return
        now = utcnow()
        async with self._engine.begin() as conn:
            await conn.execute(
                participants.update()
                .where(participants.c.id == sa.bindparam("pid"))
                .values(
                    last_space=sa.bindparam("space"),
                    last_x=sa.bindparam("x"),
                    last_y=sa.bindparam("y"),
                    last_seen=now,
                ),
                [{"pid": p, "space": s, "x": x, "y": y} for p, s, x, y in places],
            )

    async def export(self, participant_id: str) -> dict[str, Any] | None:
        """Everything stored about one person, for them to download."""
        async with self._engine.connect() as conn:
            return await personal_data.export(conn, participant_id)


async def fetch(conn: AsyncConnection, where: sa.ColumnElement[bool]) -> ParticipantRecord | None:
    row = (await conn.execute(sa.select(participants).where(where))).first()
    if row is None:
        return None
    return record_of(row, await _booths(conn, row.id))


async def _booths(conn: AsyncConnection, participant_id: str) -> frozenset[str]:
    rows = await conn.execute(
        sa.select(booth_staff.c.booth).where(booth_staff.c.participant_id == participant_id)
    )
    return frozenset(rows.scalars())
