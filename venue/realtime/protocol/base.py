"""What every message shares: error codes, the base model, the ack."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict


class ErrorCode(StrEnum):
    """Stable error codes of `Ack.error.code`; clients translate them."""

    PAYLOAD_INVALID = "payload.invalid"
    PAYLOAD_TOO_LARGE = "payload.too_large"
    EVENT_UNKNOWN = "event.unknown"
    RATE_LIMITED = "rate.limited"
    CONNECTION_LIMIT = "connection.limit"
    AUTH_REQUIRED = "auth.required"
    AUTH_INVALID = "auth.invalid"
    AUTH_FORBIDDEN = "auth.forbidden"
    NAME_INVALID = "name.invalid"
    PRESENCE_ABSENT = "presence.absent"
    MOVE_BOUNDS = "move.bounds"
    MOVE_WALL = "move.wall"
    MOVE_TOO_FAST = "move.too_fast"
    SPACE_UNKNOWN = "space.unknown"
    SPACE_FULL = "space.full"
    SPACE_SAME = "space.same"
    DOOR_UNKNOWN = "door.unknown"
    DOOR_NOT_HERE = "door.not_here"
    DOOR_BROKEN = "door.broken"
    SPACE_CLOSED = "space.closed"
    SLOT_UNKNOWN = "slot.unknown"
    SLOT_PAST = "slot.past"
    SLOT_STALE = "slot.stale"
    DELAY_INVALID = "delay.invalid"
    PERSON_UNKNOWN = "person.unknown"
    BOOTH_UNKNOWN = "booth.unknown"
    BOOTH_CLOSED = "booth.closed"
    BOOTH_OWN = "booth.own"
    BOOTH_PENDING = "booth.pending"
    BOOTH_FLOOD = "booth.flood"
    BOOTH_REQUEST_UNKNOWN = "booth.request_unknown"
    BOOTH_TAKEN = "booth.taken"
    BOOTH_WITHDRAWN = "booth.withdrawn"
    BOOTH_TEXT_INVALID = "booth.text_invalid"
    CONVERSATION_UNKNOWN = "conversation.unknown"
    CHAT_CHANNEL_UNKNOWN = "chat.channel_unknown"
    CHAT_NOT_MEMBER = "chat.not_member"
    CHAT_TEXT_INVALID = "chat.text_invalid"
    CHAT_MUTED = "chat.muted"
    CHAT_BLOCKED = "chat.blocked"
    CHAT_MESSAGE_UNKNOWN = "chat.message_unknown"
    CHAT_NO_QUESTIONS = "chat.no_questions"
    TABLE_UNKNOWN = "table.unknown"
    TABLE_FULL = "table.full"
    INTERNAL = "internal"


ERROR_MEANINGS: dict[ErrorCode, str] = {
    ErrorCode.PAYLOAD_INVALID: "The payload does not match the event's schema.",
    ErrorCode.PAYLOAD_TOO_LARGE: "The payload is larger than the server accepts.",
    ErrorCode.EVENT_UNKNOWN: "The server knows no event of that name.",
    ErrorCode.RATE_LIMITED: "Too many events per second; a client that keeps on is disconnected.",
    ErrorCode.CONNECTION_LIMIT: "Too many open tabs for one person; close one first.",
    ErrorCode.AUTH_REQUIRED: "Connect with a token (join first).",
    ErrorCode.AUTH_INVALID: "The token is not valid (forged, revoked or its person is gone).",
    ErrorCode.AUTH_FORBIDDEN: "The person's role does not allow this event.",
    ErrorCode.NAME_INVALID: "A display name has 1 to 40 characters and no control characters.",
    ErrorCode.PRESENCE_ABSENT: "The person is not in the venue (yet).",
    ErrorCode.MOVE_BOUNDS: "The position is outside the map; the ack carries the real one.",
    ErrorCode.MOVE_WALL: "A wall or furniture is in the way; the ack carries the real position.",
    ErrorCode.MOVE_TOO_FAST: "Further than one walks that quickly; the ack carries the real one.",
    ErrorCode.SPACE_UNKNOWN: "There is no space with that id.",
    ErrorCode.SPACE_FULL: "The space has reached its capacity.",
    ErrorCode.SPACE_SAME: "The person is already in that space.",
    ErrorCode.DOOR_UNKNOWN: "The current space has no door of that name.",
    ErrorCode.DOOR_NOT_HERE: "The avatar does not stand in the door's area.",
    ErrorCode.DOOR_BROKEN: "The door leads nowhere (a venue data problem).",
    ErrorCode.SPACE_CLOSED: "A moderator has closed that space for now.",
    ErrorCode.SLOT_UNKNOWN: "There is no such slot (block) in the programme.",
    ErrorCode.SLOT_PAST: "That slot has already begun; it cannot be moved or started.",
    ErrorCode.SLOT_STALE: "The console showed another next slot; it has been refreshed.",
    ErrorCode.DELAY_INVALID: "A delay is 1 to 240 minutes.",
    ErrorCode.PERSON_UNKNOWN: "Nobody with that id is in the venue.",
    ErrorCode.BOOTH_UNKNOWN: "There is no such booth (or a moderator has hidden it).",
    ErrorCode.BOOTH_CLOSED: "Nobody staffs the booth right now; try when it is open.",
    ErrorCode.BOOTH_OWN: "Exhibitors do not send requests to their own booth.",
    ErrorCode.BOOTH_PENDING: "The visitor's request to this booth is still ringing.",
    ErrorCode.BOOTH_FLOOD: "More than 3 contact requests within 60 seconds; wait a minute.",
    ErrorCode.BOOTH_REQUEST_UNKNOWN: "There is no such contact request.",
    ErrorCode.BOOTH_TAKEN: "Another staff member has answered the request already.",
    ErrorCode.BOOTH_WITHDRAWN: "The visitor left before anyone answered.",
    ErrorCode.BOOTH_TEXT_INVALID: "A message has 1 to 1000 characters and no control characters.",
    ErrorCode.CONVERSATION_UNKNOWN: "No such conversation, or one is not part of it.",
    ErrorCode.CHAT_CHANNEL_UNKNOWN: "No such channel (space:, group:, table: or dm: and an id).",
    ErrorCode.CHAT_NOT_MEMBER: "One posts only in one's own space, group or table, or to a person.",
    ErrorCode.CHAT_TEXT_INVALID: "A message has 1 to 1000 characters and no control characters.",
    ErrorCode.CHAT_MUTED: "A moderator has muted this person; they cannot post in any chat.",
    ErrorCode.CHAT_BLOCKED: "One of the two has blocked the other: no direct messages.",
    ErrorCode.CHAT_MESSAGE_UNKNOWN: "There is no such message (or it was deleted).",
    ErrorCode.CHAT_NO_QUESTIONS: "Questions to the stage are asked in the plenary and workshops.",
    ErrorCode.TABLE_UNKNOWN: "The space one is in has no table of that name.",
    ErrorCode.TABLE_FULL: "Every seat at that table is taken.",
    ErrorCode.INTERNAL: "The server failed; nothing was changed.",
}


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class MoveOut(Model):
    id: str
    x: int
    y: int


class ErrorOut(Model):
    code: ErrorCode
    message: str


class Ack(Model):
    """The answer to every inbound event."""

    ok: bool
    error: ErrorOut | None = None
    data: dict[str, Any] | None = None
    position: MoveOut | None = None
