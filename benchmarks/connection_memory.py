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
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from types import FrameType

from compression_venue import crowd, venue_copy

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
        tracemalloc.start(16)
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


async def measure(
    clients: int, port: int, tmp: Path, deflate: bool
) -> tuple[dict[str, int], float]:
    folder = venue_copy(tmp / "venue")
    out = tmp / "memory.json"
    async with crowd([__file__, "--serve", str(out)], folder, port, {}, clients) as running:
        server = running.server
        await asyncio.sleep(1)
        rss0 = rss_kb(server.pid)
        server.send_signal(signal.SIGUSR1)
        await asyncio.sleep(2)
        await running.connect(lambda _n: False, deflate)
        deadline = time.monotonic() + 300  # tracemalloc slows the server down several times
        while sum(bot.entered for bot in running.bots) < clients:
            if time.monotonic() > deadline:
                entered = sum(bot.entered for bot in running.bots)
                raise RuntimeError(f"only {entered} of {clients} clients got into the plenary")
            await asyncio.sleep(1)
        await asyncio.sleep(2)
        rss1 = rss_kb(server.pid)
        server.send_signal(signal.SIGUSR2)
        deadline = time.monotonic() + 120
        while not out.exists() and time.monotonic() < deadline:  # noqa: ASYNC110 (a file)
            await asyncio.sleep(0.5)
    return json.loads(out.read_text()), (rss1 - rss0) / clients


async def main(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        totals, rss = await measure(args.clients, args.port, Path(tmp), not args.plain)
    connected = sum(bot for bot in totals.values())
    kind = "plain" if args.plain else "browser-like (deflate offered)"
    print(f"{args.clients} {kind} connections, RSS {rss:.1f} KB per connection (tracemalloc on)")
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
    parser.add_argument("--plain", action="store_true", help="clients offer no deflate (bots)")
    os.sched_setaffinity(0, {1})
    asyncio.run(main(parser.parse_args()))
