"""Chat over real Socket.IO clients: every message reaches exactly the people it is meant for."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp.test_utils import TestServer

from tests.conftest import Participant
from tests.walking import own_step
from tests.web.people import staff
from venue.domain.people import Role
from venue.web.keys import STORE

Join = Callable[[str], Awaitable[Participant]]


def texts(p: Participant) -> list[str]:
    return [m["text"] for m in p.events("chat.message")]


async def settled(*people: Participant) -> None:
    """Messages go out before the sender's ack: after a round trip of each of `people`,
    anything sent to them has arrived, and what has not was never sent."""
    for person in people:
        await person.round_trip()


async def group_of(p: Participant, members: set[str], space: str = "lobby") -> dict[str, Any]:
    update: dict[str, Any] = await p.wait_for(
        "group.update",
        lambda u: u["space"] == space and {m["id"] for m in u["members"]} == members,
    )
    return update


async def moderator(server: TestServer) -> Participant:
    record, token = await staff(server.app, Role.MODERATOR, "Mo")
    return await Participant(server, token, record.id, "Mo").connect()


async def test_a_space_message_reaches_the_space_and_nobody_elsewhere(join: Join) -> None:
    ann, bob, cy = await join("Ann"), await join("Bob"), await join("Cy")
    assert (await cy.call("space.enter", {"space": "bar"}))["ok"]
    ack = await ann.call("chat.send", {"channel": "space:lobby", "text": "Hallo Foyer"})
    assert ack["ok"] and ack["data"]["author"] == {
        "id": ann.id,
        "name": "Ann",
        "role": "participant",
    }
    got = await bob.wait_for("chat.message")
    assert got["channel"] == "space:lobby" and got["text"] == "Hallo Foyer" and got["at"]
    await settled(cy)
    assert texts(cy) == []
    refused = await cy.call("chat.send", {"channel": "space:lobby", "text": "psst"})
    assert refused["error"]["code"] == "chat.not_member"


async def test_groups_and_tables_are_private(join: Join) -> None:
    ann, bob, cy, dee = [await join(n) for n in ("Ann", "Bob", "Cy", "Dee")]
    for p in (ann, bob, cy, dee):
        assert (await p.call("space.enter", {"space": "bar"}))["ok"]
        await p.wait_for("space.snapshot", lambda s: s["space"] == "bar")
    for p in (cy, dee):
        sat = await p.call("table.sit", {"area": "table-1"})
        assert sat["ok"] and sat["data"]["id"] == p.id
    table = await group_of(cy, {cy.id, dee.id}, "bar")  # the tick that formed it has passed
    await settled(ann)
    assert not any(u["space"] == "bar" and u["group"] for u in ann.events("group.update"))
    for p in (ann, bob):  # arriving together is no conversation, a step of one's own makes it
        await own_step(p)
    assert table["channel"] == "table:bar:table-1" and table["table"] == "table-1"
    group = await group_of(ann, {ann.id, bob.id}, "bar")
    assert group["channel"].startswith("group:") and group["table"] is None
    await settled(cy)
    assert all(
        {m["id"] for m in u["members"]} != {ann.id, bob.id} for u in cy.events("group.update")[-1:]
    )

    assert (await ann.call("chat.send", {"channel": group["channel"], "text": "nur wir"}))["ok"]
    assert (await cy.call("chat.send", {"channel": "table:bar:table-1", "text": "am Tisch"}))["ok"]
    await bob.wait_for("chat.message", lambda m: m["text"] == "nur wir")
    await dee.wait_for("chat.message", lambda m: m["text"] == "am Tisch")
    await settled(ann, bob, cy, dee)
    assert texts(bob) == ["nur wir"] and texts(ann) == ["nur wir"]
    assert texts(cy) == ["am Tisch"] and texts(dee) == ["am Tisch"]

    for channel in ("table:bar:table-1", "group:g999", "table:bar:table-2"):
        ack = await ann.call("chat.send", {"channel": channel, "text": "rein?"})
        assert ack["error"]["code"] == "chat.not_member", channel
    assert (await ann.call("table.sit", {"area": "silent-corner"}))["error"]["code"] == (
        "table.unknown"
    )


async def test_leaving_a_group_is_announced_to_those_who_stay(join: Join) -> None:
    ann, bob, cy = [await join(n) for n in ("Ann", "Bob", "Cy")]
    for p in (ann, bob, cy):
        await own_step(p)
    await group_of(ann, {ann.id, bob.id, cy.id})
    assert (await cy.call("space.enter", {"space": "bar"}))["ok"]
    update = await ann.wait_for("group.update", lambda u: u["left"])
    assert [m["name"] for m in update["left"]] == ["Cy"]
    assert {m["id"] for m in update["members"]} == {ann.id, bob.id}


async def test_direct_messages_unread_counts_and_blocking(join: Join) -> None:
    ann, bob, cy = await join("Ann"), await join("Bob"), await join("Cy")
    ack = await ann.call("chat.send", {"channel": f"dm:{bob.id}", "text": "Hallo Bob"})
    assert ack["ok"] and ack["data"]["channel"] == f"dm:{bob.id}"
    got = await bob.wait_for("chat.message")
    assert got["channel"] == f"dm:{ann.id}" and got["text"] == "Hallo Bob"
    inbox = (await bob.call("chat.inbox", {}))["data"]
    assert inbox == {
        "conversations": [
            {"channel": f"dm:{ann.id}", "person": ann.id, "name": "Ann", "unread": 1}
        ],
        "blocked": [],
    }
    history = (await bob.call("chat.history", {"channel": f"dm:{ann.id}"}))["data"]
    assert history["unread"] == 1 and [m["text"] for m in history["messages"]] == ["Hallo Bob"]
    assert await bob.call("chat.read", {"channel": f"dm:{ann.id}", "upto": got["id"]}) == {
        "ok": True
    }
    assert (await bob.call("chat.inbox", {}))["data"]["conversations"][0]["unread"] == 0

    assert await bob.call("chat.block", {"person": ann.id, "blocked": True}) == {"ok": True}
    assert (await bob.call("chat.inbox", {}))["data"]["blocked"] == [ann.id]
    for a, b in ((ann, bob), (bob, ann)):
        refused = await a.call("chat.send", {"channel": f"dm:{b.id}", "text": "noch da?"})
        assert refused["error"]["code"] == "chat.blocked"
    await bob.call("chat.block", {"person": ann.id, "blocked": False})
    assert (await ann.call("chat.send", {"channel": f"dm:{bob.id}", "text": "wieder"}))["ok"]
    await settled(cy)
    assert texts(cy) == []
    for person in (ann.id, "nobody", bob.id):
        ack = await bob.call("chat.block", {"person": person, "blocked": True})
        assert ack["ok"] is (person == ann.id) or ack["error"]["code"] == "person.unknown"
    assert (await ann.call("chat.send", {"channel": "dm:nobody", "text": "?"}))["error"][
        "code"
    ] == "person.unknown"


async def test_history_after_a_reconnect(join: Join, server: TestServer) -> None:
    ann = await join("Ann")
    for i in range(3):
        assert (await ann.call("chat.send", {"channel": "space:lobby", "text": f"m{i}"}))["ok"]
    await ann.sio.disconnect()
    again = await Participant(server, ann.token, ann.id, "Ann").connect()
    try:
        history = (await again.call("chat.history", {"channel": "space:lobby"}))["data"]
        assert [m["text"] for m in history["messages"]] == ["m0", "m1", "m2"]
        assert (await again.call("chat.history", {"channel": "space:bar"}))["error"][
            "code"
        ] == "chat.not_member"
    finally:
        await again.sio.disconnect()


async def test_moderators_delete_and_mute_and_nobody_else_may(
    join: Join, server: TestServer
) -> None:
    ann, bob = await join("Ann"), await join("Bob")
    mo = await moderator(server)
    try:
        sent = (await ann.call("chat.send", {"channel": "space:lobby", "text": "Spam"}))["data"]
        for event, payload in (
            ("chat.delete", {"id": sent["id"]}),
            ("mod.mute", {"person": ann.id, "muted": True}),
            ("chat.answered", {"id": sent["id"]}),
        ):
            assert (await bob.call(event, payload))["error"]["code"] == "auth.forbidden"
        assert await mo.call("chat.delete", {"id": sent["id"]}) == {"ok": True}
        changed = await bob.wait_for("chat.changed")
        assert changed == {
            "id": sent["id"],
            "channel": "space:lobby",
            "deleted": True,
            "answered": False,
        }
        history = (await bob.call("chat.history", {"channel": "space:lobby"}))["data"]
        assert history["messages"] == []
        assert (await mo.call("chat.delete", {"id": sent["id"]}))["error"]["code"] == (
            "chat.message_unknown"
        )

        assert await mo.call("mod.mute", {"person": ann.id, "muted": True}) == {"ok": True}
        for event, payload in (
            ("chat.send", {"channel": "space:lobby", "text": "und jetzt?"}),
            ("chat.send", {"channel": f"dm:{bob.id}", "text": "und jetzt?"}),
        ):
            assert (await ann.call(event, payload))["error"]["code"] == "chat.muted"
        assert (await mo.call("mod.mute", {"person": mo.id, "muted": True}))["error"]["code"] == (
            "auth.forbidden"
        )
        assert await mo.call("mod.mute", {"person": ann.id, "muted": False}) == {"ok": True}
        assert (await ann.call("chat.send", {"channel": "space:lobby", "text": "ok"}))["ok"]
        audit = (await mo.call("mod.watch", {}))["data"]["audit"]
        assert {a["action"] for a in audit} >= {"chat.delete", "mute", "unmute"}
    finally:
        await mo.sio.disconnect()


async def test_questions_to_the_stage_in_the_plenary(join: Join, server: TestServer) -> None:
    ann, bob = await join("Ann"), await join("Bob")
    refused = await ann.call("chat.question", {"text": "Wo ist die Bühne?"})
    assert refused["error"]["code"] == "chat.no_questions"
    mo = await moderator(server)
    try:
        for p in (ann, bob, mo):
            assert (await p.call("space.enter", {"space": "plenary"}))["ok"]
        asked = (await ann.call("chat.question", {"text": "Wann kommt die Pause?"}))["data"]
        assert asked["question"] and not asked["answered"] and asked["channel"] == "space:plenary"
        await bob.wait_for("chat.message", lambda m: m["question"])
        assert await mo.call("chat.answered", {"id": asked["id"]}) == {"ok": True}
        await bob.wait_for("chat.changed", lambda c: c["answered"])
        history = (await bob.call("chat.history", {"channel": "space:plenary"}))["data"]
        assert history["messages"][0]["answered"] is True
    finally:
        await mo.sio.disconnect()


async def test_bad_chat_input_is_refused(join: Join) -> None:
    ann = await join("Ann")
    for payload, code in (
        ({"channel": "space:lobby", "text": "x" * 1001}, "payload.invalid"),
        ({"channel": "space:lobby", "text": ""}, "payload.invalid"),
        ({"channel": "space:lobby", "text": "   "}, "chat.text_invalid"),
        ({"channel": "space:lobby", "text": "a\u202eb"}, "chat.text_invalid"),
        ({"channel": "space:lobby", "text": 5}, "payload.invalid"),
        ({"channel": "raum:lobby", "text": "hi"}, "chat.channel_unknown"),
        ({"channel": "space:nowhere", "text": "hi"}, "chat.not_member"),
        ({"text": "hi"}, "payload.invalid"),
    ):
        ack = await ann.call("chat.send", payload)
        assert ack["error"]["code"] == code, payload
    # a message of 1000 characters beyond ASCII is not "too large"
    long = await ann.call("chat.send", {"channel": "space:lobby", "text": "ü" * 999 + "😀"})
    assert long["ok"], long


async def test_a_chat_flood_is_limited(join: Join) -> None:
    ann, bob = await join("Ann"), await join("Bob")
    acks = await asyncio.gather(
        *(ann.call("chat.send", {"channel": "space:lobby", "text": f"{i}"}) for i in range(40))
    )
    assert any(a.get("error", {}).get("code") == "rate.limited" for a in acks)
    await settled(bob)
    assert len(texts(bob)) == sum(1 for a in acks if a["ok"]) < 40


async def test_what_a_deleted_participant_wrote_is_gone(join: Join, server: TestServer) -> None:
    ann, bob = await join("Ann"), await join("Bob")
    assert (await ann.call("chat.send", {"channel": "space:lobby", "text": "tschüss"}))["ok"]
    assert (await bob.call("chat.send", {"channel": "space:lobby", "text": "bleib"}))["ok"]
    await ann.sio.disconnect()
    await server.app[STORE].registrations.delete(ann.id)
    history = (await bob.call("chat.history", {"channel": "space:lobby"}))["data"]
    assert [m["text"] for m in history["messages"]] == ["bleib"]
