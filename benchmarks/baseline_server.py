"""Baseline for presence_bench: a raw aiohttp websocket server doing the same shape of work.

It receives moves, acknowledges each one, keeps the latest position per client, and every tick
sends each client of a space (`/ws?space=ID`, default `lobby`) one JSON frame with all moves in
that space since the last tick (encoded once per space). No validation, no Socket.IO: the floor
that venue's cost is compared with (GUIDE §4).

    python benchmarks/baseline_server.py --port 8090 --tick 10
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import uuid
from collections import Counter, defaultdict
from collections.abc import AsyncIterator

from aiohttp import WSMsgType, web

Clients = dict[str, web.WebSocketResponse]
Latest = dict[str, tuple[int, int]]
CLIENTS: web.AppKey[defaultdict[str, Clients]] = web.AppKey("clients")  # per space
LATEST: web.AppKey[defaultdict[str, Latest]] = web.AppKey("latest")  # per space
TICK_HZ: web.AppKey[float] = web.AppKey("tick_hz")
TICKS: web.AppKey[Counter[str]] = web.AppKey("ticks")


async def socket(request: web.Request) -> web.WebSocketResponse:
    ws = web.WebSocketResponse(autoping=True)
    await ws.prepare(request)
    client = uuid.uuid4().hex
    space = request.query.get("space", "lobby")
    clients, latest = request.app[CLIENTS][space], request.app[LATEST][space]
    clients[client] = ws
    try:
        await ws.send_str(json.dumps({"id": client}))
        async for msg in ws:
            if msg.type is WSMsgType.TEXT:
                await _on_move(ws, client, msg.data, latest)
    finally:
        clients.pop(client, None)
    return ws


async def _on_move(
    ws: web.WebSocketResponse, client: str, text: str, latest: dict[str, tuple[int, int]]
) -> None:
    try:
        move = json.loads(text)
        ack, x, y = int(move["ack"]), int(move["x"]), int(move["y"])
    except (ValueError, KeyError, TypeError):
        await ws.send_str('{"ack":0,"ok":false,"error":{"code":"payload.invalid"}}')
        return
    latest[client] = (x, y)
    await ws.send_str(f'{{"ack":{ack},"ok":true}}')


async def _flush(app: web.Application) -> None:
    for space, latest in app[LATEST].items():
        if not latest:
            app[TICKS]["empty"] += 1
            continue
        app[TICKS]["sent"] += 1
        moves = [{"id": pid, "x": x, "y": y} for pid, (x, y) in latest.items()]
        latest.clear()
        frame = json.dumps({"moves": moves}, separators=(",", ":"))
        for ws in list(app[CLIENTS][space].values()):
            with contextlib.suppress(ConnectionError):
                await ws.send_str(frame)


async def _ticker(app: web.Application) -> None:
    """Fixed deadlines on a monotonic clock, like venue's ticker (GUIDE §8: no drift)."""
    loop = asyncio.get_running_loop()
    interval = 1.0 / app[TICK_HZ]
    deadline = loop.time()
    while True:
        deadline += interval
        await _flush(app)
        delay = deadline - loop.time()
        if delay < 0:
            app[TICKS]["late"] += 1
            deadline, delay = loop.time(), 0.0
        await asyncio.sleep(delay)


async def _ticking(app: web.Application) -> AsyncIterator[None]:
    task = asyncio.create_task(_ticker(app))
    yield
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    ticks: Counter[str] = app[TICKS]
    print("ticks:", dict(ticks.items()), flush=True)


async def _close_all(app: web.Application) -> None:
    for clients in list(app[CLIENTS].values()):
        for ws in list(clients.values()):
            await ws.close()


async def healthz(_request: web.Request) -> web.Response:
    return web.json_response({"ok": True})


def create_app(tick_hz: float) -> web.Application:
    app = web.Application()
    app[CLIENTS] = defaultdict[str, Clients](dict)
    app[LATEST] = defaultdict[str, Latest](dict)
    app[TICK_HZ] = tick_hz
    app[TICKS] = Counter()
    app.router.add_get("/ws", socket)
    app.router.add_get("/healthz", healthz)
    app.cleanup_ctx.append(_ticking)
    app.on_shutdown.append(_close_all)
    return app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8090)
    parser.add_argument("--tick", type=float, default=10.0, help="frames per second")
    args = parser.parse_args()
    web.run_app(create_app(args.tick), host=args.host, port=args.port, print=None)


if __name__ == "__main__":
    main()
