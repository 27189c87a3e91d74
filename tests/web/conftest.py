"""Fixtures for the web tests: the app, a client without a cookie jar, an organiser's token."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable

import aiohttp
import pytest
from aiohttp import web

from tests.web.people import Client, staff
from venue.app import create_app
from venue.domain.people import Role
from venue.settings import Settings
from venue.web.keys import STORE


@pytest.fixture
async def app(
    settings: Settings, aiohttp_client: Callable[..., Awaitable[Client]]
) -> AsyncIterator[web.Application]:
    # depends on aiohttp_client so that a served app is shut down (and closes its own
    # database after its background tasks) before this fixture's teardown runs
    app = await create_app(settings)
    yield app
    if not app.frozen:  # never served: its cleanup never ran
        await app[STORE].close()


@pytest.fixture
async def client(aiohttp_client: Callable[..., Awaitable[Client]], app: web.Application) -> Client:
    # no cookie jar: every request says explicitly whose browser it comes from
    return await aiohttp_client(app, cookie_jar=aiohttp.DummyCookieJar())


@pytest.fixture
async def organiser(app: web.Application) -> str:
    return (await staff(app, Role.ORGANISER, "Olga Organiser"))[1]
