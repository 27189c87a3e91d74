"""The benchmark harness's own helpers: the bots' websocket client, move counting, the ramp.

Benchmarks prove speed; these tests only check that the harness counts right (no timing).
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

from aiohttp import WSMsgType, web
from pytest_aiohttp import AiohttpServer

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from bench import MAX_LAG_S, Options, Window, ramp_sizes, verdict
from bots import RawJSON, Relay, SocketIO
from wire import Wire

BIG = "x" * 70_000  # needs the 8-byte length of a websocket frame


async def _echo(request: web.Request) -> web.WebSocketResponse:
    ws = web.WebSocketResponse(autoping=False)
    await ws.prepare(request)
    await ws.send_str("hello")
    await ws.ping(b"are you there")
    async for msg in ws:
        if msg.type is WSMsgType.PONG:
            await ws.send_str("pong:" + msg.data.decode())
        elif msg.type is WSMsgType.TEXT:
            await ws.send_str("echo:" + msg.data)
            if msg.data == "big":
                await ws.send_str(BIG)
    return ws


async def test_wire_speaks_websocket(aiohttp_server: AiohttpServer) -> None:
    app = web.Application()
    app.router.add_get("/ws", _echo)
    server = await aiohttp_server(app)
    wire = await Wire.open(f"http://127.0.0.1:{server.port}/ws?x=1")
    assert await wire.receive_str() == "hello"
    assert await wire.receive_str() == "pong:are you there"
    await wire.send_str("é" * 200)  # a 16-bit length, UTF-8
    assert await wire.receive_str() == "echo:" + "é" * 200
    received: list[bytes] = []
    done = asyncio.Event()

    def on_text(data: bytes) -> None:
        received.append(data)
        if len(received) == 2:
            done.set()

    wire.on_text = on_text
    wire.send_text("big")
    await asyncio.wait_for(done.wait(), 10)
    assert received == [b"echo:big", BIG.encode()]
    await wire.close()
    assert wire.closed.done()


def test_counting_moves_agrees_with_parsing() -> None:
    moves = [{"id": f"p{i}", "x": i, "y": 2 * i} for i in range(7)]
    venue = (
        '42["space.tick",'
        + json.dumps({"space": "plenary", "moves": moves}, separators=(",", ":"))
        + "]"
    ).encode()
    arrived = {
        "space": "plenary",
        "moves": moves,
        "arrived": [{"id": "n", "x": 1, "y": 1, "name": "N"}],
    }
    venue_arrived = ('42["space.tick",' + json.dumps(arrived, separators=(",", ":")) + "]").encode()
    python_socketio = (
        '42["space.tick", ' + json.dumps({"space": "bar", "moves": moves[:1]}) + "]"
    ).encode()
    raw = json.dumps({"moves": moves}, separators=(",", ":")).encode()
    for dialect, frame, count in (
        (SocketIO(), venue, 7),
        (SocketIO(), venue_arrived, 7),
        (Relay(), python_socketio, 1),
        (RawJSON(), raw, 7),
    ):
        kind, _ = dialect.classify(frame)
        assert kind.value == "tick"
        assert dialect.count(frame) == len(dialect.moves(frame)) == count


def test_acks_and_refusals_are_told_apart() -> None:
    sio = SocketIO()
    kind, code = sio.classify(b'4312[{"ok":true}]')
    assert (kind.value, code) == ("ack", None)
    kind, code = sio.classify(b'437[{"ok":false,"error":{"code":"move.wall"}}]')
    assert (kind.value, code) == ("ack", "move.wall")
    assert Relay().classify(b'435[{"ok": true}]')[1] is None


def _options(**changes: object) -> Options:
    base = dict(
        scenarios=["S4"],
        servers=["venue"],
        seconds=1.0,
        warmup=0.0,
        tick=10.0,
        observers=1,
        processes=1,
        redis="",
        postgres="",
        ramp_start=60,
        ramp_factor=1.25,
        ramp_max=200,
        ramp_seconds=1.0,
        venue=Path("."),
        logs=None,
        time_limit=1.0,
    )
    base.update(changes)
    return Options(**base)  # type: ignore[arg-type]


def test_ramp_sizes_grow_and_stop_at_the_maximum() -> None:
    assert ramp_sizes(_options()) == [60, 80, 100, 120, 150, 190]
    assert ramp_sizes(_options(ramp_start=10, ramp_factor=1.01, ramp_max=40)) == [10, 20, 30, 40]


def _window(latencies: list[float], lags: list[float]) -> Window:
    from collections import Counter

    return Window(
        window=1.0,
        bots=10,
        server_cpu=0.1,
        bot_cpu=0.1,
        server_wait=0.0,
        bot_wait=0.0,
        updates=10,
        frames=10,
        acks=10,
        latencies=latencies,
        lags=lags,
        probe_errors=0,
        idle_rtt=0.001,
        lost=0,
        refusals=Counter(),
    )


def test_the_service_level() -> None:
    fine = [0.05] * 100
    assert verdict(_window(fine, [0.002] * 20), 0.0) == "ok"
    assert verdict(_window([*fine, 0.3, 0.3], [0.002] * 20), 0.0).startswith("p99")
    assert verdict(_window(fine, [MAX_LAG_S + 0.01] * 20), 0.0).startswith("lag")
    assert "disconnected" in verdict(_window(fine, [0.002] * 20), 0.002)
    assert verdict(_window([], [0.002]), 0.0) == "no update seen"


def test_a_packed_walk_stays_within_its_span() -> None:
    from walls import Grid, walk_path

    grid = Grid(20, 3, 32, 32, frozenset({(0, 1)}))  # one free row of 19 tiles at y = 1
    spawn = (10 * 32 + 16, 48)
    _, whole = walk_path(grid, spawn, 8)
    approach, packed = walk_path(grid, spawn, 8, span=1)
    assert {x // 32 for x, _ in whole} == set(range(1, 20))
    assert {x // 32 for x, _ in packed} == {9, 10, 11}
    assert {y // 32 for _, y in packed} == {1}
    assert len(set(packed)) == len(packed)  # a position repeats only after the whole loop
    assert all(abs(x - spawn[0]) <= 48 for x, _ in approach)
