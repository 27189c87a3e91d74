"""Payloads of the programme and of moderation: what runs when, where people belong, the console."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StrictBool, StrictInt

from venue.domain.people import Role
from venue.protocol.base import DB_INT_MAX, Inbound, Model, Notice, Outbound, Request
from venue.protocol.calls import CallOut
from venue.protocol.networking import NetworkingConsoleOut

SpaceRef = Annotated[str, Field(min_length=1, max_length=64)]
PersonRef = Annotated[str, Field(min_length=1, max_length=64)]


# -- participants ------------------------------------------------------------


class SlotOut(Model):
    title: str
    space: str | None
    start: str  # ISO 8601 with offset, effective (delays applied)
    end: str


class BlockOut(Model):
    """A stretch of the day: slots back to back in one space, or parallel in several."""

    index: int
    start: str
    end: str
    spaces: list[str]
    slots: list[SlotOut]


class ClockOut(Model):
    """The programme clock: `now` at sending; it runs `speed` times real time (rehearsals)."""

    now: str
    speed: float
    rehearsal: bool


class ProgrammeOut(Notice, event=Outbound.PROGRAMME):
    """The live programme, sent on connect and whenever it changes."""

    clock: ClockOut
    blocks: list[BlockOut]
    current: int | None
    next: int | None
    closed: list[str]
    warning_minutes: int
    stay_minutes: int


class YouOut(Notice, event=Outbound.YOU):
    """Where I belong: now, and from the next block on; `choose` lists workshops to pick from."""

    target: str | None
    next_target: str | None
    choose: list[str] = Field(default_factory=list)
    staying_until: str | None = None


class WarningOut(Notice, event=Outbound.WARNING):
    """A transition is coming: block `block` starts at `starts_at` and I belong in `target`."""

    block: int
    starts_at: str
    target: str | None
    minutes: int


class AskOut(Notice, event=Outbound.ASK):
    """I staff a booth: the programme wants me in `target`; go or stay is my decision."""

    block: int
    target: str


class ReminderOut(Notice, event=Outbound.REMINDER):
    """I stayed behind (or a moderator nudged me): I belong in `target`."""

    target: str
    by: str | None = None


class AnnouncementOut(Notice, event=Outbound.ANNOUNCEMENT):
    """A moderator's announcement, to everyone or to one space."""

    id: str
    text: str
    space: str | None
    by: str
    at: str


class StayIn(Request, event=Inbound.STAY, ack=YouOut):
    """Stay where I am for the grace period instead of being moved at the next transition."""


# -- moderators --------------------------------------------------------------


class DelayIn(Request, event=Inbound.MOD_DELAY):
    """Delay the next transition by `minutes`; `cascade` delays every later one as well."""

    minutes: StrictInt = Field(ge=1, le=240)
    cascade: StrictBool = True


class StartNextIn(Request, event=Inbound.MOD_START_NEXT):
    """Start block `block` now; it must be the next one (a stale console is refused)."""

    block: StrictInt = Field(ge=0, le=DB_INT_MAX)


class CallIn(Request, event=Inbound.MOD_CALL):
    """Call everyone (or everyone in `source`) to the space `to`."""

    to: SpaceRef
    source: SpaceRef | None = None


class AnnounceIn(Request, event=Inbound.MOD_ANNOUNCE):
    """Announce a text to everyone, or to the people in `space`; control and bidi characters
    are refused (`chat.text_invalid`)."""

    text: str = Field(min_length=1, max_length=500)
    space: SpaceRef | None = None


class SpaceOpenIn(Request, event=Inbound.MOD_SPACE):
    """Open or close a space (closed: only moderators enter it)."""

    space: SpaceRef
    open: StrictBool


class PersonIn(Request):
    """Act on one person."""

    person: PersonRef


class RemoveIn(PersonIn, event=Inbound.MOD_REMOVE):
    """Take a person out of the venue; they cannot come back for 15 minutes."""


class NudgeIn(PersonIn, event=Inbound.MOD_NUDGE):
    """Remind a person who is elsewhere where the programme wants them."""


class PersonRowOut(Model):
    """Someone present, for the moderators' people list."""

    id: str
    name: str
    role: Role
    space: str
    muted: bool


class PeopleOut(Model):
    """The people matching a search (by name, every space), by name; `total` before the cut."""

    people: list[PersonRowOut]
    total: int


class PeopleIn(Request, event=Inbound.MOD_PEOPLE, ack=PeopleOut):
    """Moderators: everyone present whose name contains `query` (empty: everyone)."""

    query: Annotated[str, Field(max_length=40)] = ""


class HeadcountOut(Model):
    space: str
    count: int
    # the next block's preview: the space's places, and how many wanted it but find no
    # room (they go to another workshop or to the console's `overflow` space)
    capacity: int | None = None
    over: int = 0


class ElsewhereOut(Model):
    id: str
    name: str
    space: str
    target: str | None


class AuditOut(Model):
    at: str
    actor: str
    action: str
    detail: str


class ConsoleOut(Notice, event=Outbound.CONSOLE):
    """The moderator console's view: targets of the next block, who has arrived, the log."""

    rehearsal: bool
    next_headcounts: list[HeadcountOut]
    overflow: str  # where those without room go at a transition
    arrived: list[HeadcountOut]
    elsewhere: list[ElsewhereOut]
    audit: list[AuditOut]
    announcements: list[AnnouncementOut]
    calls: list[CallOut]
    networking: NetworkingConsoleOut | None = None  # while speed networking has run


class WatchIn(Request, event=Inbound.MOD_WATCH, ack=ConsoleOut):
    """Open the moderator console: receive `mod.console` updates from now on."""
