"""Calls across processes: two people served by different processes are linked (each process
knows how the other's people take part in calls) and their signals reach each other."""

from __future__ import annotations

import os
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from tests.cluster.test_scale_out import GRACE, SECRET, Process, Start, people, start  # noqa: F401
from tests.conftest import SEED, Participant, need_service
from tests.walking import own_step, path_to, walk
from venue.domain.maps import Rect
from venue.venuefile.loader import load_venue

OFFER = "v=0\r\no=- 46 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
CALLING = {"on": True, "mic": True, "camera": False}


@pytest.fixture
async def cluster_env(tmp_path: Path) -> dict[str, str]:
    """Two processes on one SQLite file (they start one after the other) and Redis."""
    redis = need_service("VENUE_TEST_REDIS_URL", "Redis")
    env = {k: v for k, v in os.environ.items() if not k.startswith("VENUE_")}
    env.update(
        VENUE_SECRET_KEY=SECRET,
        VENUE_DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path}/venue.sqlite3",
        VENUE_REDIS_URL=redis,
        VENUE_REDIS_CHANNEL=f"venue-test:{uuid.uuid4().hex}",
        VENUE_DISCONNECT_GRACE=str(GRACE),
        VENUE_SECRET_FILE=str(tmp_path / "secret"),
    )
    return env


def peers_of(p: Participant) -> set[str]:
    updates = p.events("call.peers")
    return {peer["id"] for peer in updates[-1]["peers"]} if updates else set()


async def walk_up_to(p: Participant, other: Participant) -> None:
    """`p` walks, every step accepted, to beside where `other` arrived, and always takes a
    step of their own (both may have arrived on the same tile: their processes placed them
    before either had heard of the other)."""
    me, there = p.welcome["snapshot"]["me"], other.welcome["snapshot"]["me"]
    here = (me["x"], me["y"])
    hall = load_venue(SEED).spaces[me["space"]].map
    path = path_to(hall, here, Rect(there["x"] - 40, there["y"] - 40, 80, 80))
    x, y = path[-1] if path else here
    step = next((x + dx, y) for dx in (8, -8) if hall.walkable(x + dx, y))
    await walk(p.call, here, [*path, step])


async def test_people_on_two_processes_are_linked_and_signal_each_other(
    start: Start,  # noqa: F811  (the fixtures of test_scale_out)
    people: Callable[[Process, str], Awaitable[Participant]],  # noqa: F811
) -> None:
    a, b = await start(), await start()
    ann, bob = await people(a, "Ann"), await people(b, "Bob")
    for p in (ann, bob):
        assert (await p.call("call.state", CALLING))["ok"]
    await own_step(ann)  # arriving is no conversation: a step of one's own is
    await walk_up_to(bob, ann)  # arrivals spread out
    await ann.until(lambda p: peers_of(p) == {bob.id}, within=10)
    await bob.until(lambda p: peers_of(p) == {ann.id}, within=10)
    call = ann.events("call.peers")[-1]["peers"][0]["call"]
    assert ann.events("call.peers")[-1]["peers"][0]["mic"] is True  # Bob's, from process b
    signal: dict[str, Any] = {"to": bob.id, "call": call, "kind": "offer", "sdp": OFFER}
    assert (await ann.call("call.signal", signal))["ok"]
    got = await bob.wait_for("call.signal", within=5)
    assert got["sender"] == ann.id and got["sdp"] == OFFER
    # a third process starting later learns who takes part in calls, and links its people too
    c = await start()
    cy = await people(c, "Cy")
    assert (await cy.call("call.state", CALLING))["ok"]
    # the others' steps since they arrived were introduced to the new process: Cy, walking
    # up to Ann, is in their conversation
    await walk_up_to(cy, ann)
    await cy.until(lambda p: peers_of(p) == {ann.id, bob.id}, within=10)
