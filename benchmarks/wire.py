"""A bare websocket client for the bots: one asyncio.Protocol per connection, no library.

A library client costs tens of microseconds per received message (a message object, a queue,
a task wake-up, a UTF-8 decode); the bots receive up to hundreds of thousands of messages a
second from a relay that emits per move, so that cost alone would saturate the generator
before the server. Here a TCP read is cut into frames in place and each text frame goes, as
bytes, straight to a callback (`on_text`); before one is set, frames queue for `receive_str`
(handshakes). Client frames carry a mask key of zeros (RFC 6455 asks for one, servers do not
check its value), so sending does not touch the payload. With `deflate` the upgrade offers
permessage-deflate as Chromium does (`permessage.py`): what the server agrees to is kept in
`extension`, compressed messages are inflated before the callback sees them and every message
sent is deflated. Without it no extension is offered (the bare bots of issue 7). `received`
counts the bytes read from the socket: what the server sent, compressed or not.
"""

from __future__ import annotations

import asyncio
import base64
import os
import struct
from collections.abc import Callable
from urllib.parse import urlsplit

from permessage import OFFER, PerMessageDeflate

RSV1 = 0x40  # set on the first frame of a compressed message
TEXT, BINARY, CLOSE, PING, PONG, CONTINUATION = 0x1, 0x2, 0x8, 0x9, 0xA, 0x0
ZERO_MASK = b"\x00\x00\x00\x00"
HANDSHAKE_S = 30.0

TextHandler = Callable[[bytes], None]


