"""The attendance ledger live: presence looked at on the programme's tick, seconds kept in
memory and written in batches, never a write per move.

Each process keeps the ledger of the people it serves (a cluster's processes together keep
everyone's). Readers flush first, so that what they show includes the last seconds here.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from venue.clock import Clock
from venue.domain.attendance import Ledger, Place
from venue.domain.day import Day
from venue.domain.presence import Presence
from venue.live.ports import Ownership
from venue.store.db import Store

log = logging.getLogger(__name__)


class LiveAttendance:
    """Feeds the ledger from presence and hands its batches to the store."""

    def __init__(
        self,
        presence: Presence,
        day: Day,
        store: Store,
        ownership: Ownership,
        clock: Clock,
        booth_of: Callable[[str], str | None],
    ) -> None:
        self._presence = presence
        # the booth someone stands in, as the booths follow presence step by step: looking
        # it up is free, finding it again from the map cost two thirds of a tick
        self._booth_of = booth_of
        self._day = day
        self._store = store
        self._ownership = ownership
        self._clock = clock
        self._ledger = Ledger()
        self._writing = asyncio.Lock()  # one batch at a time: a second would race the first
        self.ticks = 0  # looks at presence so far (tests wait for the next one)

    def tick(self) -> None:
        """Look at presence now: who is in which space and booth (no I/O, cannot block)."""
        places = {
            p.id: Place(p.space, self._booth_of(p.id) or "")
            for p in self._presence.people()
            if self._ownership.owns(p.id)
        }
        self._ledger.observe(self._clock.now(), places, self._day.programme)
        self.ticks += 1

    async def flush(self) -> None:
        """Write what accumulated since the last flush, as one batch."""
        async with self._writing:
            batch = self._ledger.drain()
            try:
                await self._store.attendance.add(batch)
            except Exception:  # the database is away: keep the seconds for the next batch
                self._ledger.restore(batch)
                raise

    def forget(self, person_id: str) -> None:
        """A person deleted their data: drop what is not yet written of them."""
        self._ledger.forget(person_id)

    async def close(self) -> None:
        """The last look and the last batch, at shutdown."""
        self.tick()
        try:
            await self.flush()
        except Exception:
            log.exception("the last attendance batch could not be written")
