"""The programme day: who belongs where in each block, warnings, transitions, staying behind.

`Day` remembers what happened today (blocks begun and warned, who was present at a
transition, who stays behind, workshops given for lack of a seat) and decides what the
clock's next moment brings; the live conductor carries the decisions out.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field

from venue.domain.booths import booth_at
from venue.domain.errors import Code, DomainError
from venue.domain.people import Person, Role
from venue.domain.programme import (
    Adjustment,
    Block,
    Delay,
    LiveProgramme,
    blocks_of,
    target_for,
)
from venue.domain.venue import Venue

STAFF = (Role.MODERATOR, Role.ORGANISER)  # the programme does not move them

RoomLeft = Callable[[], Mapping[str, int]]  # places left per space, counted only when needed


@dataclass(frozen=True)
class Due:
    """What the clock's moment brings: blocks to warn of, a block to begin, stays that end."""

    warn: tuple[Block, ...] = ()
    begin: Block | None = None
    stays_over: tuple[str, ...] = ()


@dataclass(frozen=True)
class Plan:
    """A transition: whom to move where, which exhibitors to ask instead, where everyone
    ends up (None: asked to choose) and who goes to the overflow space for want of room."""

    block: Block
    moves: tuple[tuple[str, str], ...]
    asks: tuple[tuple[str, str], ...]
    places: tuple[tuple[str, str | None], ...] = ()
    overflow: tuple[tuple[str, str], ...] = ()  # person → the space they wanted


@dataclass(frozen=True)
class Whereabouts:
    """Where someone belongs now and from the next block on, and whether they stay."""

    target: str | None
    next_target: str | None
    choose: tuple[str, ...]  # a parallel block without a seat: workshops to pick from
    staying_until: dt.datetime | None


