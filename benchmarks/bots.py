"""Cheap bots: thousands of bare websockets (`wire.py`) in one process, one stepping task for all.

No python-socketio client (GUIDE §8: load generators saturate first). Three dialects speak to
the servers under test: Engine.IO v4 / Socket.IO v5 for venue (`SocketIO`), the same wire
format for the two Socket.IO relays (`Relay`), plain JSON for the raw aiohttp relay (`RawJSON`).
Every server sends movement as a list of `{"id", "x", "y"}` (venue and the raw relay once per
tick, the Socket.IO relays once per move), so one receive path measures them all.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Protocol
from urllib.parse import quote

from walls import Grid, walk_path
from wire import Wire

TICK_PREFIX = b'42["space.tick",'
SNAPSHOT_PREFIX = b'42["space.snapshot",'
RAW_TICK_PREFIX = b'{"moves":'
ENTER_ACK = 1  # ack id of the `space.enter` a venue bot sends to reach its space
STEP_PX = 8


class Kind(Enum):
    TICK = "tick"
    SNAPSHOT = "snapshot"
    ACK = "ack"
    PING = "ping"
    CLOSED = "closed"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Hello:
    """What a bot learns on connecting: who it is and where it stands."""

    id: str
    x: int
    y: int
    space: str = ""


class ConnectRefused(Exception):
    """The server refused the connection (e.g. `space.full`)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


class Socket(Protocol):
    """What a handshake needs of a websocket: `Wire`, or aiohttp's for the moderator."""

    async def receive_str(self) -> str: ...

    async def send_str(self, data: str) -> None: ...


class Dialect(Protocol):
    def url(self, base: str, space: str) -> str: ...

    async def handshake(
        self, ws: Socket, token: str | None, spawn: tuple[int, int], space: str
    ) -> Hello: ...

    def move(self, ack: int, x: int, y: int) -> str: ...

    def classify(self, data: bytes) -> tuple[Kind, Any]: ...

    def moves(self, tick: bytes) -> list[dict[str, Any]]: ...

    def count(self, tick: bytes) -> int: ...


class SocketIO:
    """Engine.IO v4 over a websocket, Socket.IO v5 on namespace `/`, acks for every move.

    Against venue a bot that should be elsewhere than where the welcome put it goes there with
    `space.enter` (from the space list) before it counts as connected.
    """

    def url(self, base: str, space: str) -> str:
        return f"{base}/socket.io/?EIO=4&transport=websocket"

    async def handshake(
        self, ws: Socket, token: str | None, spawn: tuple[int, int], space: str
    ) -> Hello:
        await self._open(ws, {"token": token})
        hello = await self._welcome(ws)
        if space and hello.space != space:
            await ws.send_str(f'42{ENTER_ACK}["space.enter",{json.dumps({"space": space})}]')
            body = await self._ack(ws, ENTER_ACK)
            if body.get("ok") is not True:
                raise ConnectRefused(str(body.get("error", {}).get("code", "space.enter")))
            hello = _hello(body["data"])
        return hello

    async def _open(self, ws: Socket, auth: dict[str, Any]) -> None:
        opening = await ws.receive_str()
        if not opening.startswith("0{"):
            raise RuntimeError(f"expected an Engine.IO open packet, got {opening[:80]!r}")
        await ws.send_str("40" + json.dumps(auth))

    async def _welcome(self, ws: Socket) -> Hello:
        while True:
            text = await ws.receive_str()
            if text.startswith("44"):
                data = json.loads(text[2:]).get("data") or {}
                raise ConnectRefused(str(data.get("code", "connect_error")))
            if text.startswith('42["venue.welcome",'):
                return _hello(json.loads(text[2:])[1]["snapshot"])
            if text == "2":
                await ws.send_str("3")

    async def _ack(self, ws: Socket, ack: int) -> dict[str, Any]:
        prefix = f"43{ack}["
        while True:
            text = await ws.receive_str()
            if text.startswith(prefix):
                body: dict[str, Any] = json.loads(text[len(prefix) - 1 :])[0]
                return body
            if text == "2":
                await ws.send_str("3")

    def move(self, ack: int, x: int, y: int) -> str:
        return f'42{ack}["presence.move",{{"x":{x},"y":{y}}}]'

    def classify(self, data: bytes) -> tuple[Kind, Any]:
        if data.startswith(TICK_PREFIX):
            return Kind.TICK, None
        if data.startswith(SNAPSHOT_PREFIX):
            return Kind.SNAPSHOT, _snapshot_space(data)
        if data.startswith(b"43"):
            return Kind.ACK, _ack_code(data, data.find(b"[") + 1, -1)
        if data == b"2":
            return Kind.PING, "3"
        if data.startswith(b"41") or data == b"1":
            return Kind.CLOSED, None
        return Kind.OTHER, None

    def moves(self, tick: bytes) -> list[dict[str, Any]]:
        moves: list[dict[str, Any]] = json.loads(tick[len(TICK_PREFIX) : -1])["moves"]
        return moves

    def count(self, tick: bytes) -> int:
        """Moves in a tick without parsing it: `"y":` appears once per move, unless people
        arrived (their entries have a `y` too); only then is the frame parsed."""
        if b'"arrived":[{' in tick or b'"arrived": [{' in tick:
            return len(self.moves(tick))
        return tick.count(b'"y":')


