"""People coming and going: arriving where they belong, a grace period on leaving, removal.

A connection is not an identity: the transport tells this service when a person's first tab
connects and when their last one closes; a reload reconnects within the grace period and
the person never leaves the others' view.
"""

from __future__ import annotations

import asyncio
import datetime as dt

from venue.clock import Clock, utcnow
from venue.domain.errors import Code, DomainError
from venue.domain.people import Person, Role
from venue.domain.permissions import Actor
from venue.domain.presence import Presence
from venue.live.audit import AuditLog
from venue.live.booths import LiveBooths
from venue.live.conductor import Conductor
from venue.live.movement import Movement
from venue.live.ports import Ownership, Publisher
from venue.protocol.peers import Expel
from venue.protocol.presence import EndedOut, EndReason
from venue.store.db import ParticipantRecord, Store

REMOVAL_MINUTES = 15
FLOOD, REMOVED = "flood", "removed"  # why someone is kept out


class Sessions:
    """Arrivals, departures after the grace period, removals and bans."""

    def __init__(
        self,
        movement: Movement,
        conductor: Conductor,
        booths: LiveBooths,
        publisher: Publisher,
        ownership: Ownership,
        store: Store,
        audit: AuditLog,
        clock: Clock,
        grace: float,
    ) -> None:
        self._movement = movement
        self._presence: Presence = movement.presence
        self._conductor = conductor
        self._booths = booths
        self._publisher = publisher
        self._ownership = ownership
        self._store = store
        self._audit = audit
        self._clock = clock
        self._grace = grace
        self._banned: dict[str, tuple[float, str]] = {}  # person → until (monotonic), why
        self._departures: dict[str, asyncio.TimerHandle] = {}
        self._tasks: set[asyncio.Task[None]] = set()

    # -- arriving ----------------------------------------------------------

    async def arrive(self, record: ParticipantRecord, actor: Actor) -> Person:
        """A person connects: into presence where they belong (or, present through another
        process, served here from now on with their place intact; present here, they stay)."""
        self._cancel_departure(record.id)
        person_day = await self._conductor.recall(record)
        if await self._ownership.claim(record.id):
            return self._presence.require(record.id)
        space = await self._conductor.arrival_space(record)
        place = None
        if space == record.last_space and record.last_x is not None and record.last_y is not None:
            place = (record.last_x, record.last_y)
        now = self._clock.monotonic()
        events = self._presence.arrive(
            record.id, record.name, record.role, now, space, place, actor.booths
        )
        await self._movement.publish(events)
        await self._booths.resume(record.id, person_day.checkins)
        return self._presence.require(record.id)

    def left(self, person_id: str) -> None:
        """A person's last connection closed: they leave after the grace period."""
        loop = asyncio.get_running_loop()
        self._departures[person_id] = loop.call_later(self._grace, self._spawn_departure, person_id)

    # -- bans and removal ----------------------------------------------------

    async def load(self) -> None:
        """Removal bans still running (the flood bans of a connection are not kept)."""
        now, monotonic = utcnow(), self._clock.monotonic()
        for person_id, until in (await self._store.day.bans(now)).items():
            self._banned[person_id] = (monotonic + (until - now).total_seconds(), REMOVED)

    def ban(self, person_id: str, seconds: float, why: str = FLOOD) -> None:
        self._banned[person_id] = (self._clock.monotonic() + seconds, why)

    def banned(self, person_id: str) -> tuple[str, int] | None:
        """Why someone is kept out, and for how many more minutes (rounded up); or None."""
        ban = self._banned.get(person_id)
        if ban is None:
            return None
        left = ban[0] - self._clock.monotonic()
        if left <= 0:
            del self._banned[person_id]
            return None
        return ban[1], -int(-left // 60)

    async def remove(self, actor: Actor, person_id: str) -> None:
        """A moderator takes someone out of the venue; they cannot come back for a while."""
        person = self._presence.get(person_id)
        if person is None:
            raise DomainError(Code.PERSON_UNKNOWN, "Nobody with that id is here.")
        if person.role in (Role.MODERATOR, Role.ORGANISER):  # also while they reconnect
            raise DomainError(Code.AUTH_FORBIDDEN, "Moderators cannot remove each other.")
        seconds = REMOVAL_MINUTES * 60
        await self._store.day.ban(person.id, utcnow() + dt.timedelta(seconds=seconds))
        await self.end(person.id, EndedOut(reason=EndReason.REMOVED, minutes=REMOVAL_MINUTES))
        await self.expel(person.id, ban_seconds=seconds)
        await self._audit.record(actor, "remove", self._audit.ref(person.id))

    async def end(self, person_id: str, why: EndedOut) -> None:
        """Tell someone why they are about to leave the venue, in every tab, on any process
        (then `expel` them): the client says so instead of reconnecting."""
        await self._publisher.to_people([person_id], why, relay=True)

    async def expel(self, person_id: str, ban_seconds: float = 0.0) -> None:
        """Take a person out of the venue at once, without a grace period, and keep them out
        for `ban_seconds` (a removal); the process serving them does it."""
        if ban_seconds:
            self.ban(person_id, ban_seconds, REMOVED)
        if not self._ownership.owns(person_id):
            await self._ownership.tell(Expel(p=person_id, ban=ban_seconds))
            return
        await self._publisher.disconnect(person_id)
        self._cancel_departure(person_id)
        await self._movement.publish(self._presence.depart(person_id))
        await self._store.day.check_out(person_id)

    async def expelled(self, person_id: str, ban_seconds: float) -> None:
        """Another process removed someone: ban them here too, and expel them if served here."""
        if ban_seconds:
            self.ban(person_id, ban_seconds, REMOVED)
        if self._ownership.owns(person_id):
            await self.expel(person_id)

    async def release(self, person_id: str) -> None:
        """Another process now serves this person: close their tabs here, without a departure."""
        self._cancel_departure(person_id)
        await self._publisher.disconnect(person_id)

    async def close(self) -> None:
        """Shutting down: remember where each person this process serves was."""
        for handle in self._departures.values():
            handle.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)  # departures being saved
        for person in self._presence.people():
            if self._ownership.owns(person.id):  # the others remember their own people
                await self._store.participants.save_place(
                    person.id, person.space, person.x, person.y
                )

    # -- departures ----------------------------------------------------------

    def _cancel_departure(self, person_id: str) -> None:
        pending = self._departures.pop(person_id, None)
        if pending is not None:
            pending.cancel()

    def _spawn_departure(self, person_id: str) -> None:
        task = asyncio.create_task(self._depart(person_id))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _depart(self, person_id: str) -> None:
        self._departures.pop(person_id, None)
        person = self._presence.get(person_id)
        if person is None or self._publisher.connected(person_id):
            return
        if not self._ownership.owns(person_id):
            return
        # leave first, then save: a reconnect during the write finds the person gone and
        # arrives afresh, instead of being removed after it arrived
        await self._movement.publish(self._presence.depart(person_id))
        await self._store.participants.save_place(person.id, person.space, person.x, person.y)
        await self._store.day.check_out(person_id)
