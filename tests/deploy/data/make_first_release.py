"""Make the first-release fixtures: databases as venue's first landed commit (94a6c64) built them.

Run against the code of that commit, not today's (the imports below are that commit's):

    git worktree add --detach /tmp/venue-first 94a6c64
    createdb -h 127.0.0.1 -U postgres venue_first
    PYTHONPATH=/tmp/venue-first .venv/bin/python tests/deploy/data/make_first_release.py \\
        sqlite+aiosqlite:///tests/deploy/data/first-release.sqlite3 \\
        postgresql://postgres@127.0.0.1/venue_first
    pg_dump -h 127.0.0.1 -U postgres --no-owner --no-privileges --inserts venue_first \\
        | grep -v '^\\\\' > tests/deploy/data/first-release.postgres.sql

(`grep -v` drops the psql-only `\\restrict` lines newer pg_dump writes.) Each database holds
what tests/deploy/test_upgrade.py finds again: FACTS below.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import sys
from dataclasses import replace
from pathlib import Path

from venue.domain.timetable import Delay

from venue.domain.people import Role
from venue.store.booths import Link
from venue.store.db import Store
from venue.store.registrations import Applicant
from venue.venuefile.loader import load_venue

FACTS = {
    "registration": ("Greta Gründerin", "greta@example.org", "workshop-2"),
    "chat": ("space:lobby", "Willkommen im Foyer!"),
    "delay": (1, 10),
    "booth": ("energy", "Speicher für die Lausitz", b"\x89PNG fixture logo"),
    "audit": ("announce", "everyone: Gleich geht es los"),
}


async def make(url: str) -> None:
    import venue

    assert "venue-first" in venue.__file__, f"run against 94a6c64, not {venue.__file__}"
    venue_ = load_venue(Path(venue.__file__).parent.parent / "maps" / "lausitz-2021")
    store = await Store.open(url)
    try:
        await store.registrations.sync_capacities({w.id: w.capacity for w in venue_.workshops()})
        name, email, workshop = FACTS["registration"]
        await store.registrations.register(Applicant(name, email, "HSZG", workshop, "de", False))
        mod = await store.participants.create("Mona Moderator", Role.MODERATOR)
        channel, text = FACTS["chat"]
        await store.chat.add(channel, mod.id, mod.name, mod.role.value, text)
        block, minutes = FACTS["delay"]
        await store.programme.add_adjustment(Delay(block, minutes, cascade=True))
        action, detail = FACTS["audit"]
        await store.programme.audit(mod.id, mod.name, action, detail)
        booth, title, logo = FACTS["booth"]
        await store.booths.seed(venue_.booths.values())
        content = await store.booths.get(booth)
        assert content is not None
        await store.booths.update(
            replace(content, title=title, links=(Link("Web", "https://example.org"),))
        )
        await store.booths.add_file(booth, "logo", "logo.png", "image/png", logo)
        await store.participants.save_place(mod.id, "lobby", 400, 300)
    finally:
        await store.close()
    print(f"made {url} at {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC")


if __name__ == "__main__":
    for target in sys.argv[1:]:
        asyncio.run(make(target))
