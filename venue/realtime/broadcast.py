"""Domain events to frames: the only place that emits and that moves connections between rooms.

Movement is coalesced per space and sent once per tick; each frame is encoded once and
handed to every recipient's Engine.IO queue directly, skipping python-socketio's
task-per-recipient path (GUIDE §4).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import engineio
import socketio
from pydantic import BaseModel

from venue.domain.events import Arrived, Departed, Event, Moved, Relocated, StatusChanged
from venue.domain.people import Person, Status
from venue.domain.presence import Presence
from venue.realtime.connections import Connections
from venue.realtime.protocol import (
    CountsOut,
    DepartureOut,
    MoveOut,
    Outbound,
    StatusOut,
    TickOut,
)
from venue.realtime.rooms import EVERYONE, person_room, space_room
from venue.realtime.views import person_out, snapshot_of

if TYPE_CHECKING:
    from venue.realtime.cluster import Cluster

NAMESPACE = "/"


@dataclass(slots=True)
class _Frame:
    """What changed in one space since the last tick; the latest value per person wins."""

    moves: dict[str, tuple[int, int]] = field(default_factory=dict)
    arrived: dict[str, Person] = field(default_factory=dict)
    departed: dict[str, str | None] = field(default_factory=dict)
    status: dict[str, Status] = field(default_factory=dict)
    # a transition sent these people a snapshot of the space showing `shown`: the frame need
    # not tell them those arrivals again (a transition of 400 would double its bytes)
    snapshotted: set[str] = field(default_factory=set)
    shown: frozenset[str] = frozenset()
    snapshots: int = 0

    def to_model(self, space: str, known: frozenset[str] = frozenset()) -> TickOut:
        return TickOut(
            space=space,
            moves=[MoveOut(id=pid, x=x, y=y) for pid, (x, y) in self.moves.items()],
            arrived=[person_out(p) for pid, p in self.arrived.items() if pid not in known],
            departed=[DepartureOut(id=pid, to=to) for pid, to in self.departed.items()],
            status=[StatusOut(id=pid, status=s) for pid, s in self.status.items()],
        )


def encode(event: Outbound, payload: BaseModel) -> engineio.packet.Packet:
    """One Socket.IO EVENT packet, serialised once for any number of recipients."""
    body = f'2["{event.value}",{payload.model_dump_json()}]'
    return engineio.packet.Packet(engineio.packet.MESSAGE, body)


class Broadcaster:
    """Turns domain events into room changes now and frames at the next tick."""

    def __init__(self, sio: socketio.AsyncServer, presence: Presence, conns: Connections) -> None:
        self._sio = sio
        self._presence = presence
        self._conns = conns
        self._frames: dict[str, _Frame] = {}
        self._counts_changed = False
        # what went out, for /metrics: frames built, and packets and bytes over all recipients
        self.frames_sent = 0
        self.packets_sent = 0
        self.bytes_sent = 0
        # called with every batch of domain events (the exhibition follows presence this way)
        self.observers: list[Callable[[list[Event]], Awaitable[None]]] = []
        self.cluster: Cluster | None = None  # the other processes serving this venue

    async def apply(self, events: list[Event], snapshots: bool = True) -> None:
        """Rooms change now, frames go at the next tick; `snapshots=False` leaves them to the
        caller (a transition sends them in bulk). Other processes hear of it at the tick."""
        if self.cluster is not None:
            self.cluster.collect(events)
        await self.replay(events, snapshots)

    async def replay(self, events: list[Event], snapshots: bool = False) -> None:
        """Events of this process's people (from apply) or of another process's (replicated)."""
        for event in events:
            match event:
                case Moved(space, pid, x, y):
                    self._frame(space).moves[pid] = (x, y)
                case Arrived(space, person):
                    frame = self._frame(space)
                    frame.departed.pop(person.id, None)
                    frame.arrived[person.id] = person
                    await self._enter_rooms(person.id, space)
                    self._counts_changed = True
                case Departed(space, pid, to):
                    frame = self._frame(space)
                    for pending in (frame.moves, frame.arrived, frame.status):
                        pending.pop(pid, None)
                    frame.departed[pid] = to
                    await self._leave_rooms(pid, space)
                    self._counts_changed = True
                case StatusChanged(space, pid, status):
                    self._frame(space).status[pid] = status
                case Relocated(pid, _space) if snapshots:
                    await self.send(
                        Outbound.SNAPSHOT, snapshot_of(self._presence, pid), person_room(pid)
                    )
        for observe in self.observers:
            await observe(events)

    async def flush(self) -> set[str]:
        """Send this tick's frames: one per space with changes, and the counts to everyone.

        Returns the spaces that changed (their groups are recomputed next)."""
        frames, self._frames = self._frames, {}
        for space, frame in frames.items():
            if frame.snapshots == 1 and frame.arrived:
                await self._send_split(space, frame)
            else:
                await self.send(Outbound.TICK, frame.to_model(space), space_room(space))
        if self._counts_changed:
            self._counts_changed = False
            await self.send(Outbound.COUNTS, CountsOut(counts=self._presence.counts()), EVERYONE)
        return set(frames)

    async def _send_split(self, space: str, frame: _Frame) -> None:
        """The frame to everyone in the space, without the arrivals their snapshot showed to
        those who got one (two encodings instead of hundreds of redundant rosters)."""
        full = encode(Outbound.TICK, frame.to_model(space))
        lean = frame.to_model(space, frame.shown)
        short = None
        if lean.moves or lean.arrived or lean.departed or lean.status:
            short = encode(Outbound.TICK, lean)
        eio = self._sio.eio
        for sid, eio_sid in self._sio.manager.get_participants(NAMESPACE, space_room(space)):
            conn = self._conns.get(sid)
            packet = short if conn is not None and conn.person_id in frame.snapshotted else full
            if packet is not None:
                await eio.send_packet(eio_sid, packet)
                self._count(packet, 1)
        self.frames_sent += 1

    async def send(
        self, event: Outbound, payload: BaseModel, room: str, relay: bool = False
    ) -> None:
        """To the room's connections here; `relay` also to theirs on the other processes (for
        what one process decides, never for what every process computes, like frames)."""
        packet = encode(event, payload)
        await self._deliver(packet, room)
        self.frames_sent += 1
        if relay and self.cluster is not None:
            await self.cluster.post("room", r=room, b=packet.data)

    async def deliver_relayed(self, body: dict[str, Any]) -> None:
        """A frame another process relayed (`send` or `send_people` with `relay`)."""
        packet = engineio.packet.Packet(engineio.packet.MESSAGE, body["b"])
        if "r" in body:
            await self._deliver(packet, body["r"])
        else:
            await self._deliver_people(packet, body["p"])

    async def _deliver(self, packet: engineio.packet.Packet, room: str) -> None:
        eio = self._sio.eio
        sent = 0
        for _sid, eio_sid in self._sio.manager.get_participants(NAMESPACE, room):
            await eio.send_packet(eio_sid, packet)
            sent += 1
        self._count(packet, sent)

    def _count(self, packet: engineio.packet.Packet, recipients: int) -> None:
        self.packets_sent += recipients
        self.bytes_sent += recipients * len(packet.data)

    async def send_people(
        self, event: Outbound, payload: BaseModel, person_ids: Iterable[str], relay: bool = False
    ) -> None:
        """One frame, encoded once, to every tab of each of these people; `relay` also to those
        served by other processes."""
        packet = encode(event, payload)
        people = list(person_ids)
        await self._deliver_people(packet, people)
        self.frames_sent += 1
        cluster = self.cluster
        if relay and cluster is not None:
            elsewhere = [pid for pid in people if not cluster.owns(pid)]
            if elsewhere:
                await cluster.post("people", p=elsewhere, b=packet.data)

    async def _deliver_people(self, packet: engineio.packet.Packet, people: list[str]) -> None:
        eio = self._sio.eio
        sent = 0
        for pid in people:
            for conn in self._conns.of_person(pid):
                eio_sid = self._sio.manager.eio_sid_from_sid(conn.sid, NAMESPACE)
                if eio_sid is not None:
                    await eio.send_packet(eio_sid, packet)
                    sent += 1
        self._count(packet, sent)

    async def send_snapshots(self, person_ids: list[str]) -> None:
        """One snapshot per moved person, each space's roster serialised only once (transitions)."""
        by_space: dict[str, list[str]] = {}
        for pid in person_ids:
            person = self._presence.get(pid)
            if person is not None:
                by_space.setdefault(person.space, []).append(pid)
        for space, pids in by_space.items():
            people = self._presence.roster(space)
            frame = self._frame(space)
            frame.snapshots += 1
            frame.snapshotted.update(pids)
            frame.shown = frozenset(p.id for p in people)
            roster = ",".join(person_out(p).model_dump_json() for p in people)
            for pid in pids:
                me = person_out(self._presence.require(pid)).model_dump_json()
                body = (
                    f'2["{Outbound.SNAPSHOT.value}",'
                    f'{{"space":"{space}","me":{me},"people":[{roster}]}}]'
                )
                packet = engineio.packet.Packet(engineio.packet.MESSAGE, body)
                await self._deliver(packet, person_room(pid))
        # let the connections' writers put the snapshots on the wire before the caller goes on
        # (a transition still tells everyone their programme and updates the consoles)
        await asyncio.sleep(0)

    async def disconnect(self, sid: str) -> None:
        await self._sio.disconnect(sid)

    async def enter_room(self, sid: str, room: str) -> None:
        await self._sio.enter_room(sid, room)

    async def join_connection(self, sid: str, person_id: str, space: str) -> None:
        """Put a new connection in the rooms its person's presence implies."""
        for room in (EVERYONE, person_room(person_id), space_room(space)):
            await self._sio.enter_room(sid, room)

    async def _enter_rooms(self, person_id: str, space: str) -> None:
        for conn in self._conns.of_person(person_id):
            await self._sio.enter_room(conn.sid, space_room(space))

    async def _leave_rooms(self, person_id: str, space: str) -> None:
        for conn in self._conns.of_person(person_id):
            await self._sio.leave_room(conn.sid, space_room(space))

    def _frame(self, space: str) -> _Frame:
        frame = self._frames.get(space)
        if frame is None:
            frame = self._frames[space] = _Frame()
        return frame
