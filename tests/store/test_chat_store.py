"""Chat messages, mutes, blocks and read markers on SQLite and PostgreSQL; deletion anonymises."""

from __future__ import annotations

import sqlalchemy as sa

from venue.domain.chat import dm_key
from venue.domain.people import Role
from venue.store.db import Store
from venue.store.schema import chat_messages


async def test_history_is_the_last_messages_oldest_first_without_deleted_ones(
    database_url: str,
) -> None:
    store = await Store.open(database_url)
    try:
        ann = await store.participants.create("Ann", Role.PARTICIPANT)
        ids = [
            (await store.chat.add("space:bar", ann.id, "Ann", "participant", f"m{i}")).id
            for i in range(5)
        ]
        await store.chat.add("space:lobby", ann.id, "Ann", "participant", "elsewhere")
        await store.chat.mark(ids[4], deleted=True)
        history = await store.chat.history("space:bar", 3)
        assert [m.text for m in history] == ["m1", "m2", "m3"]
        assert history[0].at.tzinfo is not None and history[0].author_role == "participant"
        assert await store.chat.get(ids[4]) is None
        question = await store.chat.add("space:plenary", ann.id, "Ann", "participant", "?", True)
        await store.chat.mark(question.id, answered=True)
        got = await store.chat.get(question.id)
        assert got is not None and got.question and got.answered
    finally:
        await store.close()


async def test_mutes_blocks_and_unread_counts(database_url: str) -> None:
    store = await Store.open(database_url)
    try:
        ann = await store.participants.create("Ann", Role.PARTICIPANT)
        bob = await store.participants.create("Bob", Role.PARTICIPANT)
        await store.chat.set_muted(ann.id, True)
        await store.chat.set_muted(ann.id, True)
        assert await store.chat.muted() == {ann.id}
        await store.chat.set_muted(ann.id, False)
        assert await store.chat.muted() == set()

        await store.chat.set_blocked(bob.id, ann.id, True)
        assert await store.chat.blocked_either(ann.id, bob.id)
        assert await store.chat.blocked_by(bob.id) == [ann.id]
        await store.chat.set_blocked(bob.id, ann.id, False)
        assert not await store.chat.blocked_either(bob.id, ann.id)

        key = dm_key(ann.id, bob.id)
        first = await store.chat.add(key, ann.id, "Ann", "participant", "hi")
        await store.chat.add(key, ann.id, "Ann", "participant", "there")
        await store.chat.add(key, bob.id, "Bob", "participant", "hello")
        assert await store.chat.conversations(bob.id) == {key: (2, "Ann")}
        assert await store.chat.conversations(ann.id) == {key: (1, "Bob")}
        await store.chat.mark_read(bob.id, key, first.id)
        await store.chat.mark_read(bob.id, key, 0)  # never backwards
        assert await store.chat.conversations(bob.id) == {key: (1, "Ann")}
    finally:
        await store.close()


async def test_deleting_a_person_erases_what_they_wrote(
    database_url: str,
) -> None:
    store = await Store.open(database_url)
    try:
        ann = await store.participants.create("Ann", Role.MODERATOR)
        bob = await store.participants.create("Bob", Role.PARTICIPANT)
        await store.chat.add("space:bar", ann.id, "Ann", "moderator", "bye")
        await store.chat.add("space:bar", bob.id, "Bob", "participant", "stay")
        await store.chat.set_blocked(ann.id, bob.id, True)
        await store.registrations.delete(ann.id)
        history = await store.chat.history("space:bar", 50)
        assert [(m.author_id, m.author_name, m.text) for m in history] == [
            (bob.id, "Bob", "stay")  # Ann's message is gone, with its text (docs/privacy.md)
        ]
        async with store.engine.connect() as conn:
            texts = (await conn.execute(sa.select(chat_messages.c.text))).scalars().all()
        assert "bye" not in texts
        assert not await store.chat.blocked_either(ann.id, bob.id)
    finally:
        await store.close()
