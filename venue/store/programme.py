"""Live programme state (adjustments, executed transitions, closed spaces) and the audit log."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from venue.clock import utcnow
from venue.domain.programme import Adjustment, Delay, StartNow
from venue.store.schema import audit_log, closed_spaces, programme_adjustments, programme_done
from venue.store.upsert import insert_once


@dataclass(frozen=True, slots=True)
class LiveState:
    adjustments: tuple[Adjustment, ...]
    done: frozenset[int]
    closed: frozenset[str]


@dataclass(frozen=True, slots=True)
class AuditEntry:
    at: dt.datetime
    actor: str
    action: str
    detail: str


class ProgrammeStore:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def load(self) -> LiveState:
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                sa.select(programme_adjustments).order_by(programme_adjustments.c.id)
            )
            adjustments = tuple(_adjustment(row) for row in rows)
            done = frozenset((await conn.execute(sa.select(programme_done.c.block))).scalars())
            closed = frozenset((await conn.execute(sa.select(closed_spaces.c.space))).scalars())
        return LiveState(adjustments, done, closed)

    async def add_adjustment(self, adjustment: Adjustment) -> None:
        values: dict[str, object] = {"block": adjustment.block, "created_at": utcnow()}
        if isinstance(adjustment, Delay):
            values |= {
                "kind": "delay",
                "minutes": adjustment.minutes,
                "cascade": adjustment.cascade,
            }
        else:
            values |= {"kind": "start_now", "at": adjustment.at}
        async with self._engine.begin() as conn:
            await conn.execute(programme_adjustments.insert().values(**values))

    async def mark_done(self, block: int, at: dt.datetime) -> None:
        try:
            async with self._engine.begin() as conn:
                exists = await conn.scalar(
                    sa.select(sa.func.count()).where(programme_done.c.block == block)
                )
                if not exists:
                    await conn.execute(programme_done.insert().values(block=block, at=at))
        except sa.exc.IntegrityError:
            pass  # another process of the venue marked it at the same moment

    async def set_closed(self, space: str, closed: bool) -> None:
        async with self._engine.begin() as conn:
            if closed:
                await insert_once(conn, closed_spaces, space=space)
            else:
                await conn.execute(closed_spaces.delete().where(closed_spaces.c.space == space))

    async def audit(self, actor_id: str | None, actor: str, action: str, detail: str) -> AuditEntry:
        entry = AuditEntry(utcnow(), actor, action, detail[:1000])
        async with self._engine.begin() as conn:
            await conn.execute(
                audit_log.insert().values(
                    at=entry.at,
                    actor_id=actor_id,
                    actor_name=actor,
                    action=action,
                    detail=entry.detail,
                )
            )
        return entry

    async def recent_audit(self, limit: int = 50) -> list[AuditEntry]:
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                sa.select(audit_log).order_by(audit_log.c.id.desc()).limit(limit)
            )
            return [AuditEntry(_aware(r.at), r.actor_name, r.action, r.detail) for r in rows]


def _adjustment(row: sa.Row[tuple[object, ...]]) -> Adjustment:
    if row.kind == "delay":
        return Delay(row.block, row.minutes, bool(row.cascade))
    return StartNow(row.block, _aware(row.at))


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)
