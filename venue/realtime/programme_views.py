"""What people see of the programme: the live timetable, where they belong, the warning."""

from __future__ import annotations

from typing import TYPE_CHECKING

from venue.domain.timetable import Block
from venue.realtime.protocol import (
    BlockOut,
    ClockOut,
    ProgrammeOut,
    SlotOut,
    WarningOut,
    YouOut,
)

if TYPE_CHECKING:
    from venue.realtime.conductor import Conductor


def programme_out(c: Conductor) -> ProgrammeOut:
    now = c.clock.now()
    starts, ends = c.timetable.starts(), c.timetable.ends()
    current = c.timetable.current(now)
    upcoming = c.timetable.upcoming(now)
    shift = {b.index: starts[b.index] - b.start for b in c.timetable.blocks}
    return ProgrammeOut(
        clock=ClockOut(now=now.isoformat(), speed=c.clock.speed, rehearsal=c.clock.rehearsal),
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
            for b in c.timetable.blocks
        ],
        current=current.index if current else None,
        next=upcoming.index if upcoming else None,
        closed=sorted(c.ctx.presence.closed),
        warning_minutes=int(c.warning.total_seconds() // 60),
        stay_minutes=int(c.grace.total_seconds() // 60),
    )


def pending_warning(c: Conductor, person_id: str) -> WarningOut | None:
    """The warning someone joining now should see, if a transition is imminent for them."""
    now = c.clock.now()
    upcoming = c.timetable.upcoming(now)
    person = c.ctx.presence.get(person_id)
    if upcoming is None or person is None or c.timetable.start_of(upcoming) - c.warning > now:
        return None
    if person_id in c.staff:
        return None
    target = c.target(person_id, upcoming)
    if target == person.space:
        return None
    return warning_out(c, upcoming, target)


def warning_out(c: Conductor, block: Block, target: str | None) -> WarningOut:
    start = c.timetable.start_of(block)
    minutes = max(0, round((start - c.clock.now()).total_seconds() / 60))
    return WarningOut(
        block=block.index, starts_at=start.isoformat(), target=target, minutes=minutes
    )


def you_out(c: Conductor, person_id: str) -> YouOut:
    now = c.clock.now()
    block = c.timetable.running(now)
    upcoming = c.timetable.upcoming(now)
    target = c.target(person_id, block) if block else None
    next_target = c.target(person_id, upcoming) if upcoming else None
    asked = block and block.parallel and target is None and person_id not in c.staff
    choose = list(block.spaces) if asked and block else []
    until = c.day.staying.get(person_id)
    return YouOut(
        target=target,
        next_target=next_target,
        choose=choose,
        staying_until=until.isoformat() if until else None,
    )
