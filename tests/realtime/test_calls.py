"""Calls over real Socket.IO clients: who is linked, signals relayed only along links, limits."""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestServer

from tests.conftest import Participant, tuned
from tests.walking import own_step, path_to, walk
from tests.web.people import staff
from venue.domain.people import Role
from venue.settings import Settings
from venue.web.keys import VENUE

Join = Callable[[str], Awaitable[Participant]]


@pytest.fixture
def join(join: Join) -> Join:
    """Join, click to take part in calls (nobody is linked before), and take a step of one's
    own (arriving beside someone is no conversation)."""

    async def _join(name: str) -> Participant:
        p = await join(name)
        assert (await p.call("call.state", CALLING))["ok"]
        await own_step(p)
        return p

    return _join


OFFER = "v=0\r\no=- 46 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n"
CALLING = {"on": True, "mic": False, "camera": False}
CANDIDATE = "candidate:842163049 1 udp 1677729535 192.0.2.7 50000 typ srflx raddr 0.0.0.0 rport 0"


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return tuned(
        settings,
        group_size=12,
        av_max_peers=4,
        av_ice_servers=["stun:stun.example.org:3478"],
        av_turn_urls=["turn:127.0.0.1:3478?transport=udp"],
        av_turn_secret="turn-secret",
        av_turn_ttl=600,
    )


def peer_ids(update: dict[str, Any]) -> set[str]:
    return {p["id"] for p in update["peers"]}


async def linked(p: Participant, others: set[str], call: str | None = None) -> dict[str, Any]:
    """The person's latest peers, once they are `others` (in `call`, if given)."""

    def now(p: Participant) -> bool:
        updates = p.events("call.peers")
        if not updates or peer_ids(updates[-1]) != others:
            return False
        return call is None or all(peer["call"] == call for peer in updates[-1]["peers"])

    await p.until(now)
    update: dict[str, Any] = p.events("call.peers")[-1]
    return update


def offer(to: Participant, call: str, sdp: str = OFFER) -> dict[str, Any]:
    return {"to": to.id, "call": call, "kind": "offer", "sdp": sdp}


async def test_two_people_together_are_linked_and_their_signals_relayed(
    join: Join, server: TestServer
) -> None:
    ann, bob = await join("Ann"), await join("Bob")
    mine = await linked(ann, {bob.id})
    [peer] = mine["peers"]
    assert peer["name"] == "Bob" and peer["call"].startswith("group:") and not peer["held"]
    assert (await ann.call("call.signal", offer(bob, peer["call"])))["ok"]
    got = await bob.wait_for("call.signal")
    assert got == {
        "sender": ann.id,
        "call": peer["call"],
        "kind": "offer",
        "sdp": OFFER,
        "candidate": "",
        "mid": None,
        "line": None,
    }
    ice = {"to": ann.id, "call": peer["call"], "kind": "candidate", "candidate": CANDIDATE}
    assert (await bob.call("call.signal", {**ice, "mid": "0", "line": 0}))["ok"]
    assert (await ann.wait_for("call.signal"))["candidate"] == CANDIDATE
    async with aiohttp.ClientSession() as http, http.get(server.make_url("/metrics")) as got:
        text = await got.text()
    assert "venue_call_links 1.0" in text and "venue_call_signals_total 2.0" in text


async def test_a_stranger_cannot_signal_and_leaving_ends_the_call(join: Join) -> None:
    ann, bob = await join("Ann"), await join("Bob")
    call = (await linked(ann, {bob.id}))["peers"][0]["call"]
    cy, dee = await join("Cy"), await join("Dee")
    for p in (cy, dee):
        assert (await p.call("space.enter", {"space": "bar"}))["ok"]
        await p.wait_for("space.snapshot", lambda s: s["space"] == "bar")
        await own_step(p)
    theirs = (await linked(cy, {dee.id}))["peers"][0]["call"]
    forged = await cy.call("call.signal", offer(ann, theirs))
    assert forged["error"]["code"] == "call.not_peer"
    guessed = await cy.call("call.signal", offer(ann, call))
    assert guessed["error"]["code"] == "call.unknown"

    assert (await bob.call("space.enter", {"space": "bar"}))["ok"]
    await linked(ann, set())
    after = await ann.call("call.signal", offer(bob, call))
    assert after["error"]["code"] == "call.unknown"
    assert not ann.events("call.signal") and not bob.events("call.signal")


