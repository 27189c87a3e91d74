"""The live venue's `Publisher` over Socket.IO: the only place that emits and that moves
connections between rooms.

Movement is coalesced per space and sent once per tick; each frame is encoded once (with
orjson, `frames.py`) and written straight to every recipient's websocket where that is safe
(`direct.py`), else handed to its Engine.IO queue (`wire.Fanout`), skipping python-socketio's
task-per-recipient path (GUIDE §4).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Sequence

import socketio

from venue.domain.events import (
    Arrived,
    Departed,
    Emoted,
    Event,
    LookChanged,
    Moved,
    Relocated,
    StatusChanged,
)
from venue.domain.presence import Presence
from venue.live.ports import Ownership
from venue.protocol.base import Notice
from venue.protocol.peers import Relay
from venue.protocol.presence import CountsOut
from venue.realtime.connections import Connections
from venue.realtime.direct import Direct, Prepared
from venue.realtime.frames import TickFrame, people_json, snapshot_text
from venue.realtime.rooms import EVERYONE, MODERATORS, person_room, space_room
from venue.realtime.wire import Fanout, encode, packet, text_of


class Broadcaster:
    """Rooms change now, frames go at the next tick; everything else goes at once."""

    def __init__(
        self,
        sio: socketio.AsyncServer,
        presence: Presence,
        connections: Connections,
        ownership: Ownership,
        direct: Direct | None = None,
    ) -> None:
        self._sio = sio
        self._fanout = Fanout(sio, direct)
        self._presence = presence
        self._conns = connections
        self._ownership = ownership
        self._frames: dict[str, TickFrame] = {}
        self._counts_changed = False
        # what went out, for /metrics: frames built, and packets and bytes over all recipients
        self.frames_sent = 0
        self.packets_sent = 0
        self.bytes_sent = 0

    # -- presence ------------------------------------------------------------

    async def presence(self, events: Sequence[Event], snapshots: bool = True) -> None:
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
                    for pending in (frame.moves, frame.arrived, frame.status, frame.looks):
                        pending.pop(pid, None)
                    frame.emotes = [(p, e) for p, e in frame.emotes if p != pid]
                    frame.departed[pid] = to
                    await self._leave_rooms(pid, space)
                    self._counts_changed = True
                case StatusChanged(space, pid, status):
                    self._frame(space).status[pid] = status
                case LookChanged(space, pid, look):
                    self._frame(space).looks[pid] = look
                case Emoted(space, pid, emote):
                    self._frame(space).emotes.append((pid, emote))
                case Relocated(pid, _space) if snapshots:
                    me = self._presence.require(pid)
                    roster = people_json(self._presence.roster(me.space))
                    await self._send(packet(snapshot_text(me.space, me, roster)), person_room(pid))

    async def flush(self) -> set[str]:
        """Send this tick's frames: one per space with changes, and the counts to everyone.

        Returns the spaces that changed (their groups are recomputed next)."""
        frames, self._frames = self._frames, {}
        for space, frame in frames.items():
            if frame.snapshots == 1 and frame.arrived:
                await self._send_split(space, frame)
            else:
                await self._send(packet(frame.text(space)), space_room(space))
        if self._counts_changed:
            self._counts_changed = False
            await self._send(encode(CountsOut(counts=self._presence.counts())), EVERYONE)
        return set(frames)

    async def _send_split(self, space: str, frame: TickFrame) -> None:
        """The frame to everyone in the space, without the arrivals their snapshot showed to
        those who got one (two encodings instead of hundreds of redundant rosters)."""
        full = packet(frame.text(space))
        short = packet(frame.text(space, frame.shown)) if frame.news_for(frame.shown) else None
        for sid, eio_sid in self._fanout.members(space_room(space)):
            conn = self._conns.get(sid)
            chosen = short if conn is not None and conn.person_id in frame.snapshotted else full
            if chosen is not None:
                await self._fanout.to_engine(chosen, eio_sid)
                self._count(chosen, 1)
        self.frames_sent += 1

    async def snapshots(self, person_ids: Sequence[str]) -> None:
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
            roster = people_json(people)
            for pid in pids:
                me = self._presence.require(pid)
                await self._send(packet(snapshot_text(space, me, roster)), person_room(pid))
        # let the connections' writers put the snapshots on the wire before the caller goes on
        # (a transition still tells everyone their programme and updates the consoles)
        await asyncio.sleep(0)

    # -- everything else -------------------------------------------------------

    async def to_everyone(self, notice: Notice, relay: bool = False) -> None:
        frame = encode(notice)
        await self._send(frame, EVERYONE)
        if relay:
            await self._ownership.tell(Relay(b=text_of(frame)))

    async def to_space(self, space: str, notice: Notice, relay: bool = False) -> None:
        frame = encode(notice)
        await self._send(frame, space_room(space))
        if relay:
            await self._ownership.tell(Relay(space=space, b=text_of(frame)))

    async def to_people(
        self, person_ids: Iterable[str], notice: Notice, relay: bool = False
    ) -> None:
        """One frame, encoded once, to every tab of each of these people; `relay` also to
        those served by other processes."""
        frame = encode(notice)
        people = list(person_ids)
        await self._send_people(frame, people)
        if relay:
            elsewhere = [pid for pid in people if not self._ownership.owns(pid)]
            if elsewhere:
                await self._ownership.tell(Relay(people=elsewhere, b=text_of(frame)))

    async def to_moderators(self, notice: Notice) -> None:
        await self._send(encode(notice), MODERATORS)

    def moderators_watching(self) -> bool:
        return any(True for _ in self._fanout.members(MODERATORS))

    async def relayed(self, relay: Relay) -> None:
        """A frame another process sent, to the same audience's connections here."""
        frame = packet(relay.b)
        if relay.people is not None:
            await self._send_people(frame, relay.people)
        else:
            await self._send(frame, space_room(relay.space) if relay.space else EVERYONE)

    def connected(self, person_id: str) -> bool:
        return self._conns.count(person_id) > 0

    async def disconnect(self, person_id: str) -> None:
        for conn in self._conns.of_person(person_id):
            await self._sio.disconnect(conn.sid)

    # -- rooms -----------------------------------------------------------------

    async def join(self, sid: str, person_id: str) -> None:
        """A new connection: the venue's room and its person's (before they arrive)."""
        for room in (EVERYONE, person_room(person_id)):
            await self._sio.enter_room(sid, room)

    async def enter_space(self, sid: str, space: str) -> None:
        """A new connection of a person present in `space`."""
        await self._sio.enter_room(sid, space_room(space))

    async def watch(self, sid: str) -> None:
        """A moderator's connection receives the console from now on."""
        await self._sio.enter_room(sid, MODERATORS)

    async def _enter_rooms(self, person_id: str, space: str) -> None:
        for conn in self._conns.of_person(person_id):
            await self._sio.enter_room(conn.sid, space_room(space))

    async def _leave_rooms(self, person_id: str, space: str) -> None:
        for conn in self._conns.of_person(person_id):
            await self._sio.leave_room(conn.sid, space_room(space))

    # -- sending ---------------------------------------------------------------

    async def _send(self, frame: Prepared, room: str) -> None:
        self._count(frame, await self._fanout.to_room(frame, room))
        self.frames_sent += 1

    async def _send_people(self, frame: Prepared, people: Iterable[str]) -> None:
        sids = (conn.sid for pid in people for conn in self._conns.of_person(pid))
        self._count(frame, await self._fanout.to_sids(frame, sids))
        self.frames_sent += 1

    def _count(self, frame: Prepared, recipients: int) -> None:
        self.packets_sent += recipients
        self.bytes_sent += recipients * len(frame.data)

    def _frame(self, space: str) -> TickFrame:
        frame = self._frames.get(space)
        if frame is None:
            frame = self._frames[space] = TickFrame()
        return frame
