"""Chromium and the shared deflate policy: it accepts `server_no_context_takeover` it did not
ask for, and reads the tick frames venue deflated once for everyone (issue 14)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from aiohttp.test_utils import TestServer
from playwright.async_api import expect

from tests.browser.conftest import Open, hold, position
from venue.web.keys import LIVE

pytestmark = pytest.mark.browser


async def test_chromium_reads_tick_frames_deflated_once_for_everyone(
    open_person: Open, server: TestServer
) -> None:
    anna = await open_person("Anna")
    bernd = await open_person()
    cdp = await bernd.context.new_cdp_session(bernd.page)
    await cdp.send("Network.enable")
    agreed: list[str] = []
    frames: list[str] = []

    def handshake(event: dict[str, Any]) -> None:
        headers = {k.lower(): v for k, v in event["response"]["headers"].items()}
        agreed.append(headers.get("sec-websocket-extensions", ""))

    cdp.on("Network.webSocketHandshakeResponseReceived", handshake)
    cdp.on("Network.webSocketFrameReceived", lambda e: frames.append(e["response"]["payloadData"]))
    await bernd.page.fill("#join-name", "Bernd")
    await bernd.page.click("#join-form button[type=submit]")
    await expect(bernd.page.locator("#roster")).to_contain_text("Anna")
    assert agreed == ["permessage-deflate; server_no_context_takeover"]

    # Anna walks: every step reaches Bernd's browser in a frame deflated once for both
    [anna_id] = [p.id for p in server.app[LIVE].presence.people() if p.name == "Anna"]
    start = position(server, "Anna")[0]
    await anna.page.locator("#map").focus()
    await hold(anna, "ArrowRight", lambda: position(server, "Anna")[0] >= start + 48)
    x, y = position(server, "Anna")
    seen = f'{{"id":"{anna_id}","x":{x},"y":{y}}}'
    async with asyncio.timeout(10):
        while not any(seen in frame for frame in frames if '"space.tick"' in frame):
            await bernd.page.wait_for_timeout(50)
    steps = [f for f in frames if '"space.tick"' in f and anna_id in f and '"moves":[{' in f]
    assert len(steps) >= 2  # several frames: no context carried from one to the next
    await expect(bernd.page.locator("#roster")).to_contain_text("Anna")  # still connected
