"""Test doubles for the network between venue and its services."""

from __future__ import annotations

import asyncio
import contextlib
from urllib.parse import urlsplit


class Gate:
    """A TCP relay to Redis that a test can shut, as if Redis went away under a running app."""

    def __init__(self, target: str) -> None:
        url = urlsplit(target)
        self.target = (url.hostname or "127.0.0.1", url.port or 6379)
        self.path = url.path
        self.port = 0
        self._server: asyncio.Server | None = None
        self._writers: list[asyncio.StreamWriter] = []

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}{self.path}"

    async def open(self) -> Gate:
        """Listen (again: on the same port once it has one)."""
        self._server = await asyncio.start_server(self._relay, "127.0.0.1", self.port)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def _relay(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_connection(*self.target)
        self._writers += [writer, up_writer]

        async def pipe(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
            with contextlib.suppress(OSError):
                while data := await source.read(65536):
                    sink.write(data)
                    await sink.drain()
            sink.close()

        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))

    async def shut(self) -> None:
        """Nobody listens on the port any more, and every relayed connection drops."""
        if self._server is not None:
            self._server.close()
            self._server = None
        for writer in self._writers:
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()
