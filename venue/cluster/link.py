"""Several processes serve one venue: presence and commands shared over Redis pub/sub.

Each process *owns* the people connected to it: it alone checks and applies their moves,
routes them at transitions and remembers their place. Every process keeps a replica of the
others' people, fed by one message per process per tick that carries each space's changes
(arrivals, departures, the latest position per mover, status). Frames, counts, groups and the
console are then computed by every process from the same presence, for its own connections.

What one process decides for people served elsewhere (a moderator's call or announcement, a
chat message, a removal, a programme change) travels as a command; the processes that serve
those people carry it out. A process that stops saying hello (heartbeats) is gone: its people
stay visible for the disconnect grace period, long enough to reconnect to another process and
be *claimed* there with their place intact; after that they leave.

`Cluster` is the `Ownership` of a process among others; the messages are typed in
`venue.protocol.peers`.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import redis.asyncio as redis
from pydantic import ValidationError

from venue.domain.events import Arrived, Departed, Emoted, Event, LookChanged, Moved, StatusChanged
from venue.domain.looks import Emote
from venue.domain.people import Person, Role, Status
from venue.domain.presence import Presence
from venue.protocol.peers import (
    PEER_MESSAGE,
    Beat,
    Bye,
    Claim,
    Frame,
    Hello,
    PeerMessage,
    PresenceEntry,
)

log = logging.getLogger(__name__)

HEARTBEAT = 1.0  # seconds between a process's heartbeats
SILENCE = 3.5  # seconds without a word after which a process counts as gone
ORPHAN = ""  # owner of people whose process is gone, until they reconnect or leave

Replayed = Callable[[Sequence[Event]], Awaitable[None]]
CarryOut = Callable[[PeerMessage], Awaitable[None]]


class ClusterUnavailable(Exception):
    """Redis cannot be reached when the process starts."""


class Cluster:
    """This process's link to the others serving the same venue."""

    def __init__(self, url: str, channel: str, presence: Presence, grace: float) -> None:
        self.node = uuid.uuid4().hex[:12]
        self.channel = channel
        self._redis: redis.Redis = redis.from_url(url)  # type: ignore[no-untyped-call]
        self._presence = presence
        self._grace = grace
        self.owner: dict[str, str] = {}  # person → the process serving them
        self.nodes: dict[str, float] = {}  # the other processes → when last heard (loop time)
        self._changes: list[Event] = []  # own people's events since the last tick, in order
        self._moves: dict[str, Moved] = {}  # own people's latest position since the last tick
        self._replayed: Replayed | None = None  # where the others' presence events go
        self._carry_out: CarryOut | None = None  # where the others' commands go
        self._released: Callable[[str], Awaitable[None]] | None = None
        self._tasks: list[asyncio.Task[None]] = []
        self._orphans: dict[str, asyncio.TimerHandle] = {}
        self.published = 0
        self.received = 0
        self.failed = 0  # messages Redis did not take
        self.listening = False  # subscribed: hearing the others
        self._complained = float("-inf")

    # -- Ownership -------------------------------------------------------------

    def owns(self, person_id: str) -> bool:
        return self.owner.get(person_id) == self.node

    def leads(self) -> bool:
        """One process among those alive keeps shared records (the lowest id)."""
        return all(self.node < node for node in self.nodes)

    def alone(self) -> bool:
        return not self.nodes

    def single(self) -> bool:
        return False

    async def claim(self, person_id: str) -> bool:
        """A person present through another (or a gone) process connected here: serve them.

        Returns False when they are not in the venue at all (they arrive as usual)."""
        if self._presence.get(person_id) is None or self.owns(person_id):
            return False
        self.owner[person_id] = self.node
        self._cancel_orphan(person_id)
        await self.tell(Claim(p=person_id))
        return True

    def collect(self, events: Sequence[Event]) -> None:
        """Own people's events, published at the next tick (not per move)."""
        for event in events:
            match event:
                case Moved(_space, pid):
                    self._moves[pid] = event
                case Arrived(_space, person):
                    self.owner[person.id] = self.node
                    self._changes.append(event)
                case Departed(_space, pid, to):
                    if to is None:
                        self.owner.pop(pid, None)
                    self._changes.append(event)
                case StatusChanged() | LookChanged() | Emoted():
                    self._changes.append(event)

    async def tell(self, message: PeerMessage) -> None:
        """Publish to the other processes; while Redis is away, this process serves on alone
        (its readiness check fails, so a load balancer stops sending people here)."""
        body = message.model_copy(update={"n": self.node}).model_dump_json()
        try:
            await self._redis.publish(self.channel, body)
        except (redis.RedisError, OSError) as exc:
            self.failed += 1
            now = asyncio.get_running_loop().time()
            if now - self._complained > HEARTBEAT:
                self._complained = now
                log.warning("cluster: cannot publish to Redis (%s); %d lost", exc, self.failed)
            return
        self.published += 1

    # -- this process's ticks ----------------------------------------------------

    async def flush(self) -> None:
        """One message with this tick's changes of every space, if anything changed."""
        changes, self._changes = self._changes, []
        moves, self._moves = self._moves, {}
        for move in moves.values():  # a mover who changed space since is in an Arrived
            person = self._presence.get(move.person_id)
            if person is not None and person.space == move.space:
                changes.append(Moved(move.space, move.person_id, person.x, person.y))
        if changes:
            await self.tell(Frame(e=[_encode(event) for event in changes]))

    # -- the others --------------------------------------------------------------

    async def start(
        self,
        replayed: Replayed,
        carry_out: CarryOut,
        released: Callable[[str], Awaitable[None]],
    ) -> None:
        """Subscribe and say hello; the others' presence goes to `replayed`, their commands to
        `carry_out`, and people claimed by another process to `released`."""
        self._replayed, self._carry_out, self._released = replayed, carry_out, released
        pubsub = self._redis.pubsub(ignore_subscribe_messages=True)
        try:
            await pubsub.subscribe(self.channel)
        except (redis.RedisError, OSError) as exc:
            await pubsub.aclose()  # type: ignore[no-untyped-call]
            await self._redis.aclose()
            raise ClusterUnavailable(f"cannot reach Redis at {self._where()}: {exc}") from None
        await self._greet()
        self._tasks = [
            asyncio.create_task(self._listen(pubsub)),
            asyncio.create_task(self._beat()),
        ]

    async def _greet(self) -> None:
        """Subscribed (again): what we knew of the others may be stale, so forget it; they
        answer the hello with their people, and we tell them about ours."""
        self.listening = True
        for node in {owner for owner in self.owner.values() if owner != self.node}:
            await self._forget(node)
        await self.tell(Hello())
        await self._introduce()
        if self._carry_out is not None:  # and what the live services tell about them
            await self._carry_out(Hello())

    async def close(self) -> None:
        for handle in self._orphans.values():
            handle.cancel()
        await self.tell(Bye())
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await self._redis.aclose()

    def _where(self) -> str:
        """The Redis address without a password."""
        kwargs = self._redis.connection_pool.connection_kwargs
        if "path" in kwargs:
            return str(kwargs["path"])
        return f"{kwargs.get('host')}:{kwargs.get('port')}/{kwargs.get('db', 0)}"

    async def ready(self) -> None:
        """Raises why this process cannot serve its part of the venue now (readiness)."""
        await self._redis.ping()
        if not self.listening:  # Redis answers, but this process does not hear the others yet
            raise ConnectionError("not subscribed to the venue's channel")

    async def _beat(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            await asyncio.sleep(HEARTBEAT)
            await self.tell(Beat())
            now = loop.time()
            for node, heard in list(self.nodes.items()):
                if now - heard > SILENCE:
                    log.warning("cluster: process %s went silent", node)
                    del self.nodes[node]
                    self._gone(node)

    async def _listen(self, pubsub: Any) -> None:
        loop = asyncio.get_running_loop()
        while True:
            try:
                if not self.listening:  # Redis came back: subscribe, and start afresh
                    await pubsub.subscribe(self.channel)
                    await self._greet()
                async for raw in pubsub.listen():
                    await self._receive(raw["data"], loop.time())
            except (redis.RedisError, OSError) as exc:
                if self.listening:
                    log.warning("cluster: lost Redis (%s); retrying", exc)
                self.listening = False
                await asyncio.sleep(HEARTBEAT)

    async def _receive(self, data: bytes, now: float) -> None:
        try:
            message = PEER_MESSAGE.validate_json(data)
        except ValidationError as exc:  # another version, or not ours: one line, go on
            log.warning("cluster: unreadable message (%s)", exc.errors()[0]["msg"])
            return
        sender = message.n
        if sender == self.node:
            return
        self.received += 1
        self.nodes[sender] = now
        try:
            await self._handle(sender, message)
        except Exception:  # one bad message must not stop the venue's link
            log.exception("cluster: message %s failed", type(message).__name__)

    async def _handle(self, sender: str, message: PeerMessage) -> None:
        match message:
            case Frame(e=entries):
                await self._replay([self._decode(sender, entry) for entry in entries])
            case Hello():  # a process (re)started: it introduces its people next
                await self._forget(sender)
                await self._introduce()
                if self._carry_out is not None:  # what the live services tell it besides
                    await self._carry_out(message)
            case Claim(p=person_id):
                await self._claimed(sender, person_id)
            case Bye():
                self.nodes.pop(sender, None)
                self._gone(sender)
            case Beat():
                pass
            case _:
                if self._carry_out is not None:
                    await self._carry_out(message)

    def _decode(self, sender: str, entry: PresenceEntry) -> Event:
        match entry:
            case ["a", space, pid, name, role, x, y, status, booths, look, hand]:
                self.owner[pid] = sender
                self._cancel_orphan(pid)
                person = Person(
                    pid,
                    name,
                    Role(role),
                    space,
                    x,
                    y,
                    Status(status),
                    frozenset(booths),
                    look,
                    bool(hand),
                )
                return Arrived(space, person)
            case ["d", space, pid, to]:
                if to is None and self.owner.get(pid) == sender:
                    del self.owner[pid]
                return Departed(space, pid, to)
            case ["m", space, pid, x, y]:
                return Moved(space, pid, x, y)
            case ["s", space, pid, status]:
                return StatusChanged(space, pid, Status(status))
            case ["l", space, pid, look]:
                return LookChanged(space, pid, look)
            case ["e", space, pid, emote]:
                return Emoted(space, pid, Emote(emote))
        raise ValueError(f"unknown presence entry {entry!r}")

    async def _replay(self, events: list[Event]) -> None:
        now = asyncio.get_running_loop().time()
        applied = [e for e in events if self._presence.replay(e, now)]
        if applied and self._replayed is not None:
            await self._replayed(applied)

    async def _introduce(self) -> None:
        """A process started: tell it about our people."""
        events: list[Event] = []
        for p in self._presence.people():
            if self.owns(p.id):
                events.append(Arrived(p.space, p))
                if self._presence.settled(p.id):  # they have taken a step since arriving
                    events.append(Moved(p.space, p.id, p.x, p.y))
        if events:
            await self.tell(Frame(e=[_encode(e) for e in events]))

    async def _claimed(self, sender: str, person_id: str) -> None:
        was_mine = self.owns(person_id)
        self.owner[person_id] = sender
        self._cancel_orphan(person_id)
        if was_mine and self._released is not None:
            await self._released(person_id)

    async def _forget(self, node: str) -> None:
        """Take everyone served by `node` out of this process's view of the venue."""
        for pid, owner in list(self.owner.items()):
            if owner == node:
                del self.owner[pid]
                self._cancel_orphan(pid)
                await self._replay_departure(pid)

    def _gone(self, node: str) -> None:
        """A process stopped: its people wait for the grace period to reconnect elsewhere."""
        loop = asyncio.get_running_loop()
        for pid, owner in list(self.owner.items()):
            if owner == node:
                self.owner[pid] = ORPHAN
                self._orphans[pid] = loop.call_later(self._grace, self._leave_orphan, pid)

    def _leave_orphan(self, person_id: str) -> None:
        self._orphans.pop(person_id, None)
        if self.owner.get(person_id) != ORPHAN:
            return
        del self.owner[person_id]
        task = asyncio.create_task(self._replay_departure(person_id))
        self._tasks.append(task)
        task.add_done_callback(self._tasks.remove)

    async def _replay_departure(self, person_id: str) -> None:
        person = self._presence.get(person_id)
        if person is not None:
            await self._replay([Departed(person.space, person_id, None)])

    def _cancel_orphan(self, person_id: str) -> None:
        handle = self._orphans.pop(person_id, None)
        if handle is not None:
            handle.cancel()


def _encode(event: Event) -> PresenceEntry:
    match event:
        case Arrived(space, p):
            booths = sorted(p.booths)
            entry = [space, p.id, p.name, p.role.value, p.x, p.y, p.status.value, booths]
            return ["a", *entry, p.look, p.hand]
        case Departed(space, pid, to):
            return ["d", space, pid, to]
        case Moved(space, pid, x, y):
            return ["m", space, pid, x, y]
        case StatusChanged(space, pid, status):
            return ["s", space, pid, status.value]
        case LookChanged(space, pid, look):
            return ["l", space, pid, look]
        case Emoted(space, pid, emote):
            return ["e", space, pid, emote.value]
    raise ValueError(f"not replicated: {event!r}")
