"""Cheap bots: hundreds of raw aiohttp websockets in one process, one stepping task for all.

No python-socketio client (GUIDE §8: load generators saturate first). Two dialects speak to
the two servers under test: Engine.IO v4 / Socket.IO v5 for venue, plain JSON for the baseline.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Protocol

import aiohttp
from walls import Grid, walk_path

TICK_PREFIX = '42["space.tick",'
SNAPSHOT_PREFIX = '42["space.snapshot",'
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


class Dialect(Protocol):
    def url(self, base: str) -> str: ...

    async def handshake(
        self, ws: aiohttp.ClientWebSocketResponse, token: str | None, spawn: tuple[int, int]
    ) -> Hello: ...

    def move(self, ack: int, x: int, y: int) -> str: ...

    def classify(self, text: str) -> tuple[Kind, Any]: ...


class SocketIO:
    """Engine.IO v4 over a websocket, Socket.IO v5 on namespace `/`, acks for every move."""

    def url(self, base: str) -> str:
        return f"{base}/socket.io/?EIO=4&transport=websocket"

    async def handshake(
        self, ws: aiohttp.ClientWebSocketResponse, token: str | None, spawn: tuple[int, int]
    ) -> Hello:
        opening = await ws.receive_str()
        if not opening.startswith("0{"):
            raise RuntimeError(f"expected an Engine.IO open packet, got {opening[:80]!r}")
        await ws.send_str("40" + json.dumps({"token": token}))
        while True:
            text = await ws.receive_str()
            if text.startswith("44"):
                data = json.loads(text[2:]).get("data") or {}
                raise ConnectRefused(str(data.get("code", "connect_error")))
            if text.startswith('42["venue.welcome",'):
                snapshot = json.loads(text[2:])[1]["snapshot"]
                me = snapshot["me"]
                space = str(snapshot.get("space", ""))
                return Hello(str(me["id"]), int(me["x"]), int(me["y"]), space)
            if text == "2":
                await ws.send_str("3")

    def move(self, ack: int, x: int, y: int) -> str:
        return f'42{ack}["presence.move",{{"x":{x},"y":{y}}}]'

    def classify(self, text: str) -> tuple[Kind, Any]:
        if text.startswith(TICK_PREFIX):
            return Kind.TICK, json.loads(text[len(TICK_PREFIX) : -1])["moves"]
        if text.startswith(SNAPSHOT_PREFIX):
            return Kind.SNAPSHOT, _snapshot_space(text)
        if text.startswith("43"):
            return Kind.ACK, _ack_code(text, text.find("[") + 1, -1)
        if text == "2":
            return Kind.PING, "3"
        if text.startswith("41") or text == "1":
            return Kind.CLOSED, None
        return Kind.OTHER, None


class RawJSON:
    """The baseline's protocol: `{"id"}` on connect, `{"ack",x,y}` up, `{"moves"}` down."""

    def url(self, base: str) -> str:
        return f"{base}/ws"

    async def handshake(
        self, ws: aiohttp.ClientWebSocketResponse, token: str | None, spawn: tuple[int, int]
    ) -> Hello:
        hello = json.loads(await ws.receive_str())
        return Hello(str(hello["id"]), *spawn)

    def move(self, ack: int, x: int, y: int) -> str:
        return f'{{"ack":{ack},"x":{x},"y":{y}}}'

    def classify(self, text: str) -> tuple[Kind, Any]:
        if text.startswith('{"moves":'):
            return Kind.TICK, json.loads(text)["moves"]
        if text.startswith('{"ack":'):
            return Kind.ACK, _ack_code(text, 0, None)
        return Kind.OTHER, None


def _snapshot_space(text: str) -> str:
    """The space of a `space.snapshot`, without parsing its roster when it comes first."""
    head = SNAPSHOT_PREFIX + '{"space":"'
    if text.startswith(head):
        return text[len(head) : text.index('"', len(head))]
    return str(json.loads(text[2:])[1]["space"])


def _ack_code(text: str, start: int, end: int | None) -> str | None:
    """None for `{"ok":true}`, else the refusal's error code."""
    if '"ok":true' in text:
        return None
    body = json.loads(text[start:end])
    return None if body.get("ok") is True else str(body.get("error", {}).get("code", "?"))


@dataclass(slots=True)
class Stats:
    """What the bots saw; only counted while `recording`."""

    recording: bool = False
    frames: int = 0
    updates: int = 0
    acks: int = 0
    refusals: Counter[str] = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)
    gaps: list[float] = field(default_factory=list)
    frames_per_bot: dict[int, int] = field(default_factory=dict)

    def reset(self, bots: list[int]) -> None:
        self.frames = self.updates = self.acks = 0
        self.refusals.clear()
        self.latencies.clear()
        self.gaps.clear()
        self.frames_per_bot = dict.fromkeys(bots, 0)


