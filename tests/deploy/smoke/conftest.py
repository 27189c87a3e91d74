"""The deployment deploy/smoke.sh started (nginx, two venue processes): what the checks see.

These tests run only under deploy/smoke.sh (`make deploy-check`), which tells them where
everything is through VENUE_SMOKE_*; `make test` does not collect them.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from playwright.async_api import Browser, BrowserContext, Page, WebSocket

from tests.browser.conftest import Person, browser, chromium  # noqa: F401 (fixtures)

collect_ignore_glob = [] if os.environ.get("VENUE_SMOKE_URL") else ["test_*.py"]

pytestmark = pytest.mark.deploy


@dataclass(frozen=True)
class Deployment:
    """nginx's address, the app processes behind it, their process ids and the run folder."""

    url: str
    apps: tuple[str, ...]
    pids: tuple[int, ...]
    nginx_pid: int
    run: Path

    def app_log(self, index: int) -> str:
        return (self.run / f"app{index + 1}.log").read_text(encoding="utf-8", errors="replace")

    def access_log(self) -> str:
        return (self.run / "nginx" / "access.log").read_text(encoding="utf-8", errors="replace")

    async def connections(self) -> tuple[int, ...]:
        """Socket.IO connections open to each process, from its own /metrics (loopback)."""
        counts = []
        async with aiohttp.ClientSession() as http:
            for app in self.apps:
                async with http.get(f"{app}/metrics") as response:
                    text = await response.text()
                found = re.search(r"^venue_connections (\d+)", text, re.MULTILINE)
                assert found is not None, text[:500]
                counts.append(int(found[1]))
        return tuple(counts)

    async def until_connections(
        self, wanted: Callable[[tuple[int, ...]], bool], within: float = 10.0
    ) -> tuple[int, ...]:
        """Wait until the processes' connection counts satisfy `wanted`; return them."""
        # another process's figures: nothing tells us when they change, so ask again
        async with asyncio.timeout(within):
            while not wanted(counts := await self.connections()):  # noqa: ASYNC110
                await asyncio.sleep(0.1)
        return counts

    async def upstream_of(self, path: str, within: float = 5.0) -> str:
        """The process nginx sent the request for `path` to, from its access log."""
        line = await logged(self.access_log, f' {path}"', within)
        return "http://" + line.split()[-1]

    async def app_line(self, index: int, marker: str, within: float = 5.0) -> str:
        """The line of process `index`'s log holding `marker`: an access log line is written
        after its response is sent, so it may come a moment after the client has the answer."""
        return await logged(lambda: self.app_log(index), marker, within)


async def logged(read: Callable[[], str], marker: str, within: float) -> str:
    """The first line of the log `read` returns that holds `marker`, once it is written."""
    # a log file written by another process: nothing tells us when it grows, so read again
    async with asyncio.timeout(within):
        while True:
            for line in read().splitlines():
                if marker in line:
                    return line
            await asyncio.sleep(0.1)


@pytest.fixture(scope="session")
def deployment() -> Deployment:
    env = os.environ
    return Deployment(
        url=env["VENUE_SMOKE_URL"],
        apps=tuple(env["VENUE_SMOKE_APPS"].split()),
        pids=tuple(int(pid) for pid in env["VENUE_SMOKE_PIDS"].split()),
        nginx_pid=int(env["VENUE_SMOKE_NGINX_PID"]),
        run=Path(env["VENUE_SMOKE_RUN"]),
    )


SOCKET_IO_EVENT = re.compile(r"^42(\d*)(\[.*)$", re.DOTALL)  # Engine.IO message, Socket.IO event


class Visitor(Person):
    """A person whose page's WebSockets and the Socket.IO events they received are recorded."""

    def __init__(self, context: BrowserContext, page: Page) -> None:
        super().__init__(context, page)
        self.sockets: list[str] = []
        self.received: list[tuple[str, Any]] = []
        self._news = asyncio.Event()
        page.on("websocket", self._socket)

    def _socket(self, socket: WebSocket) -> None:
        self.sockets.append(socket.url)
        socket.on("framereceived", self._frame)

    def _frame(self, payload: str | bytes) -> None:
        found = SOCKET_IO_EVENT.match(payload) if isinstance(payload, str) else None
        if found:
            event, *data = json.loads(found[2])
            self.received.append((event, data[0] if data else None))
            self._news.set()

    async def until(self, event: str, match: Callable[[Any], bool], within: float = 10.0) -> Any:
        """The first received `event` whose payload matches, waiting for it if need be."""
        seen = 0
        async with asyncio.timeout(within):
            while True:
                for name, data in self.received[seen:]:
                    if name == event and match(data):
                        return data
                seen = len(self.received)
                self._news.clear()
                await self._news.wait()


Open = Callable[[str], Awaitable[Visitor]]


@pytest.fixture
async def open_person(browser: Browser, deployment: Deployment) -> AsyncIterator[Open]:  # noqa: F811
    """A person in a fresh browser context who joins through nginx, as anyone would."""
    people: list[Visitor] = []

    async def _open(name: str) -> Visitor:
        context = await browser.new_context(viewport={"width": 1280, "height": 800})
        person = Visitor(context, await context.new_page())
        people.append(person)
        await person.page.goto(f"{deployment.url}/?lang=en")
        await person.page.fill("#join-name", name)
        await person.page.click("#join-form button[type=submit]")
        await person.page.wait_for_selector("#app:not([hidden])")
        await person.page.wait_for_selector("#space-list li")
        return person

    yield _open
    for person in people:
        await person.context.close()
