"""What venue's fast path relies on in python-socketio and python-engineio, checked against a
bare server: an upgrade that changes any of it fails here, not in production."""

from __future__ import annotations

import asyncio
import io
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import aiohttp
import pytest
import socketio
from aiohttp import web
from aiohttp.test_utils import TestServer

from venue.protocol.presence import CountsOut
from venue.realtime.wire import RESERVED, Fanout, Guard, encode, packet, text_of


class Bare:
    """A python-socketio server with nothing of venue but the wire module."""

    def __init__(self) -> None:
        self.sio = socketio.AsyncServer(async_mode="aiohttp")
        self.fanout = Fanout(self.sio)
        self.connected_during_connect: list[bool] = []
        self.sids: list[str] = []
        self.sio.on("connect", self.connect)

    async def connect(self, sid: str, _environ: dict[str, Any], _auth: Any = None) -> None:
        self.connected_during_connect.append(self.fanout.connected(sid))
        await self.sio.enter_room(sid, "room")
        self.sids.append(sid)


@pytest.fixture
async def bare(
    aiohttp_server: Callable[[web.Application], Awaitable[TestServer]],
) -> AsyncIterator[tuple[Bare, TestServer]]:
    app = web.Application()
    server = Bare()
    server.sio.attach(app)
    test_server = await aiohttp_server(app)
    yield server, test_server


async def _client(test_server: TestServer) -> tuple[socketio.AsyncClient, asyncio.Queue[Any]]:
    client = socketio.AsyncClient(reconnection=False)
    received: asyncio.Queue[Any] = asyncio.Queue()
    client.on("venue.counts", received.put_nowait)
    await client.connect(str(test_server.make_url("/")), transports=["websocket"])
    return client, received


async def test_a_frame_encoded_once_reaches_everyone_in_a_room(
    bare: tuple[Bare, TestServer],
) -> None:
    server, test_server = bare
    (ann, to_ann), (bob, to_bob) = [await _client(test_server) for _ in range(2)]
    try:
        assert server.connected_during_connect == [False, False]
        assert all(server.fanout.connected(sid) for sid in server.sids)
        members = dict(server.fanout.members("room"))
        assert set(members) == set(server.sids)
        assert all(server.fanout.engine_sid(sid) == members[sid] for sid in server.sids)
        frame = encode(CountsOut(counts={"lobby": 2}))
        assert await server.fanout.to_room(frame, "room") == 2
        for queue in (to_ann, to_bob):
            assert await asyncio.wait_for(queue.get(), 3) == {"counts": {"lobby": 2}}
    finally:
        for client in (ann, bob):
            await client.disconnect()


async def test_a_relayed_frame_is_delivered_to_given_connections_only(
    bare: tuple[Bare, TestServer],
) -> None:
    server, test_server = bare
    (ann, to_ann), (bob, to_bob) = [await _client(test_server) for _ in range(2)]
    try:
        relayed = packet(text_of(encode(CountsOut(counts={"bar": 7}))))
        assert await server.fanout.to_sids(relayed, [server.sids[1], "no-such-sid"]) == 1
        assert await asyncio.wait_for(to_bob.get(), 3) == {"counts": {"bar": 7}}
        # a sentinel to everyone: had Ann got the relayed frame, it would come first
        await server.fanout.to_room(encode(CountsOut(counts={"bar": 8})), "room")
        assert await asyncio.wait_for(to_ann.get(), 3) == {"counts": {"bar": 8}}
    finally:
        for client in (ann, bob):
            await client.disconnect()


class Guarded(Bare):
    """A bare server behind venue's guard, recording what it reports."""

    def __init__(self) -> None:
        super().__init__()
        self.reports: asyncio.Queue[tuple[str, str]] = asyncio.Queue()
        self.forgotten: list[str] = []
        self.events: list[tuple[str, tuple[Any, ...]]] = []
        self.guard = Guard(self.sio)
        self.guard.install(self._report, self.forgotten.append)
        self.sio.on("*", self._event)

    async def _report(self, eio_sid: str, reason: str) -> None:
        await self.reports.put((eio_sid, reason))

    async def _event(self, event: str, sid: str, *args: Any) -> str:
        self.events.append((event, args))
        return "seen"


