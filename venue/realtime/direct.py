"""Frames straight to the sockets: a prepared websocket frame written to many connections.

python-engineio gives every connection a queue and a writer task; a tick frame to 1,000 people
then wakes 1,000 tasks, and with permessage-deflate aiohttp deflates it 1,000 times. Here a
frame is turned into websocket bytes once (`Prepared.wire`, deflated once when the policy
says so) and written to each connection's transport at once. python-socketio keeps handling
connect, events and acks; everything this module cannot prove safe goes the normal way.

**Ordering.** A frame written directly must never overtake a packet queued earlier for the
same socket (an ack, a notice). `DirectWebSocket` counts the packets put in the socket's
queue and the ones its writer has finished writing; a frame goes direct only while nothing is
pending, else it is queued behind the others (and so is every later frame until the queue
has drained). Connections that began as long polling never go direct (their packets may be
in a polling response), nor do those whose output is paused (a slow reader).

**Compression** (issue 14, `benchmarks/results/compression-2026-12-07.md`): `shared` accepts
permessage-deflate with `server_no_context_takeover`, offered or not (RFC 7692 §7.1.1.1), so
one deflated frame is valid for every connection; the few packets of python-engineio's queue
(acks, notices, pings) then go uncompressed, as the extension allows per message: aiohttp's
compressor for them held ~256 KB of zlib state per connection, most of its memory.
`per-recipient` is aiohttp's default (direct only to connections without the extension);
`off` refuses the extension.

This module and `wire.py` are the only places that touch python-engineio's and aiohttp's
internals; `tests/realtime/test_direct_contract.py` pins what it relies on.
"""

from __future__ import annotations

import enum
import zlib
from typing import Any

import engineio
from aiohttp import hdrs, web
from aiohttp.web_request import BaseRequest
from multidict import CIMultiDict

DEFLATE_TAIL = b"\x00\x00\xff\xff"  # cut from every deflated message (RFC 7692 §7.2.1)
TEXT = 0x1
BINARY = 0x2
FIN = 0x80
RSV1 = 0x40  # set on a deflated message


class Compression(enum.StrEnum):
    OFF = "off"
    PER_RECIPIENT = "per-recipient"
    SHARED = "shared"


class Prepared(engineio.packet.Packet):  # type: ignore[misc]
    """An Engine.IO MESSAGE whose websocket frame is built once, then reused per recipient."""

    def __init__(self, text: str) -> None:
        super().__init__(engineio.packet.MESSAGE, text)
        self._wire: dict[int, bytes] = {}

    def wire(self, window_bits: int) -> bytes:
        """The whole websocket frame: plain for 0, else deflated with that window."""
        frame = self._wire.get(window_bits)
        if frame is None:
            frame = self._wire[window_bits] = _frame(self.encode().encode(), window_bits)
        return frame


def _frame(payload: bytes, window_bits: int, opcode: int = TEXT) -> bytes:
    first = FIN | opcode
    if window_bits:
        deflater = zlib.compressobj(zlib.Z_BEST_SPEED, zlib.DEFLATED, -window_bits)
        payload = (deflater.compress(payload) + deflater.flush(zlib.Z_SYNC_FLUSH))[:-4]
        first |= RSV1
    n = len(payload)
    if n < 126:
        header = bytes((first, n))
    elif n < 65536:
        header = bytes((first, 126)) + n.to_bytes(2, "big")
    else:
        header = bytes((first, 127)) + n.to_bytes(8, "big")
    return header + payload


class _SharedDeflate(web.WebSocketResponse):
    """Accepts permessage-deflate without context takeover, so deflated frames can be shared."""

    def _handshake(self, request: BaseRequest) -> tuple[CIMultiDict[str], str | None, int, bool]:
        headers, protocol, compress, notakeover = super()._handshake(request)
        if compress and not notakeover:
            headers[hdrs.SEC_WEBSOCKET_EXTENSIONS] += "; server_no_context_takeover"
            notakeover = True
        return headers, protocol, compress, notakeover


