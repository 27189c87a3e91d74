"""The stage's record on SQLite and PostgreSQL: one ballot and one upvote per person, even when
two arrive at once; a deleted person's ballots and upvotes go with them."""

from __future__ import annotations

import asyncio
from collections import Counter

from venue.domain.people import Role
from venue.store.db import Store


async def test_one_ballot_and_one_upvote_per_person(database_url: str) -> None:
    store = await Store.open(database_url)
    try:
        ann = await store.participants.create("Ann", Role.PARTICIPANT)
        bob = await store.participants.create("Bob", Role.PARTICIPANT)
        poll = await store.stage.add_poll("plenary", None, "Wer?", ["A", "B", "C"], True)
        # two tabs voting at the same moment: the database lets exactly one through
        first, second = await asyncio.gather(
            store.stage.vote(poll.id, ann.id, [0, 2]), store.stage.vote(poll.id, ann.id, [1])
        )
        assert sorted([first, second]) == [False, True]
        assert await store.stage.vote(poll.id, bob.id, [1])
        anns = (await store.stage.ballots_of(ann.id, [poll.id]))[poll.id]
        assert anns in ((0, 2), (1,))
        expected = Counter({(1,): 1})
        expected[anns] += 1
        assert dict((await store.stage.tallies([poll.id]))[poll.id]) == dict(expected)

        asked = await store.chat.add("space:plenary", ann.id, "Ann", "participant", "?", True)
        assert await store.stage.upvote(asked.id, bob.id)
        assert not await store.stage.upvote(asked.id, bob.id)
        assert await store.stage.upvotes([asked.id]) == {asked.id: 1}
        assert await store.stage.upvoted_by(bob.id, [asked.id]) == {asked.id}
        assert await store.stage.upvoted_by(ann.id, [asked.id]) == set()
        await store.stage.hide(asked.id)
        assert await store.stage.open_questions("space:plenary", 10) == []

        [result] = await store.stage.counted([poll])
        assert await store.stage.close_poll(poll.id, *result)
        assert not await store.stage.close_poll(poll.id, [0, 0, 0], 0)
        [closed] = await store.stage.closed_polls()
        assert closed.options == ("A", "B", "C") and closed.closed_at is not None
        assert closed.closed_at.tzinfo is not None

        await store.registrations.delete(bob.id)
        assert sum(n for _, n in (await store.stage.tallies([poll.id]))[poll.id]) == 1
        assert await store.stage.ballots_of(bob.id, [poll.id]) == {}
        # the record keeps the result as it was at closing: ballots are personal data, it is not
        await store.registrations.purge()
        assert await store.stage.tallies([poll.id]) == {}
        assert await store.stage.counted(await store.stage.closed_polls()) == [result]
        assert result[1] == 2
        assert await store.stage.upvotes([asked.id]) == {}
    finally:
        await store.close()
