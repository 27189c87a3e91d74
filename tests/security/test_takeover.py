"""Another process takes over: people of a killed `venue serve --redis` process reconnect to
the other one after their grace period and find their day as they left it (PostgreSQL and
Redis; skipped without them)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from tests.cluster.test_scale_out import (  # noqa: F401  (fixtures)
    GRACE,
    Process,
    Start,
    cluster_env,
    people,
    start,
)
from tests.conftest import Participant
from tests.packaging.processes import invited
from tests.security.test_restart import WORKSHOPS, place, places_saved, step

Join = Callable[[Process, str], Awaitable[Participant]]


def present_in_total(counts: dict[str, Any], total: int) -> bool:
    return sum(counts["counts"].values()) == total


async def test_a_process_taking_over_continues_the_day(
    start: Start,  # noqa: F811
    people: Join,  # noqa: F811
    cluster_env: dict[str, str],  # noqa: F811
) -> None:
    a, b = await start(), await start()
    mo = await invited(cluster_env, a, "--role", "moderator", "--name", "Mo")
    eva = await invited(cluster_env, a, "--role", "exhibitor", "--booth", "energy", "--name", "Eva")
    ada, ben = await people(a, "Ada"), await people(a, "Ben")
    wim = await people(b, "Wim")  # watches from the process that stays
    try:
        stayed = await ada.call("programme.stay", {})
        assert stayed["ok"] and stayed["data"]["staying_until"]
        assert (await mo.call("mod.start_next", {"block": WORKSHOPS}))["ok"]
        moved = await ben.wait_for("space.snapshot", within=10)
        assert moved["space"].startswith("workshop")
        left = await ben.call("space.enter", {"space": "lobby"})  # he leaves his workshop
        assert left["ok"]
        where = {
            ada.id: await step(ada, *place(ada)),
            ben.id: await step(ben, "lobby", left["data"]["me"]["x"], left["data"]["me"]["y"]),
        }
        assert (await eva.call("booth.checkin", {"booth": "energy", "present": True}))["ok"]
        await places_saved(a)  # type: ignore[arg-type]

        a.kill()
        # everyone a served leaves b's view after the grace period: b knows only what is stored
        await wim.wait_for("venue.counts", lambda c: present_in_total(c, 1), within=GRACE + 10)

        for person in (ada, ben):
            again = await Participant(b, person.token, person.id, person.name).connect()  # type: ignore[arg-type]
            try:
                assert place(again) == where[person.id], person.name
                you = await again.wait_for("programme.you")
                expected = stayed["data"]["staying_until"] if person is ada else None
                assert you["staying_until"] == expected, person.name
            finally:
                await again.sio.disconnect()
        eva_again = await Participant(b, eva.token, eva.id, "Eva").connect()  # type: ignore[arg-type]
        try:
            listing = (await wim.call("booth.list", {}))["data"]
            [energy] = [x for x in listing["booths"] if x["id"] == "energy"]
            assert energy["open"] and energy["staff"] == [{"id": eva.id, "name": "Eva"}]
        finally:
            await eva_again.sio.disconnect()
    finally:
        for person in (mo, eva):
            if person.sio.connected:
                await person.sio.disconnect()
