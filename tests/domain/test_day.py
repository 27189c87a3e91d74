"""The programme day without a server: targets, arrivals, the clock's decisions, transitions."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from pathlib import Path

import pytest

from tests.clocks import on_event_day as at
from venue.domain.day import Day
from venue.domain.errors import DomainError
from venue.domain.people import Person, Role
from venue.domain.presence import Presence
from venue.domain.programme import Delay
from venue.domain.venue import Venue
from venue.venuefile.loader import load_venue

SEED = Path(__file__).resolve().parents[2] / "maps" / "lausitz-2021"
PLENARY, BREAK, WORKSHOPS, BAR = 0, 1, 2, 3


@pytest.fixture(scope="module")
def seed() -> Venue:
    return load_venue(SEED)


@pytest.fixture
def day(seed: Venue) -> Day:
    return Day(seed)


def room(left: Mapping[str, int] | None = None) -> dict[str, int]:
    """Places left per space: everything empty unless `left` says otherwise."""
    return {"lobby": 300, "plenary": 300, "workshop-1": 60, "workshop-2": 60} | dict(left or {})


def person(pid: str, space: str, x: int = 100, y: int = 100, **more: object) -> Person:
    return dataclasses.replace(Person(pid, pid.title(), Role.PARTICIPANT, space, x, y), **more)


def test_targets_follow_the_blocks_and_a_seat(day: Day) -> None:
    day.note("ann", Role.PARTICIPANT, "workshop-2")
    blocks = day.programme.blocks
    assert [day.target("ann", b, room) for b in blocks] == [
        "plenary",
        "exhibition",
        "workshop-2",
        "bar",
    ]
    assert day.target("ann", None, room) == "lobby"  # before and after the day


def test_people_without_a_seat_fill_the_workshop_with_most_room_and_keep_it(day: Day) -> None:
    day.note("bob", Role.PARTICIPANT, None)
    workshops = day.programme.blocks[WORKSHOPS]
    full_one = lambda: room({"workshop-1": 2, "workshop-2": 40})  # noqa: E731
    assert day.target("bob", workshops, full_one, assign=True) == "workshop-2"
    emptier_one = lambda: room({"workshop-1": 50, "workshop-2": 1})  # noqa: E731
    assert day.target("bob", workshops, emptier_one) == "workshop-2"  # given, stays given


def test_choose_instead_of_fill_asks_the_unseated(seed: Venue) -> None:
    event = dataclasses.replace(seed.event, unassigned="choose")  # type: ignore[type-var]
    day = Day(dataclasses.replace(seed, event=event))
    day.note("cy", Role.PARTICIPANT, None)
    where = day.whereabouts("cy", at("13:40"), room)
    assert where.target is None and where.choose == ("workshop-1", "workshop-2")


def test_arrivals_are_routed_unless_handled_staff_or_closed(day: Day) -> None:
    day.note("ann", Role.PARTICIPANT, "workshop-1")
    day.note("mo", Role.MODERATOR, None)
    now = at("13:45")
    assert day.arrival_space("ann", "lobby", now, room, closed=()) == "workshop-1"
    assert day.arrival_space("ann", "lobby", now, room, closed={"workshop-1"}) == "lobby"
    assert day.arrival_space("mo", "bar", now, room, closed=()) == "bar"
    day.plan(day.programme.blocks[WORKSHOPS], [person("ann", "lobby")], room, ())
    assert day.arrival_space("ann", "lobby", now, room, closed=()) == "lobby"  # was there
    assert day.arrival_space("ann", "plenary", at("10:00"), room, closed=()) == "plenary"


def test_the_clock_warns_once_begins_once_and_skips_what_was_missed(day: Day) -> None:
    assert day.due(at("10:50")).warn == ()
    due = day.due(at("10:56"))
    assert [b.index for b in due.warn] == [PLENARY] and due.begin is None
    assert day.due(at("10:57")).warn == ()  # warned already
    begun = day.due(at("11:00"))
    assert begun.begin is not None and begun.begin.index == PLENARY
    assert day.due(at("11:01")).begin is None  # begun already
    late = day.due(at("13:40"))  # the server was down over the break
    assert late.begin is not None and late.begin.index == WORKSHOPS
    assert BREAK in day.done
    assert day.due(at("16:30")).begin is None  # the day is over: nobody is moved


def test_a_transition_moves_people_but_not_those_staying_nor_into_closed_spaces(
    day: Day,
) -> None:
    for pid in ("ann", "bob", "cy"):
        day.note(pid, Role.PARTICIPANT, "workshop-1")
    day.stay("bob", at("13:20"))
    plan = day.plan(
        day.programme.blocks[WORKSHOPS],
        [person("ann", "exhibition"), person("bob", "exhibition"), person("cy", "workshop-1")],
        room,
        closed=(),
    )
    assert plan.moves == (("ann", "workshop-1"),)  # bob stays, cy is there already
    closed = day.plan(
        day.programme.blocks[BAR], [person("ann", "workshop-1")], room, closed={"bar"}
    )
    assert closed.moves == ()


def test_unseated_people_are_spread_over_the_parallel_workshops(day: Day) -> None:
    people = [person(f"p{i}", "exhibition") for i in range(4)]
    for p in people:
        day.note(p.id, Role.PARTICIPANT, None)
    plan = day.plan(day.programme.blocks[WORKSHOPS], people, room, closed=())
    targets = [target for _pid, target in plan.moves]
    assert sorted(targets) == ["workshop-1", "workshop-1", "workshop-2", "workshop-2"]


def test_an_exhibitor_at_their_own_booth_is_asked_not_moved(seed: Venue, day: Day) -> None:
    booth = seed.spaces["exhibition"].map.area("booth-energy")
    assert booth is not None
    x, y = int(booth.rect.x + booth.rect.w / 2), int(booth.rect.y + booth.rect.h / 2)
    eva = person("eva", "exhibition", x, y, role=Role.EXHIBITOR, booths=frozenset({"energy"}))
    finn = person("finn", "exhibition", x, y, role=Role.EXHIBITOR, booths=frozenset({"strategy"}))
    for p in (eva, finn):
        day.note(p.id, p.role, "workshop-1")
    plan = day.plan(day.programme.blocks[WORKSHOPS], [eva, finn], room, closed=())
    assert plan.asks == (("eva", "workshop-1"),)
    assert plan.moves == (("finn", "workshop-1"),)  # not his booth


def test_staying_behind_lasts_the_grace_period_after_the_next_start(day: Day) -> None:
    until = day.stay("ann", at("12:58"))
    assert until == at("13:05")  # the break starts 13:00, stay_minutes is 5
    assert day.due(at("13:04")).stays_over == ()
    assert day.due(at("13:05")).stays_over == ("ann",)
    with pytest.raises(DomainError) as refused:
        day.stay("ann", at("15:45"))  # nothing comes after the bar
    assert refused.value.code == "slot.unknown"


def test_a_delay_rearms_the_warning_of_a_block_pushed_out_of_reach(day: Day) -> None:
    assert [b.index for b in day.due(at("12:56")).warn] == [BREAK]
    block = day.adjust(Delay(BREAK, 20), at("12:57"))
    assert day.programme.start_of(block) == at("13:20")
    assert day.due(at("13:00")).begin is None
    assert [b.index for b in day.due(at("13:16")).warn] == [BREAK]


def test_someone_joining_in_the_countdown_sees_the_warning(day: Day) -> None:
    day.note("ann", Role.PARTICIPANT, "workshop-1")
    pending = day.pending_warning(person("ann", "exhibition"), at("13:27"), room)
    assert pending is not None and pending[0].index == WORKSHOPS
    assert pending[1] == "workshop-1"
    assert day.pending_warning(person("ann", "workshop-1"), at("13:27"), room) is None
    assert day.pending_warning(person("ann", "exhibition"), at("13:10"), room) is None


def test_a_restart_resumes_the_day(seed: Venue) -> None:
    day = Day(seed)
    day.resume([Delay(BREAK, 10)], done=[PLENARY], now=at("12:00"))
    assert day.programme.start_of(day.programme.blocks[BREAK]) == at("13:10")
    assert day.warned == {PLENARY}  # the plenary's warning is history
    assert day.due(at("12:01")).begin is None


def test_seats_change_while_people_are_present(day: Day) -> None:
    day.note("ann", Role.PARTICIPANT, None)
    day.reseat({"ann": "workshop-2"}, ["ann"])
    assert day.target("ann", day.programme.blocks[WORKSHOPS], room) == "workshop-2"


def test_whereabouts_tell_now_next_and_staying(day: Day) -> None:
    day.note("ann", Role.PARTICIPANT, "workshop-2")
    until = day.stay("ann", at("13:20"))
    where = day.whereabouts("ann", at("13:20"), room)
    assert (where.target, where.next_target) == ("exhibition", "workshop-2")
    assert where.staying_until == until == at("13:30") + dt.timedelta(minutes=5)


def test_an_arrival_is_routed_once_per_block(day: Day) -> None:
    day.note("ann", Role.PARTICIPANT, "workshop-1")
    now = at("13:45")
    assert day.arrival_space("ann", "lobby", now, room, closed=()) == "workshop-1"
    # she left her workshop and reconnects: she stays where she went
    assert day.arrival_space("ann", "bar", now, room, closed=()) == "bar"
    assert day.routed(WORKSHOPS, ["ann", "bob"]) == [("ann", None)]


def test_a_recalled_day_routes_and_keeps_stays_as_before(seed: Venue) -> None:
    before = Day(seed)
    before.note("cy", Role.PARTICIPANT, None)  # unseated: given a workshop at the transition
    before.note("dee", Role.PARTICIPANT, "workshop-2")
    until = before.stay("dee", at("13:20"))
    block = before.programme.blocks[WORKSHOPS]
    before.plan(block, [person("cy", "lobby"), person("dee", "lobby")], room, ())
    recorded = before.routed(WORKSHOPS, ["cy", "dee"])
    given = dict(recorded)["cy"]
    assert given in ("workshop-1", "workshop-2") and dict(recorded)["dee"] is None

    after = Day(seed)  # a restart: only the record is left
    now = at("13:31")
    for pid, seat in (("cy", None), ("dee", "workshop-2")):
        after.note(pid, Role.PARTICIPANT, seat)
        after.recall(pid, {WORKSHOPS: dict(recorded)[pid]}, until if pid == "dee" else None, now)
    assert after.arrival_space("cy", "bar", now, room, closed=()) == "bar"
    assert after.target("cy", block, room) == given
    assert after.whereabouts("dee", now, room).staying_until == until
    later = Day(seed)
    later.recall("dee", {}, until, until + dt.timedelta(minutes=1))  # over: not brought back
    assert "dee" not in later.staying


def small_workshops(seed: Venue, places: int) -> Venue:
    """The seed venue with `places` places in each workshop."""
    spaces = {
        sid: dataclasses.replace(s, capacity=places) if sid.startswith("workshop") else s
        for sid, s in seed.spaces.items()
    }
    return dataclasses.replace(seed, spaces=spaces)


def test_seats_are_kept_from_the_warning_until_the_grace_period_ends(day: Day) -> None:
    day.note("ann", Role.PARTICIPANT, "workshop-1")
    day.reseat({"ann": "workshop-1", "zoe": "workshop-2"}, ["ann"])  # zoe: not connected
    assert day.kept_seats(at("13:24")) == {}
    kept = day.kept_seats(at("13:25"))  # the workshops' warning
    assert kept == {"workshop-1": {"ann"}, "workshop-2": {"zoe"}}
    assert day.kept_seats(at("13:34")) == kept
    assert day.kept_seats(at("13:35")) == {}  # stay_minutes after the start


def test_kept_seats_refuse_others_and_let_holders_in(seed: Venue) -> None:
    presence = Presence(small_workshops(seed, 2))
    for pid in ("ann", "gus", "hal"):
        presence.arrive(pid, pid.title(), Role.PARTICIPANT, 0.0, "exhibition")
    presence.kept = {"workshop-1": frozenset({"ann"})}
    presence.send_to("gus", "workshop-1", 1.0)  # one place free beside ann's
    assert presence.room_left()["workshop-1"] == 0
    with pytest.raises(DomainError) as refused:
        presence.go("hal", "workshop-1", 2.0)
    assert refused.value.code == "space.kept"
    presence.go("ann", "workshop-1", 3.0)  # her seat was kept
    assert presence.require("ann").space == "workshop-1"


def test_13_30_with_more_guests_than_free_seats_every_registered_person_gets_in(
    seed: Venue,
) -> None:
    """3 places per workshop; 2 seats of workshop-1 registered; 3 guests sat there early."""
    venue = small_workshops(seed, 3)
    day, presence = Day(venue), Presence(venue)
    day.reseat({"ann": "workshop-1", "bob": "workshop-1"}, ["ann", "bob"])
    for pid, space in [("g1", "workshop-1"), ("g2", "workshop-1"), ("g3", "workshop-1")]:
        presence.arrive(pid, pid, Role.PARTICIPANT, 0.0, space)
    for pid in ("ann", "bob", "g4", "g5", "g6", "g7"):
        presence.arrive(pid, pid, Role.PARTICIPANT, 0.0, "exhibition")
    for pid in ("g1", "g2", "g3", "g4", "g5", "g6", "g7"):
        day.note(pid, Role.PARTICIPANT, None)
    now = at("13:30")
    presence.kept = day.kept_seats(now)
    block = day.programme.blocks[WORKSHOPS]
    preview = day.preview(block, presence.people(), presence.room_left, ())
    plan = day.plan(block, presence.people(), presence.room_left, ())
    assert preview.places == plan.places
    for pid, target in plan.moves:
        presence.send_to(pid, target, 1.0)  # every planned move fits
    where = {p.id: p.space for p in presence.people()}
    assert where["ann"] == where["bob"] == "workshop-1"
    assert sorted(where.values()).count("workshop-1") == 3
    assert sorted(where.values()).count("workshop-2") == 3
    overflowed = {pid for pid, _wanted in plan.overflow}
    assert {pid for pid, space in where.items() if space == "lobby"} <= overflowed
    assert sum(1 for space in where.values() if space == "lobby") == 3  # the overflow
