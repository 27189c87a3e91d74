"""Fixtures: settings, a real listening server, real Socket.IO clients, both databases."""

from __future__ import annotations

import asyncio
import os
import shutil
from collections.abc import AsyncIterator, Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import socketio
from aiohttp.test_utils import TestServer

from tests.web.people import registered
from venue.app import create_app
from venue.domain.venue import Venue
from venue.settings import ROOT, Settings
from venue.store import schema
from venue.store.db import Store
from venue.web.keys import IDENTITIES

SEED = ROOT / "maps" / "lausitz-2021"
SAMPLES = Path(__file__).resolve().parent / "data" / "samples"
REQUIRE_SERVICES = os.environ.get("VENUE_TEST_REQUIRE_SERVICES") == "1"


def need_service(env: str, what: str) -> str:
    """The URL of a service the test needs; skip without it, fail if CI requires services."""
    url = os.environ.get(env, "")
    if not url:
        if REQUIRE_SERVICES:
            pytest.fail(f"{env} is not set but VENUE_TEST_REQUIRE_SERVICES=1 ({what})")
        pytest.skip(f"{env} not set: no {what} to test against")
    return url


async def reset_postgres(url: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        tables = ", ".join(t.name for t in schema.metadata.sorted_tables)
        await conn.execute(f"DROP TABLE IF EXISTS {tables} CASCADE")
    finally:
        await conn.close()


@pytest.fixture(params=["sqlite", "postgres"])
async def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path}/venue.sqlite3"
    url = need_service("VENUE_TEST_DATABASE_URL", "PostgreSQL")
    await reset_postgres(url)
    return url


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An SQLite database with every migration applied, made once per run: a copy costs a
    millisecond, migrating a new file about 0.2 s (tests/store checks the migrations)."""
    path = tmp_path_factory.mktemp("template") / "venue.sqlite3"

    async def migrate() -> None:
        await (await Store.open(f"sqlite+aiosqlite:///{path}")).close()

    with ThreadPoolExecutor(max_workers=1) as pool:  # outside the tests' event loop
        pool.submit(asyncio.run, migrate()).result()
    return path


@pytest.fixture
def settings(tmp_path: Path, migrated_sqlite: Path) -> Settings:
    database = shutil.copyfile(migrated_sqlite, tmp_path / "venue.sqlite3")
    return Settings(
        venue_dir=SEED,
        database_url=f"sqlite+aiosqlite:///{database}",
        secret_key="test-secret-0123456789",
        disconnect_grace=0.3,
        tick_hz=20,
    )


def tuned(settings: Settings, **changes: Any) -> Settings:
    """The suite's settings (its migrated database copy included) with a module's changes,
    validated as settings are."""
    return Settings.model_validate({**settings.model_dump(), **changes})


@pytest.fixture
def venue() -> Venue | None:
    """The venue to serve; None means the seed venue from settings.venue_dir."""
    return None


@pytest.fixture
async def server(
    aiohttp_server: Callable[..., Awaitable[TestServer]], settings: Settings, venue: Venue | None
) -> TestServer:
    return await aiohttp_server(await create_app(settings, venue))


# How long a test waits for something that should happen: a wait ends when the event arrives,
# so this only decides how late a failure is reported; 3 s failed under `stress --cpu 2`.
PATIENCE = 10.0


class Participant:
    """One person's Socket.IO connection, recording what the server sends."""

    def __init__(self, server: TestServer, token: str, person_id: str, name: str) -> None:
        self.url = str(server.make_url("/"))
        self.token = token
        self.id = person_id
        self.name = name
        self.received: list[tuple[str, Any]] = []
        self._news = asyncio.Event()
        self.gone = asyncio.Event()  # set when the connection ends, whoever ended it
        # engine.io's 5 s for the handshake and socket.io's 1 s for the namespace failed under
        # load ("Unexpected connection error") before the server had a chance to answer
        self.sio = socketio.AsyncClient(reconnection=False, request_timeout=PATIENCE)
        self.sio.on("*", self._record)
        self.sio.on("disconnect", self._disconnected)

    async def _record(self, event: str, data: Any = None) -> None:
        self.received.append((event, data))
        self._news.set()

    async def _disconnected(self, *_reason: Any) -> None:
        self.gone.set()

    async def connect(self) -> Participant:
        # python-socketio waits 1 s for the namespace's answer by default; a loaded CI core can
        # take longer to join someone (database, welcome), which is slowness, not a refusal
        await self.sio.connect(
            self.url, auth={"token": self.token}, transports=["websocket"], wait_timeout=PATIENCE
        )
        return self

    async def call(self, event: str, payload: Any = None) -> dict[str, Any]:
        result: dict[str, Any] = await self.sio.call(event, payload, timeout=PATIENCE)
        return result

    async def round_trip(self) -> None:
        """A request and its ack: what the server sent this person before has arrived then
        (one connection delivers in order), so an absence asserted after it is certain."""
        ack = await self.call("presence.locate", {"query": self.name})
        assert ack["ok"], ack

    def mark(self) -> int:
        """Where the record of received events stands now (for `wait_for(since=…)`)."""
        return len(self.received)

    async def wait_for(
        self,
        event: str,
        match: Callable[[Any], bool] = lambda _: True,
        within: float = PATIENCE,
        since: int = 0,
    ) -> Any:
        """The first received `event` (past or future, or since a `mark()`) whose payload
        matches."""
        seen = since
        async with asyncio.timeout(within):
            while True:
                for name, data in self.received[seen:]:
                    if name == event and match(data):
                        return data
                seen = len(self.received)
                self._news.clear()
                await self._news.wait()

    async def until(
        self, condition: Callable[[Participant], bool], within: float = PATIENCE
    ) -> None:
        """Wait until `condition(self)` holds, re-checking whenever something arrives."""
        async with asyncio.timeout(within):
            while not condition(self):
                self._news.clear()
                await self._news.wait()

    def events(self, event: str) -> list[Any]:
        return [data for name, data in self.received if name == event]

    @property
    def welcome(self) -> Any:
        return self.events("venue.welcome")[0]


