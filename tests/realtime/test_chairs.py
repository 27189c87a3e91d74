"""Chairs over Socket.IO: a crowd entering the plenary sits down, one person per chair."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from aiohttp.test_utils import TestServer

from tests.conftest import Participant
from venue.web.keys import VENUE

Join = Callable[[str], Awaitable[Participant]]


async def test_twenty_people_entering_the_plenary_take_twenty_different_chairs(
    join: Join, server: TestServer
) -> None:
    plenary = server.app[VENUE].spaces["plenary"].map
    people = [await join(f"Person {n}") for n in range(20)]
    for person in people:
        ack = await person.call("space.enter", {"space": "plenary"})
        assert ack["ok"], ack
    seen = ack["data"]["people"]  # the last one in sees everybody
    assert len(seen) == 20
    places = {(p["x"], p["y"]) for p in seen}
    assert len(places) == 20  # nobody on anybody's lap
    for x, y in places:
        tile = plenary.tile_of(x, y)
        assert tile in plenary.seats  # on a chair ...
        assert (x, y) == (
            (tile[0] + 0.5) * plenary.tile_width,
            (tile[1] + 0.5) * plenary.tile_height,
        )
