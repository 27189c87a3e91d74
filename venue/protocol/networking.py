"""Payloads of speed networking at the bar and of a person's interests on their card."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StrictBool, StrictInt

from venue.domain.networking import SIZE_MAX, SIZE_MIN
from venue.protocol.base import Inbound, Model, Notice, Outbound, Request
from venue.protocol.chat import MemberOut
from venue.protocol.presence import TextOut

ROUNDS_MAX = 20
MINUTES_MAX = 30
PersonRef = Annotated[str, Field(min_length=1, max_length=64)]
SpaceRef = Annotated[str, Field(min_length=1, max_length=64)]


# -- outbound payloads -------------------------------------------------------


class NetworkingStateOut(Notice, event=Outbound.NETWORKING_STATE):
    """Speed networking as everyone sees it: sent on connect, at its start, every round and
    its end. `round` is 0 before the first; `ends` is the current round's end (programme
    time, ISO 8601)."""

    running: bool
    space: str | None = None
    round: int = 0
    rounds: int = 0
    minutes: int = 0
    size: int = 0
    ends: str | None = None


class InterestOut(Model):
    id: str
    name: TextOut


class PartnerOut(Model):
    """Someone at one's table; `shared`: the interests both chose (if they show theirs)."""

    id: str
    name: str
    shared: list[InterestOut]


class NetworkingYouOut(Notice, event=Outbound.NETWORKING_YOU):
    """One's own place in a round: the table (area name and label) and who sits there, or
    waiting for the next round (`waiting`: there was no seat or nobody new to meet;
    `paused`: one opted out)."""

    round: int
    table: str | None = None
    label: str | None = None
    partners: list[PartnerOut] = Field(default_factory=list)
    waiting: bool = False
    paused: bool = False


class NetworkingWarningOut(Notice, event=Outbound.NETWORKING_WARNING):
    """To those taking part, 30 seconds before the tables change (`last`: the session ends)."""

    round: int
    seconds: int
    last: bool


class TableOut(Model):
    """A table area (`label`: its name on the map, e.g. "Tisch 1") and who sits there."""

    table: str
    label: str
    people: list[MemberOut]


class RoundOut(Model):
    """One round as the console shows it: who sat where, who waited."""

    round: int
    started: str
    tables: list[TableOut]
    waiting: list[MemberOut]


class NetworkingConsoleOut(Model):
    """Speed networking in the moderators' console: the settings, every round so far, who
    has opted out."""

    state: NetworkingStateOut
    rounds: list[RoundOut]
    paused: list[MemberOut]


class ProfileOut(Model):
    """A person's interests as their card shows them; empty unless they agreed to show them."""

    person: str
    interests: list[InterestOut]
    offer: str
    seeking: str


# -- inbound payloads --------------------------------------------------------


class NetworkingStartIn(Request, event=Inbound.MOD_NETWORKING_START, ack=NetworkingStateOut):
    """Moderators: start speed networking in a space with tables (default: the first bar):
    `rounds` rounds of `minutes` minutes, groups of `size`."""

    minutes: Annotated[StrictInt, Field(ge=1, le=MINUTES_MAX)]
    size: Annotated[StrictInt, Field(ge=SIZE_MIN, le=SIZE_MAX)]
    rounds: Annotated[StrictInt, Field(ge=1, le=ROUNDS_MAX)]
    space: SpaceRef | None = None


class NetworkingStopIn(Request, event=Inbound.MOD_NETWORKING_STOP):
    """Moderators: end speed networking now; people stay where they sit."""


class NetworkingPauseIn(Request, event=Inbound.NETWORKING_PAUSE, ack=NetworkingYouOut):
    """Opt out of speed networking (`paused`: true) from the next round on, or back in."""

    paused: StrictBool


class ProfileIn(Request, event=Inbound.PERSON_PROFILE, ack=ProfileOut):
    """A person's interests for their card (shown only if they agreed)."""

    person: PersonRef
