"""Changing space: from the space list, or through a door one stands in; sitting at a table."""

from __future__ import annotations

from venue.domain.permissions import Permission, allowed
from venue.protocol.base import MoveOut
from venue.protocol.chat import TableSitIn
from venue.protocol.presence import DoorIn, EnterIn, SpaceSnapshotOut
from venue.protocol.views import snapshot_of
from venue.realtime.commands import Scope, handles
from venue.realtime.connections import Connection


@handles()
async def enter(scope: Scope, conn: Connection, payload: EnterIn) -> SpaceSnapshotOut:
    moderator = allowed(conn.actor, Permission.MODERATE)
    me = await scope.live.movement.go(conn.person_id, payload.space, moderator)
    return snapshot_of(scope.live.presence, me.id)


@handles()
async def door(scope: Scope, conn: Connection, payload: DoorIn) -> SpaceSnapshotOut:
    moderator = allowed(conn.actor, Permission.MODERATE)
    me = await scope.live.movement.use_door(conn.person_id, payload.door, moderator)
    return snapshot_of(scope.live.presence, me.id)


@handles()
async def sit(scope: Scope, conn: Connection, payload: TableSitIn) -> MoveOut:
    """Take a free seat at a table of one's space; the ack carries the new position."""
    me = await scope.live.movement.sit(conn.person_id, payload.area)
    return MoveOut(id=me.id, x=me.x, y=me.y)