@dataclass(slots=True)
class Bot:
    index: int
    ws: aiohttp.ClientWebSocketResponse
    id: str
    path: list[tuple[int, int]]
    loop_start: int
    observer: bool
    space: str = ""
    step: int = 0
    acks: int = 0
    last_frame: float = 0.0

    def next_position(self) -> tuple[int, int]:
        if self.step >= len(self.path):
            self.step = self.loop_start
        position = self.path[self.step]
        self.step += 1
        return position


SnapshotHook = Callable[["Bot", str, float], None]


class Swarm:
    """All bots of one run, their receive loops and the single task that makes them walk.

    Without a grid the bots stand still (they cannot walk). `on_snapshot(bot, space, t)` is
    called with `time.perf_counter()` whenever a bot receives a `space.snapshot`.
    """

    def __init__(
        self,
        dialect: Dialect,
        grid: Grid | None,
        observers: int,
        on_snapshot: SnapshotHook | None = None,
    ) -> None:
        self.dialect = dialect
        self.grid = grid
        self.observers = observers
        self.on_snapshot = on_snapshot
        self.stats = Stats()
        self.bots: list[Bot] = []
        self.connect_refusals: Counter[str] = Counter()
        self.spawns: dict[int, tuple[int, int]] = {}
        self._sent: dict[tuple[str, int, int], float] = {}
        self._tasks: list[asyncio.Task[None]] = []

    async def connect(
        self, session: aiohttp.ClientSession, base: str, tokens: list[str | None], batch: int = 25
    ) -> None:
        """Connect every bot, `batch` at a time; refused ones are counted, not retried."""
        for first in range(0, len(tokens), batch):
            chunk = range(first, min(first + batch, len(tokens)))
            await asyncio.gather(*(self._connect_one(session, base, i, tokens[i]) for i in chunk))

    async def _connect_one(
        self, session: aiohttp.ClientSession, base: str, index: int, token: str | None
    ) -> None:
        ws = await session.ws_connect(self.dialect.url(base), autoping=True, max_msg_size=0)
        spawn = self.spawns.get(index) or next(iter(self.spawns.values()), (0, 0))
        try:
            hello = await self.dialect.handshake(ws, token, spawn)
        except ConnectRefused as exc:
            self.connect_refusals[exc.code] += 1
            await ws.close()
            return
        self.spawns[index] = (hello.x, hello.y)
        approach: list[tuple[int, int]]
        if self.grid is None:
            approach, loop = [], [(hello.x, hello.y)]
        else:
            approach, loop = walk_path(self.grid, (hello.x, hello.y), STEP_PX)
        observer = index < self.observers
        bot = Bot(index, ws, hello.id, approach + loop, len(approach), observer, hello.space)
        self.bots.append(bot)
        self._tasks.append(asyncio.create_task(self._receive(bot)))

    async def walk(self, hz: float, stop: asyncio.Event) -> None:
        """Step every bot `hz` times a second, spread over 10 slots of each period."""
        slots = 10
        period = 1.0 / hz / slots
        loop = asyncio.get_running_loop()
        deadline = loop.time()
        slot = 0
        while not stop.is_set():
            for bot in self.bots[slot::slots]:
                await self._step(bot)
            slot = (slot + 1) % slots
            deadline += period
            delay = deadline - loop.time()
            if delay < 0:  # behind: do not burst, restart the schedule
                deadline, delay = loop.time(), 0.0
            await asyncio.sleep(delay)

    async def _step(self, bot: Bot) -> None:
        x, y = bot.next_position()
        bot.acks += 1
        self._sent[(bot.id, x, y)] = time.perf_counter()
        with contextlib.suppress(ConnectionError):  # the receive loop notices a closed socket
            await bot.ws.send_str(self.dialect.move(bot.acks, x, y))

    async def _receive(self, bot: Bot) -> None:
        stats = self.stats
        classify = self.dialect.classify
        async for msg in bot.ws:
            if msg.type is not aiohttp.WSMsgType.TEXT:
                continue
            kind, data = classify(msg.data)
            if kind is Kind.TICK:
                if stats.recording:
                    self._count_tick(bot, data)
            elif kind is Kind.SNAPSHOT:
                bot.space = data
                if self.on_snapshot is not None:
                    self.on_snapshot(bot, data, time.perf_counter())
            elif kind is Kind.ACK:
                if stats.recording:
                    stats.acks += 1
                    if data is not None:
                        stats.refusals[data] += 1
            elif kind is Kind.PING:
                await bot.ws.send_str(data)
            elif kind is Kind.CLOSED:
                break

    def _count_tick(self, bot: Bot, moves: list[dict[str, Any]]) -> None:
        stats = self.stats
        stats.frames += 1
        stats.updates += len(moves)
        stats.frames_per_bot[bot.index] += 1
        if not bot.observer:
            return
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
        await asyncio.gather(*(bot.ws.close() for bot in self.bots), return_exceptions=True)
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
