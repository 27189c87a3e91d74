"""Registrations for the event and one workshop, with seats taken atomically and a waiting list."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from venue.clock import utcnow
from venue.domain.errors import Code, DomainError
from venue.domain.people import Role
from venue.store.participants import ParticipantRecord, fetch, new_id, record_of
from venue.store.personal_data import person_ref
from venue.store.schema import audit_log, chat_messages, participants, workshop_seats

DELETED = "deleted participant"


REGISTERED = "registered"
WAITING = "waiting"


@dataclass(frozen=True, slots=True)
class Seats:
    workshop: str
    capacity: int
    taken: int
    waiting: int

    @property
    def free(self) -> int:
        return max(0, self.capacity - self.taken)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a registration did: `known` means the e-mail address was registered before."""

    participant: ParticipantRecord
    known: bool = False
    promoted: tuple[ParticipantRecord, ...] = ()


@dataclass(frozen=True, slots=True)
class Applicant:
    name: str
    email: str
    organisation: str | None
    workshop: str
    lang: str
    wait: bool  # join the waiting list when the workshop is full


class Registrations:
    """Seats are taken with one conditional UPDATE, so two people never get the last seat."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        # SQLite cannot lock rows: writers in this process take turns (PostgreSQL needs no help)
        self._lock = asyncio.Lock()

    async def sync_capacities(self, capacities: dict[str, int]) -> list[ParticipantRecord]:
        """Seats per workshop from the venue data; a larger capacity moves the waiting list up."""
        promoted: list[ParticipantRecord] = []
        async with self._lock, self._engine.begin() as conn:
            for workshop, capacity in capacities.items():
                taken = await _count(conn, workshop, REGISTERED)
                exists = await conn.scalar(
                    sa.select(sa.func.count()).where(workshop_seats.c.workshop == workshop)
                )
                values = {"capacity": capacity, "taken": taken}
                if exists:
                    await conn.execute(
                        workshop_seats.update()
                        .where(workshop_seats.c.workshop == workshop)
                        .values(**values)
                    )
                else:
                    await conn.execute(workshop_seats.insert().values(workshop=workshop, **values))
                promoted += await _promote(conn, workshop)
        return promoted

    async def seats(self) -> dict[str, Seats]:
        async with self._engine.connect() as conn:
            rows = (await conn.execute(sa.select(workshop_seats))).all()
            return {
                row.workshop: Seats(
                    row.workshop, row.capacity, row.taken, await _count(conn, row.workshop, WAITING)
                )
                for row in rows
            }

    async def register(self, who: Applicant) -> Outcome:
        """Register someone new, or tell that the address is known (nothing changes then)."""
        async with self._lock, self._engine.begin() as conn:
            if not who.wait and not await _has_room(conn, who.workshop):
                # refused before looking the address up: the answer must not tell it was known
                raise DomainError(Code.WORKSHOP_FULL, "The workshop is full.")
            known = await fetch(conn, participants.c.email == who.email)
            if known is not None:
                return Outcome(known, known=True)
            pid = new_id()
            await conn.execute(
                participants.insert().values(
                    id=pid,
                    name=who.name,
                    role=Role.PARTICIPANT.value,
                    email=who.email,
                    organisation=who.organisation,
                    workshop=who.workshop,
                    registration=await _seat_or_wait(conn, who.workshop, who.wait),
                    created_at=utcnow(),
                    registered_at=utcnow(),
                    consent_at=utcnow(),
                    lang=who.lang,
                )
            )
            record = await fetch(conn, participants.c.id == pid)
        assert record is not None
        return Outcome(record)

    async def change_workshop(self, participant_id: str, workshop: str, wait: bool) -> Outcome:
        """Move a registration to another workshop; the freed seat goes to the waiting list."""
        async with self._lock, self._engine.begin() as conn:
            record = await _registration(conn, participant_id)
            if record.workshop == workshop:
                raise DomainError(Code.WORKSHOP_SAME, "That is already the chosen workshop.")
            status = await _seat_or_wait(conn, workshop, wait)
            await conn.execute(
                participants.update()
                .where(participants.c.id == participant_id)
                .values(workshop=workshop, registration=status, registered_at=utcnow())
            )
            promoted = await _leave(conn, record)
            moved = await fetch(conn, participants.c.id == participant_id)
        assert moved is not None
        return Outcome(moved, promoted=tuple(promoted))

    async def delete(self, participant_id: str) -> tuple[ParticipantRecord, ...]:
        """Delete a person and all personal data (links, booth staffing cascade with them)."""
        async with self._lock, self._engine.begin() as conn:
            record = await fetch(conn, participants.c.id == participant_id)
            if record is None:
                return ()
            await conn.execute(participants.delete().where(participants.c.id == participant_id))
            # the audit log keeps what was done, not by whom
            await conn.execute(
                audit_log.update()
                .where(audit_log.c.actor_id == participant_id)
                .values(actor_id=None, actor_name=DELETED)
            )
            mention = person_ref(record.name, participant_id)
            await conn.execute(
                audit_log.update()
                .where(audit_log.c.detail.contains(mention, autoescape=True))
                .values(detail=sa.func.replace(audit_log.c.detail, mention, DELETED))
            )
            # what they wrote goes with them: the messages stay as deleted ones, without
            # text or author, so that replies keep their order (docs/privacy.md)
            await conn.execute(
                chat_messages.update()
                .where(chat_messages.c.author_id == participant_id)
                .values(
                    author_id=None, author_name=DELETED, author_role=None, text="", deleted=True
                )
            )
            return tuple(await _leave(conn, record))

    async def listing(self) -> list[ParticipantRecord]:
        """Every registration, by workshop, seated before waiting, oldest first."""
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                sa.select(participants)
                .where(participants.c.registration.is_not(None))
                .order_by(
                    participants.c.workshop,
                    participants.c.registration,
                    participants.c.registered_at,
                )
            )
            return [record_of(row) for row in rows]

    async def seated(self) -> dict[str, str]:
        """Everyone with a seat: person id → workshop (for routing at transitions)."""
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                sa.select(participants.c.id, participants.c.workshop).where(
                    participants.c.registration == REGISTERED
                )
            )
            return {row.id: row.workshop for row in rows}

    async def registered_at(self) -> dict[str, datetime]:
        """When each registration was made (or last moved), by participant id, in UTC."""
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                sa.select(participants.c.id, participants.c.registered_at).where(
                    participants.c.registration.is_not(None)
                )
            )
            return {row.id: _aware(row.registered_at) for row in rows if row.registered_at}

    async def purge(self) -> int:
        """Delete everyone's personal data; returns how many people were deleted."""
        async with self._lock, self._engine.begin() as conn:
            result = await conn.execute(participants.delete())
            await conn.execute(workshop_seats.update().values(taken=0))
            await conn.execute(audit_log.delete())  # it names people
            await conn.execute(chat_messages.delete())  # so does every message
        return result.rowcount


