"""The fast path below python-socketio: encode a frame once, hand it to many connections.

python-socketio's `emit` to a room creates one task per recipient and encodes per call
(GUIDE §4). venue instead encodes each Socket.IO EVENT packet once and gives the same
Engine.IO packet to every recipient's queue. This module is the only place that touches
python-socketio's and python-engineio's internals (with `direct.py`, which writes frames
straight to the websockets); `tests/realtime/test_wire_contract.py`
fails loudly when an upgrade changes what it relies on.
"""

from __future__ import annotations

import weakref
from collections.abc import Awaitable, Callable, Iterable, Iterator
from typing import Any

import engineio
import socketio
from aiohttp import web
from engineio.async_drivers.aiohttp import translate_request as _translate_request

from venue.protocol.base import Notice
from venue.realtime.direct import Direct, Prepared

NAMESPACE = "/"


def encode(notice: Notice) -> Prepared:
    """One Socket.IO EVENT packet (`2["name",{…}]`) in an Engine.IO MESSAGE, encoded once."""
    return packet(f'2["{notice.event.value}",{notice.model_dump_json()}]')


def packet(text: str) -> Prepared:
    """An Engine.IO MESSAGE carrying already encoded Socket.IO text (a relayed frame)."""
    return Prepared(text)


def text_of(frame: engineio.packet.Packet) -> str:
    """The encoded Socket.IO text of a frame (to relay it to other processes)."""
    data: str = frame.data
    return data


class Fanout:
    """Sends encoded frames to the connections of a room, or to given connections; with
    `direct`, straight to the websockets where that is safe (`direct.py`)."""

    def __init__(self, sio: socketio.AsyncServer, direct: Direct | None = None) -> None:
        self._sio = sio
        self._direct = direct

    def members(self, room: str) -> Iterator[tuple[str, str]]:
        """(Socket.IO sid, Engine.IO sid) of every connection in `room`."""
        yield from self._sio.manager.get_participants(NAMESPACE, room)

    def engine_sid(self, sid: str) -> str | None:
        eio_sid: str | None = self._sio.manager.eio_sid_from_sid(sid, NAMESPACE)
        return eio_sid

    async def to_room(self, frame: Prepared, room: str) -> int:
        """The frame to every connection in `room`; returns how many got it."""
        sent = 0
        for _sid, eio_sid in self.members(room):
            await self.to_engine(frame, eio_sid)
            sent += 1
        return sent

    async def to_sids(self, frame: Prepared, sids: Iterable[str]) -> int:
        sent = 0
        for sid in sids:
            eio_sid = self.engine_sid(sid)
            if eio_sid is not None:
                await self.to_engine(frame, eio_sid)
                sent += 1
        return sent

    async def to_engine(self, frame: Prepared, eio_sid: str) -> None:
        if self._direct is not None:
            await self._direct.send(self._sio.eio, eio_sid, frame)
        else:
            await self._sio.eio.send_packet(eio_sid, frame)

    def connected(self, sid: str) -> bool:
        """Whether the server has finished connecting `sid` (False during its connect
        handler, and for a client's own `emit("connect")`)."""
        return bool(self._sio.manager.is_connected(sid, NAMESPACE))


# -- the inbound guard --------------------------------------------------------------------

ENGINE_TYPES = frozenset("123456")  # what a client may send: close, ping, pong, message,
# upgrade, noop (open is the server's)
MAX_ATTACHMENTS = 4  # binary attachments of one event (venue refuses binary payloads anyway)
RESERVED = "*reserved"  # what an event with a reserved name (`*`, `connect`, …) is renamed to

Report = Callable[[str, str], Awaitable[None]]


class Malformed(ValueError):
    """A frame that is not a Socket.IO packet venue accepts; the text says why."""


class _CheckedPacket(socketio.packet.Packet):  # type: ignore[misc]
    """A Socket.IO packet whose decoding refuses what venue's clients never send."""

    def decode(self, encoded_packet: str | bytes) -> int:
        try:
            attachments: int = super().decode(encoded_packet) or 0
        except Exception as exc:  # json errors, bad counts, bad namespaces: the client's
            raise Malformed(f"undecodable packet ({type(exc).__name__})") from None
        if self.namespace not in (None, NAMESPACE):
            raise Malformed("unknown namespace")
        if self.packet_type in (socketio.packet.EVENT, socketio.packet.BINARY_EVENT):
            if not isinstance(self.data, list) or not self.data:
                raise Malformed("event without arguments")
            if not isinstance(self.data[0], str):
                raise Malformed("event name is not a string")
            if self.data[0] == "*" or self.data[0] in socketio.AsyncServer.reserved_events:
                # the dispatcher refuses it as unknown (an ack, a strike on the right sid);
                # left alone, `*` would reach the catch-all with its arguments shifted
                self.data[0] = RESERVED
        elif self.packet_type not in (socketio.packet.CONNECT, socketio.packet.DISCONNECT):
            raise Malformed("unexpected packet type")  # venue never asks clients for acks
        if attachments > MAX_ATTACHMENTS:
            raise Malformed("too many binary attachments")
        return attachments


