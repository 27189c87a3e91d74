"""The second bot generator: `bots_node.js`, official socket.io clients in one Node process.

`NodeSwarm` is driven like `bots.Swarm` (connect, walk, begin/end a window, close) so the
harness runs either; the walks are computed here (`walls.py`) and handed to Node, so both
generators walk the same paths. The Node process runs on the bots' core; its CPU, run-queue wait
and loop lag count as the generator's. Only the Socket.IO servers (venue, the two relays) can
take these bots: the raw relay speaks plain JSON, not Socket.IO.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bots import STEP_PX, Dialect, Relay, Stats
from presence_bench import BOT_CORE
from walls import Grid, walk_path

SCRIPT = Path(__file__).resolve().parent / "bots_node.js"
CLOSE_S = 10.0


@dataclass(slots=True)
class NodeBot:
    index: int
    id: str
    space: str
    observer: bool
    walks: bool


class NodeSwarm:
    """The same bots as `Swarm`, each an official socket.io client in one Node process."""

    def __init__(
        self,
        dialect: Dialect,
        grids: Mapping[str, Grid] | None,
        observers: int,
        *,
        observe_every: int = 1,
        walking: float = 1.0,
        deflate: bool = True,
        span: int | None = None,
    ) -> None:
        self.relay = isinstance(dialect, Relay)
        self.grids = grids if grids is not None else {}
        self.observers = observers
        self.observe_every = max(1, observe_every)
        self.walking = walking
        self.deflate = deflate
        self.span = span
        self.stats = Stats()
        self.bots: list[NodeBot] = []
        self.connect_refusals: Counter[str] = Counter()
        self.connect_errors = 0
        self.lost = 0
        self.spawns: dict[int, tuple[int, int]] = {}
        self.spaces: dict[int, str] = {}
        self.extensions: Counter[str] = Counter()
        self.helper_pids: tuple[int, ...] = ()
        self._proc: asyncio.subprocess.Process | None = None
        self._reader: asyncio.Task[None] | None = None
        self._pending: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self._replies: asyncio.Queue[dict[str, Any]] = asyncio.Queue()

    async def _start(self) -> None:
        self._proc = await asyncio.create_subprocess_exec(
            *("taskset", "-c", str(BOT_CORE), "node", str(SCRIPT)),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            limit=2**26,  # a window's latencies come as one line
        )
        self.helper_pids = (self._proc.pid,)
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        assert self._proc is not None and self._proc.stdout is not None
        async for line in self._proc.stdout:
            message = json.loads(line)
            future = self._pending.pop(message.get("index", -1), None)
            if future is not None:
                future.set_result(message)
            else:
                self._replies.put_nowait(message)

    def _send(self, message: dict[str, Any]) -> None:
        assert self._proc is not None and self._proc.stdin is not None
        self._proc.stdin.write(json.dumps(message, separators=(",", ":")).encode() + b"\n")

    async def _reply(self, op: str) -> dict[str, Any]:
        async with asyncio.timeout(60.0):
            message = await self._replies.get()
        if message.get("op") != op:
            raise RuntimeError(f"bots_node.js answered {message!r}, expected {op!r}")
        return message

    async def connect(
        self, bases: Sequence[str], tokens: Sequence[str | None], first: int = 0, batch: int = 25
    ) -> None:
        """As `Swarm.connect`: bot i to bases[i % len(bases)], `batch` at a time."""
        if self._proc is None:
            await self._start()
        loop = asyncio.get_running_loop()
        for start in range(0, len(tokens), batch):
            chunk = range(first + start, first + min(start + batch, len(tokens)))
            for i in chunk:
                self._pending[i] = loop.create_future()
                self._send(
                    {
                        "op": "connect",
                        "index": i,
                        "base": bases[i % len(bases)],
                        "dialect": "relay" if self.relay else "venue",
                        "token": tokens[i - first],
                        "space": self.spaces.get(i, ""),
                        "deflate": self.deflate,
                    }
                )
            answers = await asyncio.gather(*(self._pending[i] for i in chunk))
            for i, answer in zip(chunk, answers, strict=True):
                self._welcomed(i, answer)

    def _welcomed(self, index: int, answer: dict[str, Any]) -> None:
        if answer["op"] == "refused":
            self.connect_refusals[answer["code"]] += 1
            return
        if answer["op"] != "hello":
            self.connect_errors += 1
            return
        space = answer["space"] or self.spaces.get(index, "")
        spawn = (int(answer["x"]), int(answer["y"]))
        if self.relay:  # the relays know no positions: the spawns venue handed out
            spawn = self.spawns.get(index) or next(iter(self.spawns.values()), (0, 0))
        self.spawns[index] = spawn
        self.extensions[answer["extension"] or "none"] += 1
        grid = self.grids.get(space)
        path: list[tuple[int, int]] = [spawn]
        loop_start = 0
        if grid is not None:
            approach, loop = walk_path(grid, spawn, STEP_PX, self.span)
            path, loop_start = approach + loop, len(approach)
        observer = index % self.observe_every == 0 and index // self.observe_every < self.observers
        walks = grid is not None and int((index + 1) * self.walking) > int(index * self.walking)
        self.bots.append(NodeBot(index, str(answer["id"]), space, observer, walks))
        self._send(
            {
                "op": "path",
                "index": index,
                "path": path if walks else [],
                "loop_start": loop_start,
                "observer": observer,
                "walks": walks,
            }
        )

    async def walk(self, hz: float, stop: asyncio.Event) -> None:
        self._send({"op": "walk", "hz": hz})
        await stop.wait()
        self._send({"op": "halt"})

    async def begin(self) -> None:
        self._send({"op": "begin"})
        await self._reply("begun")

    async def end(self) -> None:
        self._send({"op": "end"})
        figures = await self._reply("stats")
        stats = self.stats
        stats.frames, stats.updates, stats.acks = (
            figures["frames"],
            figures["updates"],
            figures["acks"],
        )
        stats.lost, stats.received = figures["lost"], figures["received"]
        stats.refusals = Counter(figures["refusals"])
        stats.latencies, stats.lags = figures["latencies"], figures["lags"]
        self.lost = figures["lost_total"]

    async def close(self) -> None:
        if self._proc is None:
            return
        with contextlib.suppress(Exception):
            self._send({"op": "close"})
            await self._reply("closed")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._proc.wait(), CLOSE_S)
        if self._proc.returncode is None:
            self._proc.kill()
            await self._proc.wait()
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reader
