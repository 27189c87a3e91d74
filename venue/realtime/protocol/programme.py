"""Payloads of the programme and of moderation: what runs when, where people belong, the console."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StrictBool, StrictInt

from venue.realtime.protocol.base import Model

SpaceRef = Annotated[str, Field(min_length=1, max_length=64)]
PersonRef = Annotated[str, Field(min_length=1, max_length=64)]


# -- participants ------------------------------------------------------------


class StayIn(Model):
    """Stay where I am for the grace period instead of being moved at the next transition."""


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


class ProgrammeOut(Model):
    """The live timetable, sent on connect and whenever it changes."""

    clock: ClockOut
    blocks: list[BlockOut]
    current: int | None
    next: int | None
    closed: list[str]
    warning_minutes: int
    stay_minutes: int


class YouOut(Model):
    """Where I belong: now, and from the next block on; `choose` lists workshops to pick from."""

    target: str | None
    next_target: str | None
    choose: list[str] = Field(default_factory=list)
    staying_until: str | None = None


class WarningOut(Model):
    """A transition is coming: block `block` starts at `starts_at` and I belong in `target`."""

    block: int
    starts_at: str
    target: str | None
    minutes: int


class AskOut(Model):
    """I staff a booth: the programme wants me in `target`; go or stay is my decision."""

    block: int
    target: str


class ReminderOut(Model):
    """I stayed behind (or a moderator nudged me): I belong in `target`."""

    target: str
    by: str | None = None


class AnnouncementOut(Model):
    """A moderator's announcement, to everyone or to one space."""

    id: str
    text: str
    space: str | None
    by: str
    at: str


# -- moderators --------------------------------------------------------------


class WatchIn(Model):
    """Open the moderator console: receive `mod.console` updates from now on."""


class DelayIn(Model):
    """Delay the next transition by `minutes`; `cascade` delays every later one as well."""

    minutes: StrictInt = Field(ge=1, le=240)
    cascade: StrictBool = True


class StartNextIn(Model):
    """Start block `block` now; it must be the next one (a stale console is refused)."""

    block: StrictInt = Field(ge=0)


class CallIn(Model):
    """Call everyone (or everyone in `source`) to the space `to`."""

    to: SpaceRef
    source: SpaceRef | None = None


class AnnounceIn(Model):
    text: str = Field(min_length=1, max_length=500)
    space: SpaceRef | None = None


class SpaceOpenIn(Model):
    space: SpaceRef
    open: StrictBool


class PersonIn(Model):
    """Act on one person (remove, nudge)."""

    person: PersonRef


class HeadcountOut(Model):
    space: str
    count: int


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


class ConsoleOut(Model):
    """The moderator console's view: targets of the next block, who has arrived, the log."""

    rehearsal: bool
    next_headcounts: list[HeadcountOut]
    arrived: list[HeadcountOut]
    elsewhere: list[ElsewhereOut]
    audit: list[AuditOut]
    announcements: list[AnnouncementOut]
