"""People are told: a removal and a mute reach the person, and a removed person coming back
too early is refused with how long they still have to wait."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
import socketio
from aiohttp.test_utils import TestServer

from tests.conftest import Participant
from tests.web.people import staff
from venue.domain.people import Role

Join = Callable[[str], Awaitable[Participant]]


async def test_the_removed_are_told_why_and_for_how_long(join: Join, server: TestServer) -> None:
    ann = await join("Ann")
    record, token = await staff(server.app, Role.MODERATOR, "Mo")
    mod = await Participant(server, token, record.id, "Mo").connect()
    try:
        assert (await mod.call("mod.mute", {"person": ann.id, "muted": True}))["ok"]
        assert await ann.wait_for("chat.muted") == {"muted": True}
        assert (await mod.call("mod.mute", {"person": ann.id, "muted": False}))["ok"]
        await ann.wait_for("chat.muted", lambda m: m == {"muted": False})
        assert (await mod.call("mod.remove", {"person": ann.id}))["ok"]
        assert await ann.wait_for("venue.ended") == {"reason": "removed", "minutes": 15}
    finally:
        await mod.sio.disconnect()
    again = Participant(server, ann.token, ann.id, "Ann")
    refusals: list[Any] = []
    again.sio.on("connect_error", refusals.append)
    with pytest.raises(socketio.exceptions.ConnectionError):
        await again.connect()
    assert refusals[0]["data"]["code"] == "access.removed"
    assert refusals[0]["data"]["minutes"] == 15


async def test_moderators_find_anyone_in_any_space_and_see_who_is_muted(
    join: Join, server: TestServer
) -> None:
    ann, anton, bea = await join("Ann"), await join("Anton"), await join("Bea")
    assert (await anton.call("space.enter", {"space": "bar"}))["ok"]
    refused = await ann.call("mod.people", {"query": ""})
    assert refused["error"]["code"] == "auth.forbidden"
    record, token = await staff(server.app, Role.MODERATOR, "Mo")
    mod = await Participant(server, token, record.id, "Mo").connect()
    try:
        assert (await mod.call("mod.mute", {"person": anton.id, "muted": True}))["ok"]
        found = (await mod.call("mod.people", {"query": "an"}))["data"]
        assert [(p["name"], p["space"], p["muted"]) for p in found["people"]] == [
            ("Ann", "lobby", False),
            ("Anton", "bar", True),
        ]
        everyone = (await mod.call("mod.people", {}))["data"]
        assert [p["name"] for p in everyone["people"]] == ["Ann", "Anton", "Bea", "Mo"]
        assert everyone["total"] == 4
        too_long = await mod.call("mod.people", {"query": "x" * 41})
        assert too_long["error"]["code"] == "payload.invalid"
        assert (await mod.call("mod.nudge", {"person": bea.id}))["ok"]  # not only "elsewhere"
    finally:
        await mod.sio.disconnect()
