"""The command table: every event has one typed handler, and a failing one answers at once."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from aiohttp.test_utils import TestServer

from tests.conftest import Participant
from venue.protocol.base import Inbound, Request
from venue.protocol.presence import LocateIn, LocateOut
from venue.realtime.commands import COMMANDS, Scope, handles
from venue.realtime.connections import Connection
from venue.web.keys import LIVE

Join = Callable[[str], Awaitable[Participant]]


def test_every_event_has_a_handler_of_its_payload_model() -> None:
    assert set(COMMANDS) == set(Inbound)
    for event, command in COMMANDS.items():
        assert command.model is Request.registry[Inbound(event)]


def test_a_handler_that_disagrees_with_its_model_is_refused_at_import() -> None:
    async def answers_nothing(scope: Scope, conn: Connection, payload: LocateIn) -> None:
        return None

    async def answers_something(scope: Scope, conn: Connection, payload: LocateIn) -> LocateOut:
        return LocateOut(matches=[])

    with pytest.raises(TypeError, match=r"presence\.locate acks"):
        handles()(answers_nothing)
    with pytest.raises(TypeError, match="two handlers"):  # right types, but taken
        handles()(answers_something)


async def test_an_unexpected_failure_answers_internal_at_once(
    server: TestServer, join: Join, monkeypatch: pytest.MonkeyPatch, caplog: Any
) -> None:
    ann = await join("Ann")

    def broken(_query: str) -> list[Any]:
        raise RuntimeError("a bug")

    monkeypatch.setattr(server.app[LIVE].presence, "find", broken)
    with caplog.at_level(logging.ERROR, logger="venue.realtime.dispatch"):
        ack = await ann.call("presence.locate", {"query": "Ann"})
    assert ack["ok"] is False and ack["error"]["code"] == "internal"
    assert "presence.locate failed" in caplog.text and "a bug" in caplog.text
    assert (await ann.call("presence.status", {"status": "busy"}))["ok"]  # still served