class Relay(SocketIO):
    """The Socket.IO relays (`relay_socketio.py`, `relay_node.js`): the space in the auth,
    the same `venue.welcome`, one `space.tick` with one move per move received."""

    async def handshake(
        self, ws: Socket, token: str | None, spawn: tuple[int, int], space: str
    ) -> Hello:
        await self._open(ws, {"space": space})
        hello = await self._welcome(ws)
        return Hello(hello.id, *spawn, space)


class RawJSON:
    """The raw relay's protocol: `{"id"}` on connect, `{"ack",x,y}` up, `{"moves"}` down."""

    def url(self, base: str, space: str) -> str:
        return f"{base}/ws?space={quote(space)}" if space else f"{base}/ws"

    async def handshake(
        self, ws: Socket, token: str | None, spawn: tuple[int, int], space: str
    ) -> Hello:
        hello = json.loads(await ws.receive_str())
        return Hello(str(hello["id"]), *spawn, space)

    def move(self, ack: int, x: int, y: int) -> str:
        return f'{{"ack":{ack},"x":{x},"y":{y}}}'

    def classify(self, data: bytes) -> tuple[Kind, Any]:
        if data.startswith(RAW_TICK_PREFIX):
            return Kind.TICK, None
        if data.startswith(b'{"ack":'):
            return Kind.ACK, _ack_code(data, 0, None)
        return Kind.OTHER, None

    def moves(self, tick: bytes) -> list[dict[str, Any]]:
        moves: list[dict[str, Any]] = json.loads(tick)["moves"]
        return moves

    def count(self, tick: bytes) -> int:
        return tick.count(b'"y":')


def _hello(snapshot: dict[str, Any]) -> Hello:
    me = snapshot["me"]
    return Hello(str(me["id"]), int(me["x"]), int(me["y"]), str(snapshot.get("space", "")))


def _snapshot_space(data: bytes) -> str:
    """The space of a `space.snapshot`, without parsing its roster when it comes first."""
    head = SNAPSHOT_PREFIX + b'{"space":"'
    if data.startswith(head):
        return data[len(head) : data.index(b'"', len(head))].decode()
    return str(json.loads(data[2:])[1]["space"])


def _ack_code(data: bytes, start: int, end: int | None) -> str | None:
    """None for `{"ok":true}`, else the refusal's error code."""
    if b'"ok":true' in data or b'"ok": true' in data:
        return None
    body = json.loads(data[start:end])
    if isinstance(body, list):
        body = body[0] if body else {}
    return None if body.get("ok") is True else str(body.get("error", {}).get("code", "?"))


@dataclass(slots=True)
class Stats:
    """What the bots saw; only counted while `recording`."""

    recording: bool = False
    frames: int = 0
    updates: int = 0
    acks: int = 0
    lost: int = 0  # connections closed by the server (or the network) while recording
    received: int = 0  # bytes the server sent to the bots, on the wire (compressed or not)
    lags: list[float] = field(default_factory=list)  # a generator process's own loop lag
    refusals: Counter[str] = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)
    gaps: list[float] = field(default_factory=list)
    frames_per_bot: dict[int, int] = field(default_factory=dict)

    def reset(self, bots: list[int]) -> None:
        self.frames = self.updates = self.acks = self.lost = self.received = 0
        self.refusals.clear()
        self.lags.clear()
        self.latencies.clear()
        self.gaps.clear()
        self.frames_per_bot = dict.fromkeys(bots, 0)


