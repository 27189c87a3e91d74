"""Payloads of the exhibition: booth status, staffing, contact requests, conversations."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StrictBool

from venue.protocol.base import Inbound, Model, Notice, Outbound, Request

BoothId = Annotated[str, Field(min_length=1, max_length=64)]
RequestId = Annotated[str, Field(min_length=1, max_length=32)]


# -- outbound payloads -------------------------------------------------------


class StaffOut(Model):
    id: str
    name: str


class BoothStateOut(Model):
    id: str
    open: bool
    staff: list[StaffOut]
    next_open: str | None = None  # ISO time the rota says it opens next, if closed


class BoothStatusOut(Notice, event=Outbound.BOOTH_STATUS):
    """Booths whose staffing changed since the last tick (all of them in `booth.list`)."""

    booths: list[BoothStateOut]


class RingOut(Notice, event=Outbound.BOOTH_RING):
    """A visitor wants to talk; `email` only if they agreed to share it."""

    request: str
    booth: str
    visitor: str
    email: str | None = None
    at: str


class BoothListOut(Model):
    """Every booth's status and, for exhibitors, their requests still ringing."""

    booths: list[BoothStateOut]
    pending: list[RingOut] = Field(default_factory=list)


class HereOut(Notice, event=Outbound.BOOTH_HERE):
    """The booth whose area one stands in now; None when one left it."""

    booth: str | None


class RequestedOut(Model):
    request: str


class TakenOut(Notice, event=Outbound.BOOTH_TAKEN):
    """Another staff member answered the request."""

    request: str
    by: str


class ConversationOut(Notice, event=Outbound.BOOTH_CONVERSATION):
    """A conversation opened: to the visitor and the staff member who accepted."""

    conversation: str
    request: str
    booth: str
    visitor: StaffOut
    staff: StaffOut
    call_url: str | None = None


class MessageOut(Notice, event=Outbound.BOOTH_MESSAGE):
    """A text message in a booth conversation, to both sides (the sender's own included)."""

    conversation: str
    sender: str
    name: str
    text: str
    at: str


class WithdrawnOut(Notice, event=Outbound.BOOTH_WITHDRAWN):
    """The visitor left before anyone answered."""

    request: str


class LeftOut(Notice, event=Outbound.BOOTH_LEFT):
    """The other side of a conversation left the venue."""

    conversation: str
    person: str


# -- inbound payloads --------------------------------------------------------


class BoothListIn(Request, event=Inbound.BOOTH_LIST, ack=BoothListOut):
    """Ask for every booth's status (and, for exhibitors, their unanswered requests)."""


class CheckinIn(Request, event=Inbound.BOOTH_CHECKIN):
    """An exhibitor staffs (`present`) or leaves their booth from list mode."""

    booth: BoothId
    present: StrictBool


class ShareIn(Model):
    """Which contact data the visitor agrees to give the booth's exhibitors."""

    email: StrictBool = False


class RequestIn(Request, event=Inbound.BOOTH_REQUEST, ack=RequestedOut):
    """Ask a booth's staff to talk: every staff member present is rung."""

    booth: BoothId
    share: ShareIn = Field(default_factory=ShareIn)


class AcceptIn(Request, event=Inbound.BOOTH_ACCEPT, ack=ConversationOut):
    """Answer a request; the first staff member to accept gets the conversation."""

    request: RequestId


class SayIn(Request, event=Inbound.BOOTH_SAY):
    """A text message in a booth conversation."""

    conversation: RequestId
    text: str = Field(min_length=1, max_length=1000)
