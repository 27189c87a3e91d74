"""Speed networking at the bar with real Socket.IO clients on a programme clock the test moves:
twelve people in three rounds, one opting out, one arriving late, interests matched."""

from __future__ import annotations

import itertools
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from tests.clocks import ManualClock
from tests.conftest import Participant
from venue.app import create_app
from venue.domain.interests import Profile
from venue.domain.people import Role
from venue.settings import Settings
from venue.web.keys import STORE

MakeServer = Callable[[web.Application], Awaitable[TestServer]]
Connect = Callable[..., Awaitable[Participant]]  # (name, role=participant)
People = Callable[[TestServer, str, str], Awaitable[Participant]]
FIELDS = ("energy", "stem-education", "participation")
START = {"minutes": 5, "size": 3, "rounds": 3}


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock("15:30")  # the seed's "freies Netzwerken an unserer digitalen Bar"


@pytest.fixture
async def server(aiohttp_server: MakeServer, settings: Settings, clock: ManualClock) -> TestServer:
    return await aiohttp_server(await create_app(settings, clock=clock))


@pytest.fixture
def connect(server: TestServer, people: People) -> Connect:
    """People made as invitations make them, connected over Socket.IO."""

    async def _connect(name: str, role: Role = Role.PARTICIPANT) -> Participant:
        record = await server.app[STORE].participants.create(name, role)
        return await people(server, record.id, name)

    return _connect


async def at_the_bar(person: Participant) -> Participant:
    entered = await person.call("space.enter", {"space": "bar"})
    assert entered["ok"] or entered["error"]["code"] == "space.same", entered
    # taking part in calls, so that the table's call shows in call.peers
    assert (await person.call("call.state", {"on": True, "mic": True, "camera": False}))["ok"]
    return person


async def seated(people: list[Participant], round_: int) -> dict[str, set[str]]:
    """Every one's table in `round_` (each checks their own), as table → ids."""
    tables: dict[str, set[str]] = {}
    for person in people:
        you = await person.wait_for("networking.you", lambda y: y["round"] == round_)
        assert you["table"] is not None, f"{person.name} was not seated in round {round_}"
        mates = {p["id"] for p in you["partners"]} | {person.id}
        assert tables.setdefault(you["table"], mates) == mates
    return tables


async def in_table_call(person: Participant, table: str, mates: set[str]) -> None:
    """The person sits in the table's conversation and is linked to its call with the others."""
    channel = f"table:bar:{table}"
    await person.wait_for(
        "group.update",
        lambda u: u["channel"] == channel and {m["id"] for m in u["members"]} == mates,
    )
    await person.until(
        lambda p: any(
            {peer["id"] for peer in e["peers"] if peer["call"] == channel} == mates - {p.id}
            for e in p.events("call.peers")
        )
    )


def pairs(tables: dict[str, set[str]]) -> set[frozenset[str]]:
    return {frozenset(p) for g in tables.values() for p in itertools.combinations(sorted(g), 2)}


