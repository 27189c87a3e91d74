"""Speed networking at the bar: moderators start and stop it, anyone opts out or back in;
a person's interests for their card."""

from __future__ import annotations

from venue.domain.permissions import Permission
from venue.protocol.networking import (
    NetworkingPauseIn,
    NetworkingStartIn,
    NetworkingStateOut,
    NetworkingStopIn,
    NetworkingYouOut,
    ProfileIn,
    ProfileOut,
)
from venue.realtime.commands import Scope, handles
from venue.realtime.connections import Connection


@handles(permission=Permission.MODERATE)
async def start(scope: Scope, conn: Connection, payload: NetworkingStartIn) -> NetworkingStateOut:
    """Seat the first round now; the rounds follow on the programme clock."""
    networking = scope.live.networking
    state = await networking.start(
        conn.actor, payload.space, payload.minutes, payload.size, payload.rounds
    )
    await scope.live.console.push()
    return state


@handles(permission=Permission.MODERATE)
async def stop(scope: Scope, conn: Connection, payload: NetworkingStopIn) -> None:
    await scope.live.networking.stop(conn.actor)
    await scope.live.console.push()


@handles()
async def pause(scope: Scope, conn: Connection, payload: NetworkingPauseIn) -> NetworkingYouOut:
    """Opt out from the next round on, or back in."""
    you = await scope.live.networking.pause(conn.person_id, payload.paused)
    await scope.live.console.push()
    return you


@handles()
async def profile(scope: Scope, conn: Connection, payload: ProfileIn) -> ProfileOut:
    return await scope.live.networking.profile(payload.person)
