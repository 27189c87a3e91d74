"""Presence rules: arriving, walking, walls, speed, doors, capacity."""

from __future__ import annotations

import contextlib
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.factories import TILE, two_room_venue
from venue.domain.errors import DomainError
from venue.domain.events import Arrived, Departed, Moved, Relocated, StatusChanged
from venue.domain.people import Role, Status
from venue.domain.presence import Presence


def joined(*names: str, capacity: int = 10) -> Presence:
    presence = Presence(two_room_venue(capacity))
    for name in names:
        presence.arrive(name, name.title(), Role.PARTICIPANT, now=0.0)
    return presence


def code_of(call: object) -> str:
    assert callable(call)
    with pytest.raises(DomainError) as info:
        call()
    return info.value.code


def test_arrival_lands_in_the_lobby_start_without_overlap() -> None:
    presence = joined("ann", "bob")
    ann, bob = presence.require("ann"), presence.require("bob")
    assert ann.space == bob.space == "lobby"
    assert (ann.x, ann.y) != (bob.x, bob.y)
    assert all(TILE <= v < 3 * TILE for v in (ann.x, ann.y, bob.x, bob.y))
    assert presence.counts() == {"lobby": 2, "hall": 0}


def test_arriving_twice_is_one_presence() -> None:
    presence = joined("ann")
    assert presence.arrive("ann", "Ann", Role.PARTICIPANT, now=1.0) == []
    assert presence.counts()["lobby"] == 1


def test_arrival_restores_the_last_place() -> None:
    presence = Presence(two_room_venue())
    events = presence.arrive("ann", "Ann", Role.PARTICIPANT, 0.0, "hall", (100, 130))
    assert events == [Arrived("hall", presence.require("ann"))]
    assert (presence.require("ann").x, presence.require("ann").y) == (100, 130)


def test_arrival_on_a_wall_or_in_a_vanished_space_falls_back() -> None:
    presence = Presence(two_room_venue())
    presence.arrive("ann", "Ann", Role.PARTICIPANT, 0.0, "hall", (4 * TILE + 5, 2 * TILE + 5))
    presence.arrive("bob", "Bob", Role.PARTICIPANT, 0.0, "gone", (50, 50))
    ann = presence.require("ann")
    assert ann.space == "hall" and presence.venue.spaces["hall"].map.walkable(ann.x, ann.y)
    assert presence.require("bob").space == "lobby"


def test_walking_a_short_step_moves() -> None:
    presence = joined("ann")
    ann = presence.require("ann")
    events = presence.move("ann", ann.x + 10, ann.y, now=0.1)
    assert events == [Moved("lobby", "ann", ann.x + 10, ann.y)]
    assert presence.require("ann").x == ann.x + 10


def test_walls_stop_a_walk() -> None:
    presence = Presence(two_room_venue())
    presence.arrive("ann", "Ann", Role.PARTICIPANT, 0.0, "lobby", (3 * TILE + 16, 2 * TILE + 16))
    assert code_of(lambda: presence.move("ann", 4 * TILE + 16, 2 * TILE + 16, 1.0)) == "move.wall"
    assert presence.require("ann").x == 3 * TILE + 16


def test_walking_through_a_wall_corner_is_refused() -> None:
    presence = Presence(two_room_venue())
    presence.arrive("ann", "Ann", Role.PARTICIPANT, 0.0, "lobby", (3 * TILE + 16, 2 * TILE + 16))
    # from left of the pillar to right of it in one (slow, legal-length) step
    assert code_of(lambda: presence.move("ann", 6 * TILE + 16, 2 * TILE + 16, 1.0)) != ""


def test_teleporting_is_too_fast() -> None:
    presence = joined("ann")
    ann = presence.require("ann")
    assert code_of(lambda: presence.move("ann", ann.x + 200, ann.y + 60, 0.05)) == "move.too_fast"


def test_a_long_pause_earns_no_long_jump() -> None:
    presence = joined("ann")
    ann = presence.require("ann")
    assert code_of(lambda: presence.move("ann", ann.x + 200, ann.y, 60.0)) == "move.too_fast"


