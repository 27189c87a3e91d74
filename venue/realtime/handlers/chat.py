"""Conversations: post, read history, direct messages and blocking, questions, tables."""

from __future__ import annotations

from venue.domain.chat import dm_partner
from venue.domain.errors import DomainError
from venue.domain.groups import table_area, table_capacity
from venue.domain.permissions import Permission
from venue.realtime.commands import OK, Context, command
from venue.realtime.connections import Connection
from venue.realtime.protocol import (
    Ack,
    ChatBlockIn,
    ChatHistoryIn,
    ChatInboxIn,
    ChatMessageIdIn,
    ChatQuestionIn,
    ChatReadIn,
    ChatSendIn,
    DmConversationOut,
    Inbound,
    InboxOut,
    MoveOut,
    TableSitIn,
)


@command(Inbound.CHAT_SEND)
async def send(ctx: Context, conn: Connection, payload: ChatSendIn) -> Ack:
    message = await ctx.conversations.post(conn.person_id, payload.channel, payload.text)
    return Ack(ok=True, data=message.model_dump(mode="json"))


@command(Inbound.CHAT_HISTORY)
async def history(ctx: Context, conn: Connection, payload: ChatHistoryIn) -> Ack:
    out = await ctx.conversations.history(conn.person_id, payload.channel)
    return Ack(ok=True, data=out.model_dump(mode="json"))


@command(Inbound.CHAT_READ)
async def read(ctx: Context, conn: Connection, payload: ChatReadIn) -> Ack:
    key = ctx.conversations.stored_key(conn.person_id, payload.channel)
    await ctx.store.chat.mark_read(conn.person_id, key, payload.upto)
    return OK


@command(Inbound.CHAT_INBOX)
async def inbox(ctx: Context, conn: Connection, payload: ChatInboxIn) -> Ack:
    me = conn.person_id
    talks = await ctx.store.chat.conversations(me)
    out = InboxOut(
        conversations=[
            DmConversationOut(channel=f"dm:{other}", person=other, name=name, unread=unread)
            for key, (unread, name) in sorted(talks.items())
            if (other := dm_partner(key, me)) is not None
        ],
        blocked=await ctx.store.chat.blocked_by(me),
    )
    return Ack(ok=True, data=out.model_dump(mode="json"))


@command(Inbound.CHAT_BLOCK)
async def block(ctx: Context, conn: Connection, payload: ChatBlockIn) -> Ack:
    if payload.person == conn.person_id or await ctx.store.participants.get(payload.person) is None:
        raise DomainError("person.unknown", "Nobody with that id is here.")
    await ctx.store.chat.set_blocked(conn.person_id, payload.person, payload.blocked)
    return OK


@command(Inbound.CHAT_QUESTION)
async def question(ctx: Context, conn: Connection, payload: ChatQuestionIn) -> Ack:
    message = await ctx.conversations.ask(conn.person_id, payload.text)
    return Ack(ok=True, data=message.model_dump(mode="json"))


@command(Inbound.CHAT_DELETE, permission=Permission.MODERATE)
async def delete(ctx: Context, conn: Connection, payload: ChatMessageIdIn) -> Ack:
    stored = await ctx.conversations.change(payload.id, deleted=True)
    await ctx.conductor.audit(
        conn.actor, "chat.delete", f"{stored.author_name}: {stored.text}"[:900]
    )
    return OK


@command(Inbound.CHAT_ANSWERED, permission=Permission.MODERATE)
async def answered(ctx: Context, conn: Connection, payload: ChatMessageIdIn) -> Ack:
    await ctx.conversations.change(payload.id)
    return OK


@command(Inbound.TABLE_SIT)
async def sit(ctx: Context, conn: Connection, payload: TableSitIn) -> Ack:
    """Take a free seat at a table of one's space; the ack carries the new position."""
    me = ctx.presence.require(conn.person_id)
    table = table_area(ctx.presence.venue.spaces[me.space].map, payload.area)
    seated = [p for p in ctx.presence.roster(me.space) if table.rect.contains(p.x, p.y)]
    if me not in seated and len(seated) >= table_capacity(table):
        raise DomainError("table.full", "Every seat at that table is taken.")
    await ctx.publish(ctx.presence.sit(me.id, table.rect, ctx.clock()))
    moved = ctx.presence.require(me.id)
    return Ack(ok=True, position=MoveOut(id=moved.id, x=moved.x, y=moved.y))
