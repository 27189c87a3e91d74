"""Calls benchmark: N people at the bar, walking about, forming and leaving groups of 2–6, and
signalling every new link as browsers do (issue 11).

    .venv/bin/python benchmarks/calls_bench.py                 # N = 300, 20 s window
    .venv/bin/python benchmarks/calls_bench.py --bots 100 --seconds 10

venue serves a copy of maps/lausitz-2021 whose bar holds N (pinned to core 0); N
python-socketio bots (core 1) join, go to the bar, take part in calls (`call.state`), and
random-walk with 40 px steps at 2 Hz (a refused step turns them round). For every new link the
bot whose id sorts first sends an offer (a 2,600-character SDP) and four ICE candidates; the
other answers with an answer and four candidates, as Chromium's trickle ICE does on loopback.
After a warm-up the harness reports, over the window: links held (`venue_call_links`), signals
relayed per second (`venue_call_signals_total`), `call.peers` notices per second (counted by
the bots), the server's CPU (utime + stime from /proc) per second and per signal, its RSS, and
the bots' own CPU (a saturated bot process makes every figure a floor). Nothing is asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import socketio
from bots import SocketIO
from presence_bench import (
    BOT_CORE,
    ROOT,
    SERVER_CORE,
    Target,
    free_port,
    join_all,
    own_cpu_seconds,
    proc_cpu_seconds,
    proc_rss_kb,
    running,
)
from transition_bench import copy_venue

SDP = "v=0\r\n" + "".join(f"a=bench-{i:04d}-{'x' * 40}\r\n" for i in range(50))
CANDIDATE = "candidate:{n} 1 udp 2122260223 127.0.0.1 {port} typ host generation 0"
STEP = 40


@dataclass
class Counts:
    peers: int = 0  # call.peers notices received
    signals_in: int = 0
    refused: int = 0
    links: set[str] = field(default_factory=set)


class Bot:
    def __init__(self, base: str, token: str, counts: Counts) -> None:
        self.base, self.token, self.counts = base, token, counts
        self.sio = socketio.AsyncClient(reconnection=False)
        self.id = ""
        self.x = self.y = 0
        self.dx, self.dy = random.choice([(STEP, 0), (-STEP, 0), (0, STEP), (0, -STEP)])
        self.peers: set[str] = set()
        self.sio.on("venue.welcome", self._welcome)
        self.sio.on("call.peers", self._peers)
        self.sio.on("call.signal", self._signal)

    async def _welcome(self, data: dict[str, Any]) -> None:
        self.id = data["snapshot"]["me"]["id"]

    async def start(self) -> None:
        await self.sio.connect(self.base, auth={"token": self.token}, transports=["websocket"])
        entered = await self.sio.call("space.enter", {"space": "bar"}, timeout=20)
        me = entered["data"]["me"] if entered.get("ok") else None
        if me:
            self.x, self.y = me["x"], me["y"]
        await self.sio.call("call.state", {"on": True, "mic": True, "camera": False}, timeout=20)

    async def step(self) -> None:
        x, y = self.x + self.dx, self.y + self.dy
        ack = await self.sio.call("presence.move", {"x": x, "y": y}, timeout=20)
        if ack.get("ok"):
            self.x, self.y = x, y
            if random.random() < 0.1:  # now and then a new direction
                self.dx, self.dy = random.choice([(STEP, 0), (-STEP, 0), (0, STEP), (0, -STEP)])
        else:
            self.counts.refused += 1
            self.dx, self.dy = -self.dx, -self.dy

    async def _peers(self, data: dict[str, Any]) -> None:
        self.counts.peers += 1
        now = {p["id"]: p["call"] for p in data["peers"]}
        for pid, call in now.items():
            if pid not in self.peers and self.id < pid:
                await self._send(pid, call, "offer")
        self.peers = set(now)

    async def _signal(self, data: dict[str, Any]) -> None:
        self.counts.signals_in += 1
        if data["kind"] == "offer":
            await self._send(data["sender"], data["call"], "answer")

    async def _send(self, to: str, call: str, kind: str) -> None:
        await self.sio.emit("call.signal", {"to": to, "call": call, "kind": kind, "sdp": SDP})
        for n in range(4):
            candidate = CANDIDATE.format(n=n, port=50000 + n)
            payload = {"to": to, "call": call, "kind": "candidate", "candidate": candidate}
            await self.sio.emit("call.signal", {**payload, "mid": "0", "line": 0})


async def metric(base: str, name: str) -> float:
    async with aiohttp.ClientSession() as http, http.get(f"{base}/metrics") as got:
        text = await got.text()
    found = re.search(rf"^{name} ([0-9.e+]+)$", text, re.M)
    return float(found.group(1)) if found else 0.0


async def bench(bots: int, seconds: float, warmup: float) -> str:
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        venue_dir = tmp / "venue"
        copy_venue(
            ROOT / "maps" / "lausitz-2021", venue_dir, {"lobby": bots + 50, "bar": bots + 50}
        )
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        command = [
            *("taskset", "-c", str(SERVER_CORE), sys.executable, "-m", "venue", "serve"),
            *("--venue", str(venue_dir), "--port", str(port)),
            *("--database", f"sqlite+aiosqlite:///{tmp}/bench.sqlite3"),
        ]
        env = {"VENUE_SECRET_KEY": "calls-bench-not-secret", "VENUE_LOG_LEVEL": "WARNING"}
        target = Target("venue", command, env, SocketIO(), joins=True)
        async with running(target, base, tmp / "server.log") as pid:
            counts = Counts()
            tokens = await join_all(base, bots)
            swarm = [Bot(base, str(token), counts) for token in tokens]
            for i in range(0, len(swarm), 25):
                await asyncio.gather(*(b.start() for b in swarm[i : i + 25]))
            stop = asyncio.Event()

            async def walk(bot: Bot) -> None:
                await asyncio.sleep(random.random() * 0.5)
                while not stop.is_set():
                    await bot.step()
                    await asyncio.sleep(0.5)

            walkers = [asyncio.create_task(walk(b)) for b in swarm]
            await asyncio.sleep(warmup)
            cpu0, own0, t0 = proc_cpu_seconds(pid), own_cpu_seconds(), time.monotonic()
            sig0, peers0 = await metric(base, "venue_call_signals_total"), counts.peers
            links: list[float] = []
            while time.monotonic() - t0 < seconds:
                await asyncio.sleep(1)
                links.append(await metric(base, "venue_call_links"))
            elapsed = time.monotonic() - t0
            cpu = proc_cpu_seconds(pid) - cpu0
            own = own_cpu_seconds() - own0
            signals = await metric(base, "venue_call_signals_total") - sig0
            peers = counts.peers - peers0
            rss = proc_rss_kb(pid)
            stop.set()
            await asyncio.gather(*walkers, return_exceptions=True)
            for bot in swarm:
                await bot.sio.disconnect()
    return (
        f"bots {bots}, window {elapsed:.1f} s after {warmup:.0f} s warm-up\n"
        f"links held: mean {sum(links) / len(links):.0f}, max {max(links):.0f}\n"
        f"signals relayed: {signals / elapsed:.0f}/s; call.peers notices: {peers / elapsed:.0f}/s\n"
        f"server CPU: {100 * cpu / elapsed:.0f} % of a core"
        f" ({1e6 * cpu / max(signals, 1):.0f} µs per signal, all work included)"
        f"; RSS {rss // 1024} MB\n"
        f"bots' CPU: {100 * own / elapsed:.0f} % of a core; refused steps {counts.refused}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bots", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--warmup", type=float, default=10)
    args = parser.parse_args()
    os.sched_setaffinity(0, {BOT_CORE})
    print(asyncio.run(bench(args.bots, args.seconds, args.warmup)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
