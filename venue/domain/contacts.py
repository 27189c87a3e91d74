"""Exchanging contact details by double opt-in: what a request does, and what a card shows.

A request is one person's wish; nothing about the other side is given away until both
agree. A declined request looks pending to whoever sent it (a refusal is nobody's business
but the refuser's), and a person asking someone who once asked them completes the exchange.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from venue.domain.errors import Code, DomainError

REQUESTS_PER_MINUTE = 5  # new requests per person; a burst of them is spam
MAX_UNANSWERED = 100  # a person's requests still waiting for an answer


class LinkState(StrEnum):
    PENDING = "pending"
    DECLINED = "declined"
    EXCHANGED = "exchanged"


@dataclass(frozen=True, slots=True)
class Link:
    """One person's request to another (`asker` → `asked`) and its answer."""

    asker: str
    asked: str
    asker_email: bool  # the asker shares their e-mail address
    asked_email: bool  # the asked person does (when they agreed)
    state: LinkState
    created_at: dt.datetime
    answered_at: dt.datetime | None = None

    def other(self, person_id: str) -> str:
        return self.asked if person_id == self.asker else self.asker

    def shares_email(self, person_id: str) -> bool:
        return self.asker_email if person_id == self.asker else self.asked_email


class Outcome(StrEnum):
    ASKED = "asked"  # a new request waits for the other's answer
    EXCHANGED = "exchanged"  # the other had asked first: both agree now


def on_request(
    asker: str, asked: str, mine: Link | None, theirs: Link | None, unanswered: int
) -> Outcome:
    """What `asker` asking `asked` does, given the requests between the two so far."""
    if asker == asked:
        raise DomainError(Code.CONTACT_SELF, "One does not share contact details with oneself.")
    for link in (mine, theirs):
        if link is not None and link.state is LinkState.EXCHANGED:
            raise DomainError(Code.CONTACT_EXISTS, "You have exchanged contact details already.")
    if theirs is not None:  # pending, or once declined: the other wanted it, and now so do I
        return Outcome.EXCHANGED
    if mine is not None:
        raise DomainError(Code.CONTACT_PENDING, "Your request is waiting for an answer.")
    if unanswered >= MAX_UNANSWERED:
        raise DomainError(Code.CONTACT_FLOOD, "Too many requests are waiting for an answer.")
    return Outcome.ASKED


def on_answer(answerer: str, theirs: Link | None) -> Link:
    """The request `answerer` answers; only a pending one can be."""
    if theirs is None or theirs.asked != answerer or theirs.state is not LinkState.PENDING:
        raise DomainError(Code.CONTACT_REQUEST_UNKNOWN, "That person has not asked you.")
    return theirs


@dataclass(frozen=True, slots=True)
class Card:
    """What two people who agreed see of each other."""

    person: str
    name: str
    organisation: str | None
    email: str | None  # only if they ticked "share my e-mail"
    since: dt.datetime
