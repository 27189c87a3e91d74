"""Chairs: arrivals in a space with chairs (tiles with the `seat` property) sit on free ones,
front row first, before the entry area fills; chairs on a stage or at a table stay free."""

from __future__ import annotations

from dataclasses import replace

from tests.conftest import SEED
from tests.factories import TILE, two_room_venue
from venue.domain.maps import Area, Rect
from venue.domain.people import Role
from venue.domain.presence import Presence
from venue.venuefile.loader import load_venue

CHAIRS = frozenset({(6, 1), (7, 1), (6, 4), (7, 4)})  # two rows of the hall (see factories)
STAGE = Area("stage", Rect(6 * TILE, 1 * TILE, TILE, TILE), {"stage": True})


def hall_with_chairs(capacity: int = 10) -> Presence:
    venue = two_room_venue(capacity)
    hall = venue.spaces["hall"]
    seated = replace(hall.map, seats=CHAIRS, areas=(*hall.map.areas, STAGE))
    venue.spaces["hall"] = replace(hall, map=seated)
    return Presence(venue)


def tile(presence: Presence, pid: str) -> tuple[int, int]:
    person = presence.require(pid)
    return (person.x // TILE, person.y // TILE)


def test_arrivals_sit_on_free_chairs_front_row_first_then_spread_over_the_entry() -> None:
    presence = hall_with_chairs()
    names = ["ann", "bob", "cem", "dan", "eva"]
    for name in names:
        presence.arrive(name, name, Role.PARTICIPANT, now=0.0, space_id="hall")
    # exactly on the chair's centre; the stage chair (6, 1) is not handed out
    assert presence.require("ann").x == 7 * TILE + TILE // 2
    assert [tile(presence, n) for n in names[:3]] == [(7, 1), (6, 4), (7, 4)]
    start = Rect(1 * TILE, 1 * TILE, 2 * TILE, 2 * TILE)  # the hall's start area
    assert all(start.contains(presence.require(n).x, presence.require(n).y) for n in names[3:])
    assert tile(presence, "dan") != tile(presence, "eva")


def test_a_chair_left_is_free_again_and_going_there_by_the_space_list_sits_down() -> None:
    presence = hall_with_chairs()
    presence.arrive("ann", "Ann", Role.PARTICIPANT, now=0.0, space_id="hall")
    presence.arrive("bob", "Bob", Role.PARTICIPANT, now=0.0)
    presence.depart("ann")
    presence.go("bob", "hall", now=1.0)
    assert tile(presence, "bob") == (7, 1)


def test_the_seed_plenary_and_workshops_have_rows_of_chairs() -> None:
    venue = load_venue(SEED)
    for space, at_least in (("plenary", 200), ("workshop-1", 20), ("workshop-2", 20)):
        seats = venue.spaces[space].map.seats
        assert len(seats) >= at_least
        assert not seats & venue.spaces[space].map.blocked
    assert venue.spaces["lobby"].map.seats == frozenset()
    assert venue.spaces["bar"].map.free_seat([]) is None  # bar chairs are at tables
