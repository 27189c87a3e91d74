"""Presence commands: walk, set one's status, report tab visibility, find someone."""

from __future__ import annotations

from venue.realtime.commands import OK, Context, command
from venue.realtime.connections import Connection
from venue.realtime.protocol import (
    Ack,
    Inbound,
    LocateHitOut,
    LocateIn,
    LocateOut,
    MoveIn,
    StatusIn,
    VisibilityIn,
)


@command(Inbound.MOVE, movement=True)
async def move(ctx: Context, conn: Connection, payload: MoveIn) -> Ack:
    await ctx.publish(ctx.presence.move(conn.person_id, payload.x, payload.y, ctx.clock()))
    return OK


@command(Inbound.STATUS)
async def status(ctx: Context, conn: Connection, payload: StatusIn) -> Ack:
    await ctx.publish(ctx.presence.set_status(conn.person_id, payload.status))
    return OK


@command(Inbound.VISIBILITY)
async def visibility(ctx: Context, conn: Connection, payload: VisibilityIn) -> Ack:
    conn.hidden = not payload.visible
    await ctx.refresh_visibility(conn.person_id)
    return OK


@command(Inbound.LOCATE)
async def locate(ctx: Context, conn: Connection, payload: LocateIn) -> Ack:
    hits = [
        LocateHitOut(id=p.id, name=p.name, space=p.space) for p in ctx.presence.find(payload.query)
    ]
    return Ack(ok=True, data=LocateOut(matches=hits).model_dump(mode="json"))
