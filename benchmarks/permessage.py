"""permessage-deflate (RFC 7692) for the bots: the offer Chromium makes and both zlib streams.

Browsers offer `permessage-deflate; client_max_window_bits` on every websocket; a server that
agrees deflates what it sends, per recipient unless it also agreed `server_no_context_takeover`.
The bots make the same offer so that the harness measures that cost, inflate every compressed
message they receive (a fresh inflater per message when the server keeps no context between
messages) and deflate what they send, as Chromium does.

One difference from Chromium, on the sending side only: the bots' deflater uses a 1 KB window
and little memory (thousands of bots in one process), where Chromium uses 32 KB. A receiver
inflates any window up to the agreed one, and the bots' messages (a move, ~40 bytes) are far
smaller than either window, so the server sees the same kind of bytes.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field

OFFER = "permessage-deflate; client_max_window_bits"
TAIL = b"\x00\x00\xff\xff"  # the empty stored block a sync flush ends with; RFC 7692 §7.2.1
SEND_WINDOW_BITS = 10  # the bots' deflater: see the module's docstring
SEND_MEM_LEVEL = 2


class ExtensionError(ValueError):
    """The server's answer is not a permessage-deflate the bots can honour."""


@dataclass(slots=True)
class PerMessageDeflate:
    """What the server agreed to, and the two zlib streams of one connection."""

    agreed: str
    server_no_context_takeover: bool = False
    client_no_context_takeover: bool = False
    client_max_window_bits: int = 15
    _inflater: zlib._Decompress | None = field(default=None, repr=False)
    _deflater: zlib._Compress | None = field(default=None, repr=False)

    @classmethod
    def from_response(cls, header: str) -> PerMessageDeflate | None:
        """The agreed permessage-deflate of a `Sec-WebSocket-Extensions` answer, or None
        when the server agreed to no extension. Raises on what the bots did not offer."""
        header = header.strip()
        if not header:
            return None
        name, *params = (part.strip() for part in header.split(",")[0].split(";"))
        if name != "permessage-deflate" or "," in header:
            raise ExtensionError(f"not offered: {header!r}")
        agreed = cls(header)
        for param in params:
            key, _, value = (s.strip().strip('"') for s in param.partition("="))
            if key == "server_no_context_takeover" and not value:
                agreed.server_no_context_takeover = True
            elif key == "client_no_context_takeover" and not value:
                agreed.client_no_context_takeover = True
            elif key == "server_max_window_bits" and value.isdigit() and 8 <= int(value) <= 15:
                pass  # the inflater's 32 KB window reads any smaller one
            elif key == "client_max_window_bits" and value.isdigit() and 8 <= int(value) <= 15:
                agreed.client_max_window_bits = int(value)
            else:
                raise ExtensionError(f"parameter {param!r} in {header!r}")
        return agreed

    def inflate(self, payload: bytes) -> bytes:
        """One whole compressed message (RSV1 set on its first frame) → its bytes."""
        inflater = self._inflater
        if inflater is None or self.server_no_context_takeover or inflater.eof:
            inflater = self._inflater = zlib.decompressobj(-15)
        return inflater.decompress(payload + TAIL)

    def deflate(self, payload: bytes) -> bytes:
        """One message → its compressed bytes, the sync flush's tail cut off."""
        deflater = self._deflater
        if deflater is None:
            bits = max(9, min(SEND_WINDOW_BITS, self.client_max_window_bits))
            deflater = zlib.compressobj(6, zlib.DEFLATED, -bits, SEND_MEM_LEVEL)
            self._deflater = deflater
        # a full flush forgets the history: asked for, or the agreed window is below zlib's 512 B
        forget = self.client_no_context_takeover or self.client_max_window_bits < 9
        mode = zlib.Z_FULL_FLUSH if forget else zlib.Z_SYNC_FLUSH
        data = deflater.compress(payload) + deflater.flush(mode)
        return data[:-4] if data.endswith(TAIL) else data
