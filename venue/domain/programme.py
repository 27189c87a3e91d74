"""The programme: slots in time, each in a space of the venue."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass


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


@dataclass(frozen=True)
class Programme:
    slots: tuple[Slot, ...] = ()

    def in_space(self, space_id: str) -> list[Slot]:
        return [s for s in self.slots if s.space == space_id]

    def attended_by(self, workshop: str | None, workshops: Collection[str]) -> list[Slot]:
        """The slots a person attends: everything but the workshops they did not choose."""
        return [s for s in self.slots if s.space not in workshops or s.space == workshop]

    @property
    def end(self) -> dt.datetime | None:
        return max((s.end for s in self.slots), default=None)
