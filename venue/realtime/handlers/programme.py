"""Participants and the programme: staying behind for a few minutes at a transition."""

from __future__ import annotations

from venue.protocol.programme import StayIn, YouOut
from venue.realtime.commands import Scope, handles
from venue.realtime.connections import Connection


@handles()
async def stay(scope: Scope, conn: Connection, payload: StayIn) -> YouOut:
    return await scope.live.conductor.stay(conn.person_id)
