"""Two `venue serve --redis` processes serving one venue, with the local Redis and PostgreSQL.

Each test starts real server processes on their own ports, as an operator would behind nginx,
and connects real Socket.IO clients to one or the other.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest
import socketio

from tests.conftest import PATIENCE, Participant, join_http, need_service, reset_postgres
from tests.packaging.processes import invited
from tests.services import Gate
from venue.clock import utcnow
from venue.settings import ROOT

SECRET = "cluster-test-secret"
GRACE = 2.0  # VENUE_DISCONNECT_GRACE of the processes
REHEARSAL = "2021-11-30T13:20"  # the break: the workshops begin at 13:30
READY_SECONDS = 90.0  # for `venue serve` to answer /healthz


@dataclass
class Process:
    """One `venue serve` process; `url` is what a client (or nginx) talks to."""

    port: int
    proc: subprocess.Popen[bytes]
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def make_url(self, path: str) -> str:  # what Participant and join_http expect of a server
        return self.url.rstrip("/") + path

    def kill(self) -> None:
        """Die without a goodbye, as a crashed process or a lost machine does."""
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)


Start = Callable[[], Awaitable[Process]]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
async def cluster_env(tmp_path: Path) -> dict[str, str]:
    database = need_service("VENUE_TEST_DATABASE_URL", "PostgreSQL")
    redis = need_service("VENUE_TEST_REDIS_URL", "Redis")
    await reset_postgres(database)
    env = {k: v for k, v in os.environ.items() if not k.startswith("VENUE_")}
    env.update(
        VENUE_SECRET_KEY=SECRET,
        VENUE_DATABASE_URL=database,
        VENUE_REDIS_URL=redis,
        VENUE_REDIS_CHANNEL=f"venue-test:{uuid.uuid4().hex}",  # tests never hear each other
        VENUE_DISCONNECT_GRACE=str(GRACE),
        VENUE_SECRET_FILE=str(tmp_path / "secret"),
    )
    return env


@pytest.fixture
async def start(cluster_env: dict[str, str], tmp_path: Path) -> AsyncIterator[Start]:
    processes: list[Process] = []
    # one rehearsal: the processes' programme clocks agree however long each takes to start
    rehearsal = ["--clock", REHEARSAL, "--clock-since", utcnow().isoformat()]

    async def _start() -> Process:
        port = _free_port()
        log = tmp_path / f"serve-{port}.log"
        proc = _spawn(["serve", "--port", str(port), *rehearsal], cluster_env, log)
        process = Process(port, proc, log)
        processes.append(process)
        await _ready(process)
        return process

    yield _start
    for process in processes:
        if process.proc.poll() is None:
            process.proc.send_signal(signal.SIGTERM)
    for process in processes:
        try:
            process.proc.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()


def _spawn(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "venue", *args],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


async def _ready(process: Process, within: float = READY_SECONDS) -> None:
    """Until /healthz answers: a few seconds of imports and migrations when the machine is
    idle, several times that under load (20 s were not enough under `stress --cpu 2`)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    async with aiohttp.ClientSession() as http:
        while loop.time() < deadline:
            if process.proc.poll() is not None:
                raise AssertionError(f"venue serve exited:\n{process.log.read_text()}")
            try:
                async with http.get(process.make_url("/healthz")) as response:
                    if response.status == 200:
                        return
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.1)
    raise AssertionError(
        f"venue serve did not become ready in {within} s:\n{process.log.read_text()}"
    )


@pytest.fixture
async def people() -> AsyncIterator[Callable[[Process, str], Awaitable[Participant]]]:
    """Join as a guest on one process and connect there."""
    joined: list[Participant] = []

    async def _join(process: Process, name: str) -> Participant:
        body = await join_http(process, name)  # type: ignore[arg-type]
        person = Participant(process, body["token"], body["participant"]["id"], name)  # type: ignore[arg-type]
        joined.append(person)
        return await person.connect()

    yield _join
    for person in joined:
        if person.sio.connected:
            await person.sio.disconnect()


def _present(person: Participant, other: str) -> bool:
    """Whether `person`'s view of their space has `other` in it (snapshot, then ticks)."""
    here = {p["id"] for p in person.welcome["snapshot"]["people"]}
    for event, data in person.received:
        if event == "space.snapshot":
            here = {p["id"] for p in data["people"]}
        elif event == "space.tick":
            here |= {p["id"] for p in data["arrived"]}
            here -= {d["id"] for d in data["departed"]}
    return other in here


async def _step(person: Participant, dx: int) -> tuple[str, int, int]:
    """Take one step sideways (the other way if a wall is there); where the person is now."""
    me = person.welcome["snapshot"]["me"]
    for x in (me["x"] + dx, me["x"] - dx):
        if (await person.call("presence.move", {"x": x, "y": me["y"]}))["ok"]:
            return me["space"], x, me["y"]
    raise AssertionError(f"{person.name} cannot step sideways from {me}")


