"""Presence live: the domain decides every step, door and status; here it is carried out.

Whatever presence decided (or another process decided for its people) goes to the other
processes' replicas, to the connections here, and to whoever follows presence (the booths).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence

from venue.clock import Clock
from venue.domain.errors import DomainError
from venue.domain.events import Arrived, Event, Moved
from venue.domain.looks import Emote
from venue.domain.people import Person, Status
from venue.domain.presence import Presence
from venue.live.ports import Ownership, Publisher
from venue.store.db import Store

Observer = Callable[[Sequence[Event]], Awaitable[None]]


class Movement:
    """Walking, doors, spaces and status of the people present."""

    def __init__(
        self,
        presence: Presence,
        publisher: Publisher,
        ownership: Ownership,
        store: Store,
        clock: Clock,
        observers: Sequence[Observer] = (),
    ) -> None:
        self.presence = presence
        self._publisher = publisher
        self._ownership = ownership
        self._store = store
        self._clock = clock
        self._observers = tuple(observers)
        self._unsaved: set[str] = set()
        self._saving = 0  # places being written now

    async def publish(self, events: Sequence[Event], snapshots: bool = True) -> None:
        """Events of this process's people: the others replicate them at the next tick."""
        self._ownership.collect(events)
        for event in events:
            match event:
                case Moved(_space, pid) | Arrived(_space, Person(id=pid)):
                    self._unsaved.add(pid)
        await self.replay(events, snapshots)

    @property
    def unsaved(self) -> int:
        """People whose place changed and is not yet saved, being written included."""
        return len(self._unsaved) + self._saving

    async def save_places(self) -> None:
        """Where this process's people stand, saved about once a second: a restart, or
        another process taking over, puts them back there."""
        if not self._unsaved:
            return
        people, self._unsaved = self._unsaved, set()
        places = []
        for pid in people:
            person = self.presence.get(pid)
            if person is not None and self._ownership.owns(pid):
                places.append((pid, person.space, person.x, person.y))
        self._saving += len(people)
        try:
            await self._store.participants.save_places(places)
        except BaseException:
            self._unsaved |= people  # the next tick tries again
            raise
        finally:
            self._saving -= len(people)

    async def replay(self, events: Sequence[Event], snapshots: bool = False) -> None:
        """Events of this process's people (from publish) or of another process's."""
        if not events:
            return
        await self._publisher.presence(events, snapshots)
        for observe in self._observers:
            await observe(events)

    async def move(self, person_id: str, x: int, y: int) -> None:
        await self.publish(self.presence.move(person_id, x, y, self._clock.monotonic()))

    async def set_status(self, person_id: str, status: Status) -> None:
        await self.publish(self.presence.set_status(person_id, status))

    async def set_look(self, person_id: str, look: str) -> None:
        await self.publish(self.presence.set_look(person_id, look))

    async def emote(self, person_id: str, emote: Emote) -> None:
        await self.publish(self.presence.emote(person_id, emote, self._clock.monotonic()))

    async def lower_hand(self, person_id: str) -> None:
        """A moderator called on someone: the process serving them lowers their hand."""
        if self._ownership.owns(person_id) and self.presence.get(person_id) is not None:
            await self.publish(self.presence.lower_hand(person_id))

    async def set_hidden(self, person_id: str, hidden: bool) -> None:
        """Away while every tab of the person is hidden."""
        if self.presence.get(person_id) is not None:
            await self.publish(self.presence.set_hidden(person_id, hidden))

    async def go(self, person_id: str, space: str, may_enter_closed: bool) -> Person:
        """To a space from the space list; returns the person where they arrived."""
        now = self._clock.monotonic()
        await self.publish(self.presence.go(person_id, space, now, may_enter_closed))
        return await self.remember_place(person_id)

    async def use_door(self, person_id: str, door: str, may_enter_closed: bool) -> Person:
        now = self._clock.monotonic()
        await self.publish(self.presence.use_door(person_id, door, now, may_enter_closed))
        return await self.remember_place(person_id)

    async def sit(self, person_id: str, table: str) -> Person:
        """Take a free seat at a table of one's space (refused when every seat is taken)."""
        await self.publish(self.presence.sit(person_id, table, self._clock.monotonic()))
        return self.presence.require(person_id)

    async def send_to(self, person_id: str, space: str) -> bool:
        """The programme or a moderator moves someone; False when they stay (full, there)."""
        try:
            events = self.presence.send_to(person_id, space, self._clock.monotonic())
        except DomainError:  # full: they stay, and the console shows them as elsewhere
            return False
        await self.publish(events, snapshots=False)
        return bool(events)

    async def remember_place(self, person_id: str) -> Person:
        person = self.presence.require(person_id)
        await self._store.participants.save_place(person.id, person.space, person.x, person.y)
        return person
