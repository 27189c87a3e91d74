"""Clients that speak Engine.IO by hand, as an attacker's script does, and the log they leave."""

from __future__ import annotations

import json
import logging
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestServer
from prometheus_client.parser import text_string_to_metric_families

from venue.settings import Settings

WS_PATH = "/socket.io/?EIO=4&transport=websocket"


async def open_raw(
    server: TestServer, http: aiohttp.ClientSession
) -> aiohttp.ClientWebSocketResponse:
    """A websocket past Engine.IO's handshake, not connected to any Socket.IO namespace."""
    ws = await http.ws_connect(server.make_url(WS_PATH))
    opened = await ws.receive(timeout=3)
    assert json.loads(opened.data[1:])["sid"]
    return ws


async def connect_raw(
    server: TestServer, http: aiohttp.ClientSession, token: str
) -> aiohttp.ClientWebSocketResponse:
    """A raw websocket connected to venue's namespace as the person `token` belongs to."""
    ws = await open_raw(server, http)
    await ws.send_str("40" + json.dumps({"token": token}))
    while True:
        reply = await ws.receive(timeout=3)
        assert reply.type == aiohttp.WSMsgType.TEXT, reply
        if reply.data.startswith("40"):
            return ws
        assert not reply.data.startswith("44"), reply.data


async def closed_within(ws: aiohttp.ClientWebSocketResponse, frames: list[str]) -> int:
    """Send `frames` until the server ends the websocket; how many it took (or len(frames)+1)."""
    for sent, frame in enumerate(frames):
        try:
            await ws.send_str(frame)
        except ConnectionResetError:
            return sent
        if ws.closed:
            return sent
    while True:  # what the server still says before hanging up
        try:
            message = await ws.receive(timeout=3)
        except TimeoutError:
            return len(frames) + 1
        if message.type in (
            aiohttp.WSMsgType.CLOSE,
            aiohttp.WSMsgType.CLOSED,
            aiohttp.WSMsgType.CLOSING,
            aiohttp.WSMsgType.ERROR,
        ):
            return len(frames)


def log_text(caplog: pytest.LogCaptureFixture, level: int = logging.WARNING) -> str:
    """Everything at `level` or above the log holds, tracebacks included."""
    handler = logging.Formatter()
    return "\n".join(handler.format(r) for r in caplog.records if r.levelno >= level)


def tracebacks(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.exc_info]


async def metric(server: TestServer, name: str) -> float:
    async with aiohttp.ClientSession() as http, http.get(server.make_url("/metrics")) as response:
        text = await response.text()
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == name:
                return float(sample.value)
    raise AssertionError(f"{name} is not in /metrics")


def frames_of(*texts: Any) -> list[str]:
    return [str(t) for t in texts]


def on_database(settings: Settings, database_url: str, **update: Any) -> Settings:
    """`settings` on the database under test (SQLite, and PostgreSQL when configured)."""
    return settings.model_copy(update={"database_url": database_url, **update})
