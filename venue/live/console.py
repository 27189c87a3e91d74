"""The moderators' console: who goes where next, who has arrived, the log, announcements."""

from __future__ import annotations

from collections import Counter

from venue.live.audit import AuditLog
from venue.live.calls import LiveCalls
from venue.live.conductor import Conductor
from venue.live.networking import Networking
from venue.live.ports import Publisher
from venue.protocol.programme import (
    AuditOut,
    ConsoleOut,
    ElsewhereOut,
    HeadcountOut,
    PeopleOut,
    PersonRowOut,
)

ELSEWHERE_SHOWN = 200
PEOPLE_SHOWN = 100


class Console:
    """Builds the console's view, and sends it to the open consoles."""

    def __init__(
        self,
        conductor: Conductor,
        audit: AuditLog,
        publisher: Publisher,
        calls: LiveCalls,
        networking: Networking,
    ) -> None:
        self._conductor = conductor
        self._audit = audit
        self._publisher = publisher
        self._calls = calls
        self._networking = networking

    async def view(self) -> ConsoleOut:
        """Headcounts per target of the next block, arrivals in the current one, the log."""
        conductor, day = self._conductor, self._conductor.day
        now = conductor.clock.now()
        people = conductor.participants()  # everyone, on every process
        upcoming = day.programme.upcoming(now)
        started = day.programme.running(now)
        room_left = conductor.room_left
        arrived: Counter[str] = Counter()
        elsewhere = []
        for person in people:
            target = day.target(person.id, started, room_left) if started else None
            if target is None or target == person.space:
                arrived[person.space] += 1
            else:
                elsewhere.append(
                    ElsewhereOut(id=person.id, name=person.name, space=person.space, target=target)
                )
        return ConsoleOut(
            rehearsal=conductor.clock.rehearsal,
            next_headcounts=conductor.preview(upcoming, people) if upcoming else [],
            overflow=day.overflow,
            arrived=[HeadcountOut(space=s, count=n) for s, n in sorted(arrived.items())],
            elsewhere=sorted(elsewhere, key=lambda e: e.name.casefold())[:ELSEWHERE_SHOWN],
            audit=[
                AuditOut(at=e.at.isoformat(), actor=e.actor, action=e.action, detail=e.detail)
                for e in await self._audit.recent(50)
            ],
            announcements=conductor.announcements,
            calls=self._calls.calls_out(),
            networking=self._networking.console_out(),
        )

    def people(self, query: str, muted: set[str]) -> PeopleOut:
        """Everyone present whose name contains `query` (all of them if empty), any space."""
        needle = query.casefold().strip()
        found = sorted(
            (p for p in self._conductor.everyone() if needle in p.name.casefold()),
            key=lambda p: p.name.casefold(),
        )
        rows = [
            PersonRowOut(id=p.id, name=p.name, role=p.role, space=p.space, muted=p.id in muted)
            for p in found[:PEOPLE_SHOWN]
        ]
        return PeopleOut(people=rows, total=len(found))

    async def push(self) -> None:
        """Every open console sees the venue as it is now (after any moderator's action)."""
        if self._publisher.moderators_watching():
            await self._publisher.to_moderators(await self.view())
