"""Seats are kept: a 13:30 transition with more guests than free places, over Socket.IO."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp.test_utils import TestServer

from tests.clocks import ManualClock
from tests.conftest import Participant
from tests.realtime.test_programme import in_space, lands, space_of
from tests.web.people import registered, staff
from venue.app import create_app
from venue.domain.people import Role
from venue.settings import Settings
from venue.venuefile.loader import load_venue
from venue.web.keys import STORE

MakeServer = Callable[[Any], Awaitable[TestServer]]
PLACES = 3


async def small_workshops(
    aiohttp_server: MakeServer, settings: Settings, clock: ManualClock
) -> TestServer:
    """The seed venue with three places per workshop, its programme clock at 13:20."""
    seed = load_venue(settings.venue_dir)
    spaces = {
        sid: dataclasses.replace(s, capacity=PLACES) if sid.startswith("workshop") else s
        for sid, s in seed.spaces.items()
    }
    update = {"clock": dt.datetime(2021, 11, 30, 13, 20)}
    app = await create_app(
        settings.model_copy(update=update), dataclasses.replace(seed, spaces=spaces), clock
    )
    return await aiohttp_server(app)


async def test_at_13_30_every_registered_person_gets_their_seat_guests_overflow(
    aiohttp_server: MakeServer, settings: Settings, people: Any
) -> None:
    clock = ManualClock("13:20")
    server = await small_workshops(aiohttp_server, settings, clock)
    app = server.app
    mod_record, mod_token = await staff(app, Role.MODERATOR, "Mo")
    moderator = await Participant(server, mod_token, mod_record.id, "Mo").connect()
    try:
        seats = [
            await registered(app, n, f"{n.lower()}@example.org", "workshop-1")
            for n in ("Ann", "Bob", "Cy")
        ]
        ann, bob = [await people(server, r.id, r.name) for r in seats[:2]]  # Cy comes late
        guests = [
            await people(server, g.id, g.name)
            for g in [
                await app[STORE].participants.create(f"Gast {i}", Role.PARTICIPANT)
                for i in range(6)
            ]
        ]
        for guest in guests[:PLACES]:  # the break: three guests take workshop-1's places
            assert (await guest.call("space.enter", {"space": "workshop-1"}))["ok"]
            await guest.wait_for("space.snapshot", in_space("workshop-1"))

        clock.to("13:26")  # the warning: the console's preview warns of the overflow

        def warned(console: Any) -> bool:
            counts = {h["space"]: h for h in console["next_headcounts"]}
            wanted = counts.get("workshop-1", {})
            return bool(wanted.get("over")) and wanted.get("count") == 2  # seats known

        console = await moderator.call("mod.watch", {})
        console = (
            console["data"]
            if warned(console["data"])
            else await moderator.wait_for("mod.console", warned)
        )
        counts = {h["space"]: h for h in console["next_headcounts"]}
        assert counts["workshop-1"]["capacity"] == PLACES
        assert counts["workshop-1"]["over"] == PLACES  # the guests there now: Cy's seat is kept
        assert counts["workshop-2"]["count"] == PLACES
        assert counts["lobby"]["count"] == 3 and console["overflow"] == "lobby"

        clock.to("13:30")
        for person in (ann, bob):
            await lands(person, {"workshop-1"}, within=5)
        for guest in guests[:PLACES]:  # sent on: no place is left for guests in workshop-1
            await lands(guest, {"workshop-2", "lobby"}, within=5)
        for guest in guests[PLACES:]:
            await lands(guest, {"workshop-2", "lobby"}, within=5)
        where = [space_of(g) for g in guests]
        assert where.count("workshop-2") == PLACES and where.count("lobby") == 3

        lobby_guest = next(g for g in guests if space_of(g) == "lobby")
        # the place left in workshop-1 is kept for Cy, who has not come yet
        refused = await lobby_guest.call("space.enter", {"space": "workshop-1"})
        assert refused["error"]["code"] == "space.kept"
        clock.to("13:33")  # within the grace period, Cy's seat is still hers
        cy = await people(server, seats[2].id, "Cy")
        assert space_of(cy) == "workshop-1"
        clock.to("13:36")  # the grace period is over: nothing is kept any more
        full = await lobby_guest.call("space.enter", {"space": "workshop-1"})
        assert full["error"]["code"] == "space.full"
    finally:
        await moderator.sio.disconnect()