@dataclass(slots=True)
class Bot:
    index: int
    ws: Wire
    id: str
    path: list[tuple[int, int]]
    loop_start: int
    observer: bool
    space: str = ""
    walks: bool = True
    step: int = 0
    acks: int = ENTER_ACK
    last_frame: float = 0.0

    def next_position(self) -> tuple[int, int]:
        if self.step >= len(self.path):
            self.step = self.loop_start
        position = self.path[self.step]
        self.step += 1
        return position


SnapshotHook = Callable[["Bot", str, float], None]


class Swarm:
    """All bots of one run, their frame handlers and the single task that makes them walk.

    `spaces[i]` is where bot i should be (venue bots go there with `space.enter`; the relays
    are told at connect). Without a grid for its space a bot stands still. `walking` is the
    share of bots that walk, spread evenly over the indices. Observers (the first `observers`
    indices that are multiples of `observe_every`) parse their frames and sample latency;
    the others only count moves. `on_snapshot(bot, space, t)` is called with
    `time.perf_counter()` whenever a bot receives a `space.snapshot`. With `deflate` the bots
    offer permessage-deflate as Chromium does; `extensions` counts what the server agreed to
    per connection. With `span` walkers stay within that many tiles of where they arrived.
    """

    helper_pids: tuple[int, ...] = ()  # other processes of the generator (none: this one)

    def __init__(
        self,
        dialect: Dialect,
        grids: Mapping[str, Grid] | None,
        observers: int,
        on_snapshot: SnapshotHook | None = None,
        *,
        observe_every: int = 1,
        walking: float = 1.0,
        deflate: bool = False,
        span: int | None = None,
    ) -> None:
        self.dialect = dialect
        self.deflate = deflate
        self.span = span
        self.extensions: Counter[str] = Counter()
        self._received0 = 0
        self.grids = grids if grids is not None else {}  # may be filled in later
        self.observers = observers
        self.observe_every = max(1, observe_every)
        self.walking = walking
        self.on_snapshot = on_snapshot
        self.stats = Stats()
        self.bots: list[Bot] = []
        self.walkers: list[Bot] = []
        self.connect_refusals: Counter[str] = Counter()
        self.connect_errors = 0
        self.lost = 0  # every connection the server closed, recording or not
        self.spawns: dict[int, tuple[int, int]] = {}
        self.spaces: dict[int, str] = {}
        self._sent: dict[tuple[str, int, int], float] = {}
        self._closing = False

    async def connect(
        self, bases: Sequence[str], tokens: Sequence[str | None], first: int = 0, batch: int = 25
    ) -> None:
        """Connect bots first … first+len(tokens)-1, `batch` at a time, bot i to
        bases[i % len(bases)]; refused ones are counted, not retried."""
        for start in range(0, len(tokens), batch):
            chunk = range(first + start, first + min(start + batch, len(tokens)))
            await asyncio.gather(
                *(self._connect_one(bases[i % len(bases)], i, tokens[i - first]) for i in chunk)
            )

    async def _connect_one(self, base: str, index: int, token: str | None) -> None:
        space = self.spaces.get(index, "")
        try:
            ws = await Wire.open(self.dialect.url(base, space), deflate=self.deflate)
        except OSError:
            self.connect_errors += 1
            return
        spawn = self.spawns.get(index) or next(iter(self.spawns.values()), (0, 0))
        try:
            hello = await self.dialect.handshake(ws, token, spawn, space)
        except ConnectRefused as exc:
            self.connect_refusals[exc.code] += 1
            await ws.close()
            return
        except (OSError, TimeoutError):
            self.connect_errors += 1
            await ws.close()
            return
        self.spawns[index] = (hello.x, hello.y)
        grid = self.grids.get(hello.space or space)
        approach: list[tuple[int, int]]
        if grid is None:
            approach, loop = [], [(hello.x, hello.y)]
        else:
            approach, loop = walk_path(grid, (hello.x, hello.y), STEP_PX, self.span)
        self.extensions[ws.extension or "none"] += 1
        observer = index % self.observe_every == 0 and index // self.observe_every < self.observers
        walks = grid is not None and int((index + 1) * self.walking) > int(index * self.walking)
        bot = Bot(index, ws, hello.id, approach + loop, len(approach), observer, hello.space, walks)
        self.bots.append(bot)
        if walks:
            self.walkers.append(bot)
        if self.stats.recording:
            self.stats.frames_per_bot.setdefault(index, 0)
        ws.on_text = lambda data: self._on_frame(bot, data)
        ws.closed.add_done_callback(lambda _: self._on_closed())

    async def begin(self) -> None:
        """Start counting (a measured window)."""
        self.stats.reset([bot.index for bot in self.bots])
        self._received0 = self._received()
        self.stats.recording = True

    async def end(self) -> None:
        """Stop counting; `stats` holds the window's figures."""
        self.stats.recording = False
        self.stats.received = self._received() - self._received0

    def _received(self) -> int:
        return sum(bot.ws.received for bot in self.bots)

    async def walk(self, hz: float, stop: asyncio.Event) -> None:
        """Step every walking bot `hz` times a second, spread over 10 slots of each period."""
        slots = 10
        period = 1.0 / hz / slots
        loop = asyncio.get_running_loop()
        deadline = loop.time()
        slot = 0
        while not stop.is_set():
            for bot in self.walkers[slot::slots]:
                self._step(bot)
            slot = (slot + 1) % slots
            deadline += period
            delay = deadline - loop.time()
            if delay < 0:  # behind: do not burst, restart the schedule
                deadline, delay = loop.time(), 0.0
            await asyncio.sleep(delay)

    def _step(self, bot: Bot) -> None:
        x, y = bot.next_position()
        bot.acks += 1
        self._sent[(bot.id, x, y)] = time.perf_counter()
        with contextlib.suppress(ConnectionError):  # counted when the socket reports its end
            bot.ws.send_text(self.dialect.move(bot.acks, x, y))

    def _on_frame(self, bot: Bot, data: bytes) -> None:
        stats = self.stats
        kind, value = self.dialect.classify(data)
        if kind is Kind.TICK:
            if stats.recording:
                self._count_tick(bot, data)
        elif kind is Kind.SNAPSHOT:
            now = time.perf_counter()
            if value != bot.space:
                self._relocate(bot, data, value)
            if self.on_snapshot is not None:
                self.on_snapshot(bot, value, now)
        elif kind is Kind.ACK:
            if stats.recording:
                stats.acks += 1
                if value is not None:
                    stats.refusals[value] += 1
        elif kind is Kind.PING:
            bot.ws.send_text(value)

    def _relocate(self, bot: Bot, snapshot: bytes, space: str) -> None:
        """Moved to another space (a transition): walk on from the new position, as a client
        would, or stand still where there is no map of that space."""
        bot.space = space
        grid = self.grids.get(space)
        if grid is None or not bot.walks:
            if bot.walks:
                bot.walks = False
                self.walkers.remove(bot)
            return
        me = json.loads(snapshot[2:])[1]["me"]
        approach, loop = walk_path(grid, (int(me["x"]), int(me["y"])), STEP_PX, self.span)
        bot.path, bot.loop_start, bot.step = approach + loop, len(approach), 0

    def _on_closed(self) -> None:
        if self._closing:
            return
        self.lost += 1
        if self.stats.recording:
            self.stats.lost += 1

    def _count_tick(self, bot: Bot, data: bytes) -> None:
        stats = self.stats
        stats.frames += 1
        stats.frames_per_bot[bot.index] = stats.frames_per_bot.get(bot.index, 0) + 1
        if not bot.observer:
            stats.updates += self.dialect.count(data)
            return
        moves = self.dialect.moves(data)
        stats.updates += len(moves)
        now = time.perf_counter()
        if bot.last_frame:
            stats.gaps.append(now - bot.last_frame)
        bot.last_frame = now
        sent = self._sent
        for move in moves:
            if move["id"] != bot.id:
                t0 = sent.get((move["id"], move["x"], move["y"]))
                if t0 is not None:
                    stats.latencies.append(now - t0)

    async def close(self) -> None:
        self._closing = True
        await asyncio.gather(*(bot.ws.close() for bot in self.bots), return_exceptions=True)
        for bot in self.bots:  # bot → socket → handler → bot: leave no cycles for the GC
            bot.ws.on_text = None
        self._sent.clear()
