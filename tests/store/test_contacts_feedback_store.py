"""Contact requests and block ratings on SQLite and PostgreSQL: both go with the person."""

from __future__ import annotations

import datetime as dt

import pytest

from venue.domain.contacts import LinkState, Outcome
from venue.domain.errors import DomainError
from venue.domain.people import Role
from venue.store.db import Store

NOW = dt.datetime(2021, 11, 30, 12, 0, tzinfo=dt.UTC)


async def test_an_exchange_a_refusal_and_a_deletion(database_url: str) -> None:
    store = await Store.open(database_url)
    try:
        ann, bob, cy = [
            await store.participants.create(name, Role.PARTICIPANT) for name in ("Ann", "Bob", "Cy")
        ]
        outcome, link = await store.contacts.request(ann.id, bob.id, True, NOW)
        assert (outcome, link.state) == (Outcome.ASKED, LinkState.PENDING)
        outcome, link = await store.contacts.request(bob.id, ann.id, False, NOW)  # Bob asks back
        assert (outcome, link.state, link.asker) == (Outcome.EXCHANGED, LinkState.EXCHANGED, ann.id)
        await store.contacts.request(cy.id, ann.id, False, NOW)
        declined = await store.contacts.answer(ann.id, cy.id, False, True, NOW)
        assert declined.state is LinkState.DECLINED and declined.asked_email is False
        with pytest.raises(DomainError) as refused:
            await store.contacts.answer(ann.id, cy.id, True, False, NOW)
        assert refused.value.code == "contact.request_unknown"

        [card] = await store.contacts.cards(bob.id)
        assert (card.name, card.since.tzinfo is not None) == ("Ann", True)
        assert await store.contacts.waiting(cy.id) == ([], [(ann.id, "Ann", NOW)])
        await store.registrations.delete(ann.id)
        assert await store.contacts.cards(bob.id) == []
        assert await store.contacts.waiting(cy.id) == ([], [])
    finally:
        await store.close()


async def test_one_rating_per_person_and_block(database_url: str) -> None:
    store = await Store.open(database_url)
    try:
        ann = await store.participants.create("Ann", Role.PARTICIPANT)
        with pytest.raises(DomainError) as absent:
            await store.feedback.rate(0, ann.id, 5, "", NOW)
        assert absent.value.code == "feedback.absent"
        await store.day.routed(0, [(ann.id, None)])
        await store.feedback.rate(0, ann.id, 5, "Gut", NOW)
        with pytest.raises(DomainError) as again:
            await store.feedback.rate(0, ann.id, 1, "", NOW)
        assert again.value.code == "feedback.done"
        assert await store.feedback.by_block() == {0: [(5, "Gut")]}
        await store.registrations.delete(ann.id)
        assert await store.feedback.by_block() == {}
    finally:
        await store.close()
