"""Personal links: only a digest of each token is stored; tokens expire and can be revoked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from venue.clock import utcnow
from venue.store.schema import tokens


@dataclass(frozen=True, slots=True)
class TokenRecord:
    participant_id: str
    purpose: str
    expires_at: datetime
    revoked_at: datetime | None


class Tokens:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def add(
        self, digest: str, participant_id: str, purpose: str, expires_at: datetime
    ) -> None:
        async with self._engine.begin() as conn:
            await conn.execute(
                tokens.insert().values(
                    digest=digest,
                    participant_id=participant_id,
                    purpose=purpose,
                    created_at=utcnow(),
                    expires_at=expires_at,
                )
            )

    async def find(self, digest: str) -> TokenRecord | None:
        async with self._engine.connect() as conn:
            row = (await conn.execute(sa.select(tokens).where(tokens.c.digest == digest))).first()
        if row is None:
            return None
        return TokenRecord(row.participant_id, row.purpose, _aware(row.expires_at), row.revoked_at)

    async def forget(self, digest: str) -> None:
        """Delete one token (a browser signing out: not a revocation the person is told of)."""
        async with self._engine.begin() as conn:
            await conn.execute(tokens.delete().where(tokens.c.digest == digest))

    async def revoke_all(self, participant_id: str) -> int:
        """Revoke every link of a person; returns how many were still valid."""
        async with self._engine.begin() as conn:
            result = await conn.execute(
                tokens.update()
                .where(tokens.c.participant_id == participant_id, tokens.c.revoked_at.is_(None))
                .values(revoked_at=utcnow())
            )
        return result.rowcount


def _aware(value: datetime) -> datetime:
    # SQLite hands back naive datetimes; everything we store is UTC
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
