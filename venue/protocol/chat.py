"""Payloads of conversations: chat channels, direct messages, questions, groups and tables."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field, StrictBool, StrictInt

from venue.domain.chat import TEXT_MAX
from venue.domain.people import Role
from venue.protocol.base import DB_INT_MAX, Inbound, Model, MoveOut, Notice, Outbound, Request

ChannelName = Annotated[str, Field(min_length=1, max_length=200)]
MessageText = Annotated[str, Field(min_length=1, max_length=TEXT_MAX)]
PersonId = Annotated[str, Field(min_length=1, max_length=64)]
MessageId = Annotated[StrictInt, Field(ge=1, le=DB_INT_MAX)]


# -- outbound payloads -------------------------------------------------------


class AuthorOut(Model):
    """Who wrote a message; `id` and `role` are null for a deleted participant."""

    id: str | None
    name: str
    role: Role | None


class ChatMessageOut(Notice, event=Outbound.CHAT_MESSAGE):
    """One message; `channel` as the recipient names it (a DM names the other person)."""

    id: int
    channel: str
    author: AuthorOut
    text: str
    at: dt.datetime
    question: bool = False
    answered: bool = False


class ChatHistoryOut(Model):
    channel: str
    messages: list[ChatMessageOut]
    unread: int = 0


class ChatChangedOut(Notice, event=Outbound.CHAT_CHANGED):
    """A message was deleted by a moderator or a question was marked answered."""

    id: int
    channel: str
    deleted: bool = False
    answered: bool = False


class DmConversationOut(Model):
    channel: str
    person: str
    name: str
    unread: int


class InboxOut(Model):
    conversations: list[DmConversationOut]
    blocked: list[str]


class MemberOut(Model):
    id: str
    name: str


class GroupUpdateOut(Notice, event=Outbound.GROUP_UPDATE):
    """Sent to the members of a group whose members changed, and to those who left it.

    `group` is null when one is in no group now; `channel` is the group's chat channel;
    `table` names the table area for a table's private group.
    """

    space: str
    group: str | None
    channel: str | None
    table: str | None
    members: list[MemberOut]
    joined: list[MemberOut]
    left: list[MemberOut]


# -- inbound payloads --------------------------------------------------------


class ChatSendIn(Request, event=Inbound.CHAT_SEND, ack=ChatMessageOut):
    """Post in a channel one is in: `space:<id>` (the space one is in), `group:<id>` (one's
    nearby group), `table:<space>:<area>` (the table one sits at) or `dm:<person>`."""

    channel: ChannelName
    text: MessageText


class ChatHistoryIn(Request, event=Inbound.CHAT_HISTORY, ack=ChatHistoryOut):
    """The last 50 messages of a channel one is in (sent on entering a space or opening a DM)."""

    channel: ChannelName


class ChatReadIn(Request, event=Inbound.CHAT_READ):
    """Everything in `channel` up to message `upto` has been read (unread counts)."""

    channel: ChannelName
    upto: Annotated[StrictInt, Field(ge=0, le=DB_INT_MAX)]


class ChatInboxIn(Request, event=Inbound.CHAT_INBOX, ack=InboxOut):
    """One's direct-message conversations with unread counts, and whom one has blocked."""


class ChatBlockIn(Request, event=Inbound.CHAT_BLOCK):
    """Refuse (or accept again) direct messages between oneself and `person`."""

    person: PersonId
    blocked: StrictBool


class ChatQuestionIn(Request, event=Inbound.CHAT_QUESTION, ack=ChatMessageOut):
    """A question to the stage, in the plenary or a workshop one is in."""

    text: MessageText


class ChatMessageIdIn(Request):
    """A message by id."""

    id: MessageId


class ChatDeleteIn(ChatMessageIdIn, event=Inbound.CHAT_DELETE):
    """Moderators: delete a message of a space's chat; its readers see it go. Group, table
    and direct messages are refused as unknown; the audit log names the message and its
    author, never its text."""


class ChatAnsweredIn(ChatMessageIdIn, event=Inbound.CHAT_ANSWERED):
    """Moderators: mark a question to the stage (in a space's chat) answered."""


class MuteIn(Request, event=Inbound.MOD_MUTE):
    """Moderators: mute (or unmute) a person in every chat."""

    person: PersonId
    muted: StrictBool


class TableSitIn(Request, event=Inbound.TABLE_SIT, ack=MoveOut):
    """Sit at a table of the space one is in; the server finds a free spot at it."""

    area: Annotated[str, Field(min_length=1, max_length=100)]
