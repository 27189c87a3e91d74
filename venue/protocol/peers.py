"""Messages between the processes that serve one venue (Redis pub/sub), written once.

Every message names its kind (`k`) and its sender (`n`, added by the cluster). Presence
travels as one `frame` per process and tick; what one process decides for people served by
others travels as a command when it happens. `docs/peers.md` is generated from this module.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

from pydantic import Field, TypeAdapter

from venue.protocol.base import Model
from venue.protocol.programme import AnnouncementOut

# A presence event in a frame, as a short list (one frame carries hundreds):
#   ["a", space, person, name, role, x, y, status, booths, look, hand]   arrived
#   ["d", space, person, to]                                 departed (to: null = left)
#   ["m", space, person, x, y]                               moved
#   ["s", space, person, status]                             status changed
#   ["l", space, person, look]                               look chosen
#   ["e", space, person, emote]                              emote (a raised hand stays)
PresenceEntry = list[Any]


class PeerMessage(Model):
    """What every cross-process message shares: its kind and the process that sent it."""

    kinds: ClassVar[list[type[PeerMessage]]] = []
    n: str = ""  # the sending process (set when published)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        PeerMessage.kinds.append(cls)


class Frame(PeerMessage):
    """One process's presence changes of one tick, in every space, in order."""

    k: Literal["frame"] = "frame"
    e: list[PresenceEntry]


class Hello(PeerMessage):
    """A process (re)started or re-subscribed: the others forget what they knew of it and
    introduce their people (a `frame` of arrivals)."""

    k: Literal["hello"] = "hello"


class Beat(PeerMessage):
    """Every second: the sender is alive (silent for 3.5 s: its people are orphans)."""

    k: Literal["beat"] = "beat"


class Bye(PeerMessage):
    """The sender stops; its people wait the grace period to reconnect elsewhere."""

    k: Literal["bye"] = "bye"


class Claim(PeerMessage):
    """Person `p`, present through another (or a gone) process, now connects to the sender."""

    k: Literal["claim"] = "claim"
    p: str


class Call(PeerMessage):
    """A moderator called everyone (or everyone in `source`) to `to`: move your people."""

    k: Literal["call"] = "call"
    to: str
    source: str | None
    actor: str


class Announce(PeerMessage):
    """A moderator's announcement: show it to your people (and keep it for consoles)."""

    k: Literal["announce"] = "announce"
    note: AnnouncementOut


class ProgrammeChanged(PeerMessage):
    """The programme or the open spaces changed: reload them from the database, act on it."""

    k: Literal["programme"] = "programme"


class Mute(PeerMessage):
    """Person `p` is muted (`m`) or unmuted in every chat."""

    k: Literal["mute"] = "mute"
    p: str
    m: bool


class Expel(PeerMessage):
    """Take person `p` out of the venue if you serve them, and keep them out `ban` seconds."""

    k: Literal["expel"] = "expel"
    p: str
    ban: float


class CallDevices(PeerMessage):
    """Person `p` takes part in calls (`on`) with microphone and camera on or off, and whether a
    moderator holds the microphone (`held`): every process plans links from everyone's. Sent
    on a change and, for everyone one serves, in answer to a hello."""

    k: Literal["calls"] = "calls"
    p: str
    on: bool
    mic: bool
    cam: bool
    held: bool


class Floor(PeerMessage):
    """A moderator gave the floor in `space` to person `p` (or ended the turn: `p` null): the
    process serving `p` lowers their hand, and every process links the speaker with the
    space's moderators."""

    k: Literal["floor"] = "floor"
    space: str
    p: str | None


class Relay(PeerMessage):
    """A frame one process sent, for the same audience's connections on the others:
    everyone (no `space`, no `people`), a space, or some people. `b` is the encoded frame."""

    k: Literal["relay"] = "relay"
    space: str | None = None
    people: list[str] | None = None
    b: str


AnyPeerMessage = Annotated[
    Frame
    | Hello
    | Beat
    | Bye
    | Claim
    | Call
    | Announce
    | ProgrammeChanged
    | Mute
    | Expel
    | CallDevices
    | Floor
    | Relay,
    Field(discriminator="k"),
]
PEER_MESSAGE: TypeAdapter[AnyPeerMessage] = TypeAdapter(AnyPeerMessage)
