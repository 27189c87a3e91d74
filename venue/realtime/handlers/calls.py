"""Calls: signals between two linked browsers, one's microphone and camera, ICE servers, and a
moderator holding someone's microphone."""

from __future__ import annotations

from venue.domain.permissions import Permission
from venue.protocol.calls import CallIceIn, CallSignalIn, CallStateIn, IceOut, MicHoldIn
from venue.realtime.commands import Scope, handles
from venue.realtime.connections import Connection


@handles(signalling=True)
async def signal(scope: Scope, conn: Connection, payload: CallSignalIn) -> None:
    await scope.live.calls.signal(conn.person_id, payload)


@handles()
async def state(scope: Scope, conn: Connection, payload: CallStateIn) -> None:
    await scope.live.calls.set_devices(conn.person_id, payload.on, payload.mic, payload.camera)


@handles()
async def ice(scope: Scope, conn: Connection, payload: CallIceIn) -> IceOut:
    return scope.live.calls.ice(conn.person_id)


@handles(permission=Permission.MODERATE)
async def hold(scope: Scope, conn: Connection, payload: MicHoldIn) -> None:
    await scope.live.calls.hold(conn.actor, payload.person, payload.held)
    await scope.live.console.push()
