"""Payloads of presence: walking, status, spaces, doors, who is where."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field, StrictBool

from venue.domain.looks import Colour, Emote, Figure
from venue.domain.people import Role, Status
from venue.domain.venue import SpaceKind
from venue.protocol.base import Inbound, Model, MoveOut, Notice, Outbound, Request

# strict: a JSON `true` or "5" is a client bug, not a coordinate
Coordinate = Annotated[int, Field(strict=True, ge=-1_000_000, le=1_000_000)]
SpaceId = Annotated[str, Field(min_length=1, max_length=64)]


# -- outbound payloads -------------------------------------------------------


class TextOut(Model):
    de: str
    en: str


class PersonOut(Model):
    id: str
    name: str
    role: Role
    space: str
    x: int
    y: int
    status: Status
    look: str = ""  # "figure-colour"; empty: the client derives one from the id
    hand: bool = False  # the hand is raised


class MeetingAreaOut(Model):
    """An area (map pixels) whose meeting opens in a panel while one stands in it."""

    area: str
    x: int
    y: int
    w: int
    h: int
    url: str


class SpaceOut(Model):
    id: str
    kind: SpaceKind
    name: TextOut
    capacity: int
    count: int
    map_url: str
    meeting: str | None = None  # the space's meeting or stream, shown in a panel
    meetings: list[MeetingAreaOut] = Field(default_factory=list)


class SpaceSnapshotOut(Notice, event=Outbound.SNAPSHOT):
    """Everything about the space one is in: who is there and where."""

    space: str
    me: PersonOut
    people: list[PersonOut]


class WelcomeOut(Notice, event=Outbound.WELCOME):
    """Sent once per connection: the venue, its spaces and one's own space."""

    venue: str
    title: TextOut
    spaces: list[SpaceOut]
    snapshot: SpaceSnapshotOut
    tick_hz: float  # presence ticks per second: how often space.tick arrives
    time_zone: str  # the event's IANA time zone: every time is shown in it


class CountsOut(Notice, event=Outbound.COUNTS):
    """People per space, sent to everyone when counts changed since the last tick."""

    counts: dict[str, int]


class DepartureOut(Model):
    id: str
    to: str | None


class StatusOut(Model):
    id: str
    status: Status


class LookOut(Model):
    id: str
    look: str


class EmoteOut(Model):
    id: str
    emote: Emote


class TickOut(Notice, event=Outbound.TICK):
    """One frame per space and tick: only the latest position of each mover."""

    space: str
    moves: list[MoveOut] = Field(default_factory=list)
    arrived: list[PersonOut] = Field(default_factory=list)
    departed: list[DepartureOut] = Field(default_factory=list)
    status: list[StatusOut] = Field(default_factory=list)
    looks: list[LookOut] = Field(default_factory=list)
    emotes: list[EmoteOut] = Field(default_factory=list)


class LocateHitOut(Model):
    id: str
    name: str
    space: str


class LocateOut(Model):
    matches: list[LocateHitOut]


# -- inbound payloads --------------------------------------------------------


class MoveIn(Request, event=Inbound.MOVE):
    """Walk to a position in the current space (pixels of its map)."""

    x: Coordinate
    y: Coordinate


class StatusIn(Request, event=Inbound.STATUS):
    """Set one's status; clients set `away` while their tab is hidden."""

    status: Status


class VisibilityIn(Request, event=Inbound.VISIBILITY):
    """Whether this tab is in the foreground; a person with every tab hidden shows as away."""

    visible: StrictBool


class LookIn(Request, event=Inbound.LOOK):
    """Choose one's character and its colour (the client remembers the choice)."""

    figure: Figure
    colour: Colour


class EmoteIn(Request, event=Inbound.EMOTE):
    """React: wave, applaud, raise or lower one's hand (at most 3 in a row, then one per 2 s)."""

    emote: Emote


class LocateIn(Request, event=Inbound.LOCATE, ack=LocateOut):
    """Find people by (part of) their name."""

    query: str = Field(min_length=1, max_length=40)


class EnterIn(Request, event=Inbound.ENTER, ack=SpaceSnapshotOut):
    """Go to a space from the space list; one arrives at its main entry."""

    space: SpaceId


class DoorIn(Request, event=Inbound.DOOR, ack=SpaceSnapshotOut):
    """Go through the door one stands in; `door` is the door area's name."""

    door: str = Field(min_length=1, max_length=64)


class EndReason(StrEnum):
    """Why one's time in the venue ended."""

    REMOVED = "removed"
    REVOKED = "revoked"
    DELETED = "deleted"


class EndedOut(Notice, event=Outbound.ENDED):
    """One's time in the venue ended, and why: a moderator removed one (kept out for
    `minutes`), the organisers revoked one's links, or one deleted one's registration. The
    connection closes next; the client says so instead of reconnecting."""

    reason: EndReason
    minutes: int | None = None


class MutedOut(Notice, event=Outbound.MUTED):
    """A moderator muted (or unmuted) one in every chat."""

    muted: bool
