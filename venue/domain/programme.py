"""The programme: slots in time, each in a space, grouped into blocks that run live.

A block is a stretch of the day: slots back to back in one space, or parallel in several.
Live changes (delays, extensions, an early start) are adjustments on top of the planned
times; the live times are always derived from the plan and the adjustments, so a restart
that reloads the adjustments resumes exactly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from venue.domain.errors import Code, DomainError

MAX_DELAY_MINUTES = 240


@dataclass(frozen=True)
class Slot:
    """One event of the schedule; times are aware datetimes."""

    guid: str
    title: str
    start: dt.datetime
    end: dt.datetime
    room: str
    space: str | None
    abstract: str = ""
    description: str = ""
    persons: tuple[str, ...] = ()
    # the event as the schedule file has it, every field, for exports that keep them all
    source: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Programme:
    slots: tuple[Slot, ...] = ()
    # the schedule file's conference fields but its days, and its version, kept for exports
    conference: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)
    version: str = ""

    def in_space(self, space_id: str) -> list[Slot]:
        return [s for s in self.slots if s.space == space_id]

    def attended_by(self, workshop: str | None, workshops: Collection[str]) -> list[Slot]:
        """The slots a person attends: everything but the workshops they did not choose."""
        return [s for s in self.slots if s.space not in workshops or s.space == workshop]

    @property
    def end(self) -> dt.datetime | None:
        return max((s.end for s in self.slots), default=None)


MAX_DELAY_MINUTES = 240


@dataclass(frozen=True)
class Block:
    """Slots that follow each other in one space, or run in parallel in several."""

    index: int
    start: dt.datetime
    end: dt.datetime
    slots: tuple[Slot, ...]

    @property
    def spaces(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.space for s in self.slots if s.space is not None))

    @property
    def parallel(self) -> bool:
        return len(self.spaces) > 1


def blocks_of(programme: Programme) -> tuple[Block, ...]:
    """Group the slots: overlapping slots run in parallel, back-to-back slots in one space join."""
    blocks: list[Block] = []
    for slot in sorted(programme.slots, key=lambda s: (s.start, s.room)):
        last = blocks[-1] if blocks else None
        overlaps = last is not None and slot.start < last.end
        continues = (
            last is not None
            and not last.parallel
            and last.spaces == (slot.space,)
            and slot.start == last.end
        )
        if last is not None and (overlaps or continues):
            blocks[-1] = replace(last, end=max(last.end, slot.end), slots=(*last.slots, slot))
        else:
            blocks.append(Block(len(blocks), slot.start, slot.end, (slot,)))
    return tuple(blocks)


@dataclass(frozen=True)
class Delay:
    """Move the start of block `block` later; `cascade` moves every later block with it."""

    block: int
    minutes: int
    cascade: bool = True


@dataclass(frozen=True)
class StartNow:
    """Start block `block` at `at`, earlier than planned; later blocks keep their times."""

    block: int
    at: dt.datetime


Adjustment = Delay | StartNow


@dataclass(frozen=True)
class LiveProgramme:
    """The programme's blocks at their live times: the plan and the moderators' adjustments."""

    blocks: tuple[Block, ...]
    adjustments: tuple[Adjustment, ...] = ()

    def starts(self) -> list[dt.datetime]:
        return [start for start, _ in self._times()]

    def ends(self) -> list[dt.datetime]:
        return [end for _, end in self._times()]

    def current(self, now: dt.datetime) -> Block | None:
        """The block running at `now`, if any."""
        for block, (start, end) in zip(self.blocks, self._times(), strict=True):
            if start <= now < end:
                return block
        return None

    def upcoming(self, now: dt.datetime) -> Block | None:
        """The next block to start after `now`."""
        for block, start in zip(self.blocks, self.starts(), strict=True):
            if start > now:
                return block
        return None

    def started(self, now: dt.datetime) -> Block | None:
        """The last block that has started by `now` (the day ends in the last one's space)."""
        last = None
        for block, start in zip(self.blocks, self.starts(), strict=True):
            if start <= now:
                last = block
        return last

    def running(self, now: dt.datetime) -> Block | None:
        """The block whose space people belong in: the latest started, until the day ends."""
        block = self.started(now)
        if block is None or now >= self.ends()[-1]:
            return None
        return block

    def start_of(self, block: Block) -> dt.datetime:
        return self.starts()[block.index]

    def end_of(self, block: Block) -> dt.datetime:
        return self.ends()[block.index]

    def adjusted(self, adjustment: Adjustment, now: dt.datetime) -> LiveProgramme:
        """The programme with one more adjustment; refused for the past or nonsense."""
        if not 0 <= adjustment.block < len(self.blocks):
            raise DomainError(Code.SLOT_UNKNOWN, "There is no such slot.")
        if self.start_of(self.blocks[adjustment.block]) <= now:
            raise DomainError(Code.SLOT_PAST, "That slot has already begun.")
        if isinstance(adjustment, Delay) and not 1 <= adjustment.minutes <= MAX_DELAY_MINUTES:
            raise DomainError(Code.DELAY_INVALID, f"A delay is 1 to {MAX_DELAY_MINUTES} minutes.")
        if isinstance(adjustment, StartNow) and adjustment.at < now:
            raise DomainError(Code.SLOT_PAST, "A slot cannot start in the past.")
        return replace(self, adjustments=(*self.adjustments, adjustment))

    def _times(self) -> list[tuple[dt.datetime, dt.datetime]]:
        shift = dt.timedelta()
        planned: list[tuple[dt.datetime, dt.datetime]] = []
        for block in self.blocks:
            own = dt.timedelta()
            for adj in self.adjustments:
                if isinstance(adj, Delay) and adj.block == block.index:
                    if adj.cascade:
                        shift += dt.timedelta(minutes=adj.minutes)
                    else:
                        own += dt.timedelta(minutes=adj.minutes)
            start = block.start + shift + own
            early = [
                a.at for a in self.adjustments if isinstance(a, StartNow) and a.block == block.index
            ]
            if early:
                start = min(start, *early)
            planned.append((start, block.end + shift))
        times = []
        for i, (start, end) in enumerate(planned):
            following = planned[i + 1][0] if i + 1 < len(planned) else None
            back_to_back = following is not None and self.blocks[i].end >= self.blocks[i + 1].start
            if following is not None and (back_to_back or following < end):
                end = following  # a block ends when the next one begins
            times.append((start, max(start, end)))
        return times


def target_for(
    block: Block | None,
    lobby: str,
    workshop: str | None,
    room_left: Mapping[str, int],
    fill_unassigned: bool,
) -> str | None:
    """Where someone belongs during `block`; None means: ask them to choose.

    In parallel blocks people go to their own (seated) workshop; people without one go to
    the workshop with the most room left, or are asked, as the venue data says.
    """
    if block is None:
        return lobby
    spaces = block.spaces
    if not block.parallel:
        return spaces[0] if spaces else lobby
    if workshop in spaces:
        return workshop
    if not fill_unassigned:
        return None
    return max(spaces, key=lambda s: (room_left.get(s, 0), -spaces.index(s)))
