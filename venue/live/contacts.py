"""Contact details exchanged by double opt-in, told to both sides wherever they are connected.

A request to someone offline waits in the store: `contact.list` shows it when they come.
The asker learns nothing of the other until they agree; a refusal is never told.
"""

from __future__ import annotations

from venue.clock import Clock, utcnow
from venue.domain.contacts import REQUESTS_PER_MINUTE, Card, Link, LinkState, Outcome
from venue.domain.errors import Code, DomainError
from venue.domain.limits import KeyedLimiter
from venue.live.ports import Publisher
from venue.protocol.contacts import (
    AskedOut,
    CardOut,
    ContactListOut,
    ContactOut,
    ContactState,
    ExchangedOut,
    WaitingOut,
)
from venue.store.contacts import Asked
from venue.store.db import Store


class LiveContacts:
    """Offers, answers and exchanges: stored first, then told to whoever is connected."""

    def __init__(self, store: Store, publisher: Publisher, clock: Clock) -> None:
        self._store = store
        self._publisher = publisher
        self._clock = clock
        # per person; a person is served by one process, so its limit holds venue-wide
        self._requests = KeyedLimiter(REQUESTS_PER_MINUTE / 60, REQUESTS_PER_MINUTE)

    async def request(self, asker: str, asked: str, share_email: bool) -> ContactOut:
        if asker != asked and not self._requests.allow(asker, self._clock.monotonic()):
            raise DomainError(Code.CONTACT_FLOOD, "Too many requests; wait a minute.")
        outcome, link = await self._store.contacts.request(asker, asked, share_email, utcnow())
        if outcome is Outcome.ASKED:
            record = await self._store.participants.get(asker)
            if record is not None:
                at = link.created_at.isoformat()
                notice = AskedOut(person=asker, name=record.name, at=at)
                await self._publisher.to_people([asked], notice, relay=True)
            return ContactOut(state=ContactState.PENDING)
        return await self._exchanged(asker, link)

    async def answer(
        self, answerer: str, asker: str, accept: bool, share_email: bool
    ) -> ContactOut:
        link = await self._store.contacts.answer(answerer, asker, accept, share_email, utcnow())
        if link.state is LinkState.DECLINED:
            return ContactOut(state=ContactState.DECLINED)
        return await self._exchanged(answerer, link)

    async def _exchanged(self, me: str, link: Link) -> ContactOut:
        """Both agreed: each side gets the other's card; the ack carries mine of theirs."""
        other = link.other(me)
        theirs = await self._store.contacts.card(other, link)
        mine = await self._store.contacts.card(me, link)
        if mine is not None:
            await self._publisher.to_people([other], ExchangedOut(card=card_out(mine)), relay=True)
        if theirs is not None:  # my other tabs too
            await self._publisher.to_people([me], ExchangedOut(card=card_out(theirs)), relay=True)
        return ContactOut(
            state=ContactState.EXCHANGED, card=card_out(theirs) if theirs is not None else None
        )

    async def list_out(self, person_id: str) -> ContactListOut:
        asked, waiting = await self._store.contacts.waiting(person_id)
        cards = await self._store.contacts.cards(person_id)
        return ContactListOut(
            asked=[_waiting_out(a) for a in asked],
            waiting=[_waiting_out(w) for w in waiting],
            contacts=[card_out(c) for c in cards],
        )


def card_out(card: Card) -> CardOut:
    return CardOut(
        person=card.person,
        name=card.name,
        organisation=card.organisation,
        email=card.email,
        since=card.since.isoformat(),
    )


def _waiting_out(asked: Asked) -> WaitingOut:
    person, name, at = asked
    return WaitingOut(person=person, name=name, at=at.isoformat())
