"""What venue's fast path relies on in python-socketio and python-engineio, checked against a
bare server: an upgrade that changes any of it fails here, not in production."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest
import socketio
from aiohttp import web
from aiohttp.test_utils import TestServer

from venue.protocol.presence import CountsOut
from venue.realtime.wire import Fanout, encode, packet, text_of


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
