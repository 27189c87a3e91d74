"""What permessage-deflate costs a server that sends one tick frame to a packed crowd.

Issue 14, item 2: every browser offers `permessage-deflate`. This measures three policies
for the same 10 Hz tick frame (a packed space: 15 % of the crowd moved since the last tick)
sent to N clients that offer the extension as Chromium does (aiohttp's client, compress=15):

- `off`: the server refuses the extension; one prepared frame written to every socket;
- `per-recipient`: what aiohttp does by default (venue before issue 14): the server accepts,
  and every `send_str` deflates the frame again for each recipient, with context takeover;
- `shared`: the server accepts with `server_no_context_takeover`, deflates each frame once
  and writes the same compressed bytes to every socket.

The server runs in its own process pinned to core 0 (`taskset`), the clients in this one on
core 1. Figures per policy: server CPU (utime + stime from /proc) per second and per
delivered frame, egress bytes per client and second (what the server handed to its
sockets' transports), delivery latency p50/p99 from a timestamp in each frame.
Benchmarks are not tests: nothing asserts a time. The machine may be shared: compare the
policies of one run, and see `wait` (time the server was runnable but not running).

    .venv/bin/python benchmarks/compression.py --clients 300 600 --seconds 8
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator

from aiohttp import ClientSession, TCPConnector, WSMsgType, web

POLICIES = ("off", "per-recipient", "shared")
TICK = 0.1
MOVERS = 0.15  # share of the crowd in one tick's frame (30 % walking at 5 Hz, 10 Hz ticks)


def tick_frame(people: int, serial: int) -> str:
    """A Socket.IO `space.tick` like venue's: the latest position of every mover (the
    Engine.IO message type `4` is added when sent)."""
    rng = random.Random(serial)
    moves = [
        {
            "id": f"p{rng.randrange(10**9):09x}",
            "x": 800 + rng.randrange(400),
            "y": 600 + rng.randrange(300),
        }
        for _ in range(max(1, int(people * MOVERS)))
    ]
    body = {"space": "plenary", "t": time.time(), "moves": moves, "arrived": [], "departed": []}
    return "2" + json.dumps(["space.tick", body], separators=(",", ":"))


class NoTakeover(web.WebSocketResponse):
    """Accepts permessage-deflate with server_no_context_takeover, offered or not."""

    def _handshake(self, request):  # type: ignore[no-untyped-def]
        headers, protocol, compress, _notakeover = super()._handshake(request)
        if compress:
            headers["Sec-WebSocket-Extensions"] = "permessage-deflate; server_no_context_takeover"
        return headers, protocol, compress, True


class Counted:
    """A transport that counts what the server writes to it (socket sends are not in wchar)."""

    written = 0

    def __init__(self, transport: asyncio.Transport) -> None:
        self._transport = transport

    def write(self, data: bytes) -> None:
        Counted.written += len(data)
        self._transport.write(data)

    def __getattr__(self, name: str) -> object:
        return getattr(self._transport, name)


def serve(policy: str, port: int, people: int) -> None:
    # here, not at the top: the other scripts import this one into venue checkouts without it
    from venue.realtime.direct import Prepared  # venue's frame builder

    sockets: list[web.WebSocketResponse] = []

    async def written(_request: web.Request) -> web.Response:
        return web.Response(text=str(Counted.written))

    async def ws(request: web.Request) -> web.WebSocketResponse:
        cls = NoTakeover if policy == "shared" else web.WebSocketResponse
        sock = cls(compress=policy != "off")
        await sock.prepare(request)
        assert sock._writer is not None
        sock._writer.transport = Counted(sock._writer.transport)  # type: ignore[assignment]
        sockets.append(sock)
        async for _ in sock:
            pass
        sockets.remove(sock)
        return sock

    async def ticker(app: web.Application) -> AsyncIterator[None]:
        async def run() -> None:
            serial = 0
            while True:
                await asyncio.sleep(TICK)
                serial += 1
                frame = Prepared(tick_frame(people, serial))
                if policy == "per-recipient":
                    for sock in list(sockets):
                        await sock.send_str(frame.encode())
                    continue
                plain = frame.wire(0)
                packed = frame.wire(15) if policy == "shared" else plain
                for sock in list(sockets):
                    writer = sock._writer
                    if writer is not None and not writer.transport.is_closing():
                        writer.transport.write(packed if sock.compress else plain)

        task = asyncio.create_task(run())
        yield
        task.cancel()

    app = web.Application()
    app.router.add_get("/ws", ws)
    app.router.add_get("/written", written)
    app.cleanup_ctx.append(ticker)
    web.run_app(app, host="127.0.0.1", port=port, print=None)


def proc_cpu(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def proc_wait(pid: int) -> float:
    with open(f"/proc/{pid}/schedstat") as f:
        return int(f.read().split()[1]) / 1e9


async def cancel_all(tasks: list[asyncio.Task[None]]) -> None:
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


async def written(session: ClientSession, port: int) -> int:
    async with session.get(f"http://127.0.0.1:{port}/written") as response:
        return int(await response.text())


async def measure(policy: str, clients: int, seconds: float, port: int) -> dict[str, object]:
    server = subprocess.Popen(  # noqa: ASYNC220 (started once, before any client)
        ["taskset", "-c", "0", sys.executable, __file__, "--serve", policy, str(port), str(clients)]
    )
    latencies: list[float] = []
    frames = 0
    agreed: set[str] = set()
    measuring = False
    try:
        async with ClientSession(connector=TCPConnector(limit=0)) as session:
            for _ in range(100):
                try:
                    async with session.get(f"http://127.0.0.1:{port}/written"):
                        break
                except OSError:
                    await asyncio.sleep(0.1)

            async def client() -> None:
                nonlocal frames
                async with session.ws_connect(f"http://127.0.0.1:{port}/ws", compress=15) as ws:
                    agreed.add(ws._response.headers.get("Sec-WebSocket-Extensions", "none"))
                    async for msg in ws:
                        if msg.type == WSMsgType.TEXT and measuring:
                            frames += 1
                            if frames % 7 == 0:  # sample: parsing every frame would load core 1
                                sent = json.loads(msg.data[2:])[1]["t"]  # after "42"
                                latencies.append(time.time() - sent)

            tasks = [asyncio.create_task(client()) for _ in range(clients)]
            await asyncio.sleep(2 + clients / 300)
            measuring = True
            cpu0, bytes0, wait0, t0 = (
                proc_cpu(server.pid),
                await written(session, port),
                proc_wait(server.pid),
                time.monotonic(),
            )
            await asyncio.sleep(seconds)
            cpu1, bytes1, wait1, t1 = (
                proc_cpu(server.pid),
                await written(session, port),
                proc_wait(server.pid),
                time.monotonic(),
            )
            measuring = False
            await cancel_all(tasks)
    finally:
        server.terminate()
        server.wait()
    span = t1 - t0
    latencies.sort()

    def q(share: float) -> float:
        if not latencies:
            return float("nan")
        return latencies[min(len(latencies) - 1, int(share * len(latencies)))] * 1000

    return {
        "policy": policy,
        "clients": clients,
        "extension": " | ".join(sorted(agreed)),
        "frame_bytes": len(tick_frame(clients, 1)),
        "cpu_share": (cpu1 - cpu0) / span,
        "us_per_frame": (cpu1 - cpu0) / max(1, frames) * 1e6,
        "kb_per_client_s": (bytes1 - bytes0) / span / clients / 1024,
        "p50_ms": q(0.5),
        "p99_ms": q(0.99),
        "wait_share": (wait1 - wait0) / span,
        "delivered": frames / span,
    }


def runs(args: argparse.Namespace, columns: list[str]) -> Iterator[tuple[int, str, int]]:
    """Print the table's head, then (clients, policy, a port of its own) for each run."""
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    port = args.port
    for clients in args.clients:
        for policy in args.policies:
            port += 1
            yield clients, policy, port


async def main(args: argparse.Namespace) -> None:
    columns = ["clients", "policy", "extension agreed", "frame B", "server CPU", "µs/frame"]
    columns += ["KB/client/s", "latency p50 / p99 ms", "frames/s", "wait"]
    for clients, policy, port in runs(args, columns):
        r = await measure(policy, clients, args.seconds, port)
        print(
            f"| {r['clients']} | {r['policy']} | {r['extension']} | {r['frame_bytes']}"
            f" | {r['cpu_share']:.0%} | {r['us_per_frame']:.1f} | {r['kb_per_client_s']:.1f}"
            f" | {r['p50_ms']:.0f} / {r['p99_ms']:.0f} | {r['delivered']:.0f}"
            f" | {r['wait_share']:.0%} |",
            flush=True,
        )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--serve":
        serve(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
        sys.exit()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, nargs="+", default=[300, 600])
    parser.add_argument("--policies", nargs="+", choices=POLICIES, default=list(POLICIES))
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--port", type=int, default=18700)
    asyncio.run(main(parser.parse_args()))
