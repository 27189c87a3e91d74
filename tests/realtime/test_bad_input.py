"""Every bad thing a client can send gets a documented error ack and changes nothing."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
import socketio
from aiohttp.test_utils import TestServer

from tests.conftest import PATIENCE, Participant
from tests.factories import two_room_venue
from venue.domain.venue import Venue
from venue.settings import Settings

Join = Callable[[str], Awaitable[Participant]]


@pytest.mark.parametrize(
    ("event", "payload", "code"),
    [
        ("presence.teleport", {"x": 1}, "event.unknown"),
        ("presence.move", {"x": "ten", "y": 5}, "payload.invalid"),
        ("presence.move", {"x": 1.5, "y": 5}, "payload.invalid"),
        ("presence.move", {"x": 1}, "payload.invalid"),
        ("presence.move", {"x": 1, "y": 2, "z": 3}, "payload.invalid"),
        ("presence.move", [1, 2], "payload.invalid"),
        ("presence.move", None, "payload.invalid"),
        ("presence.move", {"x": 10**12, "y": 0}, "payload.invalid"),
        ("presence.status", {"status": "sleeping"}, "payload.invalid"),
        ("presence.locate", {"query": ""}, "payload.invalid"),
        ("presence.locate", {"query": "x" * 41}, "payload.invalid"),
        ("space.enter", {"space": "x" * 65}, "payload.invalid"),
        ("space.enter", {"space": "a", "padding": "x" * 5000}, "payload.too_large"),
        ("door.use", {}, "payload.invalid"),
    ],
)
async def test_bad_payloads_get_error_acks(join: Join, event: str, payload: Any, code: str) -> None:
    ann = await join("Ann")
    before = ann.welcome["snapshot"]["me"]
    ack = await ann.call(event, payload)
    assert ack["ok"] is False
    assert ack["error"]["code"] == code
    assert ack["error"]["message"]
    again = await ann.call("presence.locate", {"query": "Ann"})
    assert again["data"]["matches"][0]["space"] == before["space"]


async def test_extra_arguments_are_refused(join: Join) -> None:
    ann = await join("Ann")
    ack = await ann.sio.call("presence.move", ({"x": 1, "y": 1}, "extra"), timeout=PATIENCE)
    assert ack["error"]["code"] == "payload.invalid"


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"flood_strikes": 20, "moves_per_second": 10})


async def test_too_many_moves_are_refused_then_the_flooder_is_disconnected(
    join: Join, server: TestServer
) -> None:
    ann = await join("Ann")
    bob = await join("Bob")
    x, y = ann.welcome["snapshot"]["me"]["x"], ann.welcome["snapshot"]["me"]["y"]
    codes = []
    for _ in range(40):
        if not ann.sio.connected:
            break
        try:
            ack = await ann.call("presence.move", {"x": x, "y": y})
        except Exception:  # the server hung up mid-flood
            break
        codes.append(ack.get("error", {}).get("code"))
    assert "rate.limited" in codes
    async with asyncio.timeout(PATIENCE):
        await ann.gone.wait()  # the server hangs up on the flooder
    assert bob.sio.connected  # others are untouched
    assert await bob.call("presence.locate", {"query": "Bob"}) != {}
    again = Participant(server, ann.token, ann.id, "Ann")  # banned for a while
    refusals: list[Any] = []
    again.sio.on("connect_error", refusals.append)
    with pytest.raises(socketio.exceptions.ConnectionError):
        await again.connect()
    assert refusals[0]["data"]["code"] == "rate.limited"


class TestCapacity:
    @pytest.fixture
    def venue(self) -> Venue:
        return two_room_venue(capacity=1)

    async def test_a_full_space_refuses_with_space_full(self, join: Join) -> None:
        ann = await join("Ann")
        bob = await join("Bob")
        assert (await ann.call("space.enter", {"space": "hall"}))["ok"] is True
        ack = await bob.call("space.enter", {"space": "hall"})
        assert ack["error"]["code"] == "space.full"
        found = await bob.call("presence.locate", {"query": "Bob"})
        assert found["data"]["matches"][0]["space"] == "lobby"
