"""The programme conducts the venue: warnings before each block, moving people at its start.

The day (domain) decides who belongs where and when; the conductor watches the programme
clock, carries the decisions out through presence, and tells people and moderators. Its
state (delays, early starts, blocks begun, closed spaces) is stored, so a restart resumes.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter

from venue.clock import Clock
from venue.domain.day import STAFF, Day
from venue.domain.errors import Code, DomainError
from venue.domain.people import Person
from venue.domain.permissions import Actor
from venue.domain.presence import Presence
from venue.domain.programme import Adjustment, Block, StartNow
from venue.live.audit import AuditLog
from venue.live.movement import Movement
from venue.live.ports import Ownership, Publisher
from venue.live.programme_views import programme_out, warning_out, you_out
from venue.protocol.base import Notice
from venue.protocol.peers import Announce, Call, ProgrammeChanged
from venue.protocol.programme import (
    AnnouncementOut,
    AskOut,
    HeadcountOut,
    ReminderOut,
    YouOut,
)
from venue.store.day import PersonDay
from venue.store.db import ParticipantRecord, Store

log = logging.getLogger(__name__)

ANNOUNCEMENTS_KEPT = 20


class Conductor:
    """Runs the day: the clock's warnings and transitions, and the moderators' commands."""

    def __init__(
        self,
        day: Day,
        movement: Movement,
        publisher: Publisher,
        ownership: Ownership,
        store: Store,
        audit: AuditLog,
        clock: Clock,
    ) -> None:
        self.day = day
        self._movement = movement
        self._presence: Presence = movement.presence
        self._publisher = publisher
        self._ownership = ownership
        self._store = store
        self._audit = audit
        self.clock = clock
        self.announcements: list[AnnouncementOut] = []
        self.transitions = 0  # blocks begun by this process, for /metrics
        self.people_moved = 0

    async def load(self) -> None:
        state = await self._store.programme.load()
        self.day.resume(state.adjustments, state.done, self.clock.now())
        self._presence.closed = set(state.closed)
        self.announcements = [
            AnnouncementOut(id=str(a.id), text=a.text, space=a.space, by=a.by, at=a.at.isoformat())
            for a in await self._store.day.announcements(ANNOUNCEMENTS_KEPT)
        ]
        await self._reseat()  # seats kept across a restart

    # -- who belongs where -------------------------------------------------

    def note(self, record: ParticipantRecord) -> None:
        """Remember someone's seat when they connect."""
        seated = record.registration == "registered"
        self.day.note(record.id, record.role, record.workshop if seated else None)

    async def recall(self, record: ParticipantRecord) -> PersonDay:
        """Someone connecting: their seat, and what the day's record holds of them (this
        process may have restarted, or another one served them until now)."""
        self.note(record)
        person_day = await self._store.day.person(record.id)
        self.day.recall(record.id, person_day.routed, person_day.staying, self.clock.now())
        return person_day

    async def arrival_space(self, record: ParticipantRecord) -> str | None:
        """Where someone connecting lands: routed if they missed the latest transition."""
        now = self.clock.now()
        closed = self._presence.closed
        block = self.day.programme.running(now)
        handled = block is not None and record.id in self.day.handled.get(block.index, ())
        space = self.day.arrival_space(record.id, record.last_space, now, self.room_left, closed)
        if block is not None and not handled:  # routed just now: on record
            await self._record_routed(block.index, [record.id])
        return space

    async def _record_routed(self, block: int, people: list[str]) -> None:
        routed = self.day.routed(block, people)
        if routed:
            await self._store.day.routed(block, routed)

    def room_left(self) -> dict[str, int]:
        return self._presence.room_left()

    def everyone(self) -> list[Person]:
        """Everyone present, staff included, on every process."""
        return self._presence.people()

    def participants(self) -> list[Person]:
        """Everyone present but moderators and organisers, whom the programme does not move
        (by role: staff may be served by another process)."""
        return [p for p in self._presence.people() if p.role not in STAFF]

    def steered(self) -> list[Person]:
        """The participants this process moves: with several processes, each its own."""
        return [p for p in self.participants() if self._ownership.owns(p.id)]

    # -- the clock ---------------------------------------------------------

    async def tick(self) -> bool:
        """Warn, transition and remind as the clock says; True when a block began."""
        now = self.clock.now()
        self._presence.kept = self.day.kept_seats(now)  # before any transition is planned
        due = self.day.due(now)
        for block in due.warn:
            await self._warn(block)
        if due.begin is not None:
            await self.transition(due.begin)
        if due.stays_over:
            await self._store.day.stays_over(due.stays_over)
        for person_id in due.stays_over:
            await self._remind(person_id, None)
        return due.begin is not None

    async def transition(self, block: Block) -> list[str]:
        """Move everyone present to where they belong in `block`; returns who was moved."""
        await self._reseat()
        await self._store.programme.mark_done(block.index, self.clock.now())
        steered = self.steered()
        plan = self.day.plan(block, steered, self.room_left, self._presence.closed)
        await self._record_routed(block.index, [p.id for p in steered])
        for person_id, target in plan.asks:
            await self._tell(person_id, AskOut(block=block.index, target=target))
        moved = await self._carry_out(plan.moves)
        await self._publisher.snapshots(moved)
        self.transitions += 1
        self.people_moved += len(moved)
        await self.publish_state()
        log.info("block %s began: moved %d people", block.index, len(moved))
        return moved

    async def _carry_out(self, moves: tuple[tuple[str, str], ...]) -> list[str]:
        """Make the moves; those refused for want of room are tried again after the others
        (someone sent on from a full workshop makes room for a seat holder)."""
        moved: list[str] = []
        pending = list(moves)
        while pending:
            refused = []
            for person_id, target in pending:
                if await self._movement.send_to(person_id, target):
                    moved.append(person_id)
                else:
                    refused.append((person_id, target))
            if len(refused) == len(pending):
                break
            pending = refused
        return moved

    async def _reseat(self) -> None:
        """Seats change while people are connected (a new workshop, the waiting list)."""
        seated = await self._store.registrations.seated()
        self.day.reseat(seated, (p.id for p in self._presence.people()))
        self._presence.kept = self.day.kept_seats(self.clock.now())

    async def _warn(self, block: Block) -> None:
        await self._reseat()
        now = self.clock.now()
        for person in self.steered():
            target = self.day.target(person.id, block, self.room_left)
            if target != person.space:
                await self._tell(person.id, warning_out(self.day, block, target, now))

    async def _remind(self, person_id: str, by: str | None) -> None:
        person = self._presence.get(person_id)
        block = self.day.programme.running(self.clock.now())
        target = self.day.target(person_id, block, self.room_left) if person and block else None
        if person is not None and target is not None and target != person.space:
            await self._tell(person_id, ReminderOut(target=target, by=by))

    async def _tell(self, person_id: str, notice: Notice) -> None:
        """To one person, wherever they are connected (a nudge may come from elsewhere)."""
        await self._publisher.to_people([person_id], notice, relay=True)

    # -- what people and moderators see -------------------------------------

    async def publish_state(self) -> None:
        """The programme to everyone, and to each person where they belong."""
        await self._publisher.to_everyone(self.programme_out())
        for person in self._presence.people():
            if self._ownership.owns(person.id):  # the others tell their own people
                await self._publisher.to_people([person.id], self.you_out(person.id))

    def programme_out(self) -> Notice:
        return programme_out(self.day, self.clock, self._presence.closed)

    def you_out(self, person_id: str) -> YouOut:
        return you_out(self.day.whereabouts(person_id, self.clock.now(), self.room_left))

    def preview(self, block: Block, people: list[Person]) -> list[HeadcountOut]:
        """Where the transition to `block` would put `people`: per space the headcount, its
        places, and how many wanted it but find no room (sent on, or to the overflow)."""
        kept = self.day.kept_for(block)
        plan = self.day.preview(
            block, people, lambda: self._presence.room_left(kept), self._presence.closed
        )
        counts = Counter(place or "?" for _pid, place in plan.places)
        over = Counter(wanted for _pid, wanted in plan.overflow)
        spaces = self._presence.venue.spaces
        return [
            HeadcountOut(
                space=space,
                count=counts[space],
                capacity=spaces[space].capacity if space in spaces else None,
                over=over[space],
            )
            for space in sorted(counts.keys() | over.keys())
        ]

    def pending_warning(self, person_id: str) -> Notice | None:
        """The warning someone joining now should see, if a transition is imminent."""
        person = self._presence.get(person_id)
        now = self.clock.now()
        pending = self.day.pending_warning(person, now, self.room_left) if person else None
        if pending is None:
            return None
        block, target = pending
        return warning_out(self.day, block, target, now)

    # -- actions (participants and moderators) -------------------------------

    async def stay(self, person_id: str) -> YouOut:
        """Stay behind at the next transition, for the grace period after it."""
        until = self.day.stay(person_id, self.clock.now())
        await self._store.day.stay(person_id, until)
        return self.you_out(person_id)

    async def start_next(self, block: int, actor: Actor) -> None:
        """Begin block `block` now; it must be the upcoming one (a stale console is refused)."""
        now = self.clock.now()
        upcoming = self.day.programme.upcoming(now)
        if upcoming is None or upcoming.index != block:
            raise DomainError(Code.SLOT_STALE, "The next slot has changed; look again.")
        await self._adjust(StartNow(block, now), now, actor, "start_next")

    async def delay(self, minutes: int, cascade: bool, actor: Actor) -> None:
        """Delay the next transition (and, cascading, every later one) by `minutes`."""
        now = self.clock.now()
        delay = self.day.delay(minutes, cascade, now)
        what = f"{'delay' if cascade else 'extend'} {minutes} min"
        await self._adjust(delay, now, actor, what)

    async def _adjust(
        self, adjustment: Adjustment, now: dt.datetime, actor: Actor, what: str
    ) -> None:
        self.day.adjust(adjustment, now)
        await self._store.programme.add_adjustment(adjustment)
        await self._audit.record(actor, what, f"block {adjustment.block}")
        await self._ownership.tell(ProgrammeChanged())
        await self._act()

    async def _act(self) -> None:
        """The programme or the open spaces changed: act on it now."""
        if not await self.tick():  # a transition already told everyone
            await self.publish_state()

    async def reload(self) -> None:
        """Another process changed the programme or the open spaces: adopt and act on it."""
        state = await self._store.programme.load()
        self.day.readjust(state.adjustments, self.clock.now())
        self._presence.closed = set(state.closed)
        await self._act()

    async def set_open(self, space: str, open_: bool, actor: Actor) -> None:
        self._presence.venue.space(space)
        closed = self._presence.closed
        (closed.discard if open_ else closed.add)(space)
        await self._store.programme.set_closed(space, not open_)
        await self._audit.record(actor, "space.open" if open_ else "space.close", space)
        await self._ownership.tell(ProgrammeChanged())
        await self.publish_state()

    async def call(self, to: str, source: str | None, actor: Actor) -> list[str]:
        """Move everyone (or everyone in `source`) to `to` now."""
        self._presence.venue.space(to)
        if source is not None:
            self._presence.venue.space(source)
        await self._ownership.tell(Call(to=to, source=source, actor=actor.id))
        moved = await self.call_here(to, source, actor.id)
        detail = f"{source or 'everyone'} → {to} ({len(moved)} moved)"
        await self._audit.record(actor, "call", detail)
        return moved

    async def call_here(self, to: str, source: str | None, caller: str) -> list[str]:
        """Move the people this process serves for a call (made here or by another process)."""
        moved = []
        for person in self._presence.people():
            wanted = person.id != caller and source in (None, person.space)
            mine = wanted and self._ownership.owns(person.id)
            if mine and await self._movement.send_to(person.id, to):
                moved.append(person.id)
        await self._publisher.snapshots(moved)
        return moved

    async def announce(self, text: str, space: str | None, actor: Actor) -> AnnouncementOut:
        if space is not None:
            self._presence.venue.space(space)
        entry = await self._audit.record(actor, "announce", f"{space or 'everyone'}: {text}")
        number = await self._store.day.announce(text, space, entry.actor, entry.at)
        note = AnnouncementOut(
            id=str(number),
            text=text,
            space=space,
            by=entry.actor,
            at=entry.at.isoformat(),
        )
        await self._ownership.tell(Announce(note=note))
        await self.announced(note)
        return note

    async def announced(self, note: AnnouncementOut) -> None:
        """An announcement made here or by another process, to the people connected here."""
        self.announcements = [*self.announcements[-(ANNOUNCEMENTS_KEPT - 1) :], note]
        if note.space is None:
            await self._publisher.to_everyone(note)
        else:
            await self._publisher.to_space(note.space, note)

    async def nudge(self, person_id: str, actor: Actor) -> None:
        if self._presence.get(person_id) is None:
            raise DomainError(Code.PERSON_UNKNOWN, "Nobody with that id is here.")
        await self._remind(person_id, self._audit.name(actor.id))
        await self._audit.record(actor, "nudge", self._audit.ref(person_id))
