"""Rate limits and strikes belong to the person: reconnecting neither refills nor forgives."""

from __future__ import annotations

from typing import Any

import pytest
import socketio
from aiohttp.test_utils import TestServer

from tests.conftest import Participant, join_http
from tests.security.raw import on_database
from venue.settings import Settings

STRIKES = 6


@pytest.fixture
def settings(settings: Settings, database_url: str) -> Settings:
    # a burst of 2 events, one more a second; the sixth strike disconnects and bans
    return on_database(settings, database_url, events_per_second=1.0, flood_strikes=STRIKES)


async def test_reconnecting_does_not_reset_the_rate_limit_or_the_strikes(
    server: TestServer,
) -> None:
    """connect → burst → disconnect → repeat used to be 64 messages a second, never banned."""
    body = await join_http(server, "Ann")
    token, person_id = body["token"], body["participant"]["id"]
    answered = limited = 0
    for _cycle in range(12):
        ann = Participant(server, token, person_id, "Ann")
        refusals: list[Any] = []
        ann.sio.on("connect_error", refusals.append)
        try:
            await ann.connect()
        except socketio.exceptions.ConnectionError:
            assert refusals[0]["data"]["code"] == "rate.limited"
            break  # banned: the strikes of every cycle added up
        for _ in range(3):
            try:
                ack = await ann.sio.call("presence.locate", {"query": "Ann"}, timeout=1)
            except socketio.exceptions.SocketIOError:
                break  # disconnected mid-burst for flooding
            if ack["ok"]:
                answered += 1
            else:
                assert ack["error"]["code"] == "rate.limited"
                limited += 1
        if ann.sio.connected:
            await ann.sio.disconnect()
    else:
        pytest.fail(f"never banned: {answered} answered, {limited} limited")
    assert limited >= STRIKES - 1
    assert answered < 12  # a fresh bucket per connection would have answered 2 of 3 each time
