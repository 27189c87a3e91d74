"""The stage across processes: a moderator served by one process calls on a raised hand served
by the other; the hand goes down, the speaker is told and linked with the moderator."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from tests.cluster.test_calls import CALLING, cluster_env  # noqa: F401 (fixture)
from tests.cluster.test_scale_out import Process, Start, people, start  # noqa: F401
from tests.conftest import Participant
from tests.packaging.processes import invited


def stage_call(update: Any, other: str) -> bool:
    return any(p["id"] == other and p["call"] == "stage:plenary" for p in update["peers"])


async def test_a_moderator_on_one_process_gives_the_floor_to_someone_on_the_other(
    start: Start,  # noqa: F811  (the fixtures of test_scale_out)
    people: Callable[[Process, str], Awaitable[Participant]],  # noqa: F811
    cluster_env: dict[str, str],  # noqa: F811
) -> None:
    a, b = await start(), await start()
    mo = await invited(cluster_env, a, "--role", "moderator", "--name", "Mo")
    ann = await people(b, "Ann")
    try:
        for person in (mo, ann):
            assert (await person.call("space.enter", {"space": "plenary"}))["ok"]
            assert (await person.call("call.state", CALLING))["ok"]
        assert (await ann.call("presence.emote", {"emote": "hand"}))["ok"]
        await mo.wait_for("stage.state", lambda s: [h["id"] for h in s["hands"]] == [ann.id])
        # Mo's process has replayed the hand (the stage may come first, relayed from Ann's)
        await mo.wait_for("space.tick", lambda f: {"id": ann.id, "emote": "hand"} in f["emotes"])

        assert (await mo.call("stage.call_on", {"person": ann.id}))["ok"]
        called = await ann.wait_for("stage.called", lambda c: c["called"])
        assert called["by"] == "Mo"
        # her own process lowered her hand, and both processes planned the stage's call
        await mo.wait_for(
            "space.tick", lambda f: {"id": ann.id, "emote": "hand_down"} in f["emotes"]
        )
        await ann.wait_for("call.peers", lambda u: stage_call(u, mo.id))
        await mo.wait_for("call.peers", lambda u: stage_call(u, ann.id))
        await ann.wait_for("stage.state", lambda s: (s["speaker"] or {}).get("id") == ann.id)

        since = ann.mark()
        assert (await mo.call("stage.release", {}))["ok"]
        await ann.wait_for("stage.called", lambda c: not c["called"], since=since)
        await ann.wait_for("call.peers", lambda u: not stage_call(u, mo.id), since=since)
    finally:
        await mo.sio.disconnect()