async def test_participants_on_different_processes_see_each_other_move(
    start: Start, people: Callable[[Process, str], Awaitable[Participant]]
) -> None:
    a, b = await start(), await start()
    alice = await people(a, "Alice")
    bob = await people(b, "Bob")
    await bob.until(lambda me: _present(me, alice.id))
    await alice.until(lambda me: _present(me, bob.id))
    space, x, y = await _step(alice, 8)
    seen = await bob.wait_for(
        "space.tick",
        lambda tick: {"id": alice.id, "x": x, "y": y} in tick["moves"],
    )
    assert seen["space"] == space
    # both processes count everyone
    counts = await alice.wait_for("venue.counts", lambda c: sum(c["counts"].values()) == 2)
    assert counts["counts"][space] == 2


async def test_a_transition_started_on_one_process_moves_people_on_the_other(
    start: Start,
    people: Callable[[Process, str], Awaitable[Participant]],
    cluster_env: dict[str, str],
) -> None:
    a, b = await start(), await start()
    moderator = await invited(cluster_env, a, "--role", "moderator", "--name", "Mo")
    there = [await people(b, name) for name in ("Bea", "Ben")]
    here = await people(a, "Ada")
    for person in (*there, here):
        assert person.welcome["snapshot"]["space"] == "exhibition"  # the break is running
    async with asyncio.timeout(PATIENCE):  # the console on a counts the people served by b
        while True:
            console = (await moderator.call("mod.watch", {}))["data"]
            if sum(h["count"] for h in console["next_headcounts"]) == 3:
                break
            await asyncio.sleep(0.1)
    ack = await moderator.call("mod.start_next", {"block": 2})
    assert ack["ok"], ack
    workshops = {"workshop-1", "workshop-2"}
    for person in (*there, here):
        snapshot = await person.wait_for("space.snapshot")
        assert snapshot["space"] in workshops
        assert snapshot["me"]["id"] == person.id
    # a moderator's announcement made on one process reaches people on the other
    assert (await moderator.call("mod.announce", {"text": "Willkommen"}))["ok"]
    for person in there:
        note = await person.wait_for("venue.announcement")
        assert note["text"] == "Willkommen"


async def test_a_dead_process_loses_only_its_connections_which_resume_on_the_other(
    start: Start, people: Callable[[Process, str], Awaitable[Participant]]
) -> None:
    a, b = await start(), await start()
    alice = await people(a, "Alice")
    carol = await people(a, "Carol")  # never comes back
    bob = await people(b, "Bob")
    await bob.until(lambda me: _present(me, alice.id) and _present(me, carol.id))
    space, x, y = await _step(alice, 8)
    await bob.wait_for("space.tick", lambda t: {"id": alice.id, "x": x, "y": y} in t["moves"])

    a.kill()
    async with asyncio.timeout(10):  # the socket closes with the process
        await alice.sio.wait()
    assert bob.sio.connected  # the other process's people were never disturbed

    # alice's browser reconnects; nginx sends it to the process still alive
    again = Participant(b, alice.token, alice.id, "Alice")  # type: ignore[arg-type]
    await again.connect()
    resumed = again.welcome["snapshot"]
    assert resumed["me"]["id"] == alice.id
    assert (resumed["space"], resumed["me"]["x"], resumed["me"]["y"]) == (space, x, y)
    # carol did not come back within the grace period: she leaves everyone's view
    await bob.until(lambda p: not _present(p, carol.id), within=GRACE + 8)
    assert _present(bob, alice.id)
    await again.sio.disconnect()


async def test_chat_and_moderation_reach_people_served_by_the_other_process(
    start: Start,
    people: Callable[[Process, str], Awaitable[Participant]],
    cluster_env: dict[str, str],
) -> None:
    a, b = await start(), await start()
    moderator = await invited(cluster_env, a, "--role", "moderator", "--name", "Mo")
    alice = await people(a, "Alice")
    bob = await people(b, "Bob")
    eve = await people(b, "Eve")
    space = alice.welcome["snapshot"]["space"]
    assert bob.welcome["snapshot"]["space"] == space
    await alice.until(lambda me: _present(me, bob.id) and _present(me, eve.id))

    # space chat and a direct message, each posted on one process, read on the other
    ack = await alice.call("chat.send", {"channel": f"space:{space}", "text": "Hallo Saal"})
    assert ack["ok"], ack
    said = await bob.wait_for("chat.message", lambda m: m["text"] == "Hallo Saal")
    assert said["author"]["id"] == alice.id
    ack = await bob.call("chat.send", {"channel": f"dm:{alice.id}", "text": "Nur für dich"})
    assert ack["ok"], ack
    dm = await alice.wait_for("chat.message", lambda m: m["text"] == "Nur für dich")
    assert dm["channel"] == f"dm:{bob.id}"
    assert not [m for m in eve.events("chat.message") if m["text"] == "Nur für dich"]

    # a mute made on one process holds on the other
    assert (await moderator.call("mod.mute", {"person": eve.id, "muted": True}))["ok"]
    async with asyncio.timeout(PATIENCE):
        while True:
            muted = await eve.call("chat.send", {"channel": f"space:{space}", "text": "Psst"})
            if not muted["ok"]:
                break
            await asyncio.sleep(0.05)  # the mute is on its way over Redis
    assert muted["error"]["code"] == "chat.muted"

    # a removal made on one process takes the person out where they are connected
    assert (await moderator.call("mod.remove", {"person": eve.id}))["ok"]
    async with asyncio.timeout(5):
        await eve.sio.wait()
    await alice.until(lambda me: not _present(me, eve.id))
    again = Participant(b, eve.token, eve.id, "Eve")  # type: ignore[arg-type]
    with pytest.raises(socketio.exceptions.ConnectionError):
        await again.connect()  # banned on the process she was removed from