async def test_a_full_session_of_twelve_no_repeats_opt_out_and_a_late_arrival(
    server: TestServer, connect: Connect, clock: ManualClock
) -> None:
    mod = await connect("Moderatorin", Role.MODERATOR)
    people = [await at_the_bar(await connect(f"Gast {n:02}")) for n in range(12)]
    for n, person in enumerate(people):
        profile = Profile((FIELDS[n % 3],), visible=True)
        await server.app[STORE].interests.save(person.id, profile)
    interest = {p.id: FIELDS[n % 3] for n, p in enumerate(people)}

    started = await mod.call("mod.networking_start", START)
    assert started["ok"] and started["data"]["round"] == 1 and started["data"]["running"]
    first = await seated(people, 1)
    assert sorted(len(g) for g in first.values()) == [3, 3, 3, 3]
    sharing = [g for g in first.values() if len({interest[pid] for pid in g}) == 1]
    assert len(sharing) >= 3  # four of each field: three tables share one
    for table, mates in first.items():
        for person in (p for p in people if p.id in mates):
            await in_table_call(person, table, mates)
    you = people[0].events("networking.you")[-1]
    mine = interest[people[0].id]
    for partner in you["partners"]:  # everyone agreed to show theirs
        shared = [tag["id"] for tag in partner["shared"]]
        assert shared == ([mine] if interest[partner["id"]] == mine else [])

    # one opts out during round 1, one arrives during it
    quitter = people[5]
    paused = await quitter.call("networking.pause", {"paused": True})
    assert paused["ok"] and paused["data"]["paused"]
    late = await at_the_bar(await connect("Spät"))
    assert late.events("networking.state")[-1]["round"] == 1  # told on arrival: it runs

    clock.advance(4 * 60 + 30)
    for person in people:
        if person is not quitter:
            warning = await person.wait_for("networking.warning")
            assert warning == {"round": 1, "seconds": 30, "last": False}
    clock.advance(30)
    second_people = [p for p in people if p is not quitter] + [late]
    second = await seated(second_people, 2)
    assert sum(len(g) for g in second.values()) == 12
    assert late.id in set().union(*second.values())  # the late arrival sits at a table
    assert not pairs(second) & pairs(first)
    out = await quitter.wait_for("networking.you", lambda y: y["round"] == 2)
    assert out["table"] is None and out["paused"]
    # stood up from the table: in no table's conversation any more
    await quitter.wait_for("group.update", lambda u: u["table"] is None)
    assert not quitter.events("networking.warning")  # opted out: not warned either

    back = await quitter.call("networking.pause", {"paused": False})
    assert back["ok"] and not back["data"]["paused"]
    clock.advance(5 * 60)
    third = await seated([*people, late], 3)
    assert sorted(len(g) for g in third.values()) == [3, 3, 3, 4]  # thirteen: one table of four
    assert not pairs(third) & (pairs(first) | pairs(second))

    clock.advance(4 * 60 + 30)
    last = await people[0].wait_for("networking.warning", lambda w: w["round"] == 3)
    assert last["last"]
    clock.advance(30)
    await people[0].wait_for("networking.state", lambda s: not s["running"] and s["round"] == 3)

    console = (await mod.call("mod.watch", {}))["data"]["networking"]
    assert [r["round"] for r in console["rounds"]] == [1, 2, 3]
    assert {frozenset(m["id"] for m in t["people"]) for t in console["rounds"][2]["tables"]} == {
        frozenset(g) for g in third.values()
    }


async def test_refusals_are_specific(server: TestServer, connect: Connect) -> None:
    mod = await connect("Moderatorin", Role.MODERATOR)
    guest = await at_the_bar(await connect("Gast"))
    forbidden = await guest.call("mod.networking_start", START)
    assert forbidden["error"]["code"] == "auth.forbidden"
    for bad in (
        {**START, "size": 5},
        {**START, "size": 1},
        {**START, "rounds": 0},
        {**START, "minutes": "5"},
        {**START, "minutes": 31},
        {"size": 3},
    ):
        refused = await mod.call("mod.networking_start", bad)
        assert refused["error"]["code"] == "payload.invalid", bad
    lobby = await mod.call("mod.networking_start", {**START, "space": "lobby"})
    assert lobby["error"]["code"] == "networking.no_tables"
    nowhere = await mod.call("mod.networking_start", {**START, "space": "cellar"})
    assert nowhere["error"]["code"] == "space.unknown"
    assert (await mod.call("mod.networking_stop", {}))["error"]["code"] == "networking.idle"
    assert (await mod.call("mod.networking_start", START))["ok"]
    again = await mod.call("mod.networking_start", START)
    assert again["error"]["code"] == "networking.running"
    assert (await mod.call("mod.networking_stop", {}))["ok"]
    await guest.wait_for("networking.state", lambda s: not s["running"])
    bad_pause = await guest.call("networking.pause", {"paused": "yes"})
    assert bad_pause["error"]["code"] == "payload.invalid"


async def test_a_card_shows_interests_only_with_consent(
    server: TestServer, connect: Connect
) -> None:
    ann, bob = await connect("Ann"), await connect("Bob")
    store = server.app[STORE]
    await store.interests.save(ann.id, Profile(("energy",), "Speicherlabor", "Partner", True))
    await store.interests.save(bob.id, Profile(("energy",), "Geheim", "", False))
    shown: dict[str, Any] = (await bob.call("person.profile", {"person": ann.id}))["data"]
    assert shown["interests"] == [
        {
            "id": "energy",
            "name": {
                "de": "Energiespeicher und Energiesysteme",
                "en": "Energy storage and energy systems",
            },
        }
    ]
    assert (shown["offer"], shown["seeking"]) == ("Speicherlabor", "Partner")
    hidden = (await ann.call("person.profile", {"person": bob.id}))["data"]
    assert hidden == {"person": bob.id, "interests": [], "offer": "", "seeking": ""}
    unknown = await ann.call("person.profile", {"person": "nobody"})
    assert unknown["error"]["code"] == "person.unknown"
