"""What `venue.realtime.direct` relies on in python-engineio and aiohttp, checked against a bare
server with raw websocket clients: compression as negotiated, frames written straight to the
sockets, order kept behind queued packets, polling clients served the normal way. An upgrade
that changes those internals fails here, not in production."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import aiohttp
import engineio
import pytest
import socketio
from aiohttp import web
from aiohttp.test_utils import TestServer

from venue.protocol.presence import CountsOut
from venue.realtime.direct import Compression, Direct, Prepared
from venue.realtime.wire import Fanout, Guard, encode

PATIENCE = 5
CHROMIUM_OFFER = 15  # aiohttp's client offers "permessage-deflate; client_max_window_bits"


class Bare:
    """A python-socketio server with venue's wire and direct modules and nothing else."""

    def __init__(self, compression: Compression) -> None:
        # pings every second: a polling client's disconnect waits for its pending poll
        self.sio = socketio.AsyncServer(async_mode="aiohttp", ping_interval=1, ping_timeout=2)
        self.direct = Direct(compression)
        self.direct.install(self.sio.eio)
        Guard(self.sio).install(_ignore, lambda _eio_sid: None)  # as venue stacks them
        self.fanout = Fanout(self.sio, self.direct)
        self.eio_sids: list[str] = []
        self._arrived = asyncio.Event()
        self.sio.on("connect", self.connect)

    async def connect(self, sid: str, _environ: dict[str, Any], _auth: Any = None) -> None:
        await self.sio.enter_room(sid, "all")
        self.eio_sids.append(self.sio.manager.eio_sid_from_sid(sid, "/"))
        self._arrived.set()

    async def connected(self, count: int) -> list[str]:
        async with asyncio.timeout(PATIENCE):
            while len(self.eio_sids) < count:
                self._arrived.clear()
                await self._arrived.wait()
        return self.eio_sids


async def eventually(condition: Callable[[], bool]) -> None:
    """For state nothing announces (python-engineio's transport, direct's registry)."""
    async with asyncio.timeout(PATIENCE):
        while not condition():  # noqa: ASYNC110 (no event to wait for)
            await asyncio.sleep(0.01)


async def _ignore(_eio_sid: str, _reason: str) -> None:
    """No strikes in a bare server."""


Serve = Callable[[Compression], Awaitable[tuple[Bare, TestServer]]]


@pytest.fixture
async def serve(
    aiohttp_server: Callable[[web.Application], Awaitable[TestServer]],
) -> Serve:
    async def start(compression: Compression) -> tuple[Bare, TestServer]:
        app = web.Application()
        server = Bare(compression)
        server.sio.attach(app)
        return server, await aiohttp_server(app)

    return start


