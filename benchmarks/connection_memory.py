"""What one connection costs in memory, and whose structures hold it (issue 14, item 5).

Runs `python -m venue serve` (this checkout), joins N people over HTTP, starts tracemalloc
in the server, then connects them as browser-like websocket clients (`compression_venue.
Client`, deflate offered) into the plenary. What was allocated since and is still held a few
seconds later is grouped by the innermost frame of venue, python-socketio, python-engineio
or aiohttp on the allocation's stack (asyncio, json and other standard library frames belong
to whoever called them), and divided by N; RSS per connection (VmRSS) beside it. tracemalloc
adds its own overhead to RSS: read the split, not the absolute RSS.

    .venv/bin/python benchmarks/connection_memory.py --clients 300
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from types import FrameType

from aiohttp import ClientSession, TCPConnector
from compression_venue import ROOT, Client, join, venue_copy

OWNERS = ("venue", "socketio", "engineio", "aiohttp")


def owner(trace: tracemalloc.Traceback) -> str:
    for frame in reversed(trace):  # the most recent frame last
        parts = Path(frame.filename).parts
        for name in OWNERS:
            if name in parts:
                return name
    return "other"


def serve(out: Path, argv: list[str]) -> int:
    """The server side: tracing from SIGUSR1 (start-up untraced: it would take minutes),
    what was allocated since and is still held written to `out` at SIGUSR2."""
    before: list[tracemalloc.Snapshot] = []

    def mark(_signum: int, _frame: FrameType | None) -> None:
        tracemalloc.start(30)
        before.append(tracemalloc.take_snapshot())

    def report(_signum: int, _frame: FrameType | None) -> None:
        diff = tracemalloc.take_snapshot().compare_to(before[-1], "traceback")
        totals = dict.fromkeys((*OWNERS, "other"), 0)
        for stat in diff:
            totals[owner(stat.traceback)] += stat.size_diff
        out.write_text(json.dumps(totals))

    signal.signal(signal.SIGUSR1, mark)
    signal.signal(signal.SIGUSR2, report)
    from venue.cli import main as venue_main

    return venue_main(argv)


def rss_kb(pid: int) -> int:
    with open(f"/proc/{pid}/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmRSS"))


async def measure(clients: int, port: int, tmp: Path) -> tuple[dict[str, int], float]:
    folder = venue_copy(tmp / "venue")
    out = tmp / "memory.json"
    env = {
        **os.environ,
        "VENUE_SECRET_KEY": "memory-bench-not-secret",
        "VENUE_LOG_LEVEL": "WARNING",
    }
    command = ["taskset", "-c", "0", sys.executable, __file__, "--serve", str(out), "serve"]
    command += ["--venue", str(folder), "--port", str(port)]
    command += ["--database", f"sqlite+aiosqlite:///{folder}/bench.sqlite3"]
    server = subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: ASYNC220 (once, first)
    base = f"http://127.0.0.1:{port}"
    bots = [Client() for _ in range(clients)]
    try:
        async with ClientSession(connector=TCPConnector(limit=0)) as session:
            for _ in range(600):
                try:
                    async with session.get(f"{base}/healthz/live") as r:
                        if r.status == 200:
                            break
                except OSError:
                    pass
                await asyncio.sleep(0.1)
            tokens = await join(base, clients)
            await asyncio.sleep(1)
            rss0 = rss_kb(server.pid)
            server.send_signal(signal.SIGUSR1)
            await asyncio.sleep(2)
            tasks = [
                asyncio.create_task(bot.run(session, base, token, False))
                for bot, token in zip(bots, tokens, strict=True)
            ]
            await asyncio.sleep(5 + clients / 50)
            rss1 = rss_kb(server.pid)
            server.send_signal(signal.SIGUSR2)
            deadline = time.monotonic() + 120
            while not out.exists() and time.monotonic() < deadline:  # noqa: ASYNC110 (a file)
                await asyncio.sleep(0.5)
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
    finally:
        server.terminate()
        server.wait()
    return json.loads(out.read_text()), (rss1 - rss0) / clients


async def main(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        totals, rss = await measure(args.clients, args.port, Path(tmp))
    connected = sum(bot for bot in totals.values())
    print(f"{args.clients} connections, RSS {rss:.1f} KB per connection (tracemalloc on)")
    print("| allocated by | KB per connection | share |")
    print("|---|---|---|")
    for name, size in sorted(totals.items(), key=lambda kv: -kv[1]):
        print(f"| {name} | {size / args.clients / 1024:.1f} | {size / connected:.0%} |")
    print(f"| all | {connected / args.clients / 1024:.1f} | |")


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--serve":
        sys.exit(serve(Path(sys.argv[2]), sys.argv[3:]))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=300)
    parser.add_argument("--port", type=int, default=18950)
    os.sched_setaffinity(0, {1})
    asyncio.run(main(parser.parse_args()))
