"""A simulated day on the rehearsal clock with real Socket.IO clients against a real server."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestServer

from tests.clocks import ManualClock
from tests.conftest import PATIENCE, Participant, next_frame
from tests.walking import path_to, walk
from tests.web.people import registered, staff
from venue.app import create_app
from venue.clock import Clock
from venue.domain.maps import AreaKind
from venue.domain.people import Role
from venue.settings import Settings
from venue.web.keys import STORE, VENUE

Serve = Callable[..., Awaitable[TestServer]]
MakeServer = Callable[[Any], Awaitable[TestServer]]


@pytest.fixture
def rehearsal(
    aiohttp_server: MakeServer, settings: Settings
) -> Callable[..., Awaitable[TestServer]]:
    """A server whose programme clock starts at `hhmm` on the event day, `speed` times as fast."""

    async def _serve(
        hhmm: str, speed: float = 1, database: str | None = None, clock: Clock | None = None
    ) -> TestServer:
        hours, minutes = map(int, hhmm.split(":"))
        update: dict[str, Any] = {
            "clock": dt.datetime(2021, 11, 30, hours, minutes),
            "speed": speed,
        }
        if database:
            update["database_url"] = database
        app = await create_app(settings.model_copy(update=update), clock=clock)
        return await aiohttp_server(app)

    return _serve


async def conductor_looked(watching: Participant) -> None:
    """The conductor has looked at the clock since it was set: the console goes to moderators
    who watch after every fourth conductor tick, so a second console push follows at least one
    whole tick on the new time (and what that tick sent)."""
    seen = len(watching.events("mod.console"))
    await watching.until(lambda m: len(m.events("mod.console")) >= seen + 2)


def in_space(space: str) -> Callable[[Any], bool]:
    return lambda snapshot: snapshot["space"] == space


def space_of(client: Participant) -> str:
    """Where the client is now: its latest snapshot, or its welcome."""
    snapshots = client.events("space.snapshot")
    return str(snapshots[-1]["space"] if snapshots else client.welcome["snapshot"]["space"])


async def lands(client: Participant, spaces: set[str], within: float = PATIENCE) -> None:
    """Wait until the client is in one of `spaces` (a slow machine may join after a move)."""
    await client.until(lambda c: space_of(c) in spaces, within)


async def test_a_whole_day_everyone_is_where_they_belong(rehearsal: Serve, people: Any) -> None:
    server = await rehearsal("10:58", speed=900)  # 15 programme minutes per second
    app = server.app
    ws1 = [
        await registered(app, f"Eins {i}", f"w1-{i}@example.org", "workshop-1") for i in range(3)
    ]
    ws2 = [
        await registered(app, f"Zwei {i}", f"w2-{i}@example.org", "workshop-2") for i in range(2)
    ]
    guest = await app[STORE].participants.create("Gast", Role.PARTICIPANT)
    clients = {r.id: await people(server, r.id, r.name) for r in [*ws1, *ws2, guest]}
    for client in clients.values():
        assert space_of(client) in ("lobby", "plenary")  # before 11:00, or routed if late
    for client in clients.values():  # 11:00 plenary
        await lands(client, {"plenary"})
    for client in clients.values():  # 13:00 exhibition
        await lands(client, {"exhibition"}, within=12)
    for record in ws1 + ws2:  # 13:30 each to their own workshop
        await lands(clients[record.id], {record.workshop or ""})
    # without a seat: the workshop with the most room left
    await lands(clients[guest.id], {"workshop-1", "workshop-2"})
    for client in clients.values():  # 15:30 the bar
        await lands(client, {"bar"}, within=12)
    assert space_of(clients[guest.id]) == "bar"
    state = await clients[ws1[0].id].wait_for("programme.state", lambda s: s["current"] == 3)
    assert state["clock"]["rehearsal"] is True and state["clock"]["speed"] == 900


async def test_warning_stay_behind_and_reminder(rehearsal: Serve, people: Any) -> None:
    clock = ManualClock("12:50")
    server = await rehearsal("12:50", clock=clock)
    ann_record = await registered(server.app, "Ann", "ann@example.org", "workshop-1")
    bob_record = await registered(server.app, "Bob", "bob@example.org", "workshop-2")
    ann = await people(server, ann_record.id, "Ann")
    bob = await people(server, bob_record.id, "Bob")
    moderator = await people(server, (await staff(server.app, Role.MODERATOR, "Mo"))[0].id, "Mo")
    assert (await moderator.call("mod.watch", {}))["ok"]
    clock.to("12:55")
    warning = await ann.wait_for("programme.warning")  # 5 minutes before 13:00
    assert warning["target"] == "exhibition" and warning["minutes"] == 5
    late = await people(
        server, (await registered(server.app, "Cy", "c@x.org", "workshop-1")).id, "Cy"
    )
    assert (await late.wait_for("programme.warning"))["block"] == 1  # joined in the countdown
    you = await bob.call("programme.stay", {})
    assert you["ok"] and you["data"]["staying_until"].startswith("2021-11-30T13:05")
    clock.to("13:00")
    await ann.wait_for("space.snapshot", in_space("exhibition"))
    clock.to("13:04")
    await conductor_looked(moderator)
    await bob.round_trip()
    assert bob.events("programme.reminder") == []
    clock.to("13:05")
    reminder = await bob.wait_for("programme.reminder")
    assert reminder["target"] == "exhibition"
    assert not any(s["space"] == "exhibition" for s in bob.events("space.snapshot"))


async def test_a_delay_shifts_every_later_transition(rehearsal: Serve, people: Any) -> None:
    clock = ManualClock("12:57")
    server = await rehearsal("12:57", clock=clock)
    mod_record, mod_token = await staff(server.app, Role.MODERATOR, "Mo")
    moderator = await Participant(server, mod_token, mod_record.id, "Mo").connect()
    try:
        ann_record = await registered(server.app, "Ann", "ann@example.org", "workshop-1")
        ann = await people(server, ann_record.id, "Ann")
        assert await moderator.call("mod.delay", {"minutes": 10}) == {"ok": True}
        state = await ann.wait_for(
            "programme.state", lambda s: s["blocks"][1]["start"].startswith("2021-11-30T13:10")
        )
        assert state["blocks"][2]["start"].startswith("2021-11-30T13:40")
        assert state["blocks"][0]["end"].startswith("2021-11-30T13:10")  # the plenary runs on
        assert (await moderator.call("mod.watch", {}))["ok"]
        clock.to("13:09")
        await conductor_looked(moderator)
        await ann.round_trip()  # not moved yet
        assert not any(s["space"] == "exhibition" for s in ann.events("space.snapshot"))
        clock.to("13:10")
        await ann.wait_for("space.snapshot", in_space("exhibition"))
    finally:
        await moderator.sio.disconnect()


async def test_a_restart_mid_workshops_resumes_and_late_joiners_land_in_their_workshop(
    rehearsal: Serve, people: Any, tmp_path: Path
) -> None:
    database = f"sqlite+aiosqlite:///{tmp_path}/day.sqlite3"
    first = await rehearsal("13:40", database=database, clock=ManualClock("13:40"))
    mod_record, mod_token = await staff(first.app, Role.MODERATOR, "Mo")
    moderator = await Participant(first, mod_token, mod_record.id, "Mo").connect()
    assert (await moderator.call("mod.delay", {"minutes": 10}))["ok"]  # the bar: 15:40
    await moderator.sio.disconnect()
    late = await registered(first.app, "Lena", "lena@example.org", "workshop-2")
    lena = await people(first, late.id, "Lena")
    assert lena.welcome["snapshot"]["space"] == "workshop-2"  # a late joiner
    await lena.sio.disconnect()
    await first.close()

    second = await rehearsal("13:50", database=database, clock=ManualClock("13:50"))
    again = await people(second, late.id, "Lena")
    assert again.welcome["snapshot"]["space"] == "workshop-2"
    state = await again.wait_for("programme.state")
    assert state["current"] == 2
    assert state["blocks"][3]["start"].startswith("2021-11-30T15:40")  # the delay survived


MOD_ACTIONS: list[tuple[str, dict[str, Any]]] = [
    ("mod.watch", {}),
    ("mod.start_next", {"block": 2}),
    ("mod.delay", {"minutes": 5}),
    ("mod.call", {"to": "bar"}),
    ("mod.announce", {"text": "Hallo"}),
    ("mod.space", {"space": "bar", "open": False}),
    ("mod.nudge", {"person": "x"}),
    ("mod.remove", {"person": "x"}),
]


@pytest.mark.parametrize("role", [Role.PARTICIPANT, Role.EXHIBITOR])
async def test_console_actions_are_refused_below_moderator(
    rehearsal: Serve, people: Any, role: Role
) -> None:
    server = await rehearsal("13:20", clock=ManualClock("13:20"))
    booths = frozenset({"strategy"}) if role is Role.EXHIBITOR else frozenset()
    record, _ = await staff(server.app, role, "Pat", booths)
    pat = await people(server, record.id, "Pat")
    for event, payload in MOD_ACTIONS:
        ack = await pat.call(event, payload)
        assert ack["error"]["code"] == "auth.forbidden", event
    state = await pat.wait_for("programme.state")
    assert state["blocks"][2]["start"].startswith("2021-11-30T13:30") and state["closed"] == []


@pytest.mark.parametrize(
    ("event", "payload", "code"),
    [
        ("mod.delay", {"minutes": -5}, "payload.invalid"),
        ("mod.delay", {"minutes": 0}, "payload.invalid"),
        ("mod.delay", {"minutes": "5"}, "payload.invalid"),
        ("mod.call", {"to": "attic"}, "space.unknown"),
        ("mod.space", {"space": "attic", "open": False}, "space.unknown"),
        ("mod.announce", {"text": ""}, "payload.invalid"),
        ("mod.announce", {"text": "x" * 501}, "payload.invalid"),
        ("mod.announce", {"text": "Hi", "space": "attic"}, "space.unknown"),
        ("mod.start_next", {"block": 1}, "slot.stale"),  # block 1 began already
        ("mod.nudge", {"person": "nobody"}, "person.unknown"),
        ("mod.remove", {"person": "nobody"}, "person.unknown"),
    ],
)
async def test_console_refuses_bad_arguments_and_changes_nothing(
    rehearsal: Serve, event: str, payload: dict[str, Any], code: str
) -> None:
    server = await rehearsal("13:20", clock=ManualClock("13:20"))
    record, token = await staff(server.app, Role.MODERATOR, "Mo")
    moderator = await Participant(server, token, record.id, "Mo").connect()
    try:
        ack = await moderator.call(event, payload)
        assert ack["error"]["code"] == code
        console = await moderator.call("mod.watch", {})
        assert [a["action"] for a in console["data"]["audit"]] == []
    finally:
        await moderator.sio.disconnect()


async def test_two_moderators_start_the_next_block_at_once(rehearsal: Serve, people: Any) -> None:
    server = await rehearsal("13:20", clock=ManualClock("13:20"))
    mods = []
    for name in ("Mo", "Max"):
        record, token = await staff(server.app, Role.MODERATOR, name)
        mods.append(await Participant(server, token, record.id, name).connect())
    try:
        for mod in mods:
            assert (await mod.call("mod.watch", {}))["ok"]
        acks = await asyncio.gather(*(m.call("mod.start_next", {"block": 2}) for m in mods))
        codes = sorted(a.get("error", {}).get("code", "ok") for a in acks)
        assert codes == ["ok", "slot.stale"]
        for mod in mods:  # both consoles show the one start
            console = await mod.wait_for(
                "mod.console", lambda c: any(a["action"] == "start_next" for a in c["audit"])
            )
            assert [a["action"] for a in console["audit"]].count("start_next") == 1
    finally:
        for mod in mods:
            await mod.sio.disconnect()


async def test_an_exhibitor_at_their_booth_is_asked_not_moved(
    rehearsal: Serve, people: Any
) -> None:
    server = await rehearsal("13:10", clock=ManualClock("13:10"))
    record, _ = await staff(server.app, Role.EXHIBITOR, "Ella", frozenset({"strategy"}))
    ella = await people(server, record.id, "Ella")
    assert ella.welcome["snapshot"]["space"] == "exhibition"  # routed into the break's space
    hall = server.app[VENUE].spaces["exhibition"].map
    booth = hall.area("booth-strategy", AreaKind.BOOTH)
    assert booth is not None
    me = ella.welcome["snapshot"]["me"]
    await walk(ella.call, (me["x"], me["y"]), path_to(hall, (me["x"], me["y"]), booth.rect))
    mod_record, mod_token = await staff(server.app, Role.MODERATOR, "Mo")
    moderator = await Participant(server, mod_token, mod_record.id, "Mo").connect()
    try:
        assert (await moderator.call("mod.start_next", {"block": 2}))["ok"]
        ask = await ella.wait_for("programme.ask")
        assert ask["block"] == 2
        assert not any(s["space"] != "exhibition" for s in ella.events("space.snapshot"))
    finally:
        await moderator.sio.disconnect()


async def test_announcements_reach_everyone_or_one_space(rehearsal: Serve, people: Any) -> None:
    server = await rehearsal("12:00", clock=ManualClock("12:00"))
    mod_record, mod_token = await staff(server.app, Role.MODERATOR, "Mo")
    moderator = await Participant(server, mod_token, mod_record.id, "Mo").connect()
    try:
        a = await registered(server.app, "Ann", "ann@example.org", "workshop-1")
        ann = await people(server, a.id, "Ann")  # in the plenary
        assert (await moderator.call("mod.call", {"to": "bar", "source": "plenary"}))["ok"]
        await ann.wait_for("space.snapshot", in_space("bar"))
        assert (await moderator.call("mod.announce", {"text": "Alle in die Bar", "space": "bar"}))[
            "ok"
        ]
        note = await ann.wait_for("venue.announcement")
        assert note["text"] == "Alle in die Bar" and note["by"] == "Mo"
        assert moderator.events("venue.announcement") == []  # the moderator is in the plenary
        assert (await moderator.call("mod.space", {"space": "plenary", "open": False}))["ok"]
        refused = await ann.call("space.enter", {"space": "plenary"})
        assert refused["error"]["code"] == "space.closed"
    finally:
        await moderator.sio.disconnect()


async def test_moderators_are_not_steered_and_a_given_workshop_stays_given(
    rehearsal: Serve, people: Any
) -> None:
    server = await rehearsal("13:20", clock=ManualClock("13:20"))
    mod_record, mod_token = await staff(server.app, Role.MODERATOR, "Mo")
    moderator = await Participant(server, mod_token, mod_record.id, "Mo").connect()
    try:
        guests = [await server.app[STORE].participants.create(n, Role.PARTICIPANT) for n in "AB"]
        clients = [await people(server, g.id, g.name) for g in guests]
        console = (await moderator.call("mod.watch", {}))["data"]
        assert sum(h["count"] for h in console["next_headcounts"]) == 2  # the moderator not
        assert (await moderator.call("mod.start_next", {"block": 2}))["ok"]
        for client in clients:
            await lands(client, {"workshop-1", "workshop-2"})
        assert {space_of(c) for c in clients} == {"workshop-1", "workshop-2"}  # filled evenly
        assert space_of(moderator) == "lobby"  # staff arrive where they were and stay there
        console = (await moderator.call("mod.watch", {}))["data"]
        assert console["elsewhere"] == []  # given workshops stay given
    finally:
        await moderator.sio.disconnect()


async def test_after_a_call_the_tick_tells_arrivals_only_to_those_without_a_snapshot(
    rehearsal: Serve, people: Any
) -> None:
    """People moved together already see each other in their snapshot; people who were there
    learn of the arrivals from the tick."""
    server = await rehearsal("12:00", clock=ManualClock("12:00"))
    mod_record, mod_token = await staff(server.app, Role.MODERATOR, "Mo")
    moderator = await Participant(server, mod_token, mod_record.id, "Mo").connect()
    try:
        records = [
            await registered(server.app, n, f"{n.lower()}@example.org", "workshop-1")
            for n in ("Ann", "Abe", "Bea")
        ]
        ann, abe, bea = [await people(server, r.id, r.name) for r in records]  # in the plenary
        assert (await bea.call("space.enter", {"space": "bar"}))["ok"]
        await bea.wait_for("space.snapshot", in_space("bar"))
        assert (await moderator.call("mod.call", {"to": "bar", "source": "plenary"}))["ok"]
        for person in (ann, abe):
            snapshot = await person.wait_for("space.snapshot", in_space("bar"))
            assert {p["id"] for p in snapshot["people"]} == {ann.id, abe.id, bea.id}

        def arrived(person: Participant) -> set[str]:
            """Who the ticks said arrived in the bar, but for the person themself."""
            return {
                p["id"]
                for tick in person.events("space.tick")
                if tick["space"] == "bar"
                for p in tick["arrived"]
            } - {person.id}

        await bea.until(lambda p: arrived(p) == {ann.id, abe.id})
        await next_frame(bea, ann, abe)  # after the frame Bea saw
        assert arrived(ann) == arrived(abe) == set()
    finally:
        await moderator.sio.disconnect()


async def test_extending_with_no_block_running_is_refused_and_moves_nothing(
    rehearsal: Serve,
) -> None:
    """ "Extend the running block" before the day would only move the first block: refused."""
    server = await rehearsal("10:40", clock=ManualClock("10:40"))
    record, token = await staff(server.app, Role.MODERATOR, "Mo")
    moderator = await Participant(server, token, record.id, "Mo").connect()
    try:
        ack = await moderator.call("mod.delay", {"minutes": 10, "cascade": False})
        assert ack["error"]["code"] == "slot.not_running"
        state = await moderator.wait_for("programme.state")
        assert state["blocks"][0]["start"].startswith("2021-11-30T11:00")
        assert await moderator.call("mod.delay", {"minutes": 10}) == {"ok": True}  # delaying is
        moved = await moderator.wait_for(
            "programme.state", lambda s: s["blocks"][0]["start"].startswith("2021-11-30T11:10")
        )
        assert moved["blocks"][1]["start"].startswith("2021-11-30T13:10")
    finally:
        await moderator.sio.disconnect()
