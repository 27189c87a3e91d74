"""Flooding without logging in, or with someone else's sid: the sender pays, the log stays small."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
import pytest
import socketio
from aiohttp.test_utils import TestServer

from tests.conftest import Participant
from tests.security.raw import (
    closed_within,
    connect_raw,
    log_text,
    metric,
    on_database,
    open_raw,
    tracebacks,
)
from venue.settings import Settings

Join = Callable[[str], Awaitable[Participant]]
STRIKES = 10

MALFORMED = ["42[", "x", "", "9", "42[]", "42{}", '42"x"', "45-[]", "4", "40/admin,", "43[1]"]


@pytest.fixture
def settings(settings: Settings, database_url: str) -> Settings:
    return on_database(settings, database_url, flood_strikes=STRIKES)


@pytest.mark.parametrize("frame", MALFORMED)
async def test_malformed_frames_before_connecting_close_the_socket_quietly(
    server: TestServer, frame: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    async with aiohttp.ClientSession() as http:
        ws = await open_raw(server, http)
        sent = await closed_within(ws, [frame] * (STRIKES * 20))
    assert sent <= STRIKES * 20, "the server hung up on the flooder"
    assert tracebacks(caplog) == []
    assert len(caplog.records) <= 1, log_text(caplog)
    assert await metric(server, "venue_malformed_frames_total") >= STRIKES


async def test_the_log_stays_small_while_a_client_floods_malformed_frames(
    server: TestServer, caplog: pytest.LogCaptureFixture
) -> None:
    """The attack of the issue wrote 106 MB in 10 s; here 20 connections x 500 frames."""
    caplog.set_level(logging.WARNING)
    async with aiohttp.ClientSession() as http:
        for round_ in range(20):
            ws = await open_raw(server, http)
            await closed_within(ws, [MALFORMED[round_ % len(MALFORMED)]] * 500)
    assert tracebacks(caplog) == []
    assert len(log_text(caplog)) < 20 * 200, log_text(caplog)


async def test_a_connected_person_flooding_malformed_frames_is_disconnected_and_banned(
    server: TestServer, join: Join
) -> None:
    ann = await join("Ann")
    await ann.sio.disconnect()
    async with aiohttp.ClientSession() as http:
        ws = await connect_raw(server, http, ann.token)
        assert await closed_within(ws, ["42["] * (STRIKES * 20)) <= STRIKES * 20
    await refused_as_banned(Participant(server, ann.token, ann.id, "Ann"))


async def test_a_star_event_strikes_its_sender_never_the_sid_it_names(
    server: TestServer, join: Join, caplog: pytest.LogCaptureFixture
) -> None:
    """`*` used to reach the catch-all with its arguments shifted: its first argument, any
    sid, was taken for the sender's, who collected the strikes until banned."""
    ann, mallory = await join("Ann"), await join("Mallory")
    ann_sid = ann.sio.get_sid()
    for _ in range(STRIKES - 1):
        ack = await mallory.sio.call("*", ann_sid, timeout=3)
        assert ack["error"]["code"] == "event.unknown"
    gone = asyncio.Event()
    mallory.sio.on("disconnect", lambda *_reason: gone.set())
    await mallory.sio.emit("*", ann_sid)
    await asyncio.wait_for(gone.wait(), 5)
    # Ann still has every strike to spare and is connected
    assert ann.sio.connected
    for _ in range(STRIKES - 1):
        assert (await ann.call("presence.locate", {"query": "zz-nobody"}))["ok"] is True
    assert tracebacks(caplog) == []


async def refused_as_banned(person: Participant) -> None:
    refusals: list[Any] = []
    person.sio.on("connect_error", refusals.append)
    with pytest.raises(socketio.exceptions.ConnectionError):
        await person.connect()
    assert refusals[0]["data"]["code"] == "rate.limited"


async def test_a_frame_past_the_size_limit_closes_the_socket_quietly(
    server: TestServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    async with aiohttp.ClientSession() as http:
        ws = await open_raw(server, http)
        await ws.send_str('42["chat.send",{"text":"' + "a" * 20_000 + '"}]')
        ended = await ws.receive(timeout=5)
    assert ended.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
    assert tracebacks(caplog) == []
