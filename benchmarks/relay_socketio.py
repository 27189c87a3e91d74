"""Baseline: the naive python-socketio relay, one `sio.emit` to the space's room per move.

What a first venue would do with python-socketio's defaults (aiohttp, `AsyncServer`): a client
connects with `auth: {"space": ID}`, is put in that room and gets a `venue.welcome` holding its
id; every `presence.move` is acknowledged and emitted at once to everyone in the room as a
`space.tick` with one move (the bots' `Relay` dialect). No batching, no validation.

    python benchmarks/relay_socketio.py --port 8091
"""

from __future__ import annotations

import argparse
from typing import Any

import socketio
from aiohttp import web


def create_app() -> web.Application:
    sio = socketio.AsyncServer(async_mode="aiohttp", cors_allowed_origins="*")
    spaces: dict[str, str] = {}

    @sio.event
    async def connect(sid: str, _environ: dict[str, Any], auth: dict[str, Any] | None) -> None:
        space = str((auth or {}).get("space") or "lobby")
        spaces[sid] = space
        await sio.enter_room(sid, space)
        me = {"id": sid, "x": 0, "y": 0}
        await sio.emit("venue.welcome", {"snapshot": {"space": space, "me": me}}, to=sid)

    @sio.event
    async def disconnect(sid: str, *_args: Any) -> None:
        spaces.pop(sid, None)

    @sio.on("presence.move")
    async def move(sid: str, data: dict[str, Any]) -> dict[str, bool]:
        space = spaces[sid]
        tick = {"space": space, "moves": [{"id": sid, "x": data["x"], "y": data["y"]}]}
        await sio.emit("space.tick", tick, room=space)
        return {"ok": True}

    async def healthz(_request: web.Request) -> web.Response:
        return web.json_response({"ok": True})

    app = web.Application()
    app.router.add_get("/healthz", healthz)
    sio.attach(app)
    return app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8091)
    args = parser.parse_args()
    web.run_app(create_app(), host=args.host, port=args.port, print=None)


if __name__ == "__main__":
    main()
