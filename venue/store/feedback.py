"""Ratings of ended blocks: one per person and block, read back per block for organisers."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine

from venue.domain.errors import Code, DomainError
from venue.store.schema import block_ratings, day_routed


class FeedbackStore:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def rate(
        self, block: int, person_id: str, stars: int, comment: str, at: dt.datetime
    ) -> None:
        """Keep a rating; refused for someone not in the venue during the block, or twice."""
        async with self._engine.begin() as conn:
            was_there = await conn.scalar(
                sa.select(day_routed.c.block).where(
                    day_routed.c.block == block, day_routed.c.participant_id == person_id
                )
            )
            if was_there is None:
                raise DomainError(Code.FEEDBACK_ABSENT, "You were not in the venue then.")
        try:  # the primary key decides between two tabs rating at once
            async with self._engine.begin() as conn:
                await conn.execute(
                    block_ratings.insert().values(
                        block=block, participant_id=person_id, stars=stars, comment=comment, at=at
                    )
                )
        except IntegrityError:
            raise DomainError(Code.FEEDBACK_DONE, "You have rated this block.") from None

    async def by_block(self) -> dict[int, list[tuple[int, str]]]:
        """Every rating (stars, comment) per block, oldest first, without who gave it."""
        ratings: dict[int, list[tuple[int, str]]] = {}
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                sa.select(
                    block_ratings.c.block, block_ratings.c.stars, block_ratings.c.comment
                ).order_by(block_ratings.c.block, block_ratings.c.at)
            )
            for row in rows:
                ratings.setdefault(row.block, []).append((row.stars, row.comment))
        return ratings
