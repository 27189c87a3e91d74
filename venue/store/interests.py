"""Interests: each person's tags, offer and wish lines, and whether others may see them."""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from venue.clock import utcnow
from venue.domain.interests import Profile
from venue.store.schema import interests
from venue.store.upsert import upsert


class InterestStore:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def get(self, participant_id: str) -> Profile:
        """What the person told (an empty profile when nothing)."""
        return (await self.of([participant_id])).get(participant_id, Profile())

    async def of(self, participant_ids: Iterable[str]) -> dict[str, Profile]:
        """The profiles of these people (those who told something)."""
        ids = list(participant_ids)
        if not ids:
            return {}
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                sa.select(interests).where(interests.c.participant_id.in_(ids))
            )
            return {
                row.participant_id: Profile(
                    tuple(row.tags.split()), row.offer, row.seeking, row.visible
                )
                for row in rows
            }

    async def save(self, participant_id: str, profile: Profile) -> None:
        values = {
            "tags": " ".join(profile.tags),
            "offer": profile.offer,
            "seeking": profile.seeking,
            "visible": profile.visible,
            "updated_at": utcnow(),
        }
        async with self._engine.begin() as conn:
            await upsert(conn, interests, {"participant_id": participant_id}, values)
