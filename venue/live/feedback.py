"""One-tap feedback: when a block ends, whoever was in it is asked to rate it.

Each process asks the people it serves; the ratings go to the store, one per person and
block, and the organisers read them per block. Ends are in programme time (the clock), the
ratings' stamps in real time.
"""

from __future__ import annotations

from venue.clock import Clock, utcnow
from venue.domain import feedback as fb
from venue.domain.day import Day
from venue.domain.presence import Presence
from venue.live.ports import Ownership, Publisher
from venue.protocol.contacts import FeedbackAskOut
from venue.store.db import Store


class LiveFeedback:
    """Asks when blocks end, keeps the ratings, and sums them up per block."""

    def __init__(
        self,
        day: Day,
        presence: Presence,
        publisher: Publisher,
        ownership: Ownership,
        store: Store,
        clock: Clock,
    ) -> None:
        self._day = day
        self._presence = presence
        self._publisher = publisher
        self._ownership = ownership
        self._store = store
        self._clock = clock
        self._endings = fb.Endings()

    def load(self) -> None:
        """After the conductor resumed the day: blocks over before this start are not asked."""
        self._endings.resume(self._day.programme, self._clock.now())

    async def tick(self) -> None:
        """Ask about every block that has just ended the people here who were in it."""
        for block in self._endings.due(self._day.programme, self._clock.now()):
            were_in = self._day.handled.get(block.index, set())
            asked = [
                p.id
                for p in self._presence.people()
                if p.id in were_in and self._ownership.owns(p.id)
            ]
            if asked:
                notice = FeedbackAskOut(block=block.index, title=fb.title_of(block))
                await self._publisher.to_people(asked, notice)

    async def rate(self, person_id: str, block: int, stars: int, comment: str) -> None:
        fb.rateable(self._day.programme, block, self._clock.now())
        line = fb.clean_comment(comment)
        await self._store.feedback.rate(block, person_id, stars, line, utcnow())

    async def results(self) -> list[fb.BlockResult]:
        """Every block's ratings, in programme order (blocks nobody rated too)."""
        ratings = await self._store.feedback.by_block()
        return [fb.result(b, ratings.get(b.index, [])) for b in self._day.programme.blocks]
