"""venue itself under each permessage-deflate policy, with clients that offer it as browsers do.

`compression.py` measures the policies on a bare aiohttp server; this runs `python -m venue
serve` (this checkout, `VENUE_WS_COMPRESSION=<policy>`) pinned to core 0 and N raw Engine.IO
clients on core 1 that offer `permessage-deflate; client_max_window_bits` (aiohttp's client,
compress=15, as Chromium does). Every client joins over HTTP, enters the plenary (a copy of
the seed venue whose spaces hold 6,000) and lands near its entry: a packed crowd. A third of
them step 8 px back and forth at 5 Hz. Figures over the window: server CPU share and µs per
delivered tick frame, bytes on the wire per client and second (counted where the clients'
sockets receive them), tick frames delivered per second.

    .venv/bin/python benchmarks/compression_venue.py --clients 300 --seconds 8
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiohttp import ClientSession, TCPConnector, WSMsgType
from compression import POLICIES, cancel_all, proc_cpu, proc_wait, runs

ROOT = Path(__file__).resolve().parent.parent
JOINS_PER_ADDRESS = 20  # venue's join rate limit per address and minute
ENTER, MOVE = 1, 2  # ack ids


def venue_copy(folder: Path) -> Path:
    """The seed venue with room for everyone in every space (the load, not the data, limits)."""
    shutil.copytree(ROOT / "maps" / "lausitz-2021", folder)
    toml = folder / "venue.toml"
    toml.write_text(re.sub(r"(?m)^capacity = \d+", "capacity = 6000", toml.read_text()))
    return folder


def start_venue(
    launcher: list[str], folder: Path, port: int, env: dict[str, str]
) -> subprocess.Popen[bytes]:
    """`<python> <launcher> serve` on the venue copy in `folder`, pinned to core 0."""
    command = ["taskset", "-c", "0", sys.executable, *launcher, "serve", "--venue", str(folder)]
    command += ["--port", str(port), "--database", f"sqlite+aiosqlite:///{folder}/bench.sqlite3"]
    env = {
        **os.environ,
        "VENUE_SECRET_KEY": "compression-bench-not-secret",
        "VENUE_LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),  # this checkout's venue, also when a script launches it
        **env,
    }
    return subprocess.Popen(command, cwd=ROOT, env=env)


async def ready(session: ClientSession, base: str, seconds: float = 60) -> None:
    """Wait until venue answers (a loaded machine starts it slowly)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            async with session.get(f"{base}/healthz/live") as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        await asyncio.sleep(0.1)
    raise RuntimeError(f"{base} did not answer within {seconds} s")


