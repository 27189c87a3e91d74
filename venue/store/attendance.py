"""The attendance ledger and the certificates issued from it.

Seconds arrive in batches (one statement per flush, whatever its size) and add to the rows
already there; rows of people deleted meanwhile are dropped, not refused by their foreign
key. Both tables go with their person: `/me` deletion and `venue db purge` remove them.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from venue.clock import utcnow
from venue.domain.attendance import Row, Stint
from venue.store.day import aware
from venue.store.schema import attendance, certificates, participants
from venue.store.upsert import insert_or_add


@dataclass(frozen=True, slots=True)
class Certificate:
    """A certificate as issued: its id (the secret part of its URL) and what it states."""

    id: str
    participant_id: str
    issued_at: dt.datetime
    body: dict[str, Any]


class AttendanceStore:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def add(self, batch: Mapping[Stint, float]) -> None:
        """Add the seconds of a batch to the ledger, in one transaction."""
        if not batch:
            return
        async with self._engine.begin() as conn:
            people = {s.person for s in batch}
            known = set(
                (
                    await conn.execute(
                        sa.select(participants.c.id).where(participants.c.id.in_(people))
                    )
                ).scalars()
            )
            values = [
                {
                    "participant_id": s.person,
                    "block": s.block,
                    "bucket": s.bucket.astimezone(dt.UTC),  # SQLite keeps no zone
                    "space": s.space,
                    "booth": s.booth,
                    "seconds": seconds,
                }
                for s, seconds in batch.items()
                if s.person in known
            ]
            if values:
                await insert_or_add(conn, attendance, "seconds", values)

    async def rows(self, participant_id: str | None = None) -> list[Row]:
        """One person's ledger, or everyone's."""
        query = sa.select(attendance)
        if participant_id is not None:
            query = query.where(attendance.c.participant_id == participant_id)
        async with self._engine.connect() as conn:
            return [
                Row(
                    Stint(r.participant_id, r.block, aware(r.bucket), r.space, r.booth),
                    r.seconds,
                )
                for r in await conn.execute(query)
            ]

    async def issue(self, participant_id: str, body: dict[str, Any]) -> Certificate:
        """The person's certificate stating `body`: the last one issued if it states the
        same (a second download verifies under the same URL), else a new one."""
        text = json.dumps(body, ensure_ascii=False, sort_keys=True)
        async with self._engine.begin() as conn:
            last = (
                await conn.execute(
                    sa.select(certificates)
                    .where(certificates.c.participant_id == participant_id)
                    .order_by(certificates.c.issued_at.desc())
                    .limit(1)
                )
            ).first()
            if last is not None and last.body == text:
                return Certificate(last.id, participant_id, aware(last.issued_at), body)
            issued = Certificate(secrets.token_urlsafe(18), participant_id, utcnow(), body)
            await conn.execute(
                certificates.insert().values(
                    id=issued.id,
                    participant_id=participant_id,
                    issued_at=issued.issued_at,
                    body=text,
                )
            )
            return issued

    async def certificate(self, certificate_id: str) -> Certificate | None:
        async with self._engine.connect() as conn:
            row = (
                await conn.execute(
                    sa.select(certificates).where(certificates.c.id == certificate_id)
                )
            ).first()
        if row is None:
            return None
        return Certificate(row.id, row.participant_id, aware(row.issued_at), json.loads(row.body))
