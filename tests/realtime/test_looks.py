"""Looks and emotes over real Socket.IO clients: chosen, seen by others, rate-limited."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from tests.conftest import Participant

Join = Callable[[str], Awaitable[Participant]]


def person_in(snapshot: dict[str, Any], pid: str) -> dict[str, Any]:
    found: dict[str, Any] = next(p for p in snapshot["people"] if p["id"] == pid)
    return found


async def test_a_chosen_look_reaches_the_space_and_later_arrivals(join: Join) -> None:
    ann = await join("Ann")
    bob = await join("Bob")
    assert person_in(bob.welcome["snapshot"], ann.id)["look"] == ""
    assert await ann.call("presence.look", {"figure": "cap", "colour": "plum"}) == {"ok": True}
    await bob.wait_for("space.tick", lambda f: {"id": ann.id, "look": "cap-plum"} in f["looks"])
    cid = await join("Cid")
    assert person_in(cid.welcome["snapshot"], ann.id)["look"] == "cap-plum"


async def test_an_unknown_look_is_refused(join: Join) -> None:
    ann = await join("Ann")
    for bad in ({"figure": "dragon", "colour": "plum"}, {"figure": "cap"}, {"colour": 3}):
        reply = await ann.call("presence.look", bad)
        assert reply["error"]["code"] == "payload.invalid", bad


async def test_emotes_reach_the_space_and_a_raised_hand_stays(join: Join) -> None:
    ann = await join("Ann")
    bob = await join("Bob")
    assert await ann.call("presence.emote", {"emote": "wave"}) == {"ok": True}
    await bob.wait_for("space.tick", lambda f: {"id": ann.id, "emote": "wave"} in f["emotes"])
    assert await ann.call("presence.emote", {"emote": "hand"}) == {"ok": True}
    await bob.wait_for("space.tick", lambda f: {"id": ann.id, "emote": "hand"} in f["emotes"])
    cid = await join("Cid")
    assert person_in(cid.welcome["snapshot"], ann.id)["hand"] is True
    assert await ann.call("presence.emote", {"emote": "hand_down"}) == {"ok": True}
    await cid.wait_for("space.tick", lambda f: {"id": ann.id, "emote": "hand_down"} in f["emotes"])
    dan = await join("Dan")
    assert person_in(dan.welcome["snapshot"], ann.id)["hand"] is False


async def test_emotes_are_rate_limited_with_their_own_code(join: Join) -> None:
    ann = await join("Ann")
    for _ in range(3):
        assert await ann.call("presence.emote", {"emote": "applause"}) == {"ok": True}
    reply = await ann.call("presence.emote", {"emote": "applause"})
    assert reply["ok"] is False
    assert reply["error"]["code"] == "emote.too_often"
    assert (await ann.call("presence.emote", {"emote": "dance"}))["error"]["code"] == (
        "payload.invalid"
    )


async def test_a_hand_goes_down_when_its_person_changes_space(join: Join) -> None:
    ann = await join("Ann")
    await ann.call("presence.emote", {"emote": "hand"})
    await ann.call("space.enter", {"space": "bar"})
    snap = await ann.wait_for("space.snapshot", lambda s: s["space"] == "bar")
    assert snap["me"]["hand"] is False