async def _has_room(conn: AsyncConnection, workshop: str) -> bool:
    free = await conn.scalar(
        sa.select(workshop_seats.c.capacity - workshop_seats.c.taken).where(
            workshop_seats.c.workshop == workshop
        )
    )
    return bool(free and free > 0)


async def _seat_or_wait(conn: AsyncConnection, workshop: str, wait: bool) -> str:
    if await _take_seat(conn, workshop):
        return REGISTERED
    if not wait:
        raise DomainError(Code.WORKSHOP_FULL, "The workshop is full.")
    return WAITING


async def _take_seat(conn: AsyncConnection, workshop: str) -> bool:
    result = await conn.execute(
        workshop_seats.update()
        .where(
            workshop_seats.c.workshop == workshop,
            workshop_seats.c.taken < workshop_seats.c.capacity,
        )
        .values(taken=workshop_seats.c.taken + 1)
    )
    return result.rowcount == 1


async def _leave(conn: AsyncConnection, record: ParticipantRecord) -> list[ParticipantRecord]:
    """Give back the seat a registration held and move the waiting list up."""
    if record.registration != REGISTERED or record.workshop is None:
        return []
    await conn.execute(
        workshop_seats.update()
        .where(workshop_seats.c.workshop == record.workshop, workshop_seats.c.taken > 0)
        .values(taken=workshop_seats.c.taken - 1)
    )
    return await _promote(conn, record.workshop)


async def _promote(conn: AsyncConnection, workshop: str) -> list[ParticipantRecord]:
    promoted: list[ParticipantRecord] = []
    while True:
        first = await conn.scalar(
            sa.select(participants.c.id)
            .where(participants.c.workshop == workshop, participants.c.registration == WAITING)
            .order_by(participants.c.registered_at, participants.c.id)
            .limit(1)
        )
        if first is None or not await _take_seat(conn, workshop):
            return promoted
        await conn.execute(
            participants.update().where(participants.c.id == first).values(registration=REGISTERED)
        )
        record = await fetch(conn, participants.c.id == first)
        assert record is not None
        promoted.append(record)


async def _registration(conn: AsyncConnection, participant_id: str) -> ParticipantRecord:
    record = await fetch(conn, participants.c.id == participant_id)
    if record is None or record.registration is None:
        raise DomainError(Code.REGISTRATION_UNKNOWN, "There is no such registration.")
    return record


async def _count(conn: AsyncConnection, workshop: str, status: str) -> int:
    count = await conn.scalar(
        sa.select(sa.func.count()).where(
            participants.c.workshop == workshop, participants.c.registration == status
        )
    )
    return int(count or 0)


def _aware(value: datetime) -> datetime:
    # SQLite hands back naive datetimes; everything we store is UTC
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
