"""The moderator console's commands; every one is declared MODERATE and written to the audit
log, and every open console sees its result at once."""

from __future__ import annotations

from venue.domain.chat import clean_text
from venue.domain.permissions import Permission
from venue.protocol.chat import MuteIn
from venue.protocol.programme import (
    AnnounceIn,
    CallIn,
    ConsoleOut,
    DelayIn,
    NudgeIn,
    PeopleIn,
    PeopleOut,
    RemoveIn,
    SpaceOpenIn,
    StartNextIn,
    WatchIn,
)
from venue.realtime.commands import Scope, handles
from venue.realtime.connections import Connection

MODERATE = Permission.MODERATE


@handles(permission=MODERATE)
async def watch(scope: Scope, conn: Connection, payload: WatchIn) -> ConsoleOut:
    await scope.broadcaster.watch(conn.sid)
    return await scope.live.console.view()


@handles(permission=MODERATE)
async def start_next(scope: Scope, conn: Connection, payload: StartNextIn) -> None:
    await scope.live.conductor.start_next(payload.block, conn.actor)
    await scope.live.console.push()


@handles(permission=MODERATE)
async def delay(scope: Scope, conn: Connection, payload: DelayIn) -> None:
    await scope.live.conductor.delay(payload.minutes, payload.cascade, conn.actor)
    await scope.live.console.push()


@handles(permission=MODERATE)
async def call(scope: Scope, conn: Connection, payload: CallIn) -> None:
    await scope.live.conductor.call(payload.to, payload.source, conn.actor)
    await scope.live.console.push()


@handles(permission=MODERATE)
async def announce(scope: Scope, conn: Connection, payload: AnnounceIn) -> None:
    # the text every screen shows: no control or bidi characters (chat's rule)
    text = clean_text(payload.text)
    await scope.live.conductor.announce(text, payload.space, conn.actor)
    await scope.live.console.push()


@handles(permission=MODERATE)
async def space(scope: Scope, conn: Connection, payload: SpaceOpenIn) -> None:
    await scope.live.conductor.set_open(payload.space, payload.open, conn.actor)
    await scope.live.console.push()


@handles(permission=MODERATE)
async def nudge(scope: Scope, conn: Connection, payload: NudgeIn) -> None:
    await scope.live.conductor.nudge(payload.person, conn.actor)
    await scope.live.console.push()


@handles(permission=MODERATE)
async def remove(scope: Scope, conn: Connection, payload: RemoveIn) -> None:
    """Take someone out of the venue; they cannot come back for a while."""
    await scope.live.sessions.remove(conn.actor, payload.person)
    await scope.live.console.push()


@handles(permission=MODERATE)
async def mute(scope: Scope, conn: Connection, payload: MuteIn) -> None:
    """Mute someone in every chat (or unmute them); present or not."""
    await scope.live.conversations.mute(conn.actor, payload.person, payload.muted)
    await scope.live.console.push()


@handles(permission=MODERATE)
async def people(scope: Scope, conn: Connection, payload: PeopleIn) -> PeopleOut:
    """Search everyone present, in any space, to nudge, remove, mute or unmute them."""
    return scope.live.console.people(payload.query, scope.live.conversations.muted)
