"""Booth commands: status, list-mode check-in, contact requests, conversations."""

from __future__ import annotations

from venue.protocol.booths import (
    AcceptIn,
    BoothListIn,
    BoothListOut,
    CheckinIn,
    ConversationOut,
    RequestedOut,
    RequestIn,
    SayIn,
)
from venue.realtime.commands import Scope, handles
from venue.realtime.connections import Connection


@handles()
async def booth_list(scope: Scope, conn: Connection, payload: BoothListIn) -> BoothListOut:
    return scope.live.booths.list_out(conn.person_id)


@handles()  # STAFF_BOOTH needs the booth as target: the live booths check it
async def checkin(scope: Scope, conn: Connection, payload: CheckinIn) -> None:
    await scope.live.booths.checkin(conn.actor, payload.booth, payload.present)


@handles()
async def request(scope: Scope, conn: Connection, payload: RequestIn) -> RequestedOut:
    booths = scope.live.booths
    return RequestedOut(
        request=await booths.request(conn.person_id, payload.booth, payload.share.email)
    )


@handles()  # the domain checks the request's booth is theirs
async def accept(scope: Scope, conn: Connection, payload: AcceptIn) -> ConversationOut:
    return await scope.live.booths.accept(conn.person_id, payload.request)


@handles()
async def say(scope: Scope, conn: Connection, payload: SayIn) -> None:
    await scope.live.booths.say(conn.person_id, payload.conversation, payload.text)
