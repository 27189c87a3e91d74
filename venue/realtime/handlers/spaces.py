"""Changing space: from the space list, or through a door one stands in."""

from __future__ import annotations

from venue.domain.permissions import Permission, allowed
from venue.realtime.commands import Context, command
from venue.realtime.connections import Connection
from venue.realtime.protocol import Ack, DoorIn, EnterIn, Inbound
from venue.realtime.views import snapshot_of


@command(Inbound.ENTER)
async def enter(ctx: Context, conn: Connection, payload: EnterIn) -> Ack:
    moderator = allowed(conn.actor, Permission.MODERATE)
    await ctx.publish(ctx.presence.go(conn.person_id, payload.space, ctx.clock(), moderator))
    return await _arrived(ctx, conn.person_id)


@command(Inbound.DOOR)
async def door(ctx: Context, conn: Connection, payload: DoorIn) -> Ack:
    moderator = allowed(conn.actor, Permission.MODERATE)
    await ctx.publish(ctx.presence.use_door(conn.person_id, payload.door, ctx.clock(), moderator))
    return await _arrived(ctx, conn.person_id)


async def _arrived(ctx: Context, person_id: str) -> Ack:
    await ctx.remember_place(person_id)
    return Ack(ok=True, data=snapshot_of(ctx.presence, person_id).model_dump(mode="json"))
