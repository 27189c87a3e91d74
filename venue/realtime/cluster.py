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
"""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import redis.asyncio as redis

from venue.domain.events import Arrived, Departed, Event, Moved, StatusChanged
from venue.domain.people import Person, Role, Status
from venue.domain.presence import Presence

log = logging.getLogger(__name__)

HEARTBEAT = 1.0  # seconds between a process's heartbeats
SILENCE = 3.5  # seconds without a word after which a process counts as gone
ORPHAN = ""  # owner of people whose process is gone, until they reconnect or leave

Command = Callable[[str, dict[str, Any]], Awaitable[None]]
Replayed = Callable[[list[Event]], Awaitable[None]]


class ClusterUnavailable(Exception):
    """Redis cannot be reached when the process starts."""


class Cluster:
    """This process's link to the others serving the same venue."""

    def __init__(
        self,
        url: str,
        channel: str,
        presence: Presence,
        grace: float,
        booths_of: Callable[[str], frozenset[str]],
    ) -> None:
        self.node = uuid.uuid4().hex[:12]
        self.channel = channel
        self._redis: redis.Redis = redis.from_url(url)  # type: ignore[no-untyped-call]
        self._presence = presence
        self._grace = grace
        self._booths_of = booths_of  # the booths an exhibitor connected here staffs
        self.owner: dict[str, str] = {}  # person → the process serving them
        self.booths: dict[str, frozenset[str]] = {}  # exhibitor → their booths (any process)
        self.nodes: dict[str, float] = {}  # the other processes → when last heard (loop time)
        self._changes: list[Event] = []  # own people's events since the last tick, in order
        self._moves: dict[str, Moved] = {}  # own people's latest position since the last tick
        self._commands: dict[str, Command] = {}
        self.replayed: Replayed | None = None  # where the others' events go (the broadcaster)
        self._tasks: list[asyncio.Task[None]] = []
        self._orphans: dict[str, asyncio.TimerHandle] = {}
        self.published = 0
        self.received = 0
        self.failed = 0  # messages Redis did not take
        self.listening = False  # subscribed: hearing the others
        self._complained = float("-inf")

    # -- ownership -----------------------------------------------------------

    def owns(self, person_id: str) -> bool:
        return self.owner.get(person_id) == self.node

    def leads(self) -> bool:
        """One process among those alive keeps shared records (the lowest id)."""
        return all(self.node < node for node in self.nodes)

    def on(self, kind: str, handler: Command) -> None:
        """Carry out commands of `kind` that another process sends (`handler(sender, body)`)."""
        self._commands[kind] = handler

    async def claim(self, person_id: str, booths: frozenset[str]) -> bool:
        """A person present through another (or a gone) process connected here: serve them.

        Returns False when they are not in the venue at all (they arrive as usual)."""
        if self._presence.get(person_id) is None or self.owns(person_id):
            return False
        self.owner[person_id] = self.node
        self.booths[person_id] = booths
        self._cancel_orphan(person_id)
        await self.post("claim", p=person_id, b=sorted(booths))
        return True

    # -- what this process's people did ----------------------------------------

    def collect(self, events: list[Event]) -> None:
        """Own people's events, published at the next tick (not per move)."""
        for event in events:
            match event:
                case Moved(_space, pid):
                    self._moves[pid] = event
                case Arrived(_space, person):
                    self.owner[person.id] = self.node
                    self.booths[person.id] = self._booths_of(person.id)
                    self._changes.append(event)
                case Departed(_space, pid, to):
                    if to is None:
                        self.owner.pop(pid, None)
                        self.booths.pop(pid, None)
                    self._changes.append(event)
                case StatusChanged():
                    self._changes.append(event)

    async def flush(self) -> None:
        """One message with this tick's changes of every space, if anything changed."""
        changes, self._changes = self._changes, []
        moves, self._moves = self._moves, {}
        for move in moves.values():  # a mover who changed space since is in an Arrived
            person = self._presence.get(move.person_id)
            if person is not None and person.space == move.space:
                changes.append(Moved(move.space, move.person_id, person.x, person.y))
        if changes:
            await self.post("frame", e=[self._encode(event) for event in changes])

    def _encode(self, event: Event) -> list[Any]:
        match event:
            case Arrived(space, p):
                booths = sorted(self.booths.get(p.id, ()))
                return ["a", space, p.id, p.name, p.role.value, p.x, p.y, p.status.value, booths]
            case Departed(space, pid, to):
                return ["d", space, pid, to]
            case Moved(space, pid, x, y):
                return ["m", space, pid, x, y]
            case StatusChanged(space, pid, status):
                return ["s", space, pid, status.value]
        raise ValueError(f"not replicated: {event!r}")

    # -- the others ------------------------------------------------------------

    async def start(self) -> None:
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
        await self.post("hello")
        await self._introduce()

    async def close(self) -> None:
        for handle in self._orphans.values():
            handle.cancel()
        await self.post("bye")
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

    async def ping(self) -> None:
        await self._redis.ping()

    async def post(self, kind: str, **body: Any) -> None:
        """Publish to the other processes; while Redis is away, this process serves on alone
        (its readiness check fails, so a load balancer stops sending people here)."""
        body["k"], body["n"] = kind, self.node
        try:
            await self._redis.publish(self.channel, json.dumps(body, separators=(",", ":")))
        except (redis.RedisError, OSError) as exc:
            self.failed += 1
            now = asyncio.get_running_loop().time()
            if now - self._complained > HEARTBEAT:
                self._complained = now
                log.warning("cluster: cannot publish to Redis (%s); %d lost", exc, self.failed)
            return
        self.published += 1

    async def _beat(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            await asyncio.sleep(HEARTBEAT)
            await self.post("beat")
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
                async for message in pubsub.listen():
                    body = json.loads(message["data"])
                    sender = body["n"]
                    if sender == self.node:
                        continue
                    self.received += 1
                    self.nodes[sender] = loop.time()
                    try:
                        await self._handle(sender, body)
                    except Exception:  # one bad message must not stop the venue's link
                        log.exception("cluster: message %s failed", body.get("k"))
            except (redis.RedisError, OSError) as exc:
                if self.listening:
                    log.warning("cluster: lost Redis (%s); retrying", exc)
                self.listening = False
                await asyncio.sleep(HEARTBEAT)

    async def _handle(self, sender: str, body: dict[str, Any]) -> None:
        match body["k"]:
            case "frame":
                await self._replay([self._decode(sender, raw) for raw in body["e"]])
            case "hello":  # a process (re)started: it introduces its people next
                await self._forget(sender)
                await self._introduce()
            case "claim":
                await self._claimed(sender, body["p"], frozenset(body["b"]))
            case "bye":
                self.nodes.pop(sender, None)
                self._gone(sender)
            case "beat":
                pass
            case kind if kind in self._commands:
                await self._commands[kind](sender, body)
            case kind:
                log.warning("cluster: unknown message %r from %s", kind, sender)

    def _decode(self, sender: str, raw: list[Any]) -> Event:
        match raw:
            case ["a", space, pid, name, role, x, y, status, booths]:
                self.owner[pid] = sender
                self.booths[pid] = frozenset(booths)
                self._cancel_orphan(pid)
                return Arrived(space, Person(pid, name, Role(role), space, x, y, Status(status)))
            case ["d", space, pid, to]:
                if to is None and self.owner.get(pid) == sender:
                    del self.owner[pid]
                    self.booths.pop(pid, None)
                return Departed(space, pid, to)
            case ["m", space, pid, x, y]:
                return Moved(space, pid, x, y)
            case ["s", space, pid, status]:
                return StatusChanged(space, pid, Status(status))
        raise ValueError(f"unknown event {raw!r}")

    async def _replay(self, events: list[Event]) -> None:
        now = asyncio.get_running_loop().time()
        applied = [e for e in events if self._presence.replay(e, now)]
        if applied and self.replayed is not None:
            await self.replayed(applied)

    async def _introduce(self) -> None:
        """A process started: tell it about our people."""
        mine = [p for p in self._presence.people() if self.owns(p.id)]
        if mine:
            await self.post("frame", e=[self._encode(Arrived(p.space, p)) for p in mine])

    async def _claimed(self, sender: str, person_id: str, booths: frozenset[str]) -> None:
        was_mine = self.owns(person_id)
        self.owner[person_id] = sender
        self.booths[person_id] = booths
        self._cancel_orphan(person_id)
        if was_mine:
            await self._commands["release"](sender, {"p": person_id})

    async def _forget(self, node: str) -> None:
        """Take everyone served by `node` out of this process's view of the venue."""
        for pid, owner in list(self.owner.items()):
            if owner == node:
                del self.owner[pid]
                self.booths.pop(pid, None)
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
        self.booths.pop(person_id, None)
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