@dataclass
class Day:
    """The day so far; resumed from the store at start (what was begun, the adjustments)."""

    venue: Venue
    programme: LiveProgramme = field(init=False)
    done: set[int] = field(default_factory=set)
    warned: set[int] = field(default_factory=set)
    # who was present at a block's transition: anyone else arriving later is routed
    handled: dict[int, set[str]] = field(default_factory=dict)
    staying: dict[str, dt.datetime] = field(default_factory=dict)
    # workshops given to people without a seat, per block: they stay given
    assigned: dict[int, dict[str, str]] = field(default_factory=dict)
    seats: dict[str, str | None] = field(default_factory=dict)  # person → seated workshop
    staff: set[str] = field(default_factory=set)  # moderators and organisers

    def __post_init__(self) -> None:
        self.programme = LiveProgramme(blocks_of(self.venue.programme))

    def resume(
        self, adjustments: Iterable[Adjustment], done: Iterable[int], now: dt.datetime
    ) -> None:
        """The day as the store remembers it; warnings of blocks already begun are history."""
        self.programme = LiveProgramme(self.programme.blocks, tuple(adjustments))
        self.done = set(done)
        self.warned = {b.index for b in self.programme.blocks if self.programme.start_of(b) <= now}

    @property
    def warning(self) -> dt.timedelta:
        event = self.venue.event
        return dt.timedelta(minutes=event.warning_minutes if event else 5)

    @property
    def grace(self) -> dt.timedelta:
        event = self.venue.event
        return dt.timedelta(minutes=event.stay_minutes if event else 5)

    @property
    def overflow(self) -> str:
        """Where those go who find no room in their block's space."""
        event = self.venue.event
        return (event.overflow if event else None) or self.venue.lobby

    @property
    def fill(self) -> bool:
        event = self.venue.event
        return event is None or event.unassigned == "fill"

    # -- who belongs where -------------------------------------------------

    def note(self, person_id: str, role: Role, seat: str | None) -> None:
        """Remember someone's seated workshop (None: no seat) when they connect."""
        self.seats[person_id] = seat
        if role in STAFF:
            self.staff.add(person_id)

    def reseat(self, seated: Mapping[str, str], present: Iterable[str]) -> None:
        """Seats change while people are connected (a new workshop, the waiting list)."""
        for person_id in present:
            self.seats[person_id] = seated.get(person_id)
        self.seats.update(seated)  # kept seats count those not connected yet as well

    def holders(self, space: str) -> frozenset[str]:
        """Who holds a (registered) seat in workshop `space`."""
        return frozenset(pid for pid, seat in self.seats.items() if seat == space)

    def kept_seats(self, now: dt.datetime) -> dict[str, frozenset[str]]:
        """Seats kept for their holders, per workshop: from the warning before a parallel
        block until the grace period after its start."""
        for block in self.programme.blocks:
            start = self.programme.start_of(block)
            if block.parallel and start - self.warning <= now < start + self.grace:
                return self.kept_for(block)
        return {}

    def kept_for(self, block: Block) -> dict[str, frozenset[str]]:
        """The seats `block` keeps, per space: its workshops' holders (none if not parallel)."""
        return {space: self.holders(space) for space in block.spaces} if block.parallel else {}

    def target(
        self, person_id: str, block: Block | None, room_left: RoomLeft, assign: bool = False
    ) -> str | None:
        """Where someone belongs in `block`; `assign` fixes a workshop given for lack of a seat."""
        if block is None:
            return self.venue.lobby
        given = self.assigned.setdefault(block.index, {}) if assign else None
        return self._target(person_id, block, room_left, given)

    def _target(
        self, person_id: str, block: Block, room_left: RoomLeft, given: dict[str, str] | None
    ) -> str | None:
        """`given` (when deciding) receives the workshop given to someone without a seat."""
        known = self.assigned.get(block.index, {}) if given is None else given
        if person_id in known:
            return known[person_id]
        seat = self.seats.get(person_id)
        unseated = block.parallel and seat not in block.spaces
        room = room_left() if unseated and self.fill else {}  # counting costs: only then
        target = target_for(block, self.venue.lobby, seat, room, self.fill)
        if given is not None and unseated and target is not None:
            given[person_id] = target
        return target

    def arrival_space(
        self,
        person_id: str,
        last_space: str | None,
        now: dt.datetime,
        room_left: RoomLeft,
        closed: Collection[str],
    ) -> str | None:
        """Where someone connecting lands: routed if they missed the latest transition."""
        block = self.programme.running(now)
        if block is None or person_id in self.handled.get(block.index, set()):
            return last_space
        if person_id in self.staff:
            return last_space
        target = self.target(person_id, block, room_left, assign=True)
        if target is None or target in closed:
            return last_space
        # routed once per block: who leaves their target afterwards and reconnects stays out
        self.handled.setdefault(block.index, set()).add(person_id)
        if self.seats.get(person_id) != target and room_left().get(target, 0) <= 0:
            return self.overflow  # no room left for them: the overflow, not a refusal
        return target

    def routed(self, block: int, people: Iterable[str]) -> list[tuple[str, str | None]]:
        """Of `people` handled in `block`: each with the workshop given them (to record)."""
        given = self.assigned.get(block, {})
        handled = self.handled.get(block, set())
        return [(pid, given.get(pid)) for pid in people if pid in handled]

    def recall(
        self,
        person_id: str,
        routed: Mapping[int, str | None],
        staying: dt.datetime | None,
        now: dt.datetime,
    ) -> None:
        """What a record of the day holds of someone (after a restart, or served elsewhere
        before): the blocks they were routed in, workshops given, a stay still running."""
        for block, given in routed.items():
            self.handled.setdefault(block, set()).add(person_id)
            if given is not None:
                self.assigned.setdefault(block, {})[person_id] = given
        if staying is not None and staying > now:
            zone = self.venue.event.zone if self.venue.event else staying.tzinfo
            self.staying[person_id] = staying.astimezone(zone)

    def whereabouts(self, person_id: str, now: dt.datetime, room_left: RoomLeft) -> Whereabouts:
        block = self.programme.running(now)
        upcoming = self.programme.upcoming(now)
        target = self.target(person_id, block, room_left) if block else None
        next_target = self.target(person_id, upcoming, room_left) if upcoming else None
        asked = block is not None and block.parallel and target is None
        choose = block.spaces if asked and block and person_id not in self.staff else ()
        return Whereabouts(target, next_target, choose, self.staying.get(person_id))

    def pending_warning(
        self, person: Person, now: dt.datetime, room_left: RoomLeft
    ) -> tuple[Block, str | None] | None:
        """The warning someone joining now should see, if a transition is imminent for them."""
        upcoming = self.programme.upcoming(now)
        if upcoming is None or self.programme.start_of(upcoming) - self.warning > now:
            return None
        if person.id in self.staff:
            return None
        target = self.target(person.id, upcoming, room_left)
        return None if target == person.space else (upcoming, target)

    # -- the clock ---------------------------------------------------------

    def due(self, now: dt.datetime) -> Due:
        """Warnings, a transition and ended stays at `now`; each is decided once."""
        warn = []
        for block in self.programme.blocks:
            start = self.programme.start_of(block)
            if block.index not in self.warned and start - self.warning <= now < start:
                self.warned.add(block.index)
                warn.append(block)
        begin = None
        latest = self.programme.started(now)
        if latest is not None and latest.index not in self.done:
            self.done.update(b.index for b in self.programme.blocks[: latest.index])
            self.done.add(latest.index)
            if self.programme.running(now) is latest:
                begin = latest  # else the day is over: nobody is moved any more
        over = tuple(pid for pid, until in self.staying.items() if until <= now)
        for pid in over:
            del self.staying[pid]
        return Due(tuple(warn), begin, over)

    def plan(
        self, block: Block, people: Iterable[Person], room_left: RoomLeft, closed: Collection[str]
    ) -> Plan:
        """Whom a transition moves where (decided: workshops given stay given)."""
        self.done.add(block.index)
        people = list(people)
        self.handled.setdefault(block.index, set()).update(p.id for p in people)
        given = self.assigned.setdefault(block.index, {})
        return self._allocate(block, people, room_left, closed, given)

    def preview(
        self, block: Block, people: Iterable[Person], room_left: RoomLeft, closed: Collection[str]
    ) -> Plan:
        """What the transition to `block` would do now, for the console; decides nothing."""
        given = dict(self.assigned.get(block.index, {}))
        return self._allocate(block, list(people), room_left, closed, given)

    def _allocate(
        self,
        block: Block,
        people: list[Person],
        room_left: RoomLeft,
        closed: Collection[str],
        given: dict[str, str],
    ) -> Plan:
        """Not those staying, not into closed spaces; an exhibitor at a booth they staff is
        asked instead of moved. Seat holders always get their seat; everyone else takes the
        room left, and is sent on (another workshop, else the overflow space) without it."""
        kept = self.kept_for(block)
        moves, asks, places, overflow = [], [], [], []
        shift: Counter[str] = Counter()  # places taken (+) and freed (-) by planned moves
        counted: dict[str, int] = {}

        def room_now() -> dict[str, int]:
            """Room left once the moves planned so far are made (workshops fill evenly)."""
            if not counted:
                counted.update(room_left())
            return {space: left - shift[space] for space, left in counted.items()}

        def room_in(space: str) -> int:
            return room_now().get(space, 0)

        for person in people:
            target = self._target(person.id, block, room_now, given)
            if target is None or target in closed or person.id in self.staying:
                places.append((person.id, target if target is None else person.space))
                continue
            holds = person.id in kept.get(target, ())
            # someone without a kept seat where there is no room for them (still) goes on
            if not holds and room_in(target) < (0 if target == person.space else 1):
                wanted, target = target, self._elsewhere(block, room_now, closed)
                overflow.append((person.id, wanted))
                if block.parallel:
                    given[person.id] = target
            places.append((person.id, target))
            if target == person.space:
                continue
            if booth_at(self.venue, person.space, person.x, person.y) in person.booths:
                asks.append((person.id, target))
                continue
            moves.append((person.id, target))
            shift[target] += 0 if person.id in kept.get(target, ()) else 1
            shift[person.space] -= 0 if person.id in kept.get(person.space, ()) else 1
        return Plan(block, tuple(moves), tuple(asks), tuple(places), tuple(overflow))

    def _elsewhere(self, block: Block, room_now: RoomLeft, closed: Collection[str]) -> str:
        """For someone without room in their target: the block's space with most room left,
        else the overflow space."""
        room = room_now()
        open_ = [s for s in block.spaces if s not in closed and room.get(s, 0) > 0]
        if not open_ or not (block.parallel and self.fill):
            return self.overflow
        return max(open_, key=lambda s: (room.get(s, 0), -block.spaces.index(s)))

    # -- actions -----------------------------------------------------------

    def stay(self, person_id: str, now: dt.datetime) -> dt.datetime:
        """Stay behind at the next transition, for the grace period after it."""
        upcoming = self.programme.upcoming(now)
        if upcoming is None:
            raise DomainError(Code.SLOT_UNKNOWN, "No transition is coming.")
        until = self.staying[person_id] = self.programme.start_of(upcoming) + self.grace
        return until

    def adjust(self, adjustment: Adjustment, now: dt.datetime) -> Block:
        """A delay or an early start; the block is warned again if it moved out of reach."""
        self.programme = self.programme.adjusted(adjustment, now)
        block = self.programme.blocks[adjustment.block]
        self.rearm(now)
        return block

    def readjust(self, adjustments: Iterable[Adjustment], now: dt.datetime) -> None:
        """Adopt the adjustments another process made."""
        self.programme = LiveProgramme(self.programme.blocks, tuple(adjustments))
        self.rearm(now)

    def rearm(self, now: dt.datetime) -> None:
        """Blocks whose warning time lies ahead again will be warned again."""
        for block in self.programme.blocks:
            if self.programme.start_of(block) - self.warning > now:
                self.warned.discard(block.index)

    def delay(self, minutes: int, cascade: bool, now: dt.datetime) -> Delay:
        """Delay the next block (`cascade`: and every later one), or extend the running block:
        the next starts later, those after it keep their times. Nothing running, nothing
        to extend: refused rather than quietly moving the next block."""
        upcoming = self.upcoming_block(now)
        if not cascade and self.programme.current(now) is None:
            raise DomainError(Code.SLOT_NOT_RUNNING, "No block is running: nothing to extend.")
        return Delay(upcoming.index, minutes, cascade)

    def upcoming_block(self, now: dt.datetime) -> Block:
        upcoming = self.programme.upcoming(now)
        if upcoming is None:
            raise DomainError(Code.SLOT_UNKNOWN, "No transition is coming.")
        return upcoming
