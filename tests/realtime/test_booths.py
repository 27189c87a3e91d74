"""Booths over real Socket.IO clients: staffing, ringing, the accept race, visitors leaving."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp.test_utils import TestServer

from tests.conftest import Participant
from tests.walking import path_to, walk
from tests.web.people import staff
from venue.domain.people import Role
from venue.web.keys import STORE, VENUE

Join = Callable[[str], Awaitable[Participant]]


async def exhibitor(server: TestServer, name: str, booth: str = "energy") -> Participant:
    record, token = await staff(server.app, Role.EXHIBITOR, name, frozenset({booth}))
    return await Participant(server, token, record.id, name).connect()


def opened(booth: str, is_open: bool = True) -> Callable[[Any], bool]:
    return lambda s: any(b["id"] == booth and b["open"] is is_open for b in s["booths"])


async def test_an_exhibitor_walking_into_their_booth_opens_it_for_everyone(
    server: TestServer, join: Join
) -> None:
    vic = await join("Vic")
    eva = await exhibitor(server, "Eva")
    try:
        snapshot = (await eva.call("space.enter", {"space": "exhibition"}))["data"]
        hall = server.app[VENUE].spaces["exhibition"].map
        area = hall.area(server.app[VENUE].booths["energy"].area)
        assert area is not None
        me = snapshot["me"]
        await walk(eva.call, (me["x"], me["y"]), path_to(hall, (me["x"], me["y"]), area.rect))
        status = await vic.wait_for("booth.status", opened("energy"))
        [energy] = [b for b in status["booths"] if b["id"] == "energy"]
        assert energy["staff"] == [{"id": eva.id, "name": "Eva"}]
        assert await eva.wait_for("booth.here", lambda h: h["booth"] == "energy")
        listing_ack = await vic.call("booth.list", {})
        assert listing_ack["ok"], listing_ack
        listing = listing_ack["data"]
        assert {b["id"]: b["open"] for b in listing["booths"]}["energy"] is True
        # one status frame per tick, not one per step
        assert len(vic.events("booth.status")) <= 2
    finally:
        await eva.sio.disconnect()
    await vic.wait_for("booth.status", opened("energy", False))


async def test_a_request_rings_all_staff_and_exactly_one_accept_wins(
    server: TestServer, join: Join
) -> None:
    eva, finn = await exhibitor(server, "Eva"), await exhibitor(server, "Finn")
    vic = await join("Vic")
    try:
        for person in (eva, finn):
            assert await person.call("booth.checkin", {"booth": "energy", "present": True}) == {
                "ok": True
            }
        await vic.wait_for("booth.status", lambda s: len(s["booths"][0]["staff"]) == 2)
        ack = await vic.call("booth.request", {"booth": "energy", "share": {"email": True}})
        assert ack["ok"], ack
        request = ack["data"]["request"]
        for person in (eva, finn):
            ring = await person.wait_for("booth.ring", lambda r: r["request"] == request)
            assert ring["visitor"] == "Vic" and ring["email"] is None  # a guest has none
        first, second = await asyncio.gather(
            eva.call("booth.accept", {"request": request}),
            finn.call("booth.accept", {"request": request}),
        )
        winners = [a for a in (first, second) if a["ok"]]
        losers = [a for a in (first, second) if not a["ok"]]
        assert len(winners) == 1 and len(losers) == 1
        assert losers[0]["error"]["code"] == "booth.taken"
        conv = winners[0]["data"]
        winner, loser = (eva, finn) if first["ok"] else (finn, eva)
        assert await loser.wait_for("booth.taken", lambda t: t["request"] == request)
        opened_conv = await vic.wait_for("booth.conversation")
        assert opened_conv["conversation"] == conv["conversation"]
        assert opened_conv["staff"]["id"] == winner.id

        said = await vic.call("booth.say", {"conversation": conv["conversation"], "text": "Hallo"})
        assert said == {"ok": True}
        msg = await winner.wait_for("booth.message")
        assert (msg["name"], msg["text"]) == ("Vic", "Hallo")
        refused = await loser.call("booth.say", {"conversation": conv["conversation"], "text": "x"})
        assert refused["error"]["code"] == "conversation.unknown"
        await loser.round_trip()  # "Hallo" went out before Vic's ack: had it reached the
        assert loser.events("booth.message") == []  # loser, it would be here by now
    finally:
        for person in (eva, finn):
            await person.sio.disconnect()


async def test_a_visitor_leaving_before_an_answer_withdraws_and_stays_a_lead(
    server: TestServer, join: Join
) -> None:
    eva = await exhibitor(server, "Eva")
    vic = await join("Vic")
    try:
        await eva.call("booth.checkin", {"booth": "energy", "present": True})
        request = (await vic.call("booth.request", {"booth": "energy"}))["data"]["request"]
        await eva.wait_for("booth.ring")
        await vic.sio.disconnect()
        await eva.wait_for("booth.withdrawn", lambda w: w["request"] == request)
        ack = await eva.call("booth.accept", {"request": request})
        assert ack["error"]["code"] == "booth.withdrawn"
        leads = await server.app[STORE].booth_activity.leads("energy")
        assert [(x.visitor, x.state) for x in leads] == [("Vic", "withdrawn")]
    finally:
        await eva.sio.disconnect()


async def test_requests_to_closed_booths_floods_and_strangers_are_refused(
    server: TestServer, join: Join
) -> None:
    vic = await join("Vic")
    ack = await vic.call("booth.request", {"booth": "energy"})
    assert ack["error"]["code"] == "booth.closed"
    assert (await vic.call("booth.request", {"booth": "nope"}))["error"]["code"] == "booth.unknown"
    ack = await vic.call("booth.checkin", {"booth": "energy", "present": True})
    assert ack["error"]["code"] == "auth.forbidden"
    bad = await vic.call("booth.request", {"booth": "energy", "share": {"email": "yes"}})
    assert bad["error"]["code"] == "payload.invalid"
    eva = await exhibitor(server, "Eva")
    try:
        other = await eva.call("booth.checkin", {"booth": "strategy", "present": True})
        assert other["error"]["code"] == "auth.forbidden"
        for booth in ("energy", "strategy", "stem-education", "innovation-management"):
            staffer = await exhibitor(server, f"S {booth}", booth)
            await staffer.call("booth.checkin", {"booth": booth, "present": True})
        codes = [
            (await vic.call("booth.request", {"booth": b}))
            for b in ("energy", "strategy", "stem-education", "innovation-management")
        ]
        assert [c["ok"] for c in codes] == [True, True, True, False]
        assert codes[3]["error"]["code"] == "booth.flood"
    finally:
        await eva.sio.disconnect()
