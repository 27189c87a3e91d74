"""The moderator console's view of the venue: who goes where next, who has arrived."""

from __future__ import annotations

from collections import Counter

from venue.realtime.conductor import Conductor
from venue.realtime.protocol import AuditOut, ConsoleOut, ElsewhereOut, HeadcountOut

MODERATORS = "moderators"


async def console_of(conductor: Conductor) -> ConsoleOut:
    """Headcounts per target of the next block, arrivals in the current one, the audit log."""
    now = conductor.clock.now()
    timetable = conductor.timetable
    people = conductor.participants()  # everyone, on every process
    upcoming = timetable.upcoming(now)
    started = timetable.running(now)
    next_targets = Counter(
        conductor.target(p.id, upcoming) or "?" for p in people if upcoming is not None
    )
    arrived: Counter[str] = Counter()
    elsewhere = []
    for person in people:
        target = conductor.target(person.id, started) if started else None
        if target is None or target == person.space:
            arrived[person.space] += 1
        else:
            elsewhere.append(
                ElsewhereOut(id=person.id, name=person.name, space=person.space, target=target)
            )
    audit = await conductor.ctx.store.programme.recent_audit(50)
    return ConsoleOut(
        rehearsal=conductor.clock.rehearsal,
        next_headcounts=[HeadcountOut(space=s, count=n) for s, n in sorted(next_targets.items())],
        arrived=[HeadcountOut(space=s, count=n) for s, n in sorted(arrived.items())],
        elsewhere=sorted(elsewhere, key=lambda e: e.name.casefold())[:200],
        audit=[
            AuditOut(at=e.at.isoformat(), actor=e.actor, action=e.action, detail=e.detail)
            for e in audit
        ],
        announcements=conductor.day.announcements,
    )
