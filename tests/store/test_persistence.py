"""Participants and their last place survive a restart, on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from aiohttp.test_utils import TestServer

from tests.conftest import Participant, join_http
from venue.app import create_app
from venue.settings import Settings
from venue.store.db import Store, async_url


async def test_identity_and_place_survive_a_restart(
    aiohttp_server: Callable[..., Awaitable[TestServer]], settings: Settings, database_url: str
) -> None:
    settings = settings.model_copy(update={"database_url": database_url})
    first = await aiohttp_server(await create_app(settings))
    body = await join_http(first, "Ann")
    ann = await Participant(first, body["token"], body["participant"]["id"], "Ann").connect()
    assert (await ann.call("space.enter", {"space": "exhibition"}))["ok"]
    await ann.sio.disconnect()
    await first.close()

    second = await aiohttp_server(await create_app(settings))
    again = await Participant(second, body["token"], body["participant"]["id"], "Ann").connect()
    try:
        assert again.welcome["snapshot"]["me"]["id"] == body["participant"]["id"]
        assert again.welcome["snapshot"]["space"] == "exhibition"
    finally:
        await again.sio.disconnect()


async def test_migrations_run_once(database_url: str) -> None:
    store = await Store.open(database_url)
    try:
        assert await store.upgrade() == []
    finally:
        await store.close()


def test_plain_urls_get_async_drivers() -> None:
    assert async_url("postgresql://u@h/db") == "postgresql+asyncpg://u@h/db"
    assert async_url("sqlite:///var/x.db") == "sqlite+aiosqlite:///var/x.db"
    assert async_url("postgresql+asyncpg://u@h/db") == "postgresql+asyncpg://u@h/db"
