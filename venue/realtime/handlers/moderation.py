"""The moderator console's commands; every one is declared MODERATE and written to the audit log."""

from __future__ import annotations

from venue.domain.errors import DomainError
from venue.domain.people import Role
from venue.domain.permissions import Permission, allowed
from venue.identity import actor_of
from venue.realtime.commands import OK, Context, command
from venue.realtime.connections import Connection
from venue.realtime.console import MODERATORS, console_of
from venue.realtime.protocol import (
    Ack,
    AnnounceIn,
    CallIn,
    DelayIn,
    Inbound,
    MuteIn,
    Outbound,
    PersonIn,
    SpaceOpenIn,
    StartNextIn,
    WatchIn,
)
from venue.store.registrations import person_ref

MODERATE = Permission.MODERATE
REMOVAL_MINUTES = 15


async def _updated(ctx: Context) -> Ack:
    """Every console sees the result of any moderator's action at once."""
    await ctx.broadcaster.send(Outbound.CONSOLE, await console_of(ctx.conductor), MODERATORS)
    return OK


@command(Inbound.MOD_WATCH, permission=MODERATE)
async def watch(ctx: Context, conn: Connection, payload: WatchIn) -> Ack:
    await ctx.broadcaster.enter_room(conn.sid, MODERATORS)
    return Ack(ok=True, data=(await console_of(ctx.conductor)).model_dump(mode="json"))


@command(Inbound.MOD_START_NEXT, permission=MODERATE)
async def start_next(ctx: Context, conn: Connection, payload: StartNextIn) -> Ack:
    await ctx.conductor.start_next(payload.block, conn.actor)
    return await _updated(ctx)


@command(Inbound.MOD_DELAY, permission=MODERATE)
async def delay(ctx: Context, conn: Connection, payload: DelayIn) -> Ack:
    await ctx.conductor.delay(payload.minutes, payload.cascade, conn.actor)
    return await _updated(ctx)


@command(Inbound.MOD_CALL, permission=MODERATE)
async def call(ctx: Context, conn: Connection, payload: CallIn) -> Ack:
    await ctx.conductor.call(payload.to, payload.source, conn.actor)
    return await _updated(ctx)


@command(Inbound.MOD_ANNOUNCE, permission=MODERATE)
async def announce(ctx: Context, conn: Connection, payload: AnnounceIn) -> Ack:
    await ctx.conductor.announce(payload.text, payload.space, conn.actor)
    return await _updated(ctx)


@command(Inbound.MOD_SPACE, permission=MODERATE)
async def space(ctx: Context, conn: Connection, payload: SpaceOpenIn) -> Ack:
    await ctx.conductor.set_open(payload.space, payload.open, conn.actor)
    return await _updated(ctx)


@command(Inbound.MOD_NUDGE, permission=MODERATE)
async def nudge(ctx: Context, conn: Connection, payload: PersonIn) -> Ack:
    await ctx.conductor.nudge(payload.person, conn.actor)
    return await _updated(ctx)


@command(Inbound.MOD_REMOVE, permission=MODERATE)
async def remove(ctx: Context, conn: Connection, payload: PersonIn) -> Ack:
    """Take someone out of the venue; they cannot come back for a while."""
    person = ctx.presence.get(payload.person)
    if person is None:
        raise DomainError("person.unknown", "Nobody with that id is here.")
    if person.role in (Role.MODERATOR, Role.ORGANISER):  # also while they reconnect
        raise DomainError("auth.forbidden", "Moderators cannot remove each other.")
    await ctx.sessions.expel(person.id, ban_seconds=REMOVAL_MINUTES * 60)
    await ctx.conductor.audit(conn.actor, "remove", ctx.conductor.ref(person.id))
    return await _updated(ctx)


@command(Inbound.MOD_MUTE, permission=MODERATE)
async def mute(ctx: Context, conn: Connection, payload: MuteIn) -> Ack:
    """Mute someone in every chat (or unmute them); present or not."""
    record = await ctx.store.participants.get(payload.person)
    if record is None:
        raise DomainError("person.unknown", "Nobody with that id is registered.")
    if allowed(actor_of(record), MODERATE):
        raise DomainError("auth.forbidden", "Moderators cannot mute each other.")
    await ctx.store.chat.set_muted(record.id, payload.muted)
    await ctx.conversations.mute(record.id, payload.muted)
    action = "mute" if payload.muted else "unmute"
    await ctx.conductor.audit(conn.actor, action, person_ref(record.name, record.id))
    return await _updated(ctx)
