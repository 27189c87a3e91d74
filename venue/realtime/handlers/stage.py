"""The stage: polls, upvotes and the question queue, raised hands and the floor."""

from __future__ import annotations

from venue.domain.permissions import Permission
from venue.protocol.stage import (
    CallOnIn,
    PollCloseIn,
    PollCreateIn,
    PollOut,
    PollVoteIn,
    QueueIn,
    ReleaseIn,
    StageViewIn,
    StageViewOut,
    UpvoteIn,
)
from venue.realtime.commands import Scope, handles
from venue.realtime.connections import Connection

MODERATE = Permission.MODERATE


@handles()
async def view(scope: Scope, conn: Connection, payload: StageViewIn) -> StageViewOut:
    return await scope.live.stage.view(conn.person_id)


@handles(permission=MODERATE)
async def poll(scope: Scope, conn: Connection, payload: PollCreateIn) -> PollOut:
    stage = scope.live.stage
    return await stage.ask_poll(conn.actor, payload.question, payload.options, payload.multiple)


@handles()
async def vote(scope: Scope, conn: Connection, payload: PollVoteIn) -> PollOut:
    return await scope.live.stage.vote(conn.person_id, payload.poll, payload.choices)


@handles(permission=MODERATE)
async def close(scope: Scope, conn: Connection, payload: PollCloseIn) -> PollOut:
    return await scope.live.stage.close_poll(conn.actor, payload.poll)


@handles()
async def upvote(scope: Scope, conn: Connection, payload: UpvoteIn) -> None:
    await scope.live.stage.upvote(conn.person_id, payload.id)


@handles(permission=MODERATE)
async def queue(scope: Scope, conn: Connection, payload: QueueIn) -> None:
    await scope.live.stage.queue(conn.actor, payload.id, payload.action)


@handles(permission=MODERATE)
async def call_on(scope: Scope, conn: Connection, payload: CallOnIn) -> None:
    """The floor to a raised hand: it goes down, and the calls link speaker and moderators."""
    await scope.live.stage.call_on(conn.actor, payload.person)
    await scope.live.movement.lower_hand(payload.person)
    await scope.live.calls.update()


@handles(permission=MODERATE)
async def release(scope: Scope, conn: Connection, payload: ReleaseIn) -> None:
    await scope.live.stage.release(conn.actor)
    await scope.live.calls.update()
