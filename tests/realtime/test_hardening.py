"""Hostile clients: reserved event names, other origins, binary payloads, races, many tabs."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
from aiohttp.test_utils import TestServer

from tests.conftest import PATIENCE, Participant, grace_passed, join_http, next_frame
from venue.web.keys import SETTINGS

Join = Callable[[str], Awaitable[Participant]]


async def _counts(server: TestServer) -> dict[str, int]:
    async with aiohttp.ClientSession() as http, http.get(server.make_url("/api/venue")) as r:
        body = await r.json()
    return {s["id"]: s["count"] for s in body["spaces"]}


async def test_a_client_sent_connect_event_does_not_leave_a_ghost(
    server: TestServer, join: Join
) -> None:
    """A client's own `emit("connect", environ)` must not register a second person."""
    ann = await join("Ann")
    other = await join_http(server, "Ghost")
    await ann.sio.call(
        "connect", {"HTTP_COOKIE": f"venue_token={other['token']}"}, timeout=PATIENCE
    )
    bob = await join("Bob")
    await bob.round_trip()
    since = bob.mark()  # counts sent while Bob was arriving counted only Ann
    await ann.sio.disconnect()  # Ann leaves after the grace period; a ghost would stay
    await bob.wait_for("venue.counts", lambda c: sum(c["counts"].values()) == 1, since=since)
    assert sum((await _counts(server)).values()) == 1  # Bob


async def test_a_client_sent_disconnect_event_is_not_a_disconnect(join: Join) -> None:
    """A client's own `emit("disconnect")` must not unregister its open connection."""
    ann = await join("Ann")
    bob, cy = await join("Bob"), await join("Cy")
    await ann.sio.call("disconnect", "x", timeout=PATIENCE)
    await grace_passed(cy, bob)  # a departure of Ann's would have come first
    assert not any(d["id"] == ann.id for f in bob.events("space.tick") for d in f["departed"])
    ack = await ann.call("presence.locate", {"query": "Ann"})
    assert ack["ok"] is True
    assert ack["data"]["matches"], "Ann is still connected and should still be present"


async def test_a_binary_payload_gets_an_error_ack(join: Join) -> None:
    ann = await join("Ann")
    ack = await ann.sio.call("presence.move", b"\x00\x01", timeout=PATIENCE)
    assert ack["error"]["code"] == "payload.invalid"


async def test_booleans_and_strings_are_not_coordinates(join: Join) -> None:
    """The documented schema says integer: true and "5" are refused, not coerced."""
    ann = await join("Ann")
    for payload in ({"x": True, "y": 1}, {"x": "5", "y": 1}):
        ack = await ann.call("presence.move", payload)
        assert ack["error"]["code"] == "payload.invalid", payload


async def test_a_websocket_from_another_origin_is_refused(server: TestServer) -> None:
    """cors_allowed_origins=[] switches python-engineio's Origin check off (CSWSH)."""
    body = await join_http(server, "Victim")
    url = server.make_url("/socket.io/?EIO=4&transport=websocket")
    headers = {"Origin": "http://evil.example", "Cookie": f"venue_token={body['token']}"}
    async with aiohttp.ClientSession() as http:
        try:
            ws = await http.ws_connect(url, headers=headers)
        except aiohttp.WSServerHandshakeError:
            return
        await ws.receive()
        await ws.send_str("40")
        reply = await ws.receive(timeout=3)
        await ws.close()
    assert "venue.welcome" not in str(reply.data)


async def test_reconnecting_while_the_departure_is_saved_keeps_one_present(
    server: TestServer, join: Join, monkeypatch: Any
) -> None:
    """A reconnect while the departure is being saved must leave the person present once."""
    from venue.web import keys

    store = server.app[keys.STORE].participants
    real = store.save_place
    saving, saved, reconnected = asyncio.Event(), asyncio.Event(), asyncio.Event()

    async def slow(*args: Any) -> None:
        saving.set()
        await reconnected.wait()  # a busy database: the save ends after the reconnect
        await real(*args)
        saved.set()

    monkeypatch.setattr(store, "save_place", slow)
    ann = await join("Ann")
    await ann.sio.disconnect()
    async with asyncio.timeout(3):
        await saving.wait()  # the grace period is over; the departure is being saved
    again = Participant(server, ann.token, ann.id, "Ann")
    await again.connect()
    reconnected.set()
    try:
        async with asyncio.timeout(3):
            await saved.wait()
        ack = await again.call("presence.locate", {"query": "Ann"})
        assert ack["ok"] and ack["data"]["matches"], "connected, but gone from the venue"
    finally:
        await again.sio.disconnect()


async def test_one_person_may_hold_only_max_tabs(server: TestServer, join: Join) -> None:
    import pytest
    import socketio

    ann = await join("Ann")
    tabs = []
    limit = server.app[SETTINGS].max_tabs
    try:
        for _ in range(limit - 1):
            tabs.append(await Participant(server, ann.token, ann.id, "Ann").connect())
        extra = socketio.AsyncClient(reconnection=False)
        refusals: list[Any] = []
        extra.on("connect_error", refusals.append)
        with pytest.raises(socketio.exceptions.ConnectionError):
            await extra.connect(
                str(server.make_url("/")), auth={"token": ann.token}, transports=["websocket"]
            )
        assert refusals[0]["data"]["code"] == "connection.limit"
    finally:
        for tab in tabs:
            await tab.sio.disconnect()


async def test_rate_limits_are_per_person_not_per_tab(server: TestServer, join: Join) -> None:
    ann = await join("Ann")
    second = await Participant(server, ann.token, ann.id, "Ann").connect()
    try:
        codes = []
        for tab in (ann, second) * 15:  # 30 locates over two tabs; bursts allow 20 per person
            ack = await tab.call("presence.locate", {"query": "Ann"})
            codes.append(ack.get("error", {}).get("code"))
        assert "rate.limited" in codes
    finally:
        await second.sio.disconnect()


async def test_a_hidden_tab_makes_away_only_when_every_tab_is_hidden(
    server: TestServer, join: Join
) -> None:
    ann = await join("Ann")
    bob = await join("Bob")
    second = await Participant(server, ann.token, ann.id, "Ann").connect()
    try:
        assert await ann.call("presence.visibility", {"visible": False}) == {"ok": True}
        await next_frame(bob, bob)  # an away of Ann's would have gone out in it or before
        found = [s for f in bob.events("space.tick") for s in f["status"] if s["id"] == ann.id]
        assert found == []  # the other tab is still in front
        await second.call("presence.visibility", {"visible": False})
        await bob.wait_for("space.tick", lambda f: {"id": ann.id, "status": "away"} in f["status"])
        await second.sio.disconnect()  # closing a hidden tab changes nothing
        await ann.call("presence.visibility", {"visible": True})
        await bob.wait_for(
            "space.tick", lambda f: {"id": ann.id, "status": "available"} in f["status"]
        )
    finally:
        if second.sio.connected:
            await second.sio.disconnect()
