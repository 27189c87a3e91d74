"""SQLite writes take turns: no acknowledged chat line is lost while uploads are stored, nor
while another process holds the database's write lock for a while."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestServer

from tests.conftest import Participant
from tests.security.crafted import many_page_pdf
from tests.security.test_heavy_steps import exhibitor_token, upload
from venue.settings import Settings

Join = Callable[[str], Awaitable[Participant]]


async def chatter(person: Participant, lines: int) -> list[int]:
    """Send `lines` space messages one after another; the ids of those acknowledged."""
    acked = []
    for n in range(lines):
        ack = await person.call(
            "chat.send", {"channel": "space:lobby", "text": f"{person.name} {n}"}
        )
        if ack["ok"]:
            acked.append(ack["data"]["id"])
    return acked


async def stored_ids(person: Participant) -> set[int]:
    ack: dict[str, Any] = await person.call("chat.history", {"channel": "space:lobby"})
    assert ack["ok"], ack
    return {m["id"] for m in ack["data"]["messages"]}


async def test_no_acknowledged_line_is_lost_while_uploads_are_written(
    server: TestServer, join: Join
) -> None:
    token = await exhibitor_token(server)
    people = [await join(name) for name in ("Ann", "Bob", "Cem", "Dora")]
    files = [many_page_pdf(2000), many_page_pdf(100_000), many_page_pdf(1500)]
    sent = asyncio.gather(*(chatter(p, 10) for p in people))
    uploads = asyncio.gather(*(upload(server, token, f) for f in files))
    acked, done = await asyncio.gather(sent, uploads)
    assert sorted(status for status, _ in done) == [303, 303, 400]
    ids = {i for batch in acked for i in batch}
    assert len(ids) >= 30  # most lines pass the rate limit; each one acknowledged is kept
    assert ids <= await stored_ids(people[0])


async def test_a_write_waits_for_another_process_holding_the_lock(
    server: TestServer, join: Join, settings: Settings
) -> None:
    if not settings.database_url.startswith("sqlite"):
        pytest.skip("SQLite's file lock; PostgreSQL locks rows")
    ann = await join("Ann")
    path = Path(settings.database_url.split("///", 1)[1])
    locked, release = threading.Event(), threading.Event()

    def other_process() -> None:  # as `venue db restore` or a second process would
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        locked.set()
        release.wait(10)
        conn.execute("COMMIT")
        conn.close()

    holder = threading.Thread(target=other_process)
    holder.start()
    try:
        await asyncio.to_thread(locked.wait, 5)
        sending = asyncio.create_task(chatter(ann, 1))
        probe = await ann.call("booth.list", {})  # reads go on while the write waits
        assert probe["ok"] and not sending.done()
    finally:
        release.set()
        await asyncio.to_thread(holder.join)
    [line] = await sending
    assert line in await stored_ids(ann)
