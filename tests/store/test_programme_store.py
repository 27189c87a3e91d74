"""Live programme state and the audit log, on SQLite and PostgreSQL; deletion anonymises it."""

from __future__ import annotations

import datetime as dt

from venue.domain.people import Role
from venue.domain.programme import Delay, StartNow
from venue.store.db import Store


async def test_live_state_round_trips(database_url: str) -> None:
    store = await Store.open(database_url)
    try:
        start = dt.datetime(2021, 11, 30, 12, 20, tzinfo=dt.UTC)
        await store.programme.add_adjustment(Delay(1, 10, cascade=False))
        await store.programme.add_adjustment(StartNow(2, start))
        await store.programme.mark_done(0, start)
        await store.programme.mark_done(0, start)  # twice is once
        await store.programme.set_closed("bar", True)
        await store.programme.set_closed("plenary", True)
        await store.programme.set_closed("plenary", False)
        state = await store.programme.load()
        assert state.adjustments == (Delay(1, 10, cascade=False), StartNow(2, start))
        assert state.done == {0} and state.closed == {"bar"}
    finally:
        await store.close()


async def test_deleting_a_person_anonymises_their_audit_entries(database_url: str) -> None:
    store = await Store.open(database_url)
    try:
        mod = await store.participants.create("Mona Moderator", Role.MODERATOR)
        await store.programme.audit(mod.id, mod.name, "announce", "everyone: Hallo")
        await store.registrations.delete(mod.id)
        [entry] = await store.programme.recent_audit()
        assert entry.actor == "deleted participant" and entry.detail == "everyone: Hallo"
        await store.registrations.purge()
        assert await store.programme.recent_audit() == []
    finally:
        await store.close()
