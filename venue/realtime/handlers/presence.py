"""Presence commands: walk, set one's status, report tab visibility, find someone."""

from __future__ import annotations

from venue.domain.looks import look_of
from venue.protocol.presence import (
    EmoteIn,
    LocateHitOut,
    LocateIn,
    LocateOut,
    LookIn,
    MoveIn,
    StatusIn,
    VisibilityIn,
)
from venue.realtime.commands import Scope, handles
from venue.realtime.connections import Connection


@handles(movement=True)
async def move(scope: Scope, conn: Connection, payload: MoveIn) -> None:
    await scope.live.movement.move(conn.person_id, payload.x, payload.y)


@handles()
async def status(scope: Scope, conn: Connection, payload: StatusIn) -> None:
    await scope.live.movement.set_status(conn.person_id, payload.status)


@handles()
async def visibility(scope: Scope, conn: Connection, payload: VisibilityIn) -> None:
    conn.hidden = not payload.visible
    hidden = scope.connections.all_hidden(conn.person_id)
    await scope.live.movement.set_hidden(conn.person_id, hidden)


@handles()
async def look(scope: Scope, conn: Connection, payload: LookIn) -> None:
    await scope.live.movement.set_look(conn.person_id, look_of(payload.figure, payload.colour))


@handles()
async def emote(scope: Scope, conn: Connection, payload: EmoteIn) -> None:
    await scope.live.movement.emote(conn.person_id, payload.emote)


@handles()
async def locate(scope: Scope, conn: Connection, payload: LocateIn) -> LocateOut:
    found = scope.live.presence.find(payload.query)
    return LocateOut(matches=[LocateHitOut(id=p.id, name=p.name, space=p.space) for p in found])
