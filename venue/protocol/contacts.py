"""Payloads of exchanging contact details by double opt-in, and of one-tap block feedback."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field, StrictBool, StrictInt

from venue.protocol.base import DB_INT_MAX, Inbound, Model, Notice, Outbound, Request
from venue.protocol.chat import PersonId


class ContactState(StrEnum):
    """A request as its sender sees it (`pending` until the other agrees, also when they
    declined), or as its answerer left it."""

    PENDING = "pending"
    DECLINED = "declined"
    EXCHANGED = "exchanged"


# -- outbound payloads -------------------------------------------------------


class CardOut(Model):
    """What two people who both agreed see of each other; `email` only if it was shared."""

    person: str
    name: str
    organisation: str | None
    email: str | None
    since: str


class AskedOut(Notice, event=Outbound.CONTACT_ASKED):
    """Someone would like to share contact details: their name only, until one agrees."""

    person: str
    name: str
    at: str


class ExchangedOut(Notice, event=Outbound.CONTACT_EXCHANGED):
    """Both agreed: the other side's card, to each of the two."""

    card: CardOut


class ContactOut(Model):
    """Where a request stands now; `card` once both agreed."""

    state: ContactState
    card: CardOut | None = None


class WaitingOut(Model):
    """Someone a request is waiting on: they asked me, or I asked them."""

    person: str
    name: str
    at: str


class ContactListOut(Model):
    """Requests waiting for my answer, mine waiting for theirs, and the cards I have."""

    asked: list[WaitingOut]
    waiting: list[WaitingOut]
    contacts: list[CardOut]


class FeedbackAskOut(Notice, event=Outbound.FEEDBACK_ASK):
    """A block one was in has ended: rate it (1 to 5 and a line), if one likes."""

    block: int
    title: str


# -- inbound payloads --------------------------------------------------------


class ContactShareIn(Model):
    """Which contact data one gives besides name and organisation."""

    email: StrictBool = False


class ContactRequestIn(Request, event=Inbound.CONTACT_REQUEST, ack=ContactOut):
    """Offer to share contact details with a person; they see the offer, not the details.

    If they had asked first, this is agreeing: the ack carries their card."""

    person: PersonId
    share: ContactShareIn = Field(default_factory=ContactShareIn)


class ContactAnswerIn(Request, event=Inbound.CONTACT_ANSWER, ack=ContactOut):
    """Agree to (`accept`) or decline a person's request; the sender is not told of a no."""

    person: PersonId
    accept: StrictBool
    share: ContactShareIn = Field(default_factory=ContactShareIn)


class ContactListIn(Request, event=Inbound.CONTACT_LIST, ack=ContactListOut):
    """Requests waiting (both ways) and one's contacts: what arrived while one was away."""


class FeedbackRateIn(Request, event=Inbound.FEEDBACK_RATE):
    """Rate an ended block one was in: 1 to 5 stars and an optional line, once."""

    block: StrictInt = Field(ge=0, le=DB_INT_MAX)
    stars: StrictInt = Field(ge=1, le=5)
    # at most 280 once cleaned (feedback.text_invalid); this bounds what is read at all
    comment: str = Field(default="", max_length=1000)
