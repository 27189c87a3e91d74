"""Every Socket.IO event name and payload model of the venue, written once.

Names and registries live here; payload models by domain in the modules beside it.
`docs/protocol.md` and `docs/schemas/*.json` are generated from this package
(`python -m venue.realtime.docgen`); a test fails when they are out of date.
"""

from __future__ import annotations

from enum import StrEnum

from venue.realtime.protocol.base import ERROR_MEANINGS, Ack, ErrorCode, ErrorOut, Model, MoveOut
from venue.realtime.protocol.chat import (
    AuthorOut,
    ChatBlockIn,
    ChatChangedOut,
    ChatHistoryIn,
    ChatHistoryOut,
    ChatInboxIn,
    ChatMessageIdIn,
    ChatMessageOut,
    ChatQuestionIn,
    ChatReadIn,
    ChatSendIn,
    DmConversationOut,
    GroupUpdateOut,
    InboxOut,
    MemberOut,
    MuteIn,
    TableSitIn,
)
from venue.realtime.protocol.exhibition import (
    AcceptIn,
    BoothListIn,
    BoothListOut,
    BoothStatusOut,
    CheckinIn,
    ConversationOut,
    HereOut,
    LeftOut,
    MessageOut,
    RequestedOut,
    RequestIn,
    RingOut,
    SayIn,
    TakenOut,
    WithdrawnOut,
)
from venue.realtime.protocol.presence import (
    CountsOut,
    DepartureOut,
    DoorIn,
    EnterIn,
    LocateHitOut,
    LocateIn,
    LocateOut,
    MoveIn,
    PersonOut,
    SpaceOut,
    SpaceSnapshotOut,
    StatusIn,
    StatusOut,
    TextOut,
    TickOut,
    VisibilityIn,
    WelcomeOut,
)
from venue.realtime.protocol.programme import (
    AnnounceIn,
    AnnouncementOut,
    AskOut,
    AuditOut,
    BlockOut,
    CallIn,
    ClockOut,
    ConsoleOut,
    DelayIn,
    ElsewhereOut,
    HeadcountOut,
    PersonIn,
    ProgrammeOut,
    ReminderOut,
    SlotOut,
    SpaceOpenIn,
    StartNextIn,
    StayIn,
    WarningOut,
    WatchIn,
    YouOut,
)


class Inbound(StrEnum):
    """Events a client sends; each is answered with an `Ack`."""

    MOVE = "presence.move"
    STATUS = "presence.status"
    VISIBILITY = "presence.visibility"
    LOCATE = "presence.locate"
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


class Outbound(StrEnum):
    """Events the server sends."""

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


INBOUND_MODELS: dict[Inbound, type[Model]] = {
    Inbound.MOVE: MoveIn,
    Inbound.STATUS: StatusIn,
    Inbound.VISIBILITY: VisibilityIn,
    Inbound.LOCATE: LocateIn,
    Inbound.ENTER: EnterIn,
    Inbound.DOOR: DoorIn,
    Inbound.STAY: StayIn,
    Inbound.MOD_START_NEXT: StartNextIn,
    Inbound.MOD_DELAY: DelayIn,
    Inbound.MOD_CALL: CallIn,
    Inbound.MOD_ANNOUNCE: AnnounceIn,
    Inbound.MOD_SPACE: SpaceOpenIn,
    Inbound.MOD_REMOVE: PersonIn,
    Inbound.MOD_NUDGE: PersonIn,
    Inbound.MOD_WATCH: WatchIn,
    Inbound.BOOTH_LIST: BoothListIn,
    Inbound.BOOTH_CHECKIN: CheckinIn,
    Inbound.BOOTH_REQUEST: RequestIn,
    Inbound.BOOTH_ACCEPT: AcceptIn,
    Inbound.BOOTH_SAY: SayIn,
    Inbound.MOD_MUTE: MuteIn,
    Inbound.CHAT_SEND: ChatSendIn,
    Inbound.CHAT_HISTORY: ChatHistoryIn,
    Inbound.CHAT_READ: ChatReadIn,
    Inbound.CHAT_INBOX: ChatInboxIn,
    Inbound.CHAT_BLOCK: ChatBlockIn,
    Inbound.CHAT_QUESTION: ChatQuestionIn,
    Inbound.CHAT_DELETE: ChatMessageIdIn,
    Inbound.CHAT_ANSWERED: ChatMessageIdIn,
    Inbound.TABLE_SIT: TableSitIn,
}

