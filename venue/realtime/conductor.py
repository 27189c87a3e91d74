"""The programme conducts the venue: warnings before each block, moving people at its start.

The timetable (domain) says when; the conductor watches the programme clock, moves people
through presence, and tells them and the moderators what happens. Its live state (delays,
early starts, executed transitions, closed spaces) is persisted, so a restart resumes.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from pydantic import BaseModel

from venue.clock import Clock
from venue.domain.errors import DomainError
from venue.domain.maps import AreaKind
from venue.domain.people import Person, Role
from venue.domain.permissions import Actor
from venue.domain.timetable import (
    Adjustment,
    Block,
    Delay,
    StartNow,
    Timetable,
    blocks_of,
    target_for,
)
from venue.domain.venue import Venue
from venue.realtime import programme_views
from venue.realtime.commands import Context
from venue.realtime.protocol import (
    AnnouncementOut,
    AskOut,
    Outbound,
    ReminderOut,
    YouOut,
)
from venue.realtime.rooms import EVERYONE, space_room
from venue.store.db import ParticipantRecord
from venue.store.programme import AuditEntry
from venue.store.registrations import person_ref

log = logging.getLogger(__name__)


@dataclass
class _Day:
    """What happened today so far; rebuilt from the store at start."""

    timetable: Timetable
    done: set[int] = field(default_factory=set)
    warned: set[int] = field(default_factory=set)
    # who was present at a block's transition: anyone else arriving later is routed
    handled: dict[int, set[str]] = field(default_factory=dict)
    staying: dict[str, dt.datetime] = field(default_factory=dict)
    # workshops given to people without a seat, per block: they stay given
    assigned: dict[int, dict[str, str]] = field(default_factory=dict)
    announcements: list[AnnouncementOut] = field(default_factory=list)


class Conductor:
    def __init__(self, venue: Venue, ctx: Context, clock: Clock) -> None:
        self.venue = venue
        self.ctx = ctx
        self.clock = clock
        self.day = _Day(Timetable(blocks_of(venue.programme)))
        self.seats: dict[str, str | None] = {}  # person → seated workshop
        self.staff: set[str] = set()  # moderators and organisers go where they want
        event = venue.event
        self.warning = dt.timedelta(minutes=event.warning_minutes if event else 5)
        self.grace = dt.timedelta(minutes=event.stay_minutes if event else 5)
        self.fill = event is None or event.unassigned == "fill"
        self.transitions = 0  # blocks begun by this process, for /metrics
        self.people_moved = 0

    @property
    def timetable(self) -> Timetable:
        return self.day.timetable

    async def load(self) -> None:
        state = await self.ctx.store.programme.load()
        self.day.timetable = Timetable(self.timetable.blocks, state.adjustments)
        self.day.done = set(state.done)
        self.ctx.presence.closed = set(state.closed)
        now = self.clock.now()
        # warnings of blocks already begun are history; never warn late after a restart
        self.day.warned = {b.index for b in self.timetable.blocks if self._start(b) <= now}

    # -- who belongs where ---------------------------------------------------

    def note(self, record: ParticipantRecord) -> None:
        """Remember someone's seat when they connect."""
        seated = record.registration == "registered"
        self.seats[record.id] = record.workshop if seated else None
        if record.role in (Role.MODERATOR, Role.ORGANISER):
            self.staff.add(record.id)

    def participants(self) -> list[Person]:
        """Everyone present but moderators and organisers (whom the programme does not move)."""
        staff = (Role.MODERATOR, Role.ORGANISER)  # by role: staff may be served elsewhere
        return [p for p in self.ctx.presence.people() if p.role not in staff]

    def steered(self) -> list[Person]:
        """The participants this process moves: with several processes, each its own."""
        return [p for p in self.participants() if self.ctx.owns(p.id)]

    def target(self, person_id: str, block: Block | None, assign: bool = False) -> str | None:
        """Where someone belongs in `block`; `assign` fixes a workshop given for lack of a seat."""
        given = self.day.assigned.get(block.index, {}) if block else {}
        if person_id in given:
            return given[person_id]
        seat = self.seats.get(person_id)
        unseated = block is not None and block.parallel and seat not in block.spaces
        room = self._room_left() if unseated and self.fill else {}  # counting costs: only then
        target = target_for(block, self.venue.lobby, seat, room, self.fill)
        if assign and unseated and block is not None and target is not None:
            self.day.assigned.setdefault(block.index, {})[person_id] = target
        return target

    def arrival_space(self, record: ParticipantRecord) -> str | None:
        """Where someone connecting lands: routed if they missed the latest transition."""
        self.note(record)
        block = self.timetable.running(self.clock.now())
        if block is None or record.id in self.day.handled.get(block.index, set()):
            return record.last_space
        if record.id in self.staff:
            return record.last_space
        target = self.target(record.id, block, assign=True)
        if target is None or target in self.ctx.presence.closed:
            return record.last_space
        return target

    def _room_left(self) -> dict[str, int]:
        counts = self.ctx.presence.counts()
        return {s.id: s.capacity - counts[s.id] for s in self.venue.spaces.values()}

    # -- the tick ------------------------------------------------------------

    async def tick(self) -> bool:
        """Warn, transition and remind as the clock says; True when a block began."""
        began = False
        now = self.clock.now()
        for block in self.timetable.blocks:
            start = self._start(block)
            if block.index not in self.day.warned and start - self.warning <= now < start:
                self.day.warned.add(block.index)
                await self._warn(block)
        latest = self.timetable.started(now)
        if latest is not None and latest.index not in self.day.done:
            for block in self.timetable.blocks[: latest.index]:
                self.day.done.add(block.index)  # skipped while the server was down
            if self.timetable.running(now) is latest:
                await self.transition(latest)
                began = True
            else:  # the day is over: nobody is moved any more
                self.day.done.add(latest.index)
        for pid, until in list(self.day.staying.items()):
            if until <= now:
                del self.day.staying[pid]
                await self._remind(pid, None)
        return began

    async def _refresh_seats(self) -> None:
        """Seats change while people are connected (a new workshop, the waiting list)."""
        seated = await self.ctx.store.registrations.seated()
        for person in self.ctx.presence.people():
            self.seats[person.id] = seated.get(person.id)

    async def transition(self, block: Block) -> list[str]:
        """Move everyone present to where they belong in `block`; returns who was moved."""
        self.day.done.add(block.index)
        await self._refresh_seats()
        await self.ctx.store.programme.mark_done(block.index, self.clock.now())
        moved: list[str] = []
        handled = self.day.handled.setdefault(block.index, set())
        for person in self.steered():
            handled.add(person.id)
            target = self.target(person.id, block, assign=True)
            if target is None or target == person.space or target in self.ctx.presence.closed:
                continue
            if person.id in self.day.staying:
                continue
            if self._staffing(person):
                await self._send(Outbound.ASK, AskOut(block=block.index, target=target), person)
                continue
            if await self._move(person.id, target):
                moved.append(person.id)
        await self.ctx.broadcaster.send_snapshots(moved)
        self.transitions += 1
        self.people_moved += len(moved)
        await self.publish_state()
        log.info("block %s began: moved %d people", block.index, len(moved))
        return moved

    async def _move(self, person_id: str, target: str) -> bool:
        try:
            events = self.ctx.presence.send_to(person_id, target, self.ctx.clock())
        except DomainError:  # full: they stay, and the console shows them as elsewhere
            return False
        await self.ctx.broadcaster.apply(events, snapshots=False)
        return bool(events)

    def _staffing(self, person: Person) -> bool:
        """An exhibitor standing in the area of a booth they staff is asked, not moved."""
        if person.role is not Role.EXHIBITOR:
            return False
        booths = self.ctx.booths_of(person.id)
        space_map = self.venue.spaces[person.space].map
        return any(
            area.kind is AreaKind.BOOTH and area.properties.get("booth") in booths
            for area in space_map.areas_at(person.x, person.y)
        )

    async def _warn(self, block: Block) -> None:
        await self._refresh_seats()
        for person in self.steered():
            target = self.target(person.id, block)
            if target != person.space:
                await self._send(
                    Outbound.WARNING, programme_views.warning_out(self, block, target), person
                )

    async def _remind(self, person_id: str, by: str | None) -> None:
        person = self.ctx.presence.get(person_id)
        block = self.timetable.running(self.clock.now())
        target = self.target(person_id, block) if person and block else None
        if person is not None and target is not None and target != person.space:
            await self._send(Outbound.REMINDER, ReminderOut(target=target, by=by), person)

    async def _send(self, event: Outbound, payload: BaseModel, person: Person) -> None:
        """To one person, wherever they are connected (a nudge may come from elsewhere)."""
        await self.ctx.broadcaster.send_people(event, payload, [person.id], relay=True)

    # -- what people and moderators see --------------------------------------

    async def publish_state(self) -> None:
        """The timetable to everyone, and to each person where they belong."""
        await self.ctx.broadcaster.send(
            Outbound.PROGRAMME, programme_views.programme_out(self), EVERYONE
        )
        for person in self.ctx.presence.people():
            if self.ctx.owns(person.id):  # the others tell their own people
                await self._send(Outbound.YOU, programme_views.you_out(self, person.id), person)

    # -- actions (participants and moderators) -------------------------------

    def stay(self, person_id: str) -> YouOut:
        """Stay behind at the next transition, for the grace period after it."""
        upcoming = self.timetable.upcoming(self.clock.now())
        if upcoming is None:
            raise DomainError("slot.unknown", "No transition is coming.")
        self.day.staying[person_id] = self._start(upcoming) + self.grace
        return programme_views.you_out(self, person_id)

    async def start_next(self, block: int, actor: Actor) -> None:
        """Begin block `block` now; it must be the upcoming one (a stale console is refused)."""
        now = self.clock.now()
        upcoming = self.timetable.upcoming(now)
        if upcoming is None or upcoming.index != block:
            raise DomainError("slot.stale", "The next slot has changed; look again.")
        await self._adjust(StartNow(block, now), now, actor, "start_next")

    async def delay(self, minutes: int, cascade: bool, actor: Actor) -> None:
        """Delay the next transition (and, cascading, every later one) by `minutes`."""
        now = self.clock.now()
        upcoming = self.timetable.upcoming(now)
        if upcoming is None:
            raise DomainError("slot.unknown", "No transition is coming.")
        what = f"{'delay' if cascade else 'extend'} {minutes} min"
        await self._adjust(Delay(upcoming.index, minutes, cascade), now, actor, what)

    async def _adjust(
        self, adjustment: Adjustment, now: dt.datetime, actor: Actor, what: str
    ) -> None:
        self.day.timetable = self.timetable.adjusted(adjustment, now)
        await self.ctx.store.programme.add_adjustment(adjustment)
        block = self.timetable.blocks[adjustment.block]
        if self._start(block) - self.warning > self.clock.now():
            self.day.warned.discard(block.index)  # it will be warned again, at the new time
        await self.audit(actor, what, f"block {adjustment.block}")
        await self._changed()

    async def _changed(self) -> None:
        """The timetable or the open spaces changed here: act on it, and so do the others."""
        if self.ctx.cluster is not None:
            await self.ctx.cluster.post("programme")
        if not await self.tick():  # a transition already told everyone
            await self.publish_state()

    async def reload(self) -> None:
        """Another process changed the timetable or the open spaces: adopt and act on it."""
        state = await self.ctx.store.programme.load()
        self.day.timetable = Timetable(self.timetable.blocks, state.adjustments)
        self.ctx.presence.closed = set(state.closed)
        now = self.clock.now()
        for block in self.timetable.blocks:
            if self._start(block) - self.warning > now:
                self.day.warned.discard(block.index)
        if not await self.tick():
            await self.publish_state()

    async def set_open(self, space: str, open_: bool, actor: Actor) -> None:
        self.venue.space(space)
        closed = self.ctx.presence.closed
        (closed.discard if open_ else closed.add)(space)
        await self.ctx.store.programme.set_closed(space, not open_)
        await self.audit(actor, "space.open" if open_ else "space.close", space)
        if self.ctx.cluster is not None:
            await self.ctx.cluster.post("programme")
        await self.publish_state()

    async def call(self, to: str, source: str | None, actor: Actor) -> list[str]:
        """Move everyone (or everyone in `source`) to `to` now."""
        self.venue.space(to)
        if source is not None:
            self.venue.space(source)
        if self.ctx.cluster is not None:
            await self.ctx.cluster.post("call", to=to, source=source, actor=actor.id)
        moved = await self.call_here(to, source, actor.id)
        await self.audit(actor, "call", f"{source or 'everyone'} → {to} ({len(moved)} moved)")
        return moved

    async def call_here(self, to: str, source: str | None, caller: str) -> list[str]:
        """Move the people this process serves for a call (made here or by another process)."""
        moved = []
        for person in self.ctx.presence.people():
            wanted = person.id != caller and source in (None, person.space)
            if wanted and self.ctx.owns(person.id) and await self._move(person.id, to):
                moved.append(person.id)
        await self.ctx.broadcaster.send_snapshots(moved)
        return moved

    async def announce(self, text: str, space: str | None, actor: Actor) -> AnnouncementOut:
        if space is not None:
            self.venue.space(space)
        entry = await self.audit(actor, "announce", f"{space or 'everyone'}: {text}")
        note = AnnouncementOut(
            id=f"{len(self.day.announcements) + 1}",
            text=text,
            space=space,
            by=entry.actor,
            at=entry.at.isoformat(),
        )
        if self.ctx.cluster is not None:
            await self.ctx.cluster.post("announce", note=note.model_dump(mode="json"))
        await self.announced(note)
        return note

    async def announced(self, note: AnnouncementOut) -> None:
        """An announcement made here or by another process, to the people connected here."""
        self.day.announcements = [*self.day.announcements[-19:], note]
        room = space_room(note.space) if note.space else EVERYONE
        await self.ctx.broadcaster.send(Outbound.ANNOUNCEMENT, note, room)

    async def nudge(self, person_id: str, actor: Actor) -> None:
        if self.ctx.presence.get(person_id) is None:
            raise DomainError("person.unknown", "Nobody with that id is here.")
        await self._remind(person_id, self._name(actor))
        await self.audit(actor, "nudge", self.ref(person_id))

    async def audit(self, actor: Actor, action: str, detail: str) -> AuditEntry:
        return await self.ctx.store.programme.audit(actor.id, self._name(actor), action, detail)

    def ref(self, person_id: str) -> str:
        """A person acted upon, as the audit log names them (erasable on deletion)."""
        return person_ref(self._name_of(person_id), person_id)

    def _name(self, actor: Actor) -> str:
        return self._name_of(actor.id)

    def _name_of(self, person_id: str) -> str:
        person = self.ctx.presence.get(person_id)
        return person.name if person else person_id

    def _start(self, block: Block) -> dt.datetime:
        return self.timetable.start_of(block)