async def test_bad_signals_get_documented_codes(join: Join) -> None:
    ann, bob = await join("Ann"), await join("Bob")
    call = (await linked(ann, {bob.id}))["peers"][0]["call"]
    cases: list[tuple[Any, str]] = [
        (offer(bob, call, "not an sdp"), "call.signal_invalid"),
        (offer(bob, call, OFFER + ("a=" + "x" * 1000 + "\r\n") * 12), "call.signal_invalid"),
        (offer(bob, call, OFFER + ("a=" + "x" * 1000 + "\r\n") * 15), "payload.too_large"),
        ({**offer(bob, call), "kind": "hangup"}, "payload.invalid"),
        ({**offer(bob, call), "sdp": 7}, "payload.invalid"),
        (
            {"to": bob.id, "call": call, "kind": "candidate", "candidate": "x"},
            "call.signal_invalid",
        ),
        ({**offer(bob, call), "line": 999}, "payload.invalid"),
        ({"to": "", "call": call, "kind": "offer"}, "payload.invalid"),
    ]
    for payload, code in cases:
        ack = await ann.call("call.signal", payload)
        assert ack["error"]["code"] == code, (payload, ack)
    assert not bob.events("call.signal")


async def test_signals_are_rate_limited(join: Join) -> None:
    ann, bob = await join("Ann"), await join("Bob")
    call = (await linked(ann, {bob.id}))["peers"][0]["call"]
    ice = {"to": bob.id, "call": call, "kind": "candidate", "candidate": CANDIDATE}
    codes = [(await ann.call("call.signal", ice)).get("error", {}).get("code") for _ in range(130)]
    assert codes[:90] == [None] * 90  # joining a call's burst of candidates passes
    assert "rate.limited" in codes[100:]


async def test_ten_people_in_one_spot_hold_at_most_the_peer_limit(join: Join) -> None:
    people = [await join(f"P{i}") for i in range(10)]
    ids = {p.id for p in people}

    def settled(p: Participant) -> bool:
        updates = p.events("call.peers")
        return bool(updates) and len(updates[-1]["peers"]) >= 2

    for p in people:
        await p.until(settled, within=5)
    links = {p.id: peer_ids(p.events("call.peers")[-1]) for p in people}
    for pid, peers in links.items():
        assert 2 <= len(peers) <= 4 and peers <= ids - {pid}
        assert all(pid in links[other] for other in peers)  # both ends agree


async def test_nobody_is_linked_before_their_own_click(join: Join) -> None:
    ann, bob = await join("Ann"), await join("Bob")
    await linked(ann, {bob.id})
    assert (await bob.call("call.state", {**CALLING, "on": False}))["ok"]
    await linked(ann, set())
    assert (await bob.call("call.state", CALLING))["ok"]
    await linked(ann, {bob.id})


async def test_busy_people_are_not_pulled_into_calls(join: Join) -> None:
    ann, bob, cy = await join("Ann"), await join("Bob"), await join("Cy")
    await linked(ann, {bob.id, cy.id})
    assert (await cy.call("presence.status", {"status": "busy"}))["ok"]
    await linked(ann, {bob.id})
    await linked(cy, set())
    assert (await cy.call("presence.status", {"status": "available"}))["ok"]
    await linked(cy, {ann.id, bob.id})


async def test_a_reconnected_person_gets_their_peers_again(join: Join, server: TestServer) -> None:
    ann, bob = await join("Ann"), await join("Bob")
    await linked(ann, {bob.id})
    await bob.sio.disconnect()
    again = await Participant(server, bob.token, bob.id, "Bob").connect()
    try:
        await linked(again, {ann.id})
    finally:
        await again.sio.disconnect()


async def test_ice_servers_carry_turn_rest_credentials(join: Join) -> None:
    ann = await join("Ann")
    ack = await ann.call("call.ice", {})
    data = ack["data"]
    stun, turn = data["servers"]
    assert stun == {"urls": ["stun:stun.example.org:3478"], "username": None, "credential": None}
    assert turn["urls"] == ["turn:127.0.0.1:3478?transport=udp"]
    expires, person = turn["username"].split(":")
    assert person == ann.id and int(expires) == data["expires"]
    assert 590 <= data["expires"] - time.time() <= 610
    digest = hmac.new(b"turn-secret", turn["username"].encode(), hashlib.sha1).digest()
    assert turn["credential"] == base64.b64encode(digest).decode()
    assert data["policy"] == "all"


