"""Presence over real Socket.IO clients against a real server with the seed venue."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
import socketio
from aiohttp.test_utils import TestServer

from tests.conftest import Participant, grace_passed, next_frame
from tests.walking import path_to, walk
from venue.domain.maps import AreaKind
from venue.settings import Settings
from venue.web.keys import VENUE

Join = Callable[[str], Awaitable[Participant]]


def me(p: Participant) -> dict[str, Any]:
    me_: dict[str, Any] = p.welcome["snapshot"]["me"]
    return me_


async def test_welcome_has_spaces_counts_and_my_place(join: Join) -> None:
    ann = await join("Ann")
    welcome = await ann.wait_for("venue.welcome")
    assert welcome["venue"] == "lausitz-2021"
    assert [s["id"] for s in welcome["spaces"]] == [
        "lobby",
        "plenary",
        "workshop-1",
        "workshop-2",
        "exhibition",
        "bar",
    ]
    assert welcome["spaces"][0]["count"] == 1
    assert welcome["snapshot"]["space"] == "lobby"
    assert me(ann)["id"] == ann.id and me(ann)["name"] == "Ann"


async def test_two_participants_see_each_other_arrive_and_move(join: Join) -> None:
    ann = await join("Ann")
    await ann.wait_for("venue.welcome")
    bob = await join("Bob")
    await bob.wait_for("venue.welcome")
    assert {p["name"] for p in bob.welcome["snapshot"]["people"]} == {"Ann", "Bob"}
    await ann.wait_for("space.tick", lambda f: any(p["id"] == bob.id for p in f["arrived"]))
    await ann.wait_for("venue.counts", lambda c: c["counts"]["lobby"] == 2)

    x, y = me(ann)["x"], me(ann)["y"]
    for dx in (4, 8, 12):
        assert await ann.call("presence.move", {"x": x + dx, "y": y}) == {"ok": True}
    frame = await bob.wait_for(
        "space.tick", lambda f: {"id": ann.id, "x": x + 12, "y": y} in f["moves"]
    )
    assert frame["space"] == "lobby"


class TestOneTickAtATime:
    @pytest.fixture
    def settings(self, settings: Settings) -> Settings:
        return settings.model_copy(update={"tick_hz": 1.0})  # a second between frames

    async def test_moves_between_two_ticks_go_out_once_at_the_latest_position(
        self, join: Join
    ) -> None:
        ann = await join("Ann")
        bob = await join("Bob")
        # a frame has just gone out; the next one is a second away
        await ann.wait_for("space.tick", lambda f: any(p["id"] == bob.id for p in f["arrived"]))
        x, y = me(ann)["x"], me(ann)["y"]
        for dx in (4, 8, 12):
            assert await ann.call("presence.move", {"x": x + dx, "y": y}) == {"ok": True}
        frame = await bob.wait_for(
            "space.tick", lambda f: any(m["id"] == ann.id for m in f["moves"])
        )
        assert [m for m in frame["moves"] if m["id"] == ann.id] == [
            {"id": ann.id, "x": x + 12, "y": y}
        ]


async def test_a_move_into_a_wall_is_refused_and_nobody_sees_it(
    join: Join, server: TestServer
) -> None:
    ann = await join("Ann")
    bob = await join("Bob")
    lobby = server.app[VENUE].spaces["lobby"].map
    x, y = me(ann)["x"], me(ann)["y"]
    # walk north until the next step would hit the wall
    wall_y = y
    while lobby.walkable(x, wall_y - 8):
        wall_y -= 8
    await walk(ann.call, (x, y), [(x, wall_y)])
    ack = await ann.call("presence.move", {"x": x, "y": wall_y - 16})
    assert ack["ok"] is False and ack["error"]["code"] == "move.wall"
    assert ack["position"] == {"id": ann.id, "x": x, "y": wall_y}
    await next_frame(ann, bob)  # the refused move would have gone out in it or before
    assert not any(
        m["y"] < wall_y for f in bob.events("space.tick") for m in f["moves"] if m["id"] == ann.id
    )


async def test_teleporting_and_leaving_the_map_are_refused(join: Join) -> None:
    ann = await join("Ann")
    x, y = me(ann)["x"], me(ann)["y"]
    far = await ann.call("presence.move", {"x": x + 300, "y": y})
    out = await ann.call("presence.move", {"x": -5, "y": y})
    assert far["error"]["code"] == "move.too_fast"
    assert out["error"]["code"] == "move.bounds"
    assert far["position"] == out["position"] == {"id": ann.id, "x": x, "y": y}


async def test_door_traversal_changes_space_for_me_and_the_rosters(
    join: Join, server: TestServer
) -> None:
    ann = await join("Ann")
    bob = await join("Bob")
    lobby = server.app[VENUE].spaces["lobby"].map
    door = lobby.area("to-bar", AreaKind.DOOR)
    assert door is not None
    start = (me(ann)["x"], me(ann)["y"])
    await walk(ann.call, start, path_to(lobby, start, door.rect))
    ack = await ann.call("door.use", {"door": "to-bar"})
    assert ack["ok"] is True and ack["data"]["space"] == "bar"
    bar = server.app[VENUE].spaces["bar"].map
    entry = bar.area("from-lobby", AreaKind.ENTRY)
    assert entry is not None and entry.rect.contains(ack["data"]["me"]["x"], ack["data"]["me"]["y"])
    snapshot = await ann.wait_for("space.snapshot")
    assert snapshot["space"] == "bar"
    await bob.wait_for("space.tick", lambda f: {"id": ann.id, "to": "bar"} in f["departed"])
    counts = await bob.wait_for("venue.counts", lambda c: c["counts"]["bar"] == 1)
    assert counts["counts"]["lobby"] == 1


async def test_a_door_one_does_not_stand_in_is_refused(join: Join) -> None:
    ann = await join("Ann")
    ack = await ann.call("door.use", {"door": "to-bar"})
    assert ack["error"]["code"] == "door.not_here"
    ack = await ann.call("door.use", {"door": "to-the-roof"})
    assert ack["error"]["code"] == "door.unknown"


async def test_space_list_and_locate(join: Join) -> None:
    ann = await join("Ann Example")
    bob = await join("Bob")
    ack = await ann.call("space.enter", {"space": "plenary"})
    assert ack["ok"] and ack["data"]["space"] == "plenary"
    assert [p["name"] for p in ack["data"]["people"]] == ["Ann Example"]
    found = await bob.call("presence.locate", {"query": "exam"})
    assert found["data"]["matches"] == [{"id": ann.id, "name": "Ann Example", "space": "plenary"}]
    assert (await ann.call("space.enter", {"space": "nowhere"}))["error"]["code"] == "space.unknown"
    assert (await ann.call("space.enter", {"space": "plenary"}))["error"]["code"] == "space.same"


async def test_status_reaches_the_space(join: Join) -> None:
    ann = await join("Ann")
    bob = await join("Bob")
    assert await ann.call("presence.status", {"status": "away"}) == {"ok": True}
    await bob.wait_for("space.tick", lambda f: {"id": ann.id, "status": "away"} in f["status"])


async def test_two_tabs_are_one_presence(join: Join, server: TestServer) -> None:
    ann = await join("Ann")
    second = await Participant(server, ann.token, ann.id, "Ann").connect()
    try:
        assert second.welcome["spaces"][0]["count"] == 1
        bob, cy = await join("Bob"), await join("Cy")
        await ann.call("space.enter", {"space": "bar"})
        snap = await second.wait_for("space.snapshot")  # the other tab follows
        assert snap["space"] == "bar"
        await second.sio.disconnect()  # closing one tab leaves the person present
        # counts sent before Bob had arrived (he hears them from connecting on) may match too
        since = bob.mark()
        await grace_passed(cy, bob)
        lobby_alone = lambda c: c["counts"]["lobby"] == 1  # noqa: E731
        counts = await bob.wait_for("venue.counts", lobby_alone, since=since)
        assert counts["counts"]["bar"] == 1  # Ann's grace would have ended before Cy's
        dee = await join("Dee")
        assert dee.welcome["spaces"][5]["count"] == 1
    finally:
        if second.sio.connected:
            await second.sio.disconnect()


async def test_reconnect_restores_identity_space_and_place(join: Join, server: TestServer) -> None:
    ann = await join("Ann")
    bob = await join("Bob")
    await ann.call("space.enter", {"space": "workshop-2"})
    await ann.sio.disconnect()
    again = await Participant(server, ann.token, ann.id, "Ann").connect()
    try:  # within the grace period: nobody saw Ann leave
        assert again.welcome["snapshot"]["space"] == "workshop-2"
        assert again.welcome["snapshot"]["me"]["id"] == ann.id
        await again.sio.disconnect()
        await bob.wait_for("venue.counts", lambda c: c["counts"]["workshop-2"] == 0)
        third = await Participant(server, ann.token, ann.id, "Ann").connect()
        assert third.welcome["snapshot"]["space"] == "workshop-2"  # from the database
        await third.sio.disconnect()
    finally:
        if again.sio.connected:
            await again.sio.disconnect()


async def test_a_reload_within_the_grace_period_does_not_flicker(
    join: Join, server: TestServer
) -> None:
    ann = await join("Ann")
    bob, cy = await join("Bob"), await join("Cy")
    await ann.sio.disconnect()
    again = await Participant(server, ann.token, ann.id, "Ann").connect()
    await grace_passed(cy, bob)  # Ann's grace, had it not been called off, ended before
    await again.sio.disconnect()
    departed = [d for f in bob.events("space.tick") for d in f["departed"] if d["id"] == ann.id]
    assert departed == []


@pytest.mark.parametrize(
    ("auth", "code"),
    [
        (None, "auth.required"),
        ({"token": "forged.token"}, "auth.invalid"),
        ({"token": 42}, "auth.invalid"),
    ],
)
async def test_connecting_without_a_valid_token_is_refused(
    server: TestServer, auth: Any, code: str
) -> None:
    client = socketio.AsyncClient(reconnection=False)
    refusals: list[Any] = []
    client.on("connect_error", refusals.append)
    with pytest.raises(socketio.exceptions.ConnectionError):
        await client.connect(str(server.make_url("/")), auth=auth, transports=["websocket"])
    assert refusals, "no connect_error"
    assert refusals[0]["data"]["code"] == code, refusals