class Direct:
    """The websocket connections a frame may be written to directly, by Engine.IO sid."""

    def __init__(self, compression: Compression) -> None:
        self.compression = compression
        self._sockets: dict[str, Any] = {}  # eio sid → its DirectWebSocket
        self.written = 0  # frames written directly, for tests and /metrics
        self.queued = 0  # frames that went through python-engineio's queue instead

    def install(self, eio: engineio.AsyncServer) -> None:
        """Serve python-engineio's websockets with `DirectWebSocket` from now on."""
        # a copy: the driver table is python-engineio's module-level dict, shared by servers
        eio._async = {**eio._async, "websocket": _direct_websocket(eio._async["websocket"], self)}

    async def send(self, eio: engineio.AsyncServer, eio_sid: str, frame: Prepared) -> None:
        """The frame to one connection: written now if that is safe, else queued."""
        ws = self._sockets.get(eio_sid)
        if ws is not None and ws.write_now(frame):
            self.written += 1
            return
        self.queued += 1
        await eio.send_packet(eio_sid, frame)

    def add(self, eio_sid: str, ws: Any) -> None:
        self._sockets[eio_sid] = ws

    def remove(self, eio_sid: str, ws: Any) -> None:
        if self._sockets.get(eio_sid) is ws:
            del self._sockets[eio_sid]


def _direct_websocket(base: type[Any], direct: Direct) -> type[Any]:
    """python-engineio's aiohttp websocket, counting what its writer task still has to send."""

    class DirectWebSocket(base):  # type: ignore[misc]
        pending = 0  # packets put in the socket's queue and not yet written by its writer
        eligible = False

        async def __call__(self, environ: dict[str, Any]) -> web.WebSocketResponse:
            request = environ["aiohttp.request"]
            shared = direct.compression == Compression.SHARED
            self._sock = (_SharedDeflate if shared else web.WebSocketResponse)(
                max_msg_size=self.server.max_http_buffer_size,
                compress=direct.compression != Compression.OFF,
            )
            await self._sock.prepare(request)
            self.environ = environ
            socket = self.handler.__self__  # the Engine.IO socket this websocket serves
            # an upgrade from polling: its earlier packets may sit in a polling response
            self.eligible = not socket.connected
            if self.eligible:
                self._count_queue(socket.queue)
                direct.add(socket.sid, self)
            try:
                await self.handler(self)
            finally:
                direct.remove(socket.sid, self)
                self.eligible = False
            return self._sock

        def _count_queue(self, queue: Any) -> None:
            self.pending = sum(1 for item in queue._queue if item is not None)
            put = queue._put

            def counting_put(item: Any) -> None:
                put(item)
                if item is not None:  # None only wakes the writer to end it
                    self.pending += 1

            queue._put = counting_put

        async def send(self, message: str | bytes) -> None:
            """The writer task sends a queued packet (the only caller, websocket-first)."""
            try:
                writer = self._sock._writer
                if direct.compression == Compression.SHARED and self._sock.compress and writer:
                    text = isinstance(message, str)
                    payload = message.encode() if isinstance(message, str) else message
                    self._write(writer, _frame(payload, 0, TEXT if text else BINARY))
                    if writer.protocol._paused:  # a slow reader: wait as aiohttp would
                        await writer.protocol._drain_helper()
                else:
                    await super().send(message)
            finally:
                self.pending -= 1

        def _write(self, writer: Any, frame: bytes) -> None:
            if writer.transport is None or writer.transport.is_closing():
                raise ConnectionResetError("the websocket is closing")
            writer.transport.write(frame)

        def write_now(self, frame: Prepared) -> bool:
            """Write the frame if nothing is queued before it and the socket takes data."""
            if not self.eligible or self.pending:
                return False
            writer = self._sock._writer
            if writer is None or writer._closing or writer.protocol._paused:
                return False
            if writer.transport is None or writer.transport.is_closing():
                return False
            socket = self.handler.__self__
            if socket.closing or socket.closed:
                return False
            window = self._sock.compress
            if window and not writer.notakeover:
                return False  # a compressor of its own: per-recipient deflate, queued
            self._write(writer, frame.wire(window))
            return True

    return DirectWebSocket
