"""A restart keeps the live day: `venue serve` killed with SIGKILL mid-day and started again
finds 20 people where they were, with their stays, the removal ban, a list-mode check-in and
the console's announcement, on SQLite and on PostgreSQL."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import socketio

from tests.conftest import Participant, join_http, need_service, reset_postgres
from tests.packaging.processes import Served, clean_environment, free_port, invited
from venue.settings import ROOT

REHEARSAL = dt.datetime(2021, 11, 30, 13, 20)  # the break; block 2 (the workshops) is next
WORKSHOPS = 2
GUESTS = 18  # with a moderator and an exhibitor: 20 clients


@pytest.fixture(params=["sqlite", "postgres"])
async def env(request: pytest.FixtureRequest, tmp_path: Path) -> dict[str, str]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path}/venue.sqlite3"
    else:
        url = need_service("VENUE_TEST_DATABASE_URL", "PostgreSQL")
        await reset_postgres(url)
    return clean_environment(
        VENUE_DATABASE_URL=url,
        VENUE_SECRET_KEY="restart-test-secret",
        VENUE_DATA_DIR=str(tmp_path),
        VENUE_DISCONNECT_GRACE="30",  # nobody leaves on their own during the test
    )


class Venue:
    """`venue serve` on one port, killed and started again there as an init system would."""

    def __init__(self, env: dict[str, str], tmp_path: Path) -> None:
        self.env = env
        self.tmp_path = tmp_path
        self.port = free_port()
        self.served: list[Served] = []
        self._started = 0.0

    async def start(self, clock: dt.datetime) -> Served:
        command = [sys.executable, "-m", "venue", "serve", "--clock", clock.isoformat()]
        log = self.tmp_path / f"serve-{len(self.served)}.log"
        served = Served(command, self.port, ROOT, self.env, log)
        self._started = time.monotonic()
        self.served.append(served)
        await served.ready()
        return served

    def programme_now(self, clock: dt.datetime) -> dt.datetime:
        """Where the rehearsal clock of the process started at `clock` is about now."""
        return clock + dt.timedelta(seconds=time.monotonic() - self._started)

    def kill(self) -> None:
        process = self.served[-1].process
        process.kill()
        process.wait(10)

    def stop(self) -> None:
        for served in self.served:
            served.stop()


@pytest.fixture
async def venue(env: dict[str, str], tmp_path: Path) -> AsyncIterator[Venue]:
    venue = Venue(env, tmp_path)
    yield venue
    venue.stop()


def place(person: Participant) -> tuple[str, int, int]:
    snapshot = person.welcome["snapshot"]
    return snapshot["space"], snapshot["me"]["x"], snapshot["me"]["y"]


async def step(person: Participant, space: str, x: int, y: int) -> tuple[str, int, int]:
    """One step sideways (the other way at a wall): where the person stands now."""
    for nx in (x + 8, x - 8, x + 16, x - 16):
        if (await person.call("presence.move", {"x": nx, "y": y}))["ok"]:
            return space, nx, y
    raise AssertionError(f"{person.name} cannot step sideways from {(space, x, y)}")


async def places_saved(served: Served) -> None:
    """Until /metrics says every place that changed is saved (about once a second)."""
    async with asyncio.timeout(10), aiohttp.ClientSession() as http:
        while True:
            async with http.get(served.make_url("/metrics")) as response:
                text = await response.text()
            found = re.search(r"^venue_places_unsaved (\S+)$", text, re.MULTILINE)
            assert found is not None, text
            if float(found[1]) == 0:
                return
            await asyncio.sleep(0.2)


async def again(served: Served, person: Participant) -> Participant:
    return await Participant(served, person.token, person.id, person.name).connect()  # type: ignore[arg-type]


async def disconnect(people: list[Participant]) -> None:
    for person in people:
        if person.sio.connected:
            await person.sio.disconnect()


async def test_a_killed_venue_continues_the_day_exactly(venue: Venue) -> None:
    first = await venue.start(REHEARSAL)
    mo = await invited(venue.env, first, "--role", "moderator", "--name", "Mo")
    eva = await invited(
        venue.env, first, "--role", "exhibitor", "--booth", "energy", "--name", "Eva"
    )
    guests = []
    for n in range(GUESTS):
        body = await join_http(first, f"Gast {n:02}")  # type: ignore[arg-type]
        person = Participant(first, body["token"], body["participant"]["id"], f"Gast {n:02}")  # type: ignore[arg-type]
        guests.append(await person.connect())
    before: list[Participant] = [mo, eva, *guests]
    try:
        stayers, leavers, removed = guests[:3], guests[3:6], guests[6]
        staying = {}
        for person in stayers:  # before the transition: they stay behind in the exhibition
            stayed = await person.call("programme.stay", {})
            assert stayed["ok"] and stayed["data"]["staying_until"], stayed
            staying[person.id] = stayed["data"]["staying_until"]
        assert (await mo.call("mod.start_next", {"block": WORKSHOPS}))["ok"]
        where: dict[str, tuple[str, int, int]] = {}
        for person in guests:
            if person in stayers:
                where[person.id] = place(person)
                continue
            snapshot = await person.wait_for("space.snapshot", within=10)
            assert snapshot["space"].startswith("workshop"), snapshot
            where[person.id] = (snapshot["space"], snapshot["me"]["x"], snapshot["me"]["y"])
        for person in leavers:  # they leave their workshop for the lobby
            entered = await person.call("space.enter", {"space": "lobby"})
            assert entered["ok"], entered
            where[person.id] = ("lobby", entered["data"]["me"]["x"], entered["data"]["me"]["y"])
        for person in guests:  # and everybody takes a step since their last change of space
            where[person.id] = await step(person, *where[person.id])
        assert (await eva.call("booth.checkin", {"booth": "energy", "present": True}))["ok"]
        assert (await mo.call("mod.announce", {"text": "Kaffee im Foyer"}))["ok"]
        assert (await mo.call("mod.remove", {"person": removed.id}))["ok"]
        await places_saved(first)

        venue.kill()
        second = await venue.start(venue.programme_now(REHEARSAL))
        await disconnect(before)

        kept = [p for p in guests if p is not removed]
        back = [await again(second, p) for p in kept]
        before += back
        for person in back:
            assert place(person) == where[person.id], person.name
            you = await person.wait_for("programme.you")
            assert you["staying_until"] == staying.get(person.id), person.name
        with pytest.raises(socketio.exceptions.ConnectionError):
            await again(second, removed)
        eva_back = await again(second, eva)
        mo_back = await again(second, mo)
        before += [eva_back, mo_back]
        listing: dict[str, Any] = (await back[0].call("booth.list", {}))["data"]
        [energy] = [b for b in listing["booths"] if b["id"] == "energy"]
        assert energy["open"] and energy["staff"] == [{"id": eva.id, "name": "Eva"}]
        console = (await mo_back.call("mod.watch", {}))["data"]
        assert [a["text"] for a in console["announcements"]] == ["Kaffee im Foyer"]
    finally:
        await disconnect(before)
