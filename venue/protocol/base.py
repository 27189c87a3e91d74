"""What every message shares: the base models, error codes, the ack, and the event registry.

Every client event is a `Request` subclass that names its event and the model of its ack's
`data`; every server event is a `Notice` subclass that names its event. Both register
themselves when defined, so the event tables, the docs and the browser's `protocol.js` all
come from the class definitions.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict

from venue.domain.errors import MEANINGS, Code


class Inbound(StrEnum):
    """The names of the events a client sends; each is answered with an `Ack`."""

    MOVE = "presence.move"
    STATUS = "presence.status"
    VISIBILITY = "presence.visibility"
    LOCATE = "presence.locate"
    LOOK = "presence.look"
    EMOTE = "presence.emote"
    ENTER = "space.enter"
    DOOR = "door.use"
    STAY = "programme.stay"
    MOD_START_NEXT = "mod.start_next"
    MOD_DELAY = "mod.delay"
    MOD_CALL = "mod.call"
    MOD_ANNOUNCE = "mod.announce"
    MOD_SPACE = "mod.space"
    MOD_REMOVE = "mod.remove"
    MOD_NUDGE = "mod.nudge"
    MOD_WATCH = "mod.watch"
    MOD_PEOPLE = "mod.people"
    BOOTH_LIST = "booth.list"
    BOOTH_CHECKIN = "booth.checkin"
    BOOTH_REQUEST = "booth.request"
    BOOTH_ACCEPT = "booth.accept"
    BOOTH_SAY = "booth.say"
    MOD_MUTE = "mod.mute"
    CHAT_SEND = "chat.send"
    CHAT_HISTORY = "chat.history"
    CHAT_READ = "chat.read"
    CHAT_INBOX = "chat.inbox"
    CHAT_BLOCK = "chat.block"
    CHAT_QUESTION = "chat.question"
    CHAT_DELETE = "chat.delete"
    CHAT_ANSWERED = "chat.answered"
    TABLE_SIT = "table.sit"
    CALL_SIGNAL = "call.signal"
    CALL_STATE = "call.state"
    CALL_ICE = "call.ice"
    MOD_MIC = "mod.mic"
    CONTACT_REQUEST = "contact.request"
    CONTACT_ANSWER = "contact.answer"
    CONTACT_LIST = "contact.list"
    FEEDBACK_RATE = "feedback.rate"
    MOD_NETWORKING_START = "mod.networking_start"
    MOD_NETWORKING_STOP = "mod.networking_stop"
    NETWORKING_PAUSE = "networking.pause"
    PERSON_PROFILE = "person.profile"
    STAGE_VIEW = "stage.view"
    STAGE_POLL = "stage.poll"
    STAGE_VOTE = "stage.vote"
    STAGE_CLOSE = "stage.close"
    STAGE_UPVOTE = "stage.upvote"
    STAGE_QUEUE = "stage.queue"
    STAGE_CALL_ON = "stage.call_on"
    STAGE_RELEASE = "stage.release"


class Outbound(StrEnum):
    """The names of the events the server sends."""

    WELCOME = "venue.welcome"
    COUNTS = "venue.counts"
    SNAPSHOT = "space.snapshot"
    TICK = "space.tick"
    PROGRAMME = "programme.state"
    YOU = "programme.you"
    WARNING = "programme.warning"
    ASK = "programme.ask"
    REMINDER = "programme.reminder"
    ANNOUNCEMENT = "venue.announcement"
    ENDED = "venue.ended"
    MUTED = "chat.muted"
    CONSOLE = "mod.console"
    BOOTH_STATUS = "booth.status"
    BOOTH_HERE = "booth.here"
    BOOTH_RING = "booth.ring"
    BOOTH_TAKEN = "booth.taken"
    BOOTH_CONVERSATION = "booth.conversation"
    BOOTH_MESSAGE = "booth.message"
    BOOTH_WITHDRAWN = "booth.withdrawn"
    BOOTH_LEFT = "booth.left"
    CHAT_MESSAGE = "chat.message"
    CHAT_CHANGED = "chat.changed"
    GROUP_UPDATE = "group.update"
    CALL_PEERS = "call.peers"
    CALL_SIGNALLED = "call.signal"
    CALL_STATE = "call.state"
    CONTACT_ASKED = "contact.asked"
    CONTACT_EXCHANGED = "contact.exchanged"
    FEEDBACK_ASK = "feedback.ask"
    NETWORKING_STATE = "networking.state"
    NETWORKING_YOU = "networking.you"
    NETWORKING_WARNING = "networking.warning"
    STAGE_STATE = "stage.state"
    STAGE_CALLED = "stage.called"


class TransportCode(StrEnum):
    """Refusals of the Socket.IO layer itself, before a handler runs (or when it fails)."""

    PAYLOAD_INVALID = "payload.invalid"
    PAYLOAD_TOO_LARGE = "payload.too_large"
    EVENT_UNKNOWN = "event.unknown"
    RATE_LIMITED = "rate.limited"
    CONNECTION_LIMIT = "connection.limit"
    INTERNAL = "internal"


ErrorCode = Code | TransportCode

# UTF-8 bytes: a chat message of 1000 characters may need 4000
MAX_PAYLOAD_BYTES = 4608
# The largest integer a client may send where it meets a database column: the INTEGER columns
# are 32-bit on PostgreSQL (an id or marker of 2**31 ended in a DataError and no ack there).
DB_INT_MAX = 2**31 - 1

ERROR_MEANINGS: dict[ErrorCode, str] = {
    TransportCode.PAYLOAD_INVALID: "The payload does not match the event's schema.",
    TransportCode.PAYLOAD_TOO_LARGE: "The payload is larger than the server accepts.",
    TransportCode.EVENT_UNKNOWN: "The server knows no event of that name.",
    TransportCode.RATE_LIMITED: (
        "Too many events per second; a client that keeps on is disconnected."
    ),
    TransportCode.CONNECTION_LIMIT: "Too many open tabs for one person; close one first.",
    TransportCode.INTERNAL: "The server failed; nothing was changed. Try again.",
}
for _code, _meaning in MEANINGS.items():
    ERROR_MEANINGS[_code] = _meaning


class ClientCode(StrEnum):
    """Codes the browser client makes up itself when no ack arrives; never sent by the server."""

    OFFLINE = "client.offline"
    TIMEOUT = "client.timeout"
    NETWORK = "client.network"


class ApiPath(StrEnum):
    """The JSON API's endpoints that the browser client calls."""

    JOIN = "/api/join"
    LEAVE = "/api/leave"
    VENUE = "/api/venue"


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Request(Model):
    """A client event's payload: `class MoveIn(Request, event=Inbound.MOVE, ack=None)`."""

    event: ClassVar[Inbound]
    ack: ClassVar[type[Model] | None]
    max_bytes: ClassVar[int] = MAX_PAYLOAD_BYTES  # the payload's JSON, in UTF-8 bytes
    registry: ClassVar[dict[Inbound, type[Request]]] = {}

    def __init_subclass__(
        cls,
        *,
        event: Inbound | None = None,
        ack: type[Model] | None = None,
        max_bytes: int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init_subclass__(**kwargs)
        if max_bytes is not None:
            cls.max_bytes = max_bytes
        if event is None:  # an abstract payload other requests share
            return
        if event in Request.registry:
            raise TypeError(f"{event} has two payload models")
        cls.event, cls.ack = event, ack
        Request.registry[event] = cls


class Notice(Model):
    """A server event's payload: `class TickOut(Notice, event=Outbound.TICK)`."""

    event: ClassVar[Outbound]
    registry: ClassVar[dict[Outbound, type[Notice]]] = {}

    def __init_subclass__(cls, *, event: Outbound | None = None, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if event is None:
            return
        if event in Notice.registry:
            raise TypeError(f"{event} has two payload models")
        cls.event = event
        Notice.registry[event] = cls


class MoveOut(Model):
    id: str
    x: int
    y: int


class ErrorOut(Model):
    code: ErrorCode
    message: str


class Ack(Model):
    """The answer to every client event: `data` on success, `error` (and your `position`)
    on refusal."""

    ok: bool
    error: ErrorOut | None = None
    data: dict[str, Any] | None = None
    position: MoveOut | None = None
