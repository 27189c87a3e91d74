"""Attendance: who spent how many minutes in which block, space and booth, from presence.

The ledger looks at presence on the programme's tick, not on every move: what it saw at one
tick is taken to hold until the next, and the time between is split at block boundaries and
at quarter hours (the resolution of the organiser's charts). Seconds accumulate in memory
and leave in batches (`drain`); the organiser's figures are computed from the stored rows
and never show a group smaller than `SMALLEST_GROUP` people.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from venue.domain.programme import Block, LiveProgramme

BUCKET = dt.timedelta(minutes=15)  # the organiser's charts count people per quarter hour
NO_BLOCK = -1  # time outside every block: before, between (none today) and after the day
SMALLEST_GROUP = 5  # fewer people than this are never shown as a group of their own
_EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


class Place(NamedTuple):
    """Where someone is: a space, and the booth whose area they stand in ("" for none)."""

    space: str
    booth: str = ""


class Stint(NamedTuple):
    """The key of one ledger row: a person's time in one place, block and quarter hour
    (a tuple: the tick makes one per person present, a frozen dataclass costs 5 times more)."""

    person: str
    block: int
    bucket: dt.datetime
    space: str
    booth: str


@dataclass(frozen=True, slots=True)
class Row:
    """A stored ledger row: a stint and the seconds spent in it."""

    stint: Stint
    seconds: float


def bucket_of(moment: dt.datetime) -> dt.datetime:
    """The start of the quarter hour `moment` falls in, in UTC."""
    return (moment - (moment - _EPOCH) % BUCKET).astimezone(dt.UTC)


def pieces(
    start: dt.datetime, end: dt.datetime, programme: LiveProgramme
) -> list[tuple[int, dt.datetime, float]]:
    """The stretch from `start` to `end` cut at block boundaries and quarter hours:
    (block index or NO_BLOCK, quarter hour, seconds) for each piece."""
    cuts = {start, end}
    cuts.update(t for t in (*programme.starts(), *programme.ends()) if start < t < end)
    bucket = bucket_of(start) + BUCKET
    while bucket < end:
        cuts.add(bucket)
        bucket += BUCKET
    ordered = sorted(cuts)
    out = []
    for a, b in itertools.pairwise(ordered):
        block = programme.current(a)
        out.append(
            (NO_BLOCK if block is None else block.index, bucket_of(a), (b - a).total_seconds())
        )
    return out


class Ledger:
    """Seconds per stint, accumulated tick by tick in memory until drained into the store.

    A tick only compares where people are with where they were: a person's time is added up
    when they change place, leave, or the ledger is drained, so a tick of 500 people who stay
    put costs a dictionary lookup each.
    """

    def __init__(self) -> None:
        self._open: dict[str, tuple[Place, dt.datetime]] = {}  # person → where, since when
        self._at: dt.datetime | None = None
        self._programme: LiveProgramme | None = None
        self._pending: dict[Stint, float] = defaultdict(float)

    def observe(
        self, now: dt.datetime, places: Mapping[str, Place], programme: LiveProgramme
    ) -> None:
        """Presence at `now`: the time since the last look goes to where people were then
        (a clock set back counts from where it was, nothing twice)."""
        at = now if self._at is None or now > self._at else self._at
        splits: dict[dt.datetime, list[tuple[int, dt.datetime, float]]] = {}
        for person, (place, since) in list(self._open.items()):
            if places.get(person) != place:
                self._close(person, place, since, at, programme, splits)
                del self._open[person]
        for person, place in places.items():
            if person not in self._open:
                self._open[person] = (place, at)
        self._at, self._programme = at, programme

    def drain(self) -> dict[Stint, float]:
        """Everything accumulated up to the last look; the ledger starts empty again."""
        if self._at is not None and self._programme is not None:
            splits: dict[dt.datetime, list[tuple[int, dt.datetime, float]]] = {}
            for person, (place, since) in self._open.items():
                self._close(person, place, since, self._at, self._programme, splits)
                self._open[person] = (place, self._at)
        out, self._pending = dict(self._pending), defaultdict(float)
        return out

    def restore(self, batch: Mapping[Stint, float]) -> None:
        """A batch the store could not take: it goes with the next one."""
        for stint, seconds in batch.items():
            self._pending[stint] += seconds

    def forget(self, person: str) -> None:
        """A person deleted their data: nothing more of theirs is written."""
        self._open.pop(person, None)
        for stint in [s for s in self._pending if s.person == person]:
            del self._pending[stint]

    def _close(
        self,
        person: str,
        place: Place,
        since: dt.datetime,
        until: dt.datetime,
        programme: LiveProgramme,
        splits: dict[dt.datetime, list[tuple[int, dt.datetime, float]]],
    ) -> None:
        """Add a person's time in one place; `splits` shares the cutting among everyone
        who has been somewhere since the same moment (at a drain: nearly everyone)."""
        if since not in splits:
            splits[since] = pieces(since, until, programme) if until > since else []
        for block, bucket, seconds in splits[since]:
            self._pending[Stint(person, block, bucket, place.space, place.booth)] += seconds


# -- what a person attended ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Attended:
    """One block a person attended: the space they were in and their minutes there."""

    block: Block
    space: str
    minutes: int


def attended(rows: Iterable[Row], blocks: Iterable[Block]) -> list[Attended]:
    """The blocks someone spent at least a minute in (in a space of the block), by block;
    in a parallel block, the space where they spent the most time."""
    seconds: dict[tuple[int, str], float] = defaultdict(float)
    for row in rows:
        seconds[row.stint.block, row.stint.space] += row.seconds
    out = []
    for block in blocks:
        here = {space: seconds[block.index, space] for space in block.spaces}
        if not here:
            continue
        space = max(here, key=lambda s: here[s])
        minutes = int(here[space] // 60)
        if minutes >= 1:
            out.append(Attended(block, space, minutes))
    return out


def booth_minutes(rows: Iterable[Row]) -> dict[str, int]:
    """Whole minutes per booth someone stood in."""
    seconds: dict[str, float] = defaultdict(float)
    for row in rows:
        if row.stint.booth:
            seconds[row.stint.booth] += row.seconds
    return {booth: int(s // 60) for booth, s in sorted(seconds.items()) if s >= 60}