async def test_serving_with_an_unreachable_redis_says_so_and_stops(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VENUE_")}
    env["VENUE_SECRET_KEY"] = SECRET
    database = f"sqlite+aiosqlite:///{tmp_path}/venue.sqlite3"
    args = ["serve", "--port", str(_free_port()), "--database", database]
    proc = _spawn([*args, "--redis", f"redis://127.0.0.1:{_free_port()}/0"], env, tmp_path / "log")
    assert await asyncio.to_thread(proc.wait, 60) == 1
    output = (tmp_path / "log").read_text()
    assert "venue serve --redis: cannot reach Redis at 127.0.0.1:" in output
    assert "Traceback" not in output


async def test_a_process_that_lost_redis_catches_up_when_it_returns(
    start: Start,
    people: Callable[[Process, str], Awaitable[Participant]],
    cluster_env: dict[str, str],
) -> None:
    gate = await Gate(cluster_env["VENUE_REDIS_URL"]).open()
    try:
        b = await start()
        cluster_env["VENUE_REDIS_URL"] = gate.url  # only process a goes through the gate
        a = await start()
        alice = await people(a, "Alice")
        bob = await people(b, "Bob")
        await bob.until(lambda me: _present(me, alice.id))

        await gate.shut()  # a no longer hears b, nor b a
        carol = await people(b, "Carol")
        _space, x, y = await _step(alice, 8)
        await gate.open()

        # a subscribes again and starts afresh: both sides learn what they missed
        await alice.until(lambda me: _present(me, carol.id), within=10)
        await bob.wait_for(
            "space.tick",
            lambda t: (
                any(p["id"] == alice.id and (p["x"], p["y"]) == (x, y) for p in t["arrived"])
                or {"id": alice.id, "x": x, "y": y} in t["moves"]
            ),
            within=10,
        )
        assert _present(bob, alice.id) and _present(alice, bob.id)
    finally:
        await gate.shut()


async def test_looks_and_emotes_reach_people_served_by_the_other_process(
    start: Start, people: Callable[[Process, str], Awaitable[Participant]]
) -> None:
    a, b = await start(), await start()
    alice = await people(a, "Alice")
    bob = await people(b, "Bob")
    await bob.until(lambda me: _present(me, alice.id))
    assert (await alice.call("presence.look", {"figure": "curls", "colour": "leaf"}))["ok"]
    assert (await alice.call("presence.emote", {"emote": "hand"}))["ok"]
    await bob.wait_for("space.tick", lambda t: {"id": alice.id, "look": "curls-leaf"} in t["looks"])
    await bob.wait_for("space.tick", lambda t: {"id": alice.id, "emote": "hand"} in t["emotes"])
    cleo = await people(b, "Cleo")  # arrives on b: her snapshot comes from b's replica
    seen = next(p for p in cleo.welcome["snapshot"]["people"] if p["id"] == alice.id)
    assert (seen["look"], seen["hand"]) == ("curls-leaf", True)


async def test_contact_offers_and_exchanges_reach_people_served_by_the_other_process(
    start: Start, people: Callable[[Process, str], Awaitable[Participant]]
) -> None:
    a, b = await start(), await start()
    alice = await people(a, "Alice")
    bob = await people(b, "Bob")
    asked = await alice.call("contact.request", {"person": bob.id})
    assert asked["ok"] and asked["data"]["state"] == "pending", asked
    offer = await bob.wait_for("contact.asked")
    assert (offer["person"], offer["name"]) == (alice.id, "Alice")
    agreed = await bob.call("contact.answer", {"person": alice.id, "accept": True})
    assert agreed["ok"] and agreed["data"]["card"]["name"] == "Alice", agreed
    card = (await alice.wait_for("contact.exchanged"))["card"]
    assert (card["person"], card["name"], card["email"]) == (bob.id, "Bob", None)
