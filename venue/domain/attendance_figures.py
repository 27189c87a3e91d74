"""The organiser's attendance figures: people and minutes per block, space and booth, and
people per quarter hour, from every ledger row, never naming anyone.

A group of 1 to SMALLEST_GROUP - 1 people is withheld (people and minutes both): with a
programme and a registration list at hand, "2 people, 95 minutes in workshop 2 from 14:00"
says who left early. Nobody (0) says nothing about anyone and is shown.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from venue.domain.attendance import BUCKET, SMALLEST_GROUP, Row
from venue.domain.programme import Block

MIN_SECONDS = 60  # less than a minute somewhere is passing through, not attending


@dataclass(frozen=True, slots=True)
class Count:
    """How many people and minutes a group holds; None when the group is too small to show."""

    people: int | None
    minutes: int | None

    @property
    def withheld(self) -> bool:
        return self.people is None


@dataclass
class _Group:
    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))

    def add(self, person: str, seconds: float) -> None:
        self.seconds[person] += seconds

    def count(self) -> Count:
        present = [s for s in self.seconds.values() if s >= MIN_SECONDS]
        if 0 < len(present) < SMALLEST_GROUP:
            return Count(None, None)
        return Count(len(present), int(sum(present) // 60))


@dataclass(frozen=True, slots=True)
class Point:
    """People in a place during the quarter hour starting `at`."""

    at: dt.datetime
    count: Count


@dataclass(frozen=True, slots=True)
class PlaceFigures:
    """One space or booth over the whole day and quarter hour by quarter hour."""

    id: str
    total: Count
    series: tuple[Point, ...]


@dataclass(frozen=True, slots=True)
class BlockFigures:
    """One block: its attendance in each of its spaces."""

    block: Block
    start: dt.datetime
    end: dt.datetime
    spaces: tuple[tuple[str, Count], ...]


@dataclass(frozen=True, slots=True)
class Figures:
    blocks: tuple[BlockFigures, ...]
    spaces: tuple[PlaceFigures, ...]
    booths: tuple[PlaceFigures, ...]


def figures(
    rows: Iterable[Row],
    blocks: Iterable[tuple[Block, dt.datetime, dt.datetime]],
    spaces: Iterable[str],
    booths: Iterable[str],
) -> Figures:
    """Every figure the organiser sees, from the ledger rows and the blocks at live times."""
    in_block: dict[tuple[int, str], _Group] = defaultdict(_Group)
    day: dict[tuple[str, str], _Group] = defaultdict(_Group)
    by_bucket: dict[tuple[str, str, dt.datetime], _Group] = defaultdict(_Group)
    buckets: set[dt.datetime] = set()
    for row in rows:
        s = row.stint
        in_block[s.block, s.space].add(s.person, row.seconds)
        places = [("space", s.space)] + ([("booth", s.booth)] if s.booth else [])
        for kind, where in places:
            day[kind, where].add(s.person, row.seconds)
            by_bucket[kind, where, s.bucket].add(s.person, row.seconds)
        buckets.add(s.bucket)
    timeline = _timeline(buckets)

    def place(kind: str, place_id: str) -> PlaceFigures:
        series = tuple(
            Point(at, by_bucket[kind, place_id, at].count())
            if (kind, place_id, at) in by_bucket
            else Point(at, Count(0, 0))
            for at in timeline
        )
        return PlaceFigures(place_id, day[kind, place_id].count(), series)

    return Figures(
        blocks=tuple(
            BlockFigures(
                block,
                start,
                end,
                tuple((space, in_block[block.index, space].count()) for space in block.spaces),
            )
            for block, start, end in blocks
        ),
        spaces=tuple(place("space", s) for s in spaces),
        booths=tuple(place("booth", b) for b in booths),
    )


def _timeline(buckets: set[dt.datetime]) -> list[dt.datetime]:
    """Every quarter hour from the first with anyone present to the last, gaps included."""
    if not buckets:
        return []
    at, last, out = min(buckets), max(buckets), []
    while at <= last:
        out.append(at)
        at += BUCKET
    return out
