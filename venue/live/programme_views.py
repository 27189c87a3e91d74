"""What people see of the programme: the live programme, where they belong, the warning."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from venue.clock import Clock
from venue.domain.day import Day, Whereabouts
from venue.domain.programme import Block
from venue.protocol.programme import (
    BlockOut,
    ClockOut,
    ProgrammeOut,
    SlotOut,
    WarningOut,
    YouOut,
)


def programme_out(day: Day, clock: Clock, closed: Collection[str]) -> ProgrammeOut:
    now = clock.now()
    programme = day.programme
    starts, ends = programme.starts(), programme.ends()
    current = programme.current(now)
    upcoming = programme.upcoming(now)
    shift = {b.index: starts[b.index] - b.start for b in programme.blocks}
    return ProgrammeOut(
        clock=ClockOut(now=now.isoformat(), speed=clock.speed, rehearsal=clock.rehearsal),
        blocks=[
            BlockOut(
                index=b.index,
                start=starts[b.index].isoformat(),
                end=ends[b.index].isoformat(),
                spaces=list(b.spaces),
                slots=[
                    SlotOut(
                        title=s.title,
                        space=s.space,
                        start=(s.start + shift[b.index]).isoformat(),
                        end=min(s.end + shift[b.index], ends[b.index]).isoformat(),
                    )
                    for s in b.slots
                ],
            )
            for b in programme.blocks
        ],
        current=current.index if current else None,
        next=upcoming.index if upcoming else None,
        closed=sorted(closed),
        warning_minutes=_minutes(day.warning),
        stay_minutes=_minutes(day.grace),
    )


def warning_out(day: Day, block: Block, target: str | None, now: dt.datetime) -> WarningOut:
    start = day.programme.start_of(block)
    minutes = max(0, round((start - now).total_seconds() / 60))
    return WarningOut(
        block=block.index, starts_at=start.isoformat(), target=target, minutes=minutes
    )


def you_out(where: Whereabouts) -> YouOut:
    return YouOut(
        target=where.target,
        next_target=where.next_target,
        choose=list(where.choose),
        staying_until=where.staying_until.isoformat() if where.staying_until else None,
    )


def _minutes(span: dt.timedelta) -> int:
    return int(span.total_seconds() // 60)
