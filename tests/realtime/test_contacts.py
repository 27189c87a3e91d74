"""Contact details by double opt-in over real Socket.IO clients: nothing leaks one-sidedly."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp.test_utils import TestServer

from tests.conftest import Participant
from venue.web.keys import IDENTITIES

Connect = Callable[[str, str], Awaitable[Participant]]


def leaks(payloads: Any, *secrets: str) -> bool:
    return any(secret in repr(payloads) for secret in secrets)


async def test_both_agree_and_each_gets_the_others_card_with_the_email_only_if_ticked(
    registered_person: Connect,
) -> None:
    ann, bob = (
        await registered_person("Ann", "Speicherwerk"),
        await registered_person("Bob", "Lausitz Labs"),
    )
    asked = await ann.call("contact.request", {"person": bob.id, "share": {"email": True}})
    assert asked == {"ok": True, "data": {"state": "pending", "card": None}}
    offer = await bob.wait_for("contact.asked")
    assert offer["person"] == ann.id and offer["name"] == "Ann"
    assert set(offer) == {"person", "name", "at"}  # no organisation, no e-mail before Bob agrees

    agreed = await bob.call("contact.answer", {"person": ann.id, "accept": True})
    assert agreed["ok"], agreed
    card = agreed["data"]["card"]
    assert agreed["data"]["state"] == "exchanged"
    assert (card["name"], card["organisation"], card["email"]) == (
        "Ann",
        "Speicherwerk",
        "ann@example.org",
    )
    bobs = (await ann.wait_for("contact.exchanged"))["card"]
    assert (bobs["person"], bobs["organisation"], bobs["email"]) == (bob.id, "Lausitz Labs", None)

    listing = (await ann.call("contact.list", {}))["data"]
    assert [c["name"] for c in listing["contacts"]] == ["Bob"]
    assert listing["asked"] == [] and listing["waiting"] == []
    again = await ann.call("contact.request", {"person": bob.id})
    assert again["error"]["code"] == "contact.exists"


async def test_a_one_sided_request_never_leaks_anything_even_when_declined(
    registered_person: Connect,
) -> None:
    ann, bob = (
        await registered_person("Ann", "Speicherwerk"),
        await registered_person("Bob", "Lausitz Labs"),
    )
    assert (await ann.call("contact.request", {"person": bob.id, "share": {"email": True}}))["ok"]
    await bob.wait_for("contact.asked")
    declined = await bob.call("contact.answer", {"person": ann.id, "accept": False})
    assert declined == {"ok": True, "data": {"state": "declined", "card": None}}

    # Ann is not told: her request still looks pending, and asking again changes nothing
    listing = (await ann.call("contact.list", {}))["data"]
    assert listing["contacts"] == []
    assert [(w["person"], w["name"]) for w in listing["waiting"]] == [(bob.id, "Bob")]
    assert (await ann.call("contact.request", {"person": bob.id}))["error"]["code"] == (
        "contact.pending"
    )
    # Bob has nothing of Ann's either; his list no longer holds her request
    bobs = (await bob.call("contact.list", {}))["data"]
    assert bobs == {"asked": [], "waiting": [], "contacts": []}
    await ann.round_trip()
    await bob.round_trip()
    assert ann.events("contact.exchanged") == [] and bob.events("contact.exchanged") == []
    assert not leaks(ann.received, "bob@example.org", "Lausitz Labs")
    assert not leaks(bob.received, "ann@example.org", "Speicherwerk")
    # answering again, or answering a request never made, is refused
    again = await bob.call("contact.answer", {"person": ann.id, "accept": True})
    assert again["error"]["code"] == "contact.request_unknown"
    # Bob changes his mind and asks Ann himself: she had wanted it, so this is the exchange
    exchanged = await bob.call("contact.request", {"person": ann.id, "share": {"email": True}})
    assert exchanged["data"]["state"] == "exchanged"
    assert exchanged["data"]["card"]["email"] == "ann@example.org"
    card = (await ann.wait_for("contact.exchanged"))["card"]
    assert card["email"] == "bob@example.org"


async def test_a_request_to_someone_offline_waits_until_they_come(
    server: TestServer, registered_person: Connect
) -> None:
    ann, bob = (
        await registered_person("Ann", "Speicherwerk"),
        await registered_person("Bob", "Lausitz Labs"),
    )
    await bob.sio.disconnect()
    assert (await ann.call("contact.request", {"person": bob.id}))["ok"]
    token = await server.app[IDENTITIES].issue(bob.id, "link")
    back = await Participant(server, token, bob.id, "Bob").connect()
    try:
        listing = (await back.call("contact.list", {}))["data"]
        assert [(a["person"], a["name"]) for a in listing["asked"]] == [(ann.id, "Ann")]
        assert (await back.call("contact.answer", {"person": ann.id, "accept": True}))["ok"]
        card = (await ann.wait_for("contact.exchanged"))["card"]
        assert (card["name"], card["email"]) == ("Bob", None)
    finally:
        await back.sio.disconnect()


async def test_requests_are_rate_limited_and_bad_ones_refused(registered_person: Connect) -> None:
    ann = await registered_person("Ann", "Speicherwerk")
    others = [await registered_person(f"P{i}", "Org") for i in range(6)]
    codes = []
    for other in others:
        ack = await ann.call("contact.request", {"person": other.id})
        codes.append("ok" if ack["ok"] else ack["error"]["code"])
    assert codes == ["ok"] * 5 + ["contact.flood"]
    assert others[5].events("contact.asked") == []

    bob = others[0]
    refusals = {
        "self": {"person": bob.id},
        "unknown": {"person": "f" * 32},
        "no person": {},
        "wrong type": {"person": 7},
        "share not a bool": {"person": ann.id, "share": {"email": "yes"}},
        "too long": {"person": "x" * 65},
        "extra": {"person": ann.id, "note": "hi"},
    }
    got = {}
    for what, payload in refusals.items():
        ack = await bob.call("contact.request", payload)
        got[what] = ack["error"]["code"]
    assert got == {
        "self": "contact.self",
        "unknown": "person.unknown",
        "no person": "payload.invalid",
        "wrong type": "payload.invalid",
        "share not a bool": "payload.invalid",
        "too long": "payload.invalid",
        "extra": "payload.invalid",
    }
    answer = await bob.call("contact.answer", {"person": ann.id, "accept": "yes"})
    assert answer["error"]["code"] == "payload.invalid"