class Raw:
    """A websocket client speaking Engine.IO 4 by hand, offering deflate as browsers do."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self.extensions = ws._response.headers.get("Sec-WebSocket-Extensions", "")

    async def event(self) -> tuple[str, Any]:
        """The next Socket.IO event (pings answered on the way)."""
        async with asyncio.timeout(PATIENCE):
            while True:
                text = await self.ws.receive_str()
                if text == "2":
                    await self.ws.send_str("3")
                    continue
                assert text.startswith("42"), text
                name, data = json.loads(text[2:])
                return name, data


@pytest.fixture
async def raw(serve: Serve) -> AsyncIterator[Callable[[TestServer, int], Awaitable[Raw]]]:
    async with aiohttp.ClientSession() as session:

        async def connect(test_server: TestServer, compress: int) -> Raw:
            url = test_server.make_url("/socket.io/?EIO=4&transport=websocket")
            ws = await session.ws_connect(url, compress=compress)
            assert (await ws.receive_str()).startswith("0")  # Engine.IO OPEN
            await ws.send_str("40")
            assert (await ws.receive_str()).startswith("40")  # Socket.IO CONNECT, queued
            return Raw(ws)

        yield connect


@pytest.mark.parametrize(
    ("compression", "agreed"),
    [
        (Compression.SHARED, "permessage-deflate; server_no_context_takeover"),
        (Compression.PER_RECIPIENT, "permessage-deflate"),
        (Compression.OFF, ""),
    ],
)
async def test_the_policy_decides_what_a_browser_like_offer_is_answered(
    serve: Serve,
    raw: Callable[[TestServer, int], Awaitable[Raw]],
    compression: Compression,
    agreed: str,
) -> None:
    _server, test_server = await serve(compression)
    client = await raw(test_server, CHROMIUM_OFFER)
    assert client.extensions == agreed
    assert client.ws.compress == (15 if agreed else 0)


async def test_one_frame_deflated_once_reaches_deflating_and_plain_clients(
    serve: Serve, raw: Callable[[TestServer, int], Awaitable[Raw]]
) -> None:
    server, test_server = await serve(Compression.SHARED)
    deflating, plain = await raw(test_server, CHROMIUM_OFFER), await raw(test_server, 0)
    assert plain.extensions == ""
    await server.connected(2)
    # several frames: a client that kept a context between messages would misread the later ones
    for n in range(3):
        frame = encode(CountsOut(counts={"plenary": n, "hall": 1000 + n}))
        assert await server.fanout.to_room(frame, "all") == 2
        for client in (deflating, plain):
            assert await client.event() == (
                "venue.counts",
                {"counts": {"plenary": n, "hall": 1000 + n}},
            )
    assert (server.direct.written, server.direct.queued) == (6, 0)
    # the same frame was deflated once for both deflating recipients and framed once plain
    assert set(frame._wire) == {0, 15}


async def test_a_direct_frame_waits_behind_a_packet_queued_before_it(
    serve: Serve, raw: Callable[[TestServer, int], Awaitable[Raw]]
) -> None:
    server, test_server = await serve(Compression.SHARED)
    client = await raw(test_server, CHROMIUM_OFFER)
    [eio_sid] = await server.connected(1)
    # an ack or notice python-engineio's writer has not written yet: nothing may overtake it
    queued = engineio.packet.Packet(engineio.packet.MESSAGE, '2["first",{"n":1}]')
    await server.sio.eio.send_packet(eio_sid, queued)
    await server.fanout.to_engine(encode(CountsOut(counts={"second": 2})), eio_sid)
    await server.fanout.to_engine(encode(CountsOut(counts={"third": 3})), eio_sid)
    assert await client.event() == ("first", {"n": 1})
    assert await client.event() == ("venue.counts", {"counts": {"second": 2}})
    assert await client.event() == ("venue.counts", {"counts": {"third": 3}})
    assert (server.direct.written, server.direct.queued) == (0, 2)
    # the queue drained: the next frame goes straight to the socket again
    await server.fanout.to_engine(encode(CountsOut(counts={"fourth": 4})), eio_sid)
    assert await client.event() == ("venue.counts", {"counts": {"fourth": 4}})
    assert (server.direct.written, server.direct.queued) == (1, 2)


async def test_queued_packets_go_uncompressed_without_a_compressor_per_connection(
    serve: Serve, raw: Callable[[TestServer, int], Awaitable[Raw]]
) -> None:
    """aiohttp's compressor holds ~256 KB of zlib state per connection: under the shared
    policy the few queued packets (acks, notices) are sent plain instead."""
    server, test_server = await serve(Compression.SHARED)
    client = await raw(test_server, CHROMIUM_OFFER)
    [eio_sid] = await server.connected(1)
    sid = server.sio.manager.sid_from_eio_sid(eio_sid, "/")
    for n in range(3):
        await server.sio.emit("notice", {"n": n, "text": "x" * 200}, to=sid)
        assert await client.event() == ("notice", {"n": n, "text": "x" * 200})
    writer = server.direct._sockets[eio_sid]._sock._writer
    assert writer.compress == 15 and writer._compressobj is None
    assert server.direct.written == 0


async def test_a_direct_frame_keeps_its_place_before_a_later_emit(
    serve: Serve, raw: Callable[[TestServer, int], Awaitable[Raw]]
) -> None:
    server, test_server = await serve(Compression.SHARED)
    client = await raw(test_server, CHROMIUM_OFFER)
    [eio_sid] = await server.connected(1)
    sid = server.sio.manager.sid_from_eio_sid(eio_sid, "/")
    await server.fanout.to_engine(encode(CountsOut(counts={"first": 1})), eio_sid)
    await server.sio.emit("second", {"n": 2}, to=sid)
    assert await client.event() == ("venue.counts", {"counts": {"first": 1}})
    assert await client.event() == ("second", {"n": 2})
    assert server.direct.written == 1


async def test_per_recipient_deflate_goes_through_the_queue_for_deflating_clients(
    serve: Serve, raw: Callable[[TestServer, int], Awaitable[Raw]]
) -> None:
    server, test_server = await serve(Compression.PER_RECIPIENT)
    deflating, plain = await raw(test_server, CHROMIUM_OFFER), await raw(test_server, 0)
    await server.connected(2)
    assert await server.fanout.to_room(encode(CountsOut(counts={"hall": 7})), "all") == 2
    for client in (deflating, plain):
        assert await client.event() == ("venue.counts", {"counts": {"hall": 7}})
    assert (server.direct.written, server.direct.queued) == (1, 1)


@pytest.mark.parametrize("transports", [["polling"], ["polling", "websocket"]])
async def test_polling_clients_are_served_through_the_queue(
    serve: Serve, transports: list[str]
) -> None:
    server, test_server = await serve(Compression.SHARED)
    client = socketio.AsyncClient(reconnection=False)
    received: asyncio.Queue[Any] = asyncio.Queue()
    client.on("venue.counts", received.put_nowait)
    await client.connect(str(test_server.make_url("/")), transports=transports)
    try:
        [eio_sid] = await server.connected(1)
        if "websocket" in transports:  # upgraded from polling: still never direct
            await eventually(lambda: client.eio.current_transport == "websocket")
        for n in range(2):
            await server.fanout.to_engine(encode(CountsOut(counts={"hall": n})), eio_sid)
            assert await asyncio.wait_for(received.get(), PATIENCE) == {"counts": {"hall": n}}
        assert (server.direct.written, server.direct.queued) == (0, 2)
    finally:
        await client.disconnect()


async def test_a_closed_connection_is_forgotten(
    serve: Serve, raw: Callable[[TestServer, int], Awaitable[Raw]]
) -> None:
    server, test_server = await serve(Compression.SHARED)
    client = await raw(test_server, CHROMIUM_OFFER)
    [eio_sid] = await server.connected(1)
    assert eio_sid in server.direct._sockets
    await client.ws.close()
    await eventually(lambda: eio_sid not in server.direct._sockets)
    await server.fanout.to_engine(encode(CountsOut(counts={})), eio_sid)  # no error, no write
    assert server.direct.written == 0


def test_a_prepared_frame_is_a_plain_engineio_message_for_the_normal_path() -> None:
    frame = Prepared('2["venue.counts",{}]')
    assert frame.encode() == '42["venue.counts",{}]'
    assert frame.wire(0) == b"\x81\x15" + b'42["venue.counts",{}]'
    assert frame.wire(15)[0] == 0xC1  # FIN, RSV1 (deflated), text