class Guard:
    """Checks every frame a client sends before python-socketio acts on it.

    Malformed Engine.IO frames (websocket or polling), undecodable or unexpected Socket.IO
    packets, unknown namespaces and anything but a connect before connecting are reported
    as `report(eio_sid, reason)` and dropped, instead of each writing a traceback to the log.
    """

    def __init__(self, sio: socketio.AsyncServer) -> None:
        self._sio = sio
        self._message = sio.eio.handlers["message"]
        self._report: Report = _unreported
        # Engine.IO sid → its websocket while one is read: closing the connection must end it
        # even when the client sends nothing more (python-engineio waits for the next frame)
        self._websockets: weakref.WeakValueDictionary[str, Any] = weakref.WeakValueDictionary()

    def install(self, report: Report, forget: Callable[[str], None]) -> None:
        """Put the guard in front of python-socketio: dropped frames go to `report(eio_sid,
        reason)`, and `forget(eio_sid)` runs when a connection closes."""
        self._report = report
        sio, eio = self._sio, self._sio.eio
        sio.packet_class = _CheckedPacket
        eio.handlers["message"] = self._on_message
        disconnect = eio.handlers["disconnect"]

        async def on_disconnect(eio_sid: str, reason: Any = None) -> None:
            forget(eio_sid)
            await disconnect(eio_sid, reason)

        eio.handlers["disconnect"] = on_disconnect
        # a copy: the driver table is python-engineio's module-level dict, shared by servers
        eio._async = {
            **eio._async,
            "websocket": _guarded_websocket(eio._async["websocket"], report, self._websockets),
            "translate_request": self._translate,
        }

    def sid_of(self, eio_sid: str) -> str | None:
        """The Socket.IO sid of a connected Engine.IO connection, if it connected venue's."""
        sid: str | None = self._sio.manager.sid_from_eio_sid(eio_sid, NAMESPACE)
        return sid if sid is not None and self._sio.manager.is_connected(sid, NAMESPACE) else None

    async def close(self, eio_sid: str) -> None:
        """Close a connection at the Engine.IO level (it may never have connected venue's)."""
        if eio_sid in self._sio.eio.sockets:
            await self._sio.eio.disconnect(eio_sid)
        websocket = self._websockets.pop(eio_sid, None)
        if websocket is not None:
            await websocket.close()

    async def _on_message(self, eio_sid: str, data: str | bytes) -> None:
        socket = self._sio.eio.sockets.get(eio_sid)
        if socket is None or socket.closed:  # frames read before it was closed
            return
        connecting = isinstance(data, str) and data[:1] == str(socketio.packet.CONNECT)
        pending_binary = eio_sid in self._sio._binary_packet
        if not connecting and not pending_binary and self.sid_of(eio_sid) is None:
            await self._report(eio_sid, "a packet before connecting")
            return
        try:
            await self._message(eio_sid, data)
        except Malformed as exc:
            self._sio._binary_packet.pop(eio_sid, None)
            await self._report(eio_sid, str(exc))

    async def _translate(self, request: web.Request) -> dict[str, Any]:
        """Engine.IO's request translation, checking a polling POST's body first."""
        environ: dict[str, Any] = _translate_request(request)
        # python-engineio's Origin check believes X-Forwarded-Host and -Proto; venue's
        # middleware applies them only with VENUE_TRUST_FORWARDED, and the request says how
        environ.pop("HTTP_X_FORWARDED_HOST", None)
        environ.pop("HTTP_X_FORWARDED_PROTO", None)
        environ["HTTP_HOST"], environ["wsgi.url_scheme"] = request.host, request.scheme
        if request.method != "POST":
            return environ
        limit = self._sio.eio.max_http_buffer_size
        if request.content_length is None or request.content_length > limit:
            raise web.HTTPRequestEntityTooLarge(
                max_size=limit,
                actual_size=request.content_length or 0,
                headers={"Connection": "close"},
            )
        body = await request.content.readexactly(request.content_length)
        problem = _polling_problem(body)
        if problem is not None:
            eio_sid = request.query.get("sid", "")
            if eio_sid in self._sio.eio.sockets:
                await self._report(eio_sid, problem)
            raise web.HTTPBadRequest(text=problem)
        environ["wsgi.input"] = _Body(body)
        return environ


async def _unreported(eio_sid: str, reason: str) -> None:
    """Before `install`: nothing is guarded yet."""


def _polling_problem(body: bytes) -> str | None:
    """Why a long-polling POST body is not a payload of Engine.IO packets, or None."""
    try:
        text = body.decode()
    except UnicodeDecodeError:
        return "a polling body that is not UTF-8"
    for frame in text.split("\x1e"):
        if frame[:1] not in ENGINE_TYPES:
            return "a malformed Engine.IO packet"
    return None


class _Body:
    """A polling body read (and checked) before Engine.IO reads it."""

    def __init__(self, body: bytes) -> None:
        self._body = body

    async def read(self, length: int = -1) -> bytes:
        return self._body


def _guarded_websocket(
    base: type[Any], report: Report, websockets: weakref.WeakValueDictionary[str, Any]
) -> type[Any]:
    """python-engineio's aiohttp websocket, dropping (and reporting) malformed frames."""

    class GuardedWebSocket(base):  # type: ignore[misc]
        async def wait(self) -> str | bytes:
            socket = self.handler.__self__  # the Engine.IO socket this websocket serves
            websockets[socket.sid] = self
            while not (socket.closed or socket.closing):  # closed: end the read loop
                data: str | bytes = await super().wait()
                if socket.closed or socket.closing:
                    break
                if isinstance(data, bytes) or data[:1] in ENGINE_TYPES:
                    return data  # binary frames are messages: the Socket.IO check follows
                await report(socket.sid, "a malformed Engine.IO packet")
            raise OSError("the connection was closed")

    return GuardedWebSocket
