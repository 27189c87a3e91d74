"""The venue: its spaces, booths and the doors between them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from zoneinfo import ZoneInfo

from venue.domain.errors import Code, DomainError
from venue.domain.maps import Area, AreaKind, SpaceMap
from venue.domain.programme import Programme


class SpaceKind(StrEnum):
    LOBBY = "lobby"
    PLENARY = "plenary"
    WORKSHOP = "workshop"
    EXHIBITION = "exhibition"
    BAR = "bar"


@dataclass(frozen=True, slots=True)
class Text:
    """A text in German (the default) and English."""

    de: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.de


@dataclass(frozen=True)
class Space:
    id: str
    kind: SpaceKind
    name: Text
    capacity: int
    map_file: str
    map: SpaceMap
    meeting: str | None = None  # shown in a panel to everyone in the space


@dataclass(frozen=True)
class Booth:
    id: str
    space: str
    area: str
    name: Text
    organisation: str
    description: Text
    call_url: str | None = None  # offered to visitors in booth conversations


@dataclass(frozen=True, slots=True)
class Interest:
    """A tag of the organiser's list (the seed: the alliance's innovation fields)."""

    id: str
    name: Text


@dataclass(frozen=True)
class EventInfo:
    """What the manifest says about the event itself; times are local to `timezone`."""

    title: Text
    subtitle: Text | None
    date: dt.date
    start: dt.time
    end: dt.time
    timezone: str
    access: str
    programme: str
    organiser: str | None = None
    organiser_url: str | None = None
    # the contact block as display lines: name, units, addresses, phones
    contact: tuple[str, ...] = ()
    privacy: Text | None = None
    warning_minutes: int = 5
    stay_minutes: int = 5
    unassigned: str = "fill"  # fill | choose
    overflow: str | None = None  # where people go when their block's space has no room left
    embed_hosts: tuple[str, ...] = ()  # hosts a meeting panel may show

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def ends_at(self) -> dt.datetime:
        """The end of the event as an aware datetime."""
        return dt.datetime.combine(self.date, self.end, tzinfo=self.zone)


@dataclass(frozen=True)
class Venue:
    """Everything static about a venue, as loaded and checked from its folder."""

    id: str
    title: Text
    lobby: str
    spaces: dict[str, Space]
    booths: dict[str, Booth] = field(default_factory=dict)
    event: EventInfo | None = None
    programme: Programme = field(default_factory=Programme)
    # the folder, relative to the venue folder, that holds every map, tileset and image
    asset_root: str = "."
    # the interest tags people may choose (`[[interests]]`), in the manifest's order
    interests: tuple[Interest, ...] = ()

    def workshops(self) -> list[Space]:
        return [s for s in self.spaces.values() if s.kind is SpaceKind.WORKSHOP]

    def space(self, space_id: str) -> Space:
        try:
            return self.spaces[space_id]
        except KeyError:
            raise DomainError(Code.SPACE_UNKNOWN, f"There is no space {space_id!r}.") from None

    def resolve_space_ref(self, ref: str) -> Space | None:
        """A door target names a space by id or by its map file."""
        if ref in self.spaces:
            return self.spaces[ref]
        return next((s for s in self.spaces.values() if s.map_file == ref), None)

    def door_destination(self, space_id: str, door: Area) -> tuple[Space, Area]:
        """Where a door of `space_id` leads: the target space and the entry area."""
        target_ref, entry_name = door.exit_target
        target = self.resolve_space_ref(target_ref)
        if target is None:
            raise DomainError(Code.DOOR_BROKEN, f"Door {door.name!r} leads nowhere.")
        entry = (
            target.map.area(entry_name, AreaKind.ENTRY)
            if entry_name
            else target.map.default_entry()
        )
        if entry is None:
            raise DomainError(Code.DOOR_BROKEN, f"Door {door.name!r} leads to no entry.")
        return target, entry