@pytest.fixture
async def guarded(
    aiohttp_server: Callable[[web.Application], Awaitable[TestServer]],
) -> AsyncIterator[tuple[Guarded, TestServer]]:
    app = web.Application()
    server = Guarded()
    server.sio.attach(app)
    yield server, await aiohttp_server(app)


async def _raw(test_server: TestServer, http: aiohttp.ClientSession) -> tuple[Any, str]:
    """A websocket speaking Engine.IO by hand, and its Engine.IO sid."""
    ws = await http.ws_connect(test_server.make_url("/socket.io/?EIO=4&transport=websocket"))
    opened = await ws.receive(timeout=3)
    return ws, json.loads(opened.data[1:])["sid"]


@pytest.mark.parametrize(
    ("frames", "reason"),
    [
        (["x"], "a malformed Engine.IO packet"),
        ([""], "a malformed Engine.IO packet"),
        (["42["], "a packet before connecting"),
        (["40", "42["], "undecodable packet (JSONDecodeError)"),
        (["40", "42{}"], "event without arguments"),
        (["40", "42[7]"], "event name is not a string"),
        (["40", "43[]"], "unexpected packet type"),
        (["40/admin,"], "unknown namespace"),
    ],
)
async def test_the_guard_reports_each_malformed_frame_on_its_sender(
    guarded: tuple[Guarded, TestServer],
    frames: list[str],
    reason: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    server, test_server = guarded
    async with aiohttp.ClientSession() as http:
        bystander, _ = await _raw(test_server, http)
        ws, eio_sid = await _raw(test_server, http)
        for frame in frames:
            await ws.send_str(frame)
        assert await asyncio.wait_for(server.reports.get(), 3) == (eio_sid, reason)
        await ws.close()
        await bystander.close()
    assert not [r for r in caplog.records if r.exc_info], "no traceback in the log"


async def test_a_reserved_event_name_reaches_the_catch_all_renamed(
    guarded: tuple[Guarded, TestServer],
) -> None:
    """`*` would reach the catch-all with its arguments shifted (the sid among them)."""
    server, test_server = guarded
    client, _ = await _client(test_server)
    try:
        for name in ("*", "connect", "disconnect"):
            assert await client.call(name, {"x": 1}, timeout=3) == "seen"
    finally:
        await client.disconnect()
    assert server.events == [(RESERVED, ({"x": 1},))] * 3


async def test_a_connection_closed_by_the_server_ends_its_websocket(
    guarded: tuple[Guarded, TestServer],
) -> None:
    server, test_server = guarded
    async with aiohttp.ClientSession() as http:
        ws, eio_sid = await _raw(test_server, http)
        await ws.send_str("x")
        await asyncio.wait_for(server.reports.get(), 3)
        await server.guard.close(eio_sid)
        # a client that ignores Engine.IO's CLOSE packet and sends nothing: still closed
        assert (await ws.receive(timeout=3)).data == "1"
        ended = await ws.receive(timeout=3)
        assert ended.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
    assert server.forgotten == [eio_sid]
    assert server.reports.empty(), "frames after closing are not read"


async def test_a_polling_body_is_checked_before_engineio_reads_it(
    guarded: tuple[Guarded, TestServer],
) -> None:
    server, test_server = guarded
    url = test_server.make_url("/socket.io/?EIO=4&transport=polling")
    async with aiohttp.ClientSession() as http:
        async with http.get(url) as opened:
            eio_sid = json.loads((await opened.text())[1:])["sid"]
        session = f"{url}&sid={eio_sid}"
        async with http.post(session, data=b"4\xff") as bad:
            assert bad.status == 400
        assert await asyncio.wait_for(server.reports.get(), 3) == (
            eio_sid,
            "a polling body that is not UTF-8",
        )
        async with http.post(session, data=io.BytesIO(b"4" * 20_000_000)) as big:
            assert big.status == 413
        async with http.post(session, data=b"40") as good:
            assert good.status == 200
        async with http.get(session) as polled:
            assert '40{"sid":' in await polled.text()