@given(x=st.integers(-10_000, 10_000), y=st.integers(-10_000, 10_000))
def test_no_move_ever_leaves_the_map_or_lands_on_a_wall(x: int, y: int) -> None:
    presence = joined("ann")
    space_map = presence.venue.spaces["lobby"].map
    with contextlib.suppress(DomainError):
        presence.move("ann", x, y, 0.5)
    ann = presence.require("ann")
    assert space_map.walkable(ann.x, ann.y)


def test_out_of_bounds() -> None:
    presence = joined("ann")
    assert code_of(lambda: presence.move("ann", -1, 40, 0.2)) == "move.bounds"


def test_a_door_must_be_stood_in() -> None:
    presence = joined("ann")
    assert code_of(lambda: presence.use_door("ann", "to-hall", 0.0)) == "door.not_here"
    assert code_of(lambda: presence.use_door("ann", "to-cellar", 0.0)) == "door.unknown"


def walk_to(presence: Presence, pid: str, *tiles: tuple[int, int], now: float = 0.0) -> float:
    """Walk tile centre to tile centre in small legal steps; returns the clock after it."""
    person = presence.require(pid)
    x, y = person.x, person.y
    for tx, ty in tiles:
        gx, gy = tx * TILE + 16, ty * TILE + 16
        while (x, y) != (gx, gy):
            x += max(-8, min(8, gx - x))
            y += max(-8, min(8, gy - y))
            now += 0.05
            presence.move(pid, x, y, now)
    return now


def test_door_traversal_moves_to_the_named_entry() -> None:
    presence = joined("ann", "bob")
    now = walk_to(presence, "ann", (1, 4), (8, 4), (8, 3), (9, 3))
    events = presence.use_door("ann", "to-hall", now)
    ann = presence.require("ann")
    assert events[0] == Departed("lobby", "ann", "hall")
    assert events[1] == Arrived("hall", ann)
    assert events[2] == Relocated("ann", "hall")
    assert ann.space == "hall" and 7 * TILE <= ann.x < 9 * TILE and 3 * TILE <= ann.y < 4 * TILE
    assert [p.id for p in presence.roster("lobby")] == ["bob"]


def test_door_by_space_id_and_broken_door() -> None:
    presence = Presence(two_room_venue())
    presence.arrive("ann", "Ann", Role.PARTICIPANT, 0.0, "hall", (9 * TILE + 16, 3 * TILE + 16))
    presence.use_door("ann", "to-lobby", 1.0)
    assert presence.require("ann").space == "lobby"
    presence.go("ann", "hall", 2.0)
    walk_to(presence, "ann", (1, 4), now=2.0)
    assert code_of(lambda: presence.use_door("ann", "to-nowhere", 9.0)) == "door.broken"


def test_space_list_goes_to_the_default_entry_and_capacity_holds() -> None:
    presence = joined("ann", "bob", capacity=1)
    presence.go("ann", "hall", 0.0)
    assert presence.require("ann").space == "hall"
    assert code_of(lambda: presence.go("bob", "hall", 0.0)) == "space.full"
    assert presence.require("bob").space == "lobby"
    assert code_of(lambda: presence.go("ann", "hall", 0.0)) == "space.same"
    assert code_of(lambda: presence.go("ann", "attic", 0.0)) == "space.unknown"


def test_arrival_in_a_full_space_lands_in_the_lobby() -> None:
    presence = joined("ann", capacity=1)
    presence.go("ann", "hall", 0.0)
    presence.arrive("bob", "Bob", Role.PARTICIPANT, 0.0, "hall", None)
    assert presence.require("bob").space == "lobby"


def test_status_and_departure() -> None:
    presence = joined("ann")
    assert presence.set_status("ann", Status.AWAY) == [StatusChanged("lobby", "ann", Status.AWAY)]
    assert presence.set_status("ann", Status.AWAY) == []
    assert presence.depart("ann") == [Departed("lobby", "ann", None)]
    assert presence.depart("ann") == []
    assert code_of(lambda: presence.move("ann", 40, 40, 1.0)) == "presence.absent"


def test_find_by_name_part_prefix_first() -> None:
    presence = joined("marta", "amara", "bob")
    assert [p.id for p in presence.find("MAR")] == ["marta", "amara"]
    assert presence.find("  ") == []


