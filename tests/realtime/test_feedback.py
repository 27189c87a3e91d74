"""One-tap feedback on the rehearsal clock: asked when a block ends, one rating per person."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestServer

from tests.clocks import ManualClock
from tests.conftest import Participant, connect_registered
from tests.web.people import CSRF, cookies, staff
from venue.app import create_app
from venue.domain.people import Role
from venue.settings import Settings
from venue.web.keys import IDENTITIES

MakeServer = Callable[[Any], Awaitable[TestServer]]


@pytest.fixture
async def day(
    aiohttp_server: MakeServer, settings: Settings
) -> AsyncIterator[tuple[TestServer, ManualClock, Callable[[str], Awaitable[Participant]]]]:
    """A server on a clock the test moves, and registered people connecting to it."""
    clock = ManualClock("12:50")
    app = await create_app(settings.model_copy(update={"clock": clock.now()}), clock=clock)
    server = await aiohttp_server(app)
    connected: list[Participant] = []

    async def connect(name: str) -> Participant:
        connected.append(await connect_registered(server, name))
        return connected[-1]

    yield server, clock, connect
    for client in connected:
        if client.sio.connected:
            await client.sio.disconnect()


async def test_when_a_block_ends_whoever_was_in_it_rates_it_once(day: Any) -> None:
    server, clock, connect = day
    ann = await connect("Ann")  # in the plenary's block (0) before it ends at 13:00
    early = await ann.call("feedback.rate", {"block": 0, "stars": 5})
    assert early["error"]["code"] == "feedback.not_ended"
    clock.to("13:00")
    ask = await ann.wait_for("feedback.ask")
    assert ask["block"] == 0 and ask["title"].startswith("Begrüßung und offizieller Auftakt / ")
    bob = await connect("Bob")  # arrives in the break: he was not in the plenary

    rated = await ann.call("feedback.rate", {"block": 0, "stars": 4, "comment": "  Gut,\n kurz  "})
    assert rated == {"ok": True}
    again = await ann.call("feedback.rate", {"block": 0, "stars": 1})
    assert again["error"]["code"] == "feedback.done"
    assert (await bob.call("feedback.rate", {"block": 0, "stars": 1}))["error"]["code"] == (
        "feedback.absent"
    )
    await bob.round_trip()
    assert bob.events("feedback.ask") == []

    refusals = {
        "running": ({"block": 1, "stars": 3}, "feedback.not_ended"),
        "unknown block": ({"block": 99, "stars": 3}, "slot.unknown"),
        "six stars": ({"block": 0, "stars": 6}, "payload.invalid"),
        "no stars": ({"block": 0, "stars": 0}, "payload.invalid"),
        "stars as text": ({"block": 0, "stars": "5"}, "payload.invalid"),
        "negative block": ({"block": -1, "stars": 3}, "payload.invalid"),
        "huge block": ({"block": 2**40, "stars": 3}, "payload.invalid"),
        "long line": ({"block": 0, "stars": 3, "comment": "x" * 281}, "feedback.text_invalid"),
        "control": ({"block": 0, "stars": 3, "comment": "a\u0007b"}, "feedback.text_invalid"),
        "oversized": ({"block": 0, "stars": 3, "comment": "x" * 1001}, "payload.invalid"),
    }
    got = {}
    for what, (payload, _code) in refusals.items():
        ack = await bob.call("feedback.rate", payload)
        got[what] = ack["error"]["code"]
    assert got == {what: code for what, (_payload, code) in refusals.items()}

    # the organisers see the block's ratings, without names
    _record, token = await staff(server.app, Role.ORGANISER, "Olga")
    async with aiohttp.ClientSession(headers=cookies(token)) as http:
        async with http.get(server.make_url("/organiser")) as response:
            assert response.status == 200
            page = await response.text()
        async with http.get(server.make_url("/organiser/feedback.json")) as response:
            results = {b["block"]: b for b in (await response.json())["blocks"]}
    assert results[0]["count"] == 1 and results[0]["mean"] == 4
    assert results[0]["stars"] == [0, 0, 0, 1, 0] and results[0]["comments"] == ["Gut, kurz"]
    assert results[1]["count"] == 0 and results[1]["mean"] is None
    section = page.split('id="feedback"')[1].split("</section>")[0]
    assert '<tr data-block="0">' in section and "<li>Gut, kurz</li>" in section
    assert "Ann" not in section

    # Ann's rating is in her data download, and goes with her when she deletes her data
    ann_token = await server.app[IDENTITIES].issue(ann.id, "link")
    async with aiohttp.ClientSession(headers=cookies(ann_token)) as http:
        async with http.get(server.make_url("/me/data.json")) as response:
            mine = json.loads(await response.read())["block_ratings"]
        async with http.get(server.make_url("/organiser/feedback.json")) as response:
            assert response.status == 403  # the results are the organisers'
        assert [(r["block"], r["stars"], r["comment"]) for r in mine] == [(0, 4, "Gut, kurz")]
        await ann.sio.disconnect()
        form = {"csrf": CSRF, "confirm": "yes"}
        async with http.post(server.make_url("/me/delete"), data=form) as response:
            assert response.status == 200
    async with (
        aiohttp.ClientSession(headers=cookies(token)) as http,
        http.get(server.make_url("/organiser/feedback.json")) as response,
    ):
        assert (await response.json())["blocks"][0]["count"] == 0
