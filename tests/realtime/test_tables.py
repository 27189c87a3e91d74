"""A table's capacity: list mode's table.sit refuses a full table, and one seat stays one."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace

import pytest

from tests.conftest import SEED, Participant
from venue.domain.maps import Area
from venue.domain.venue import Venue
from venue.venuefile.loader import load_venue

Join = Callable[[str], Awaitable[Participant]]


@pytest.fixture
def venue() -> Venue:
    """The seed venue with a bar table of one seat."""
    seed = load_venue(SEED)
    bar = seed.spaces["bar"]
    areas = tuple(
        Area(a.name, a.rect, {**a.properties, "capacity": 1}) if a.name == "table-1" else a
        for a in bar.map.areas
    )
    spaces = {**seed.spaces, "bar": replace(bar, map=replace(bar.map, areas=areas))}
    return replace(seed, spaces=spaces)


async def test_a_full_table_refuses_another_guest(join: Join) -> None:
    ann, bob = await join("Ann"), await join("Bob")
    for p in (ann, bob):
        assert (await p.call("space.enter", {"space": "bar"}))["ok"]
    assert (await ann.call("table.sit", {"area": "table-1"}))["ok"]
    again = await ann.call("table.sit", {"area": "table-1"})
    assert again["ok"]  # sitting where one sits is fine
    refused = await bob.call("table.sit", {"area": "table-1"})
    assert refused["error"]["code"] == "table.full"
    assert (await bob.call("table.sit", {"area": "table-2"}))["ok"]
    update = await ann.wait_for("group.update", lambda u: u["table"] == "table-1")
    assert [m["name"] for m in update["members"]] == ["Ann"]
    assert update["channel"] == "table:bar:table-1"


async def test_who_sits_down_later_reads_the_table_only_from_then_on(join: Join) -> None:
    ann, bob, cy = await join("Ann"), await join("Bob"), await join("Cy")
    for p in (ann, bob, cy):
        assert (await p.call("space.enter", {"space": "bar"}))["ok"]
    table = "table:bar:table-2"
    for p in (ann, bob):
        assert (await p.call("table.sit", {"area": "table-2"}))["ok"]
    await bob.wait_for("group.update", lambda u: len(u["members"]) == 2)
    assert (await ann.call("chat.send", {"channel": table, "text": "Unter uns"}))["ok"]
    await bob.wait_for("chat.message", lambda m: m["text"] == "Unter uns")
    assert (await cy.call("table.sit", {"area": "table-2"}))["ok"]
    await cy.wait_for("group.update", lambda u: u["channel"] == table)
    history = (await cy.call("chat.history", {"channel": table}))["data"]
    assert history["messages"] == []  # what was said before Cy sat down stays with them
    assert (await bob.call("chat.send", {"channel": table, "text": "Hallo Cy"}))["ok"]
    await cy.wait_for("chat.message", lambda m: m["text"] == "Hallo Cy")
    history = (await cy.call("chat.history", {"channel": table}))["data"]
    assert [m["text"] for m in history["messages"]] == ["Hallo Cy"]
    history = (await ann.call("chat.history", {"channel": table}))["data"]
    assert [m["text"] for m in history["messages"]] == ["Unter uns", "Hallo Cy"]