async def next_frame(changer: Participant, *watchers: Participant, status: str = "busy") -> None:
    """A frame later than anything the space had to send: `changer` changes their status and
    every watcher waits for that change (frames carry a space's events in order)."""
    assert await changer.call("presence.status", {"status": status}) == {"ok": True}
    change = {"id": changer.id, "status": status}
    for watcher in watchers:
        await watcher.wait_for("space.tick", lambda f: change in f["status"])


async def grace_passed(leaver: Participant, watcher: Participant) -> None:
    """`leaver` disconnects and `watcher` (in the same space) sees them depart: every grace
    period that began before has ended by then (one length for all, first in, first out)."""
    await leaver.sio.disconnect()
    await watcher.wait_for("space.tick", lambda f: any(d["id"] == leaver.id for d in f["departed"]))


async def join_http(server: TestServer, name: str) -> dict[str, Any]:
    async with (
        aiohttp.ClientSession() as http,
        http.post(server.make_url("/api/join"), json={"name": name}) as response,
    ):
        assert response.status == 200, await response.text()
        body: dict[str, Any] = await response.json()
        return body


async def disconnect_all(people: list[Participant]) -> None:
    """Close the connections still open, before their server closes (GUIDE §8)."""
    for person in people:
        if person.sio.connected:
            await person.sio.disconnect()


@pytest.fixture
async def people() -> AsyncIterator[Callable[[TestServer, str, str], Awaitable[Participant]]]:
    """Connect stored people (`server`, their id, their name) with a personal link; they
    are disconnected before their server closes."""
    connected: list[Participant] = []

    async def _connect(server: TestServer, record_id: str, name: str) -> Participant:
        token = await server.app[IDENTITIES].issue(record_id, "link")
        person = await Participant(server, token, record_id, name).connect()
        connected.append(person)
        return person

    yield _connect
    await disconnect_all(connected)


@pytest.fixture
async def join(server: TestServer) -> AsyncIterator[Callable[[str], Awaitable[Participant]]]:
    """Join as a guest over HTTP and connect a real Socket.IO client."""
    people: list[Participant] = []

    async def _join(name: str) -> Participant:
        body = await join_http(server, name)
        person = Participant(server, body["token"], body["participant"]["id"], name)
        people.append(person)
        return await person.connect()

    yield _join
    await disconnect_all(people)


async def connect_registered(
    server: TestServer, name: str, organisation: str | None = None, email: str | None = None
) -> Participant:
    """Someone registered for workshop 1 (as `name`@example.org unless `email` says otherwise),
    connected with a personal link; its token (`.token`) also opens their personal page."""
    address = email or f"{name.lower()}@example.org"
    record = await registered(server.app, name, address, "workshop-1", organisation)
    token = await server.app[IDENTITIES].issue(record.id, "link")
    return await Participant(server, token, record.id, name).connect()


@pytest.fixture
async def registered_person(
    server: TestServer,
) -> AsyncIterator[Callable[..., Awaitable[Participant]]]:
    """`connect_registered` on the test's server; disconnected before the server closes."""
    people: list[Participant] = []

    async def _connect(name: str, organisation: str | None = None, **email: str) -> Participant:
        person = await connect_registered(server, name, organisation, **email)
        people.append(person)
        return person

    yield _connect
    await disconnect_all(people)
