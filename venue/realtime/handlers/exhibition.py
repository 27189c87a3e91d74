"""Exhibition commands: booth status, list-mode check-in, contact requests, conversations."""

from __future__ import annotations

import datetime as dt

from venue.domain.errors import DomainError
from venue.domain.permissions import Permission, allowed
from venue.realtime.commands import OK, Context, command
from venue.realtime.connections import Connection
from venue.realtime.protocol import Ack, Inbound
from venue.realtime.protocol.exhibition import (
    AcceptIn,
    BoothListIn,
    CheckinIn,
    RequestedOut,
    RequestIn,
    SayIn,
)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@command(Inbound.BOOTH_LIST)
async def booth_list(ctx: Context, conn: Connection, payload: BoothListIn) -> Ack:
    return Ack(ok=True, data=ctx.booths.list_out(conn.person_id).model_dump(mode="json"))


# STAFF_BOOTH needs the booth as target: checked here, not by the dispatcher
@command(Inbound.BOOTH_CHECKIN)
async def checkin(ctx: Context, conn: Connection, payload: CheckinIn) -> Ack:
    if not allowed(conn.actor, Permission.STAFF_BOOTH, payload.booth):
        raise DomainError("auth.forbidden", "You do not staff that booth.")
    person = ctx.presence.require(conn.person_id)
    staffs = ctx.booths.staffs(conn.person_id)
    events = ctx.booths.exhibition.checkin(
        person.id, person.name, payload.booth, payload.present, staffs, _now()
    )
    await ctx.booths.apply(events)
    return OK


@command(Inbound.BOOTH_REQUEST)
async def request(ctx: Context, conn: Connection, payload: RequestIn) -> Ack:
    request_id = await ctx.booths.request(conn.person_id, payload.booth, payload.share.email)
    return Ack(ok=True, data=RequestedOut(request=request_id).model_dump(mode="json"))


@command(Inbound.BOOTH_ACCEPT)  # the domain checks the request's booth is theirs
async def accept(ctx: Context, conn: Connection, payload: AcceptIn) -> Ack:
    events = ctx.booths.exhibition.accept(
        conn.person_id, payload.request, ctx.booths.staffs(conn.person_id)
    )
    await ctx.booths.apply(events)
    conversation = ctx.booths.exhibition.requests[payload.request].conversation
    conv = ctx.booths.exhibition.conversations[conversation or ""]
    return Ack(ok=True, data=ctx.booths.conversation_out(conv).model_dump(mode="json"))


@command(Inbound.BOOTH_SAY)
async def say(ctx: Context, conn: Connection, payload: SayIn) -> Ack:
    await ctx.booths.apply(
        ctx.booths.exhibition.say(conn.person_id, payload.conversation, payload.text, _now())
    )
    return OK