def test_many_small_quick_steps_cannot_add_up_to_a_sprint() -> None:
    presence = Presence(two_room_venue())
    presence.arrive("ann", "Ann", Role.PARTICIPANT, 0.0, "lobby", (1 * TILE + 16, 4 * TILE + 16))
    codes = []
    for i in range(1, 21):  # 20 steps of 10 px within 0.2 s: 1000 px/s
        try:
            presence.move("ann", 1 * TILE + 16 + 10 * i, 4 * TILE + 16, i * 0.01)
        except DomainError as exc:
            codes.append(exc.code)
    assert "move.too_fast" in codes
    assert presence.require("ann").x - (1 * TILE + 16) <= 240 * 0.2 + 48


def test_hidden_tabs_mean_away_and_the_choice_comes_back() -> None:
    presence = joined("ann")
    presence.set_status("ann", Status.BUSY)
    assert presence.set_hidden("ann", True) == [StatusChanged("lobby", "ann", Status.AWAY)]
    assert presence.set_status("ann", Status.AVAILABLE) == []  # still hidden: still away
    assert presence.set_hidden("ann", False) == [StatusChanged("lobby", "ann", Status.AVAILABLE)]


def test_closed_spaces_keep_everyone_but_moderators_out() -> None:
    presence = joined("ann", "mod")
    presence.closed.add("hall")
    assert code_of(lambda: presence.go("ann", "hall", 0.0)) == "space.closed"
    presence.go("mod", "hall", 0.0, may_enter_closed=True)
    assert presence.require("mod").space == "hall"
    assert presence.send_to("ann", "lobby", 1.0) == []


def test_replaying_another_process_events_mirrors_its_people() -> None:
    """Events decided elsewhere apply without the rules; stale ones are refused."""
    here = joined("ann")
    source = joined("bob")
    bob = source.require("bob")
    lobby = bob.space
    assert here.replay(Arrived(lobby, bob), now=1.0)
    assert {p.id for p in here.roster(lobby)} == {"ann", "bob"}
    assert here.replay(Moved(lobby, "bob", bob.x + TILE, bob.y), now=1.1)
    assert here.require("bob").x == bob.x + TILE
    assert here.replay(StatusChanged(lobby, "bob", Status.BUSY), now=1.2)
    assert here.require("bob").status is Status.BUSY
    # a move or departure for a space bob has left is stale and changes nothing
    other = next(s for s in here.venue.spaces if s != lobby)
    assert not here.replay(Moved(other, "bob", 1, 1), now=1.3)
    assert not here.replay(Departed(other, "bob", None), now=1.3)
    assert not here.replay(Moved(lobby, "nobody", 1, 1), now=1.3)
    assert here.get("bob") is not None
    # arriving elsewhere takes bob out of the old roster even if his departure is late
    assert here.replay(Arrived(other, replace(bob, space=other)), now=1.4)
    assert [p.id for p in here.roster(lobby)] == ["ann"]
    assert not here.replay(Departed(lobby, "bob", other), now=1.5)
    assert here.counts() == {lobby: 1, other: 1}
    assert here.replay(Departed(other, "bob", None), now=1.6)
    assert here.get("bob") is None


def test_a_crowd_arriving_together_spreads_out_and_is_placed_not_settled() -> None:
    """Twenty people in a room whose start area holds four: nobody shares a tile, the fifth
    stands beside the area, and nobody counts as having walked there."""
    names = [f"p{i}" for i in range(20)]
    presence = joined(*names, capacity=50)
    tiles = {(p.x // TILE, p.y // TILE) for p in presence.people()}
    assert len(tiles) == len(names)
    assert not any(presence.settled(n) for n in names)
    fifth = presence.require("p4")
    assert (fifth.x // TILE, fifth.y // TILE) not in {(1, 1), (2, 1), (1, 2), (2, 2)}
    me = presence.require("p0")
    step = next(
        (x, y)
        for x, y in ((me.x + 4, me.y), (me.x - 4, me.y), (me.x, me.y + 4), (me.x, me.y - 4))
        if presence.venue.spaces["lobby"].map.walkable(x, y)
    )
    presence.move("p0", *step, now=1.0)
    assert presence.settled("p0") and not presence.settled("p1")
    presence.depart("p0")
    presence.arrive("p0", "P0", Role.PARTICIPANT, 2.0, "lobby", position=step)
    assert presence.settled("p0")  # back where they stood themselves
