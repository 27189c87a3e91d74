"""Databases made by venue's first landed commit upgrade to today's schema, with their data."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import need_service, reset_postgres
from tests.deploy.databases import run_sql
from tests.deploy.records import assert_found
from tests.store.test_migrations import drift
from venue.store import schema
from venue.store.db import Store

DATA = Path(__file__).parent / "data"  # made by data/make_first_release.py, which says how


async def upgraded_matches_today(url: str) -> None:
    store = await Store.open(url)  # as `venue serve` opens it: pending migrations run
    try:
        async with store.engine.connect() as conn:
            found = await conn.run_sync(drift, schema.metadata)
        assert found == [], "\n".join(map(repr, found))
        assert await store.pending() == []
        await assert_found(store)
    finally:
        await store.close()


async def test_the_first_release_sqlite_database_upgrades(tmp_path: Path) -> None:
    copy = tmp_path / "venue.sqlite3"
    shutil.copyfile(DATA / "first-release.sqlite3", copy)
    await upgraded_matches_today(f"sqlite+aiosqlite:///{copy}")


async def test_the_first_release_postgres_database_upgrades() -> None:
    url = need_service("VENUE_TEST_DATABASE_URL", "PostgreSQL")
    await reset_postgres(url)
    await run_sql(url, (DATA / "first-release.postgres.sql").read_text(encoding="utf-8"))
    await upgraded_matches_today(url)
