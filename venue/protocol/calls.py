"""Payloads of calls: whom to connect to, the signals relayed between two browsers, mic state,
ICE servers with TURN credentials, and a moderator holding someone's microphone."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field, StrictBool, StrictInt

from venue.domain.calls import SignalKind
from venue.protocol.base import Inbound, Model, Notice, Outbound, Request
from venue.protocol.chat import MemberOut, PersonId

CallId = Annotated[str, Field(min_length=1, max_length=200)]

# An offer with audio, video and a screen is ~9,000 characters; with JSON escapes it fits
SIGNAL_MAX_BYTES = 14_336


# -- outbound payloads -------------------------------------------------------


class CallPeerOut(Model):
    """Someone one is linked with: the call the link belongs to and their microphone and camera
    as they say (`held`: a moderator has muted their microphone; play them silent)."""

    id: str
    name: str
    call: str
    mic: bool
    camera: bool
    held: bool


class CallPeersOut(Notice, event=Outbound.CALL_PEERS):
    """Whom to hold a peer connection with, sent whenever that changes (and on connecting).

    The side whose id sorts first makes the offer. `held` is true while a moderator keeps
    one's own microphone muted."""

    peers: list[CallPeerOut]
    held: bool


class CallSignalOut(Notice, event=Outbound.CALL_SIGNALLED):
    """A signal from `sender`, relayed unchanged (see `call.signal` in)."""

    sender: str
    call: str
    kind: SignalKind
    sdp: str
    candidate: str
    mid: str | None
    line: int | None


class CallStateOut(Notice, event=Outbound.CALL_STATE):
    """`person`'s microphone or camera changed, or a moderator held or released their mic;
    sent to the people linked with them and to the person."""

    person: str
    mic: bool
    camera: bool
    held: bool


class IcePolicy(StrEnum):
    """RTCPeerConnection's iceTransportPolicy."""

    ALL = "all"
    RELAY = "relay"


class IceServerOut(Model):
    urls: list[str]
    username: str | None = None
    credential: str | None = None


class IceOut(Model):
    """ICE servers for RTCPeerConnection; TURN credentials expire at `expires` (Unix seconds).
    `policy` is the iceTransportPolicy: "relay" when the venue hides addresses behind TURN."""

    servers: list[IceServerOut]
    expires: int
    policy: IcePolicy


class CallOut(Model):
    """A call and who is linked in it, for the moderators' console; `held`: whose microphone
    a moderator holds."""

    call: str
    people: list[MemberOut]
    held: list[str]


# -- inbound payloads --------------------------------------------------------


class CallSignalIn(Request, event=Inbound.CALL_SIGNAL, max_bytes=SIGNAL_MAX_BYTES):
    """An offer, answer (`sdp`) or ICE candidate (`candidate`, `mid`, `line`; an empty
    candidate ends them) for `to`, relayed only if the server linked the two in `call`."""

    to: PersonId
    call: CallId
    kind: SignalKind
    sdp: str = ""
    candidate: str = ""
    mid: Annotated[str, Field(max_length=64)] | None = None
    line: Annotated[StrictInt, Field(ge=0, le=63)] | None = None


class CallStateIn(Request, event=Inbound.CALL_STATE):
    """I take part in calls (`on`: I clicked to start them; nobody is linked before) and my
    microphone and camera are on or off (shown to the people linked with me)."""

    on: StrictBool
    mic: StrictBool
    camera: StrictBool


class CallIceIn(Request, event=Inbound.CALL_ICE, ack=IceOut):
    """The ICE servers to use, with fresh TURN credentials."""


class MicHoldIn(Request, event=Inbound.MOD_MIC):
    """Moderators: mute a person's microphone in every call until lifted (`held`: false)."""

    person: PersonId
    held: StrictBool
