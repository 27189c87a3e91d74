"""The bots' permessage-deflate: the offer, what the server agreed, inflating and deflating.

Against aiohttp's own websocket server (the one venue and the raw relay use), and the zlib
framing of RFC 7692 byte by byte for what aiohttp never agrees to (no context takeover).
"""

from __future__ import annotations

import asyncio
import struct
import sys
import zlib
from pathlib import Path

import pytest
from aiohttp import WSMsgType, web
from pytest_aiohttp import AiohttpServer

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from permessage import OFFER, ExtensionError, PerMessageDeflate
from wire import Wire

TICK = '42["space.tick",{"moves":[' + ",".join(
    f'{{"id":"p{i}","x":{100 + i},"y":{200 + i}}}' for i in range(60)
)
TICK += "]}]"
OFFERED = web.AppKey("offered", list[str])  # what each upgrade request offered


def _server_deflate(message: bytes, compressor: zlib._Compress) -> bytes:
    """What a server writes: the message deflated, sync-flushed, the 4-byte tail cut off."""
    data = compressor.compress(message) + compressor.flush(zlib.Z_SYNC_FLUSH)
    assert data.endswith(b"\x00\x00\xff\xff")
    return data[:-4]


def _frame(head: int, data: bytes) -> bytes:
    size = bytes([len(data)]) if len(data) < 126 else bytes([126]) + struct.pack("!H", len(data))
    return bytes([head]) + size + data


async def _echo(request: web.Request) -> web.WebSocketResponse:
    ws = web.WebSocketResponse(compress=True)
    await ws.prepare(request)
    request.app[OFFERED].append(request.headers.get("Sec-WebSocket-Extensions", ""))
    async for msg in ws:
        if msg.type is WSMsgType.TEXT:
            await ws.send_str(msg.data + TICK)  # big enough for aiohttp to compress
    return ws


@pytest.mark.parametrize("deflate", [True, False])
async def test_the_bots_offer_deflate_as_chromium_and_read_what_comes(
    aiohttp_server: AiohttpServer, deflate: bool
) -> None:
    app = web.Application()
    app[OFFERED] = []
    app.router.add_get("/ws", _echo)
    server = await aiohttp_server(app)
    wire = await Wire.open(f"http://127.0.0.1:{server.port}/ws", deflate=deflate)
    assert app[OFFERED] == [OFFER if deflate else ""]
    assert wire.extension == ("permessage-deflate" if deflate else "")
    for n in range(3):  # context taken over from message to message
        await wire.send_str(f"move {n} é ")  # deflated by the bot, inflated by aiohttp
        assert await wire.receive_str() == f"move {n} é " + TICK
    bare = len(TICK) * 3
    # on the wire: far less than the text when compressed, the text and framing when not
    assert (wire.received < bare / 4) if deflate else (wire.received > bare)
    await wire.close()


def test_the_agreed_parameters_are_read() -> None:
    assert PerMessageDeflate.from_response("") is None
    agreed = PerMessageDeflate.from_response(
        "permessage-deflate; server_no_context_takeover; client_no_context_takeover; "
        "client_max_window_bits=12; server_max_window_bits=10"
    )
    assert agreed is not None
    assert agreed.server_no_context_takeover and agreed.client_no_context_takeover
    assert agreed.client_max_window_bits == 12
    for refused in (
        "x-webkit-deflate-frame",
        "permessage-deflate; client_max_window_bits=16",
        "permessage-deflate; server_no_context_takeover=1",
        "permessage-deflate, permessage-deflate",
    ):
        with pytest.raises(ExtensionError):
            PerMessageDeflate.from_response(refused)


def test_with_context_takeover_a_message_may_refer_to_the_previous_one() -> None:
    server = zlib.compressobj(6, zlib.DEFLATED, -15)
    first, second = _server_deflate(TICK.encode(), server), _server_deflate(TICK.encode(), server)
    assert len(second) < len(first) / 4  # the second is mostly a back reference
    bot = PerMessageDeflate.from_response("permessage-deflate")
    assert bot is not None
    assert bot.inflate(first) == bot.inflate(second) == TICK.encode()


def test_without_server_context_takeover_every_message_is_inflated_alone() -> None:
    bot = PerMessageDeflate.from_response("permessage-deflate; server_no_context_takeover")
    assert bot is not None
    for message in (TICK.encode(), b"2", TICK.encode()[::-1]):
        # a fresh compressor per message, as a server that compresses once for many does
        alone = _server_deflate(message, zlib.compressobj(6, zlib.DEFLATED, -15))
        assert bot.inflate(alone) == message
    # a message ended by a final block (BFINAL) is read too, and so is the next one
    ended = zlib.compressobj(6, zlib.DEFLATED, -15)
    assert bot.inflate(ended.compress(b"last") + ended.flush()) == b"last"
    assert bot.inflate(_server_deflate(b"next", zlib.compressobj(6, zlib.DEFLATED, -15))) == b"next"


@pytest.mark.parametrize("forget", [True, False])
def test_what_the_bots_send_inflates_as_a_server_reads_it(forget: bool) -> None:
    agreed = "permessage-deflate" + ("; client_no_context_takeover" if forget else "")
    bot = PerMessageDeflate.from_response(agreed)
    assert bot is not None
    server = zlib.decompressobj(-15)
    for n in range(5):
        message = f'42{n}["presence.move",{{"x":{100 + n},"y":200}}]'.encode()
        sent = bot.deflate(message)
        if forget:  # no history: every message inflates with a fresh inflater too
            assert zlib.decompressobj(-15).decompress(sent + b"\x00\x00\xff\xff") == message
        assert server.decompress(sent + b"\x00\x00\xff\xff") == message


async def test_a_fragmented_compressed_message_is_inflated_whole(
    aiohttp_server: AiohttpServer,
) -> None:
    """RSV1 is on the first fragment only; the bots inflate after reassembling."""
    payload = _server_deflate(TICK.encode(), zlib.compressobj(6, zlib.DEFLATED, -15))
    half = len(payload) // 2

    async def fragments(request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse(compress=True)
        await ws.prepare(request)
        writer = request.transport
        assert writer is not None
        writer.write(_frame(0x40 | 0x1, payload[:half]))  # text, RSV1, not final
        writer.write(_frame(0x80 | 0x9, b"hi"))  # a ping in between
        writer.write(_frame(0x80 | 0x0, payload[half:]))  # the final continuation
        await ws.receive()
        return ws

    app = web.Application()
    app.router.add_get("/ws", fragments)
    server = await aiohttp_server(app)
    wire = await Wire.open(f"http://127.0.0.1:{server.port}/ws", deflate=True)
    assert await asyncio.wait_for(wire.receive_str(), 10) == TICK
    await wire.close()
