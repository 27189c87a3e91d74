"""Conversations: post, read history, direct messages and blocking, questions to the stage."""

from __future__ import annotations

from venue.domain.permissions import Permission
from venue.protocol.chat import (
    ChatAnsweredIn,
    ChatBlockIn,
    ChatDeleteIn,
    ChatHistoryIn,
    ChatHistoryOut,
    ChatInboxIn,
    ChatMessageOut,
    ChatQuestionIn,
    ChatReadIn,
    ChatSendIn,
    InboxOut,
)
from venue.realtime.commands import Scope, handles
from venue.realtime.connections import Connection


@handles()
async def send(scope: Scope, conn: Connection, payload: ChatSendIn) -> ChatMessageOut:
    return await scope.live.conversations.post(conn.person_id, payload.channel, payload.text)


@handles()
async def history(scope: Scope, conn: Connection, payload: ChatHistoryIn) -> ChatHistoryOut:
    return await scope.live.conversations.history(conn.person_id, payload.channel)


@handles()
async def read(scope: Scope, conn: Connection, payload: ChatReadIn) -> None:
    await scope.live.conversations.mark_read(conn.person_id, payload.channel, payload.upto)


@handles()
async def inbox(scope: Scope, conn: Connection, payload: ChatInboxIn) -> InboxOut:
    return await scope.live.conversations.inbox(conn.person_id)


@handles()
async def block(scope: Scope, conn: Connection, payload: ChatBlockIn) -> None:
    await scope.live.conversations.block(conn.person_id, payload.person, payload.blocked)


@handles()
async def question(scope: Scope, conn: Connection, payload: ChatQuestionIn) -> ChatMessageOut:
    asked = await scope.live.conversations.ask(conn.person_id, payload.text)
    scope.live.stage.touch(asked.channel.partition(":")[2])  # the stage's queue grows
    return asked


@handles(permission=Permission.MODERATE)
async def delete(scope: Scope, conn: Connection, payload: ChatDeleteIn) -> None:
    await scope.live.conversations.delete(conn.actor, payload.id)
    scope.live.stage.touch()  # a deleted question leaves its stage's queue


@handles(permission=Permission.MODERATE)
async def answered(scope: Scope, conn: Connection, payload: ChatAnsweredIn) -> None:
    await scope.live.conversations.answered(payload.id)
    scope.live.stage.touch()
