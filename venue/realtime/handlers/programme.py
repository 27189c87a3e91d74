"""Participants and the programme: staying behind for a few minutes at a transition."""

from __future__ import annotations

from venue.realtime.commands import Context, command
from venue.realtime.connections import Connection
from venue.realtime.protocol import Ack, Inbound, StayIn


@command(Inbound.STAY)
async def stay(ctx: Context, conn: Connection, payload: StayIn) -> Ack:
    you = ctx.conductor.stay(conn.person_id)
    return Ack(ok=True, data=you.model_dump(mode="json"))