class Wire(asyncio.Protocol):
    """One client websocket; `await Wire.open(url)` returns it upgraded."""

    def __init__(self, host: str, target: str, deflate: bool = False) -> None:
        offer = f"Sec-WebSocket-Extensions: {OFFER}\r\n" if deflate else ""
        self._request = (
            f"GET {target} HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\n"
            f"Connection: Upgrade\r\nSec-WebSocket-Key: {base64.b64encode(os.urandom(16)).decode()}"
            f"\r\nSec-WebSocket-Version: 13\r\n{offer}\r\n"
        ).encode()
        self.extension = ""  # the server's Sec-WebSocket-Extensions answer
        self.received = 0  # bytes read from the socket
        self._deflate: PerMessageDeflate | None = None
        self._compressed = False  # the message being reassembled from fragments is
        loop = asyncio.get_running_loop()
        self.upgraded: asyncio.Future[None] = loop.create_future()
        self.closed: asyncio.Future[None] = loop.create_future()
        self.on_text: TextHandler | None = None
        self._inbox: asyncio.Queue[bytes | None] = asyncio.Queue()
        self._transport: asyncio.Transport | None = None
        self._buffer = bytearray()
        self._fragments: list[bytes] = []
        self._closing = False

    @classmethod
    async def open(
        cls, url: str, local_addr: tuple[str, int] | None = None, *, deflate: bool = False
    ) -> Wire:
        parts = urlsplit(url)
        host, port = parts.hostname or "127.0.0.1", parts.port or 80
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        loop = asyncio.get_running_loop()
        _, wire = await loop.create_connection(
            lambda: cls(f"{host}:{port}", target, deflate), host, port, local_addr=local_addr
        )
        await wire.upgraded
        return wire

    # -- asyncio.Protocol ---------------------------------------------------------------------

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self._transport = transport
        transport.write(self._request)

    def data_received(self, data: bytes) -> None:
        self.received += len(data)
        buffer = self._buffer
        buffer += data
        if not self.upgraded.done():
            end = buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head = bytes(buffer[:end]).decode("latin-1")
            del buffer[: end + 4]
            try:
                self._upgrade(head)
            except ValueError as exc:
                self.upgraded.set_exception(ConnectionError(str(exc)))
                self._abort()
                return
            self.upgraded.set_result(None)
        self._frames()

    def _upgrade(self, head: str) -> None:
        """Check the server's answer to the upgrade and take the extension it agreed to."""
        status, *lines = head.split("\r\n")
        if " 101 " not in status:
            raise ValueError(f"no upgrade: {status!r}")
        for line in lines:
            name, _, value = line.partition(":")
            if name.strip().lower() == "sec-websocket-extensions":
                self.extension = ", ".join(filter(None, (self.extension, value.strip())))
        self._deflate = PerMessageDeflate.from_response(self.extension)

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.upgraded.done():
            self.upgraded.set_exception(exc or ConnectionError("closed before the upgrade"))
        if not self.closed.done():
            self.closed.set_result(None)
        self._inbox.put_nowait(None)

    # -- frames -------------------------------------------------------------------------------

    def _frames(self) -> None:
        """Cut every complete frame off the buffer; one deletion per read, not per frame."""
        buffer = self._buffer
        size = len(buffer)
        pos = 0
        while size - pos >= 2:
            head, length = buffer[pos], buffer[pos + 1] & 0x7F
            start = pos + 2
            if length == 126:
                if size - start < 2:
                    break
                (length,) = struct.unpack_from("!H", buffer, start)
                start += 2
            elif length == 127:
                if size - start < 8:
                    break
                (length,) = struct.unpack_from("!Q", buffer, start)
                start += 8
            end = start + length
            if end > size:
                break
            self._frame(head, bytes(buffer[start:end]))
            pos = end
        if pos:
            del buffer[:pos]

    def _frame(self, head: int, payload: bytes) -> None:
        opcode = head & 0x0F
        if opcode in (TEXT, BINARY):
            self._compressed = bool(head & RSV1)
        if not head & 0x80:  # a fragment: keep until the final one
            self._fragments.append(payload)
            return
        if opcode == CONTINUATION:
            payload = b"".join([*self._fragments, payload])
            self._fragments.clear()
            opcode = TEXT
        if opcode in (TEXT, BINARY):
            if self._compressed:
                if self._deflate is None:
                    raise ConnectionError("a compressed frame without an agreed extension")
                payload = self._deflate.inflate(payload)
            if self.on_text is not None:
                self.on_text(payload)
            else:
                self._inbox.put_nowait(payload)
        elif opcode == PING:
            self._write(PONG, payload)
        elif opcode == CLOSE:
            if not self._closing:
                self._closing = True
                self._write(CLOSE, payload[:2])
            self._abort()

    # -- sending ------------------------------------------------------------------------------

    def send_text(self, text: str) -> None:
        if self._deflate is None:
            self._write(TEXT, text.encode())
        else:
            self._write(TEXT | RSV1, self._deflate.deflate(text.encode()))

    async def send_str(self, text: str) -> None:
        """For code written against aiohttp's websocket; never blocks."""
        self.send_text(text)

    def _write(self, opcode: int, payload: bytes) -> None:
        transport = self._transport
        if transport is None or transport.is_closing():
            raise ConnectionResetError("websocket closed")
        n = len(payload)
        if n < 126:
            head = struct.pack("!BB", 0x80 | opcode, 0x80 | n)
        elif n < 65536:
            head = struct.pack("!BBH", 0x80 | opcode, 0xFE, n)
        else:
            head = struct.pack("!BBQ", 0x80 | opcode, 0xFF, n)
        transport.write(head + ZERO_MASK + payload)

    async def receive_str(self) -> str:
        """The next text frame, before `on_text` is set (handshakes); 30 s at most."""
        async with asyncio.timeout(HANDSHAKE_S):
            payload = await self._inbox.get()
        if payload is None:
            raise ConnectionResetError("websocket closed")
        return payload.decode()

    async def close(self) -> None:
        if self._transport is None or self._transport.is_closing():
            return
        self._closing = True
        try:
            self._write(CLOSE, struct.pack("!H", 1000))
        except ConnectionError:
            return
        try:
            await asyncio.wait_for(asyncio.shield(self.closed), 2.0)
        except TimeoutError:
            self._abort()

    def _abort(self) -> None:
        if self._transport is not None:
            self._transport.close()
