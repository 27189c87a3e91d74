"""What happened in the venue: values the domain returns and the broadcaster sends."""

from __future__ import annotations

from dataclasses import dataclass

from venue.domain.looks import Emote
from venue.domain.people import Person, Status


@dataclass(frozen=True, slots=True)
class Arrived:
    """Someone appeared in a space (joined the venue, or came through a door)."""

    space: str
    person: Person


@dataclass(frozen=True, slots=True)
class Departed:
    """Someone left a space; `to` is the space they went to, None if they left the venue."""

    space: str
    person_id: str
    to: str | None


@dataclass(frozen=True, slots=True)
class Moved:
    space: str
    person_id: str
    x: int
    y: int


@dataclass(frozen=True, slots=True)
class StatusChanged:
    space: str
    person_id: str
    status: Status


@dataclass(frozen=True, slots=True)
class Relocated:
    """The person themself is now in another space and needs its snapshot."""

    person_id: str
    space: str


@dataclass(frozen=True, slots=True)
class LookChanged:
    space: str
    person_id: str
    look: str


@dataclass(frozen=True, slots=True)
class Emoted:
    """A reaction over someone's avatar; HAND and HAND_DOWN also change `Person.hand`."""

    space: str
    person_id: str
    emote: Emote


Event = Arrived | Departed | Moved | StatusChanged | Relocated | LookChanged | Emoted