async def join(base: str, count: int) -> list[str]:
    async def from_address(n: int) -> list[str]:
        connector = TCPConnector(local_addr=(f"127.0.0.{2 + n}", 0))
        tokens = []
        async with ClientSession(connector=connector) as session:
            for i in range(min(JOINS_PER_ADDRESS, count - n * JOINS_PER_ADDRESS)):
                async with session.post(f"{base}/api/join", json={"name": f"d{n}-{i}"}) as r:
                    tokens.append(str((await r.json())["token"]))
        return tokens

    chunks = await asyncio.gather(*(from_address(n) for n in range(-(-count // JOINS_PER_ADDRESS))))
    return [token for chunk in chunks for token in chunk]


class Client:
    """One browser-like connection: counts wire bytes and tick frames, maybe walks."""

    def __init__(self, deflate: bool = True) -> None:
        self.deflate = deflate  # offer permessage-deflate, as browsers do
        self.wire_bytes = 0
        self.ticks = 0
        self.agreed = ""
        self.entered = False  # the plenary accepted it

    async def run(self, session: ClientSession, base: str, token: str, walks: bool) -> None:
        url = f"{base}/socket.io/?EIO=4&transport=websocket"
        async with session.ws_connect(url, compress=15 if self.deflate else 0) as ws:
            self.agreed = ws._response.headers.get("Sec-WebSocket-Extensions", "none")
            assert ws._response.connection is not None
            protocol: Any = ws._response.connection.protocol
            received = protocol.data_received

            def counting(data: bytes) -> None:
                self.wire_bytes += len(data)
                received(data)

            protocol.data_received = counting
            assert (await ws.receive_str()).startswith("0")
            await ws.send_str("40" + json.dumps({"token": token}))
            walker = None
            seen = 0
            try:
                async for msg in ws:
                    if msg.type != WSMsgType.TEXT:
                        break
                    text = msg.data
                    if text == "2":
                        await ws.send_str("3")
                    elif text.startswith('42["space.tick"'):
                        self.ticks += 1
                    elif text.startswith(('42["venue.welcome"', "40{")):
                        # venue welcomes from its connect handler, before python-socketio's
                        # connect ack: an event sent before both would be refused
                        seen += 1
                        if seen == 2:
                            await ws.send_str(f'42{ENTER}["space.enter",{{"space":"plenary"}}]')
                    elif text.startswith(f"43{ENTER}["):
                        answer = json.loads(text[3:])[0]
                        self.entered = answer["ok"] is True
                        if self.entered and walks:
                            me = answer["data"]["me"]
                            walker = asyncio.create_task(self._walk(ws, me["x"], me["y"]))
            finally:
                if walker is not None:
                    walker.cancel()

    async def _walk(self, ws: Any, x: int, y: int) -> None:
        step = 0
        while True:
            await asyncio.sleep(0.2)
            step += 1
            await ws.send_str(f'42{MOVE}["presence.move",{{"x":{x + 8 * (step % 2)},"y":{y}}}]')


@dataclass
class Crowd:
    """A running venue with N people joined, and the clients connected so far."""

    server: subprocess.Popen[bytes]
    session: ClientSession
    base: str
    tokens: list[str]
    bots: list[Client] = field(default_factory=list)
    tasks: list[asyncio.Task[None]] = field(default_factory=list)

    async def connect(self, walking: Callable[[int], bool], deflate: bool = True) -> None:
        """Connect everyone into the plenary, 50 a second (all at once, their database
        lookups queue for longer than the pool waits); `walking(n)`: whether the n-th walks."""
        for n, token in enumerate(self.tokens):
            await asyncio.sleep(0.02)
            bot = Client(deflate)
            self.bots.append(bot)
            self.tasks.append(
                asyncio.create_task(bot.run(self.session, self.base, token, walking(n)))
            )


@contextlib.asynccontextmanager
async def crowd(
    launcher: list[str], folder: Path, port: int, env: dict[str, str], people: int
) -> AsyncIterator[Crowd]:
    """venue started (`start_venue`) with `people` joined; everything stopped at the end."""
    server = start_venue(launcher, folder, port, env)
    base = f"http://127.0.0.1:{port}"
    try:
        async with ClientSession(connector=TCPConnector(limit=0)) as session:
            await ready(session, base)
            running = Crowd(server, session, base, await join(base, people))
            try:
                yield running
            finally:
                await cancel_all(running.tasks)
    finally:
        server.terminate()
        server.wait()


async def measure(
    policy: str, clients: int, seconds: float, port: int, tmp: Path
) -> dict[str, Any]:
    folder = venue_copy(tmp / f"venue-{policy}-{clients}")
    env = {"VENUE_WS_COMPRESSION": policy}
    async with crowd(["-m", "venue"], folder, port, env, clients) as running:
        await running.connect(lambda n: n % 3 == 0)
        server, bots = running.server, running.bots
        await asyncio.sleep(3)
        cpu0, wait0, t0 = proc_cpu(server.pid), proc_wait(server.pid), time.monotonic()
        wire0, ticks0 = sum(b.wire_bytes for b in bots), sum(b.ticks for b in bots)
        await asyncio.sleep(seconds)
        cpu1, wait1, t1 = proc_cpu(server.pid), proc_wait(server.pid), time.monotonic()
        wire1, ticks1 = sum(b.wire_bytes for b in bots), sum(b.ticks for b in bots)
        entered = sum(bot.entered for bot in bots)
    span = t1 - t0
    return {
        "policy": policy,
        "clients": clients,
        "extension": " | ".join(sorted({b.agreed for b in bots})),
        "cpu_share": (cpu1 - cpu0) / span,
        "us_per_tick": (cpu1 - cpu0) / max(1, ticks1 - ticks0) * 1e6,
        "kb_per_client_s": (wire1 - wire0) / span / clients / 1024,
        "ticks_per_s": (ticks1 - ticks0) / span,
        "wait_share": (wait1 - wait0) / span,
        "entered": entered,
    }


async def main(args: argparse.Namespace) -> None:
    columns = ["clients", "policy", "extension agreed", "server CPU"]
    columns += ["µs per delivered tick frame", "KB/client/s on the wire", "tick frames/s"]
    columns += ["wait", "in the plenary"]
    with tempfile.TemporaryDirectory() as tmp:
        for clients, policy, port in runs(args, columns):
            r = await measure(policy, clients, args.seconds, port, Path(tmp))
            print(
                f"| {r['clients']} | {r['policy']} | {r['extension']} | {r['cpu_share']:.0%}"
                f" | {r['us_per_tick']:.1f} | {r['kb_per_client_s']:.1f}"
                f" | {r['ticks_per_s']:.0f} | {r['wait_share']:.0%} | {r['entered']} |",
                flush=True,
            )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, nargs="+", default=[300])
    parser.add_argument("--policies", nargs="+", choices=POLICIES, default=list(POLICIES))
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--port", type=int, default=18800)
    os.sched_setaffinity(0, {1})
    asyncio.run(main(parser.parse_args()))
