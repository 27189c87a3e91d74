"""Heavy request steps never stall the venue: crafted uploads are refused off the event loop
while a Socket.IO client keeps getting its acks promptly."""

from __future__ import annotations

import asyncio
import io
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestServer

from tests.conftest import Participant
from tests.security.crafted import many_page_pdf
from tests.web.people import CSRF, cookies, staff
from tests.web.test_booth_uploads import real_pdf
from venue.domain.errors import DomainError
from venue.domain.people import Role
from venue.web.keys import OFFLOAD, STORE
from venue.web.offload import QUEUED_MAX, Offload

Join = Callable[[str], Awaitable[Participant]]

# The longest an ack may take while a crafted upload is being checked. Parsing on the loop
# took 14-31 s; a loop that only awaits the worker answers within a few milliseconds (the
# bound leaves room for a machine shared with other test runs).
PROMPT = 2.0


class Probe:
    """Round trips of a cheap acknowledged event, one after another: the loop's lag as a
    client sees it."""

    def __init__(self, person: Participant) -> None:
        self.person = person
        self.times: list[float] = []

    async def run(self, stop: asyncio.Event) -> None:
        loop = asyncio.get_running_loop()
        while not stop.is_set():
            sent = loop.time()
            ack = await self.person.call("booth.list", {})
            assert ack["ok"], ack
            self.times.append(loop.time() - sent)
            await asyncio.sleep(0.15)  # pacing below the event rate limit, not a wait

    @asynccontextmanager
    async def during(self) -> AsyncIterator[Probe]:
        stop = asyncio.Event()
        task = asyncio.create_task(self.run(stop))
        try:
            yield self
        finally:
            stop.set()
            await task


def form(data: bytes, name: str = "crafted.pdf") -> aiohttp.FormData:
    body = aiohttp.FormData()
    body.add_field("csrf", CSRF)
    body.add_field("file", io.BytesIO(data), filename=name, content_type="application/pdf")
    return body


async def upload(server: TestServer, token: str, data: bytes) -> tuple[int, dict[str, Any]]:
    async with (
        aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as http,
        http.post(
            server.make_url("/booths/strategy/materials"),
            data=form(data),
            headers=cookies(token),
            allow_redirects=False,
        ) as response,
    ):
        body = await response.json() if response.content_type == "application/json" else {}
        return response.status, body


async def exhibitor_token(server: TestServer) -> str:
    _record, token = await staff(server.app, Role.EXHIBITOR, "Erika", frozenset({"strategy"}))
    return token


async def test_a_100000_page_pdf_is_refused_while_acks_stay_prompt(
    server: TestServer, join: Join
) -> None:
    token = await exhibitor_token(server)
    crafted = many_page_pdf(100_000)
    assert len(crafted) < 10 * 1024 * 1024  # under the size cap: only its pages are too many
    async with Probe(await join("Vera")).during() as probe:
        status, body = await upload(server, token, crafted)
        answered_during = len(probe.times)
    assert status == 400 and body["error"]["code"] == "upload.too_complex"
    assert answered_during >= 3, "the upload ended before the probe could measure anything"
    assert max(probe.times) < PROMPT, probe.times
    assert await server.app[STORE].booths.files("strategy", "material") == []


async def test_a_pdf_lying_about_its_pages_is_stopped_by_the_time_budget(
    server: TestServer, join: Join
) -> None:
    token = await exhibitor_token(server)
    offload = server.app[OFFLOAD]
    offload.seconds = 3.0  # the real budget is longer; the crafted file would need ~18 s
    crafted = many_page_pdf(100_000, declared=1)
    async with Probe(await join("Vera")).during() as probe:
        status, body = await upload(server, token, crafted)
    assert status == 400 and body["error"]["code"] == "upload.too_complex"
    assert offload.refused == 1
    assert max(probe.times) < PROMPT, probe.times
    # the killed worker is replaced: a real file is accepted afterwards
    status, _ = await upload(server, token, real_pdf())
    assert status == 303
    assert len(await server.app[STORE].booths.files("strategy", "material")) == 1


async def test_an_export_beyond_its_row_cap_is_refused_with_a_code(
    monkeypatch: pytest.MonkeyPatch, server: TestServer
) -> None:
    from venue.web import registrations_csv

    _record, token = await staff(server.app, Role.ORGANISER, "Olga")
    async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as http:
        url = server.make_url("/organiser/booths.csv")
        async with http.get(url, headers=cookies(token)) as fine:
            assert fine.status == 200 and fine.content_type == "text/csv"
            booths = (await fine.text()).count("\r\n") - 1
        monkeypatch.setattr(registrations_csv, "EXPORT_MAX_ROWS", booths - 1)
        async with http.get(url, headers=cookies(token)) as refused:
            assert refused.status == 413
            assert (await refused.json())["error"]["code"] == "export.too_large"


def nap(seconds: float) -> float:
    """A step that takes its time (run in the worker process)."""
    time.sleep(seconds)
    return seconds


def hog(megabytes: int) -> int:
    """A step that wants more memory than a worker may have."""
    return len(bytearray(megabytes * 1024 * 1024))


async def test_steps_beyond_the_queue_are_refused_as_busy() -> None:
    offload = Offload(seconds=20)
    try:
        running = [asyncio.create_task(offload.run(nap, 1.0)) for _ in range(1 + QUEUED_MAX)]
        await asyncio.sleep(0)  # let them take the worker and the queue
        with pytest.raises(DomainError) as refused:
            await offload.run(nap, 0.0)
        assert refused.value.code == "work.busy"
        assert await asyncio.gather(*running) == [1.0] * (1 + QUEUED_MAX)
    finally:
        offload.close()


async def test_a_step_over_its_memory_budget_is_refused_and_the_worker_replaced() -> None:
    offload = Offload(memory=512 * 1024 * 1024)
    try:
        with pytest.raises(DomainError) as refused:
            await offload.run(hog, 1024)
        assert refused.value.code == "upload.too_complex"
        assert await offload.run(hog, 16) == 16 * 1024 * 1024
    finally:
        offload.close()
