"""Moderators act on the spaces' chats only; the audit log names messages, never their text."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from aiohttp.test_utils import TestServer

from tests.conftest import Participant
from tests.realtime.test_chat import moderator
from tests.security.raw import on_database
from venue.settings import Settings

Join = Callable[[str], Awaitable[Participant]]


@pytest.fixture
def settings(settings: Settings, database_url: str) -> Settings:
    return on_database(settings, database_url)


async def test_a_moderator_can_neither_delete_nor_read_a_private_message(
    join: Join, server: TestServer
) -> None:
    """ids are sequential across channels: any id used to delete a DM or table line and copy
    its text into the audit log every console shows."""
    ann, bob = await join("Ann"), await join("Bob")
    for p in (ann, bob):
        assert (await p.call("space.enter", {"space": "bar"}))["ok"]
    for p in (ann, bob):
        assert (await p.call("table.sit", {"area": "table-1"}))["ok"]
    await ann.wait_for(
        "group.update",
        lambda u: u["channel"] == "table:bar:table-1" and len(u["members"]) == 2,
    )
    dm = (await ann.call("chat.send", {"channel": f"dm:{bob.id}", "text": "geheim-dm"}))["data"]
    table = await ann.call("chat.send", {"channel": "table:bar:table-1", "text": "geheim-tisch"})
    mo = await moderator(server)
    try:
        for message in (dm, table["data"]):
            for event in ("chat.delete", "chat.answered"):
                refused = await mo.call(event, {"id": message["id"]})
                assert refused["error"]["code"] == "chat.message_unknown", (event, message)
        history = (await bob.call("chat.history", {"channel": f"dm:{ann.id}"}))["data"]
        assert [m["text"] for m in history["messages"]] == ["geheim-dm"]
        audit = (await mo.call("mod.watch", {}))["data"]["audit"]
        assert "geheim" not in str(audit)
        assert not [a for a in audit if a["action"] == "chat.delete"]
    finally:
        await mo.sio.disconnect()


async def test_deleting_a_space_message_logs_its_id_and_author_not_its_text(
    join: Join, server: TestServer
) -> None:
    ann = await join("Ann")
    sent = (await ann.call("chat.send", {"channel": "space:lobby", "text": "Werbung!"}))["data"]
    mo = await moderator(server)
    try:
        assert await mo.call("chat.delete", {"id": sent["id"]}) == {"ok": True}
        audit = (await mo.call("mod.watch", {}))["data"]["audit"]
        (entry,) = [a for a in audit if a["action"] == "chat.delete"]
        assert f"message {sent['id']} by Ann [{ann.id[:8]}]" in str(entry)
        assert "Werbung" not in str(audit)
    finally:
        await mo.sio.disconnect()