OUTBOUND_MODELS: dict[Outbound, type[Model]] = {
    Outbound.WELCOME: WelcomeOut,
    Outbound.COUNTS: CountsOut,
    Outbound.SNAPSHOT: SpaceSnapshotOut,
    Outbound.TICK: TickOut,
    Outbound.PROGRAMME: ProgrammeOut,
    Outbound.YOU: YouOut,
    Outbound.WARNING: WarningOut,
    Outbound.ASK: AskOut,
    Outbound.REMINDER: ReminderOut,
    Outbound.ANNOUNCEMENT: AnnouncementOut,
    Outbound.CONSOLE: ConsoleOut,
    Outbound.BOOTH_STATUS: BoothStatusOut,
    Outbound.BOOTH_HERE: HereOut,
    Outbound.BOOTH_RING: RingOut,
    Outbound.BOOTH_TAKEN: TakenOut,
    Outbound.BOOTH_CONVERSATION: ConversationOut,
    Outbound.BOOTH_MESSAGE: MessageOut,
    Outbound.BOOTH_WITHDRAWN: WithdrawnOut,
    Outbound.BOOTH_LEFT: LeftOut,
    Outbound.CHAT_MESSAGE: ChatMessageOut,
    Outbound.CHAT_CHANGED: ChatChangedOut,
    Outbound.GROUP_UPDATE: GroupUpdateOut,
}

ACK_DATA_MODELS: dict[Inbound, type[Model] | None] = {
    Inbound.MOVE: None,
    Inbound.STATUS: None,
    Inbound.VISIBILITY: None,
    Inbound.LOCATE: LocateOut,
    Inbound.ENTER: SpaceSnapshotOut,
    Inbound.DOOR: SpaceSnapshotOut,
    Inbound.STAY: YouOut,
    Inbound.MOD_START_NEXT: None,
    Inbound.MOD_DELAY: None,
    Inbound.MOD_CALL: None,
    Inbound.MOD_ANNOUNCE: None,
    Inbound.MOD_SPACE: None,
    Inbound.MOD_REMOVE: None,
    Inbound.MOD_NUDGE: None,
    Inbound.MOD_WATCH: ConsoleOut,
    Inbound.BOOTH_LIST: BoothListOut,
    Inbound.BOOTH_CHECKIN: None,
    Inbound.BOOTH_REQUEST: RequestedOut,
    Inbound.BOOTH_ACCEPT: ConversationOut,
    Inbound.BOOTH_SAY: None,
    Inbound.MOD_MUTE: None,
    Inbound.CHAT_SEND: ChatMessageOut,
    Inbound.CHAT_HISTORY: ChatHistoryOut,
    Inbound.CHAT_READ: None,
    Inbound.CHAT_INBOX: InboxOut,
    Inbound.CHAT_BLOCK: None,
    Inbound.CHAT_QUESTION: ChatMessageOut,
    Inbound.CHAT_DELETE: None,
    Inbound.CHAT_ANSWERED: None,
    Inbound.TABLE_SIT: None,
}

# UTF-8 bytes: a chat message of 1000 characters may need 4000
MAX_PAYLOAD_BYTES = 4608

__all__ = [
    "ACK_DATA_MODELS",
    "ERROR_MEANINGS",
    "INBOUND_MODELS",
    "MAX_PAYLOAD_BYTES",
    "OUTBOUND_MODELS",
    "Ack",
    "AnnounceIn",
    "AnnouncementOut",
    "AskOut",
    "AuditOut",
    "AuthorOut",
    "BlockOut",
    "CallIn",
    "ChatBlockIn",
    "ChatChangedOut",
    "ChatHistoryIn",
    "ChatHistoryOut",
    "ChatInboxIn",
    "ChatMessageIdIn",
    "ChatMessageOut",
    "ChatQuestionIn",
    "ChatReadIn",
    "ChatSendIn",
    "ClockOut",
    "ConsoleOut",
    "ConversationOut",
    "CountsOut",
    "DelayIn",
    "DepartureOut",
    "DmConversationOut",
    "DoorIn",
    "ElsewhereOut",
    "EnterIn",
    "ErrorCode",
    "ErrorOut",
    "GroupUpdateOut",
    "HeadcountOut",
    "Inbound",
    "InboxOut",
    "LocateHitOut",
    "LocateIn",
    "LocateOut",
    "MemberOut",
    "Model",
    "MoveIn",
    "MoveOut",
    "MuteIn",
    "Outbound",
    "PersonIn",
    "PersonOut",
    "ProgrammeOut",
    "ReminderOut",
    "SlotOut",
    "SpaceOpenIn",
    "SpaceOut",
    "SpaceSnapshotOut",
    "StartNextIn",
    "StatusIn",
    "StatusOut",
    "StayIn",
    "TableSitIn",
    "TextOut",
    "TickOut",
    "VisibilityIn",
    "WarningOut",
    "WatchIn",
    "WelcomeOut",
    "YouOut",
]
