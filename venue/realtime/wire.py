"""The fast path below python-socketio: encode a frame once, hand it to many connections.

python-socketio's `emit` to a room creates one task per recipient and encodes per call
(GUIDE §4). venue instead encodes each Socket.IO EVENT packet once and gives the same
Engine.IO packet to every recipient's queue. This module is the only place that touches
python-socketio's and python-engineio's internals; `tests/realtime/test_wire_contract.py`
fails loudly when an upgrade changes what it relies on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import engineio
import socketio

from venue.protocol.base import Notice

NAMESPACE = "/"


def encode(notice: Notice) -> engineio.packet.Packet:
    """One Socket.IO EVENT packet (`2["name",{…}]`) in an Engine.IO MESSAGE, encoded once."""
    return packet(f'2["{notice.event.value}",{notice.model_dump_json()}]')


def packet(text: str) -> engineio.packet.Packet:
    """An Engine.IO MESSAGE carrying already encoded Socket.IO text (a relayed frame)."""
    return engineio.packet.Packet(engineio.packet.MESSAGE, text)


def text_of(frame: engineio.packet.Packet) -> str:
    """The encoded Socket.IO text of a frame (to relay it to other processes)."""
    data: str = frame.data
    return data


class Fanout:
    """Sends encoded frames to the connections of a room, or to given connections."""

    def __init__(self, sio: socketio.AsyncServer) -> None:
        self._sio = sio

    def members(self, room: str) -> Iterator[tuple[str, str]]:
        """(Socket.IO sid, Engine.IO sid) of every connection in `room`."""
        yield from self._sio.manager.get_participants(NAMESPACE, room)

    def engine_sid(self, sid: str) -> str | None:
        eio_sid: str | None = self._sio.manager.eio_sid_from_sid(sid, NAMESPACE)
        return eio_sid

    async def to_room(self, frame: engineio.packet.Packet, room: str) -> int:
        """The frame to every connection in `room`; returns how many got it."""
        sent = 0
        for _sid, eio_sid in self.members(room):
            await self.to_engine(frame, eio_sid)
            sent += 1
        return sent

    async def to_sids(self, frame: engineio.packet.Packet, sids: Iterable[str]) -> int:
        sent = 0
        for sid in sids:
            eio_sid = self.engine_sid(sid)
            if eio_sid is not None:
                await self.to_engine(frame, eio_sid)
                sent += 1
        return sent

    async def to_engine(self, frame: engineio.packet.Packet, eio_sid: str) -> None:
        await self._sio.eio.send_packet(eio_sid, frame)

    def connected(self, sid: str) -> bool:
        """Whether the server has finished connecting `sid` (False during its connect
        handler, and for a client's own `emit("connect")`)."""
        return bool(self._sio.manager.is_connected(sid, NAMESPACE))