async def test_a_moderator_holds_a_microphone_until_lifting_it(
    join: Join, server: TestServer
) -> None:
    ann, bob = await join("Ann"), await join("Bob")
    await linked(ann, {bob.id})
    assert (await bob.call("call.state", {"on": True, "mic": True, "camera": False}))["ok"]
    await ann.wait_for("call.state", lambda s: s["person"] == bob.id and s["mic"])
    record, token = await staff(server.app, Role.MODERATOR, "Mo")
    mo = await Participant(server, token, record.id, "Mo").connect()
    try:
        assert (await mo.call("space.enter", {"space": "bar"}))["ok"]
        console = (await mo.call("mod.watch", {}))["data"]
        [call] = console["calls"]
        assert {p["name"] for p in call["people"]} == {"Ann", "Bob"}
        assert (await ann.call("mod.mic", {"person": bob.id, "held": True}))["error"][
            "code"
        ] == "auth.forbidden"
        assert (await mo.call("mod.mic", {"person": bob.id, "held": True}))["ok"]
        told = await bob.wait_for("call.state", lambda s: s["held"])
        assert told == {"person": bob.id, "mic": False, "camera": False, "held": True}
        await ann.wait_for("call.state", lambda s: s["person"] == bob.id and s["held"])
        refused = await bob.call("call.state", {"on": True, "mic": True, "camera": False})
        assert refused["error"]["code"] == "call.mic_held"
        assert (await mo.call("mod.mic", {"person": bob.id, "held": False}))["ok"]
        await bob.wait_for("call.state", lambda s: not s["held"])
        assert (await bob.call("call.state", {"on": True, "mic": True, "camera": True}))["ok"]
        assert (await mo.call("mod.mic", {"person": mo.id, "held": True}))["error"][
            "code"
        ] == "auth.forbidden"
    finally:
        await mo.sio.disconnect()


async def test_an_accepted_booth_conversation_is_a_call(server: TestServer, join: Join) -> None:
    record, token = await staff(server.app, Role.EXHIBITOR, "Eva", frozenset({"energy"}))
    eva = await Participant(server, token, record.id, "Eva").connect()
    try:
        assert (await eva.call("space.enter", {"space": "workshop-1"}))["ok"]  # far away
        assert (await eva.call("call.state", CALLING))["ok"]
        assert (await eva.call("booth.checkin", {"booth": "energy", "present": True}))["ok"]
        vic = await join("Vic")
        ack = await vic.call("booth.request", {"booth": "energy", "share": {"email": False}})
        request = ack["data"]["request"]
        await eva.wait_for("booth.ring", lambda r: r["request"] == request)
        assert (await eva.call("presence.status", {"status": "busy"}))["ok"]  # still connects
        conversation = (await eva.call("booth.accept", {"request": request}))["data"]
        mine = await linked(vic, {eva.id})
        assert mine["peers"][0]["call"] == f"booth:{conversation['conversation']}"
        await linked(eva, {vic.id})
    finally:
        await eva.sio.disconnect()
    await linked(vic, set())


async def test_a_table_is_a_call_of_its_own_and_a_silent_corner_has_none(
    server: TestServer, join: Join
) -> None:
    ann, cy, dee = await join("Ann"), await join("Cy"), await join("Dee")
    for p in (ann, cy, dee):
        assert (await p.call("space.enter", {"space": "bar"}))["ok"]
    seats = {}
    for p in (cy, dee):
        sat = await p.call("table.sit", {"area": "table-1"})
        seats[p.id] = (sat["data"]["x"], sat["data"]["y"])
    await linked(cy, {dee.id}, "table:bar:table-1")
    await linked(dee, {cy.id}, "table:bar:table-1")
    await linked(ann, set())

    bar = server.app[VENUE].spaces["bar"].map
    corner = bar.area("silent-corner")
    assert corner is not None
    for p in (cy, dee):  # both walk from the table into the silent corner, together again
        await walk(p.call, seats[p.id], path_to(bar, seats[p.id], corner.rect))
    await linked(cy, set())
    await linked(dee, set())
