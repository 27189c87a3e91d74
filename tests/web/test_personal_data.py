"""Privacy: /me/data.json holds everything stored about a person; deletion erases what they
wrote. People act over Socket.IO and HTTP as they would in the venue."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestServer

from tests.conftest import Participant, join_http
from tests.web.people import CSRF, cookies, staff
from venue.domain.people import Role
from venue.web.keys import STORE

Join = Callable[[str], Awaitable[tuple[Participant, str]]]


@pytest.fixture
async def people(server: TestServer) -> AsyncIterator[Join]:
    """Guests joined over HTTP with a connected Socket.IO client, and their token."""
    connected: list[Participant] = []

    async def _join(name: str) -> tuple[Participant, str]:
        body = await join_http(server, name)
        person = Participant(server, body["token"], body["participant"]["id"], name)
        connected.append(await person.connect())
        return person, body["token"]

    yield _join
    for person in connected:
        if person.sio.connected:
            await person.sio.disconnect()


async def get_json(server: TestServer, path: str, token: str) -> Any:
    async with (
        aiohttp.ClientSession(headers=cookies(token)) as http,
        http.get(server.make_url(path)) as response,
    ):
        assert response.status == 200, await response.text()
        return json.loads(await response.read())


async def test_the_export_holds_everything_and_deletion_erases_what_they_wrote(
    server: TestServer, people: Join
) -> None:
    (ann, token), (bob, bob_token) = await people("Ann"), await people("Bob")
    store = server.app[STORE]
    assert (await ann.call("chat.send", {"channel": "space:lobby", "text": "Hallo Foyer"}))["ok"]
    assert (await ann.call("chat.send", {"channel": f"dm:{bob.id}", "text": "Hallo Bob"}))["ok"]
    assert (await bob.call("chat.send", {"channel": f"dm:{ann.id}", "text": "Hallo Ann"}))["ok"]
    assert (await ann.call("space.enter", {"space": "plenary"}))["ok"]
    assert (await ann.call("chat.question", {"text": "Wann ist Pause?"}))["ok"]
    await store.booths.add_entry("energy", ann.id, "Ann", "Schöner Stand")
    await store.booth_activity.visit("energy", ann.id, True, dt.datetime.now(dt.UTC))
    await store.booth_activity.add_request("r1", "energy", ann.id, "Ann", "ann@example.org")
    mod_record, mod_token = await staff(server.app, Role.MODERATOR, "Mo")
    mod = await Participant(server, mod_token, mod_record.id, "Mo").connect()
    try:
        assert (await mod.call("mod.mute", {"person": ann.id, "muted": True}))["ok"]
    finally:
        await mod.sio.disconnect()

    data = await get_json(server, "/me/data.json", token)
    assert data["participant"]["name"] == "Ann"
    assert [m["text"] for m in data["chat_messages"]] == ["Hallo Foyer"]
    assert [m["text"] for m in data["questions"]] == ["Wann ist Pause?"]
    assert [m["text"] for m in data["direct_messages"]] == ["Hallo Bob", "Hallo Ann"]
    assert [e["text"] for e in data["guestbook_entries"]] == ["Schöner Stand"]
    assert [v["booth"] for v in data["booth_visits"]] == ["energy"]
    assert [r["email"] for r in data["booth_requests"]] == ["ann@example.org"]
    assert len(data["muted"]) == 1
    assert [(e["actor_name"], e["action"]) for e in data["audit_entries"]] == [("Mo", "mute")]
    assert "digest" not in json.dumps(data)

    await ann.sio.disconnect()
    async with (
        aiohttp.ClientSession(headers=cookies(token)) as http,
        http.post(server.make_url("/me/delete"), data={"csrf": CSRF, "confirm": "yes"}) as response,
    ):
        assert response.status == 200
    history = (await bob.call("chat.history", {"channel": "space:lobby"}))["data"]
    assert history["messages"] == []
    bobs = await get_json(server, "/me/data.json", bob_token)  # Bob's own DM stays his
    assert [m["text"] for m in bobs["direct_messages"]] == ["", "Hallo Ann"]
    assert "Hallo Bob" not in json.dumps(bobs, ensure_ascii=False)
