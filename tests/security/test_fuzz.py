"""Property-based fuzzing of every inbound event's payload: an ack with a documented outcome,
and not one traceback in the log (on both databases when PostgreSQL is configured)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from aiohttp.test_utils import TestServer
from hypothesis import HealthCheck, given, seed
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests.conftest import Participant
from tests.realtime.test_chat import moderator
from tests.security.raw import on_database, tracebacks
from venue.protocol.base import ERROR_MEANINGS
from venue.realtime.commands import COMMANDS
from venue.settings import Settings

Join = Callable[[str], Awaitable[Participant]]
EXAMPLES = 15  # payloads per event

EDGE_INTS = [0, -1, 1, 2**31 - 1, 2**31, -(2**31) - 1, 2**53, 2**63, 2**64, 10**30]
NASTY_TEXT = ["", " ", "\x00", "\x1b[31m", "\u202e", "\ud800", "*", "lobby", "space:lobby"]
TEXT = st.one_of(st.sampled_from(NASTY_TEXT), st.text(max_size=40))
# around the payload limit (4608 bytes), and below the frame limit (16 KiB: past it the
# connection is closed, see test_flood)
BIG = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), min_size=4000, max_size=5000)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.sampled_from(EDGE_INTS),
    st.integers(),
    st.floats(allow_nan=False),
    TEXT,
)
JSON = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


def payloads(field_names: list[str], people: list[str]) -> st.SearchStrategy[Any]:
    """Objects with the model's fields (some, all, extra) holding any JSON, or no object."""
    value = st.one_of(JSON, st.sampled_from(people), BIG)
    fields = st.dictionaries(st.sampled_from(field_names), value, max_size=len(field_names))
    extra = st.dictionaries(st.text(max_size=10), value, max_size=3)
    shaped = st.builds(lambda a, b: {**b, **a}, fields, extra)
    return st.one_of(shaped, shaped, shaped, JSON) if field_names else st.one_of(extra, JSON)


def generated(strategy: st.SearchStrategy[Any], event: str) -> list[Any]:
    """Payloads hypothesis draws for `event` (drawn first, sent by the async test after)."""
    drawn: list[Any] = []

    @seed(sum(map(ord, event)))
    @hypothesis_settings(
        max_examples=EXAMPLES,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def draw(payload: Any) -> None:
        drawn.append(payload)

    draw()
    return drawn


@pytest.fixture
def settings(settings: Settings, database_url: str) -> Settings:
    # the limits are tested elsewhere; here every payload must reach its handler
    return on_database(settings, database_url, events_per_second=10_000.0, flood_strikes=10**6)


async def test_no_payload_of_any_event_breaks_the_server(
    join: Join, server: TestServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    ann, bob = await join("Ann"), await join("Bob")
    mo = await moderator(server)
    documented = {str(code) for code in ERROR_MEANINGS}
    try:
        for event, command in sorted(COMMANDS.items()):
            names = list(command.model.model_fields)
            for payload in generated(payloads(names, [ann.id, bob.id, mo.id]), event):
                for who in (mo, ann):
                    if not who.sio.connected:  # removed by a fuzzed mod.remove: come back
                        continue
                    ack = await who.sio.call(event, payload, timeout=5)
                    assert isinstance(ack, dict) and isinstance(ack.get("ok"), bool), (
                        event,
                        payload,
                        ack,
                    )
                    if not ack["ok"]:
                        code = ack["error"]["code"]
                        assert code in documented and code != "internal", (event, payload, ack)
    finally:
        await mo.sio.disconnect()
    assert tracebacks(caplog) == []
