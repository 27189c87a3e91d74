"""Every integer a client may send fits the database column; concurrent toggles are idempotent."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import pytest
from aiohttp.test_utils import TestServer

from tests.conftest import Participant
from tests.realtime.test_chat import moderator
from tests.security.raw import on_database
from venue.protocol.base import DB_INT_MAX
from venue.realtime.commands import COMMANDS
from venue.settings import Settings

Join = Callable[[str], Awaitable[Participant]]


def _integers(schema: dict[str, Any], where: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every integer in a JSON Schema, with the path to it."""
    if schema.get("type") == "integer":
        yield where, schema
    for key in ("anyOf", "oneOf", "allOf", "prefixItems"):
        for i, part in enumerate(schema.get(key, [])):
            yield from _integers(part, f"{where}[{i}]")
    for name, part in schema.get("properties", {}).items():
        yield from _integers(part, f"{where}.{name}")
    for key in ("items", "additionalProperties"):
        if isinstance(schema.get(key), dict):
            yield from _integers(schema[key], f"{where}.{key}")
    for name, part in schema.get("$defs", {}).items():
        yield from _integers(part, f"$defs.{name}")


def test_every_inbound_integer_is_bounded_by_the_database_column() -> None:
    found = 0
    for event, command in sorted(COMMANDS.items()):
        for where, integer in _integers(command.model.model_json_schema(), event):
            found += 1
            assert integer.get("maximum", integer.get("exclusiveMaximum")) is not None, where
            assert integer.get("maximum", DB_INT_MAX) <= DB_INT_MAX, where
            assert integer.get("minimum", 0) >= -DB_INT_MAX - 1, where
    assert found >= 4  # coordinates, message ids, read markers, blocks


async def test_ids_past_the_column_are_refused_with_an_ack(join: Join, server: TestServer) -> None:
    """On PostgreSQL these ended in an asyncpg DataError and no ack at all."""
    ann = await join("Ann")
    mo = await moderator(server)
    try:
        for who, event, payload in (
            (ann, "chat.read", {"channel": "space:lobby", "upto": DB_INT_MAX + 1}),
            (mo, "chat.delete", {"id": 2**53}),
            (mo, "chat.answered", {"id": DB_INT_MAX + 1}),
            (mo, "mod.start_next", {"block": 2**40}),
        ):
            assert (await who.call(event, payload))["error"]["code"] == "payload.invalid"
        assert await ann.call("chat.read", {"channel": "space:lobby", "upto": DB_INT_MAX}) == {
            "ok": True
        }
        refused = await mo.call("chat.delete", {"id": DB_INT_MAX})
        assert refused["error"]["code"] == "chat.message_unknown"
    finally:
        await mo.sio.disconnect()


async def test_ten_concurrent_toggles_all_get_their_ack(join: Join, server: TestServer) -> None:
    """Ten concurrent chat.block gave UniqueViolation and seven lost acks on PostgreSQL."""
    ann, bob = await join("Ann"), await join("Bob")
    mo = await moderator(server)
    try:
        calls = [ann.call("chat.block", {"person": bob.id, "blocked": True}) for _ in range(10)]
        calls += [mo.call("mod.mute", {"person": bob.id, "muted": True}) for _ in range(10)]
        calls += [mo.call("mod.space", {"space": "bar", "open": False}) for _ in range(10)]
        calls += [
            ann.call("chat.read", {"channel": "space:lobby", "upto": n}) for n in range(10, 0, -1)
        ]
        acks = await asyncio.gather(*calls)
        assert acks == [{"ok": True}] * len(calls)
        refused = await bob.call("chat.send", {"channel": f"dm:{ann.id}", "text": "hallo?"})
        assert refused["error"]["code"] in ("chat.blocked", "chat.muted")
        toggles = [
            ann.call("chat.block", {"person": bob.id, "blocked": n % 2 == 0}) for n in range(10)
        ]
        assert await asyncio.gather(*toggles) == [{"ok": True}] * 10
    finally:
        await mo.sio.disconnect()


@pytest.fixture
def settings(settings: Settings, database_url: str) -> Settings:
    # forty calls at once: the event limit is not what is tested here
    return on_database(settings, database_url, events_per_second=100.0)
