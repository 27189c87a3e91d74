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
from venue.domain.programme import Adjustment, Block, LiveProgramme, blocks_of, target_for
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
    """A transition: whom to move where, and which exhibitors to ask instead."""

    block: Block
    moves: tuple[tuple[str, str], ...]
    asks: tuple[tuple[str, str], ...]


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

    def target(
        self, person_id: str, block: Block | None, room_left: RoomLeft, assign: bool = False
    ) -> str | None:
        """Where someone belongs in `block`; `assign` fixes a workshop given for lack of a seat."""
        given = self.assigned.get(block.index, {}) if block else {}
        if person_id in given:
            return given[person_id]
        seat = self.seats.get(person_id)
        unseated = block is not None and block.parallel and seat not in block.spaces
        room = room_left() if unseated and self.fill else {}  # counting costs: only then
        target = target_for(block, self.venue.lobby, seat, room, self.fill)
        if assign and unseated and block is not None and target is not None:
            self.assigned.setdefault(block.index, {})[person_id] = target
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
        """Whom a transition moves where: not those staying, not into closed spaces; an
        exhibitor standing at a booth they staff is asked instead of moved."""
        self.done.add(block.index)
        handled = self.handled.setdefault(block.index, set())
        moves, asks = [], []
        shift: Counter[str] = Counter()  # people planned into (+) and out of (-) each space
        counted: dict[str, int] = {}

        def room_now() -> dict[str, int]:
            """Room left once the moves planned so far are made (workshops fill evenly)."""
            if not counted:
                counted.update(room_left())
            return {space: left - shift[space] for space, left in counted.items()}

        for person in people:
            handled.add(person.id)
            target = self.target(person.id, block, room_now, assign=True)
            if target is None or target == person.space or target in closed:
                continue
            if person.id in self.staying:
                continue
            if booth_at(self.venue, person.space, person.x, person.y) in person.booths:
                asks.append((person.id, target))
            else:
                moves.append((person.id, target))
                shift[target] += 1
                shift[person.space] -= 1
        return Plan(block, tuple(moves), tuple(asks))

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

    def upcoming_block(self, now: dt.datetime) -> Block:
        upcoming = self.programme.upcoming(now)
        if upcoming is None:
            raise DomainError(Code.SLOT_UNKNOWN, "No transition is coming.")
        return upcoming
