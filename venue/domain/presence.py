"""Live presence: who is where, and the rules for moving and changing space."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from venue.domain.errors import Code, DomainError
from venue.domain.events import (
    Arrived,
    Departed,
    Emoted,
    Event,
    LookChanged,
    Moved,
    Relocated,
    StatusChanged,
)
from venue.domain.groups import table_area, table_capacity
from venue.domain.looks import Emote, EmoteRules
from venue.domain.maps import Area, AreaKind, Rect
from venue.domain.people import Person, Role, Status
from venue.domain.venue import Space, Venue


@dataclass(frozen=True, slots=True)
class MovementRules:
    """How fast an avatar may walk; a move further than this is refused."""

    speed: float = 240.0  # pixels per second, 7.5 tiles of 32 px
    slack: float = 48.0  # pixels of headroom for network jitter: moves arrive in clumps
    max_gap: float = 0.5  # seconds: a longer pause earns no longer step

    @property
    def budget_cap(self) -> float:
        return self.speed * self.max_gap + self.slack


class Presence:
    """Everyone present, by space. Keyed by person, never by connection."""

    def __init__(self, venue: Venue, rules: MovementRules | None = None) -> None:
        self.venue = venue
        self.rules = rules or MovementRules()
        self._people: dict[str, Person] = {}
        self._moved_at: dict[str, float] = {}
        self._stride: dict[str, float] = {}  # walking distance a person may still cover now
        self._chosen: dict[str, Status] = {}  # the status a person picked
        self._hidden: set[str] = set()  # people whose every tab is hidden: shown as away
        self.closed: set[str] = set()  # spaces a moderator closed; only moderators enter them
        # people placed by the venue (arriving, sent) who have not taken a step of their own
        # since: they are in no conversation yet, merely by arriving beside others
        self._placed: set[str] = set()
        # space → people whose workshop seat there is kept for them (around a block's start)
        self.kept: dict[str, frozenset[str]] = {}
        self._rosters: dict[str, dict[str, Person]] = {s: {} for s in venue.spaces}
        self._emote_rules = EmoteRules()

    def get(self, person_id: str) -> Person | None:
        return self._people.get(person_id)

    def require(self, person_id: str) -> Person:
        person = self._people.get(person_id)
        if person is None:
            raise DomainError(Code.PRESENCE_ABSENT, "You are not in the venue.")
        return person

    def people(self) -> list[Person]:
        return list(self._people.values())

    def roster(self, space_id: str) -> list[Person]:
        return list(self._rosters[space_id].values())

    def counts(self) -> dict[str, int]:
        return {space_id: len(roster) for space_id, roster in self._rosters.items()}

    def settled(self, person_id: str) -> bool:
        """Whether someone stands where they walked (or sat) themselves, not where placed."""
        return person_id not in self._placed

    def room_left(self, kept: Mapping[str, frozenset[str]] | None = None) -> dict[str, int]:
        """Places per space for anyone without a kept seat there (seats kept are taken);
        `kept` instead of the seats kept now (a preview of the next block)."""
        kept = self.kept if kept is None else kept
        return {
            space.id: space.capacity
            - len(self._rosters[space.id])
            - self._kept_away(space.id, kept)
            for space in self.venue.spaces.values()
        }

    def find(self, query: str, limit: int = 20) -> list[Person]:
        """People whose name contains `query`, ignoring case, best matches first."""
        needle = query.casefold().strip()
        if not needle:
            return []
        hits = [p for p in self._people.values() if needle in p.name.casefold()]
        hits.sort(key=lambda p: (not p.name.casefold().startswith(needle), p.name.casefold()))
        return hits[:limit]

    def arrive(
        self,
        person_id: str,
        name: str,
        role: Role,
        now: float,
        space_id: str | None = None,
        position: tuple[int, int] | None = None,
        booths: frozenset[str] = frozenset(),
    ) -> list[Event]:
        """Bring someone into the venue, where they were last if that still works."""
        if person_id in self._people:
            return []
        space = self.venue.spaces.get(space_id or "") or self.venue.space(self.venue.lobby)
        if self._no_room(space, person_id) is not None:
            space = self.venue.space(self.venue.lobby)
            self._check_room(space, person_id)
        if position is not None and space.map.walkable(*position):
            x, y = position  # where they stood themselves before
        else:
            x, y = self._landing_spot(space, space.map.default_entry())
            self._placed.add(person_id)
        person = Person(person_id, name, role, space.id, x, y, booths=booths)
        self._place(person, now)
        return [Arrived(space.id, person)]

    def depart(self, person_id: str) -> list[Event]:
        person = self._people.pop(person_id, None)
        if person is None:
            return []
        del self._rosters[person.space][person_id]
        self._moved_at.pop(person_id, None)
        self._stride.pop(person_id, None)
        self._chosen.pop(person_id, None)
        self._hidden.discard(person_id)
        self._placed.discard(person_id)
        return [Departed(person.space, person_id, None)]

    def move(self, person_id: str, x: int, y: int, now: float) -> list[Event]:
        """Walk within the current space; refused out of bounds, through walls or too fast."""
        person = self.require(person_id)
        space_map = self.venue.spaces[person.space].map
        if not space_map.in_bounds(x, y):
            raise DomainError(Code.MOVE_BOUNDS, "That position is outside the map.")
        # A budget, not a per-message limit: many small moves cannot add up to a sprint.
        gap = max(now - self._moved_at[person_id], 0.0)
        stride = min(self.rules.budget_cap, self._stride[person_id] + gap * self.rules.speed)
        distance = math.hypot(x - person.x, y - person.y)
        if distance > stride:
            raise DomainError(Code.MOVE_TOO_FAST, "That is further than one can walk so quickly.")
        if not space_map.path_clear(person.x, person.y, x, y):
            raise DomainError(Code.MOVE_WALL, "Something is in the way.")
        if distance == 0:
            return []
        self._placed.discard(person_id)
        self._place(replace(person, x=x, y=y), now, stride - distance)
        return [Moved(person.space, person_id, x, y)]

    def go(
        self, person_id: str, space_id: str, now: float, may_enter_closed: bool = False
    ) -> list[Event]:
        """Change space from the space list: arrive at the target's default entry."""
        person = self.require(person_id)
        target = self.venue.space(space_id)
        if target.id == person.space:
            raise DomainError(Code.SPACE_SAME, "You are already there.")
        self._check_open(target, may_enter_closed)
        return self._transfer(person, target, target.map.default_entry(), now)

    def send_to(self, person_id: str, space_id: str, now: float) -> list[Event]:
        """Move someone where the programme (or a moderator) wants them; [] if already there."""
        person = self.require(person_id)
        if person.space == space_id:
            return []
        target = self.venue.space(space_id)
        return self._transfer(person, target, target.map.default_entry(), now)

    def use_door(
        self, person_id: str, door_name: str, now: float, may_enter_closed: bool = False
    ) -> list[Event]:
        """Go through a door of the current space; one has to stand in it."""
        person = self.require(person_id)
        door = self.venue.spaces[person.space].map.area(door_name, AreaKind.DOOR)
        if door is None:
            raise DomainError(Code.DOOR_UNKNOWN, f"There is no door {door_name!r} here.")
        if not door.rect.contains(person.x, person.y):
            raise DomainError(Code.DOOR_NOT_HERE, "Walk into the door first.")
        target, entry = self.venue.door_destination(person.space, door)
        self._check_open(target, may_enter_closed)
        return self._transfer(person, target, entry, now)

    def sit(self, person_id: str, table: str, now: float) -> list[Event]:
        """Take a free seat at a table of one's space; refused when every seat is taken."""
        person = self.require(person_id)
        space = self.venue.spaces[person.space]
        rect = table_area(space.map, table).rect
        seated = [p for p in self._rosters[space.id].values() if rect.contains(p.x, p.y)]
        if person not in seated and len(seated) >= table_capacity(table_area(space.map, table)):
            raise DomainError(Code.TABLE_FULL, "Every seat at that table is taken.")
        others = ((p.x, p.y) for p in seated if p.id != person_id)
        x, y = space.map.spot_in(rect, others)
        self._placed.discard(person_id)  # sitting down is one's own step
        if (x, y) == (person.x, person.y):
            return []
        self._place(replace(person, x=x, y=y), now)
        return [Moved(person.space, person_id, x, y)]

    def seat_groups(
        self, space_id: str, seating: Mapping[str, Sequence[str]], now: float
    ) -> list[Event]:
        """Each group to its table (speed networking); whoever else sits at a table stands
        up (to a free chair or the entry), so that a table's conversation is its group's."""
        space = self.venue.space(space_id)
        roster = self._rosters[space_id]
        tables = {a.name: a.rect for a in space.map.areas_of(AreaKind.TABLE)}
        table_of = {pid: table for table, group in seating.items() for pid in group}
        events: list[Event] = []

        def put(person: Person, x: int, y: int) -> None:
            self._place(replace(person, x=x, y=y), now)
            events.append(Moved(space_id, person.id, x, y))

        for person in list(roster.values()):
            at = next((n for n, rect in tables.items() if rect.contains(person.x, person.y)), None)
            if at is not None and person.id not in table_of:
                put(person, *self._landing_spot(space, space.map.default_entry()))
                self._placed.add(person.id)  # stood up: in no conversation until they walk
        for table, group in seating.items():
            rect = tables[table]
            for pid in group:
                guest = roster.get(pid)
                if guest is None:
                    continue
                self._placed.discard(pid)  # seated to talk: in the table's conversation
                if not rect.contains(guest.x, guest.y):
                    others = ((p.x, p.y) for p in roster.values() if p.id != pid)
                    put(guest, *space.map.spot_in(rect, others))
        return events

    def set_status(self, person_id: str, status: Status) -> list[Event]:
        """The status a person chose; shown unless they are away (every tab hidden)."""
        self._chosen[person_id] = status
        return self._show(self.require(person_id))

    def set_hidden(self, person_id: str, hidden: bool) -> list[Event]:
        """Away while the venue is hidden in all of a person's tabs, their choice again after."""
        if hidden:
            self._hidden.add(person_id)
        else:
            self._hidden.discard(person_id)
        return self._show(self.require(person_id))

    def set_look(self, person_id: str, look: str) -> list[Event]:
        """The character and colour a person chose (validated by the protocol's enums)."""
        person = self.require(person_id)
        if person.look == look:
            return []
        self._update(replace(person, look=look))
        return [LookChanged(person.space, person_id, look)]

    def emote(self, person_id: str, emote: Emote, now: float) -> list[Event]:
        """A reaction over one's avatar; refused when sent too often."""
        person = self.require(person_id)
        self._emote_rules.check(person_id, now)
        if emote in (Emote.HAND, Emote.HAND_DOWN):
            self._update(replace(person, hand=emote is Emote.HAND))
        return [Emoted(person.space, person_id, emote)]

    def lower_hand(self, person_id: str) -> list[Event]:
        """A moderator called on someone: their hand goes down (no reaction of their own)."""
        person = self.require(person_id)
        if not person.hand:
            return []
        self._update(replace(person, hand=False))
        return [Emoted(person.space, person_id, Emote.HAND_DOWN)]

    def replay(self, event: Event, now: float) -> bool:
        """Apply what another process decided for one of its people; False when stale.

        That process checked the rules; here only the order of its events matters."""
        match event:
            case Arrived(space, person):
                if (earlier := self._people.get(person.id)) is not None:
                    del self._rosters[earlier.space][person.id]
                self._placed.add(person.id)  # until the step that follows, as over there
                self._place(person, now)
            case Departed(space, pid, _to) if self._is_in(pid, space):
                self.depart(pid)
            case Moved(space, pid, x, y) if self._is_in(pid, space):
                self._placed.discard(pid)
                self._place(replace(self._people[pid], x=x, y=y), now)
            case StatusChanged(space, pid, status) if self._is_in(pid, space):
                self._update(replace(self._people[pid], status=status))
            case LookChanged(space, pid, look) if self._is_in(pid, space):
                self._update(replace(self._people[pid], look=look))
            case Emoted(space, pid, emote) if self._is_in(pid, space):
                if emote in (Emote.HAND, Emote.HAND_DOWN):
                    self._update(replace(self._people[pid], hand=emote is Emote.HAND))
            case _:
                return False
        return True

    def _update(self, person: Person) -> None:
        """The same person in the same place, with other attributes."""
        self._people[person.id] = self._rosters[person.space][person.id] = person

    def _is_in(self, person_id: str, space_id: str) -> bool:
        person = self._people.get(person_id)
        return person is not None and person.space == space_id

    def _show(self, person: Person) -> list[Event]:
        hidden = person.id in self._hidden
        status = Status.AWAY if hidden else self._chosen.get(person.id, Status.AVAILABLE)
        if person.status is status:
            return []
        self._people[person.id] = self._rosters[person.space][person.id] = replace(
            person, status=status
        )
        return [StatusChanged(person.space, person.id, status)]

    def _transfer(
        self, person: Person, target: Space, entry: Area | None, now: float
    ) -> list[Event]:
        self._check_room(target, person.id)
        x, y = self._landing_spot(target, entry)
        self._placed.add(person.id)
        del self._rosters[person.space][person.id]
        moved = replace(person, space=target.id, x=x, y=y, hand=False)  # hands go down
        self._place(moved, now)
        return [
            Departed(person.space, person.id, target.id),
            Arrived(target.id, moved),
            Relocated(person.id, target.id),
        ]

    def _place(self, person: Person, now: float, stride: float | None = None) -> None:
        self._people[person.id] = self._rosters[person.space][person.id] = person
        self._moved_at[person.id] = now
        self._stride[person.id] = self.rules.slack if stride is None else stride

    def _kept_away(self, space_id: str, kept: Mapping[str, frozenset[str]] | None = None) -> int:
        """Seats kept in a space for holders who are not in it yet."""
        holders = (self.kept if kept is None else kept).get(space_id)
        if not holders:
            return 0
        roster = self._rosters[space_id]
        return sum(1 for holder in holders if holder not in roster)

    def _check_open(self, space: Space, may_enter_closed: bool) -> None:
        if space.id in self.closed and not may_enter_closed:
            raise DomainError(Code.SPACE_CLOSED, f"{space.name.en} is closed for now.")

    def _no_room(self, space: Space, person_id: str) -> DomainError | None:
        """Why `person_id` cannot enter `space` now, or None: full, or the rest kept."""
        present = len(self._rosters[space.id])
        if present >= space.capacity:
            return DomainError(
                Code.SPACE_FULL, f"{space.name.en} is full ({space.capacity} people)."
            )
        if person_id in self.kept.get(space.id, ()):
            return None
        if present + self._kept_away(space.id) >= space.capacity:
            return DomainError(
                Code.SPACE_KEPT,
                f"The places left in {space.name.en} are kept for registered participants.",
            )
        return None

    def _check_room(self, space: Space, person_id: str) -> None:
        error = self._no_room(space, person_id)
        if error is not None:
            raise error

    def _landing_spot(self, space: Space, entry: Area | None) -> tuple[int, int]:
        """A free chair if the space has one, else a free spot in the entry area."""
        occupied = [(p.x, p.y) for p in self._rosters[space.id].values()]
        seat = space.map.free_seat(occupied)
        if seat is not None:
            return seat
        rect = entry.rect if entry is not None else _whole_map(space)
        return space.map.spot_in(rect, occupied)


def _whole_map(space: Space) -> Rect:
    return Rect(0, 0, space.map.pixel_width, space.map.pixel_height)
