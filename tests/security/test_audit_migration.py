"""Step 10 takes the text of deleted messages out of audit logs written before it."""

from __future__ import annotations

import sqlalchemy as sa

from venue.clock import utcnow
from venue.store.db import Store
from venue.store.migrations import upgrade
from venue.store.schema import audit_log


async def test_old_audit_entries_lose_the_text_of_deleted_messages(database_url: str) -> None:
    store = await Store.open(database_url, upgrade=False)
    try:
        async with store.engine.begin() as conn:
            await conn.run_sync(upgrade, 9)
            for action, detail in (
                ("chat.delete", "Ann: meine Handynummer ist 0171…"),
                ("mute", "Bob"),
            ):
                await conn.execute(
                    audit_log.insert().values(
                        at=utcnow(), actor_id=None, actor_name="Mo", action=action, detail=detail
                    )
                )
            # step 10 alone: later steps (11 on) are not this test's business
            assert [m.version for m in await conn.run_sync(upgrade, 10)] == [10]
            rows = dict(
                (await conn.execute(sa.select(audit_log.c.action, audit_log.c.detail))).all()
            )
    finally:
        await store.close()
    assert "0171" not in rows["chat.delete"] and "removed" in rows["chat.delete"]
    assert rows["mute"] == "Bob"
