"""Speed networking's seating: sizes, no repeated pairing over rounds, shared interests."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from venue.domain.networking import Pair, Table, group_sizes, pairs_of, seat

BAR = [Table(f"table-{n}", 6) for n in range(1, 5)]
MANY = [Table(f"table-{n:02}", 6) for n in range(1, 21)]


def people(n: int) -> list[str]:
    return [f"p{i:02}" for i in range(n)]


@pytest.mark.parametrize(
    ("n", "size", "sizes"),
    [
        (12, 3, [3, 3, 3, 3]),
        (13, 3, [4, 3, 3, 3]),  # the one left over sits at a table of four
        (12, 2, [2] * 6),
        (13, 2, [3, 2, 2, 2, 2, 2]),  # an odd one makes a trio
        (10, 4, [4, 3, 3]),  # two left over: two tables of three
        (7, 4, [4, 3]),
        (5, 4, [5]),
        (3, 4, [3]),  # fewer than a group: they meet anyway
        (2, 2, [2]),
        (1, 2, []),
        (0, 3, []),
    ],
)
def test_group_sizes_stay_within_one_of_the_chosen_size(
    n: int, size: int, sizes: list[int]
) -> None:
    assert group_sizes(n, size, [6] * 20) == sizes


def test_too_few_tables_seat_groups_of_the_size_and_the_rest_wait() -> None:
    assert group_sizes(20, 2, [6, 6, 6, 6]) == [2, 2, 2, 2]
    seating = seat(people(20), {}, set(), 2, BAR)
    assert sorted(len(g) for g in seating.tables.values()) == [2, 2, 2, 2]
    # the first in the order of priority are seated
    assert set(seating.waiting) == set(people(20)[8:])


def test_twelve_people_in_threes_meet_nobody_twice_in_three_rounds() -> None:
    met: set[Pair] = set()
    for round_ in range(3):
        seating = seat(people(12), {}, met, 3, BAR, seed=round_)
        assert seating.waiting == ()
        assert sorted(len(g) for g in seating.tables.values()) == [3, 3, 3, 3]
        assert not seating.pairs() & met
        met |= seating.pairs()
    assert len(met) == 4 * 3 * 3


@given(
    n=st.integers(min_value=0, max_value=30),
    size=st.integers(min_value=2, max_value=4),
    rounds=st.integers(min_value=1, max_value=4),
)
@settings(max_examples=60, deadline=None)
def test_no_pairing_ever_repeats_and_nobody_sits_twice(n: int, size: int, rounds: int) -> None:
    met: set[Pair] = set()
    for round_ in range(rounds):
        seating = seat(people(n), {}, met, size, MANY, seed=round_)
        seated = [pid for g in seating.tables.values() for pid in g]
        assert Counter(seated + list(seating.waiting)) == Counter(people(n))
        assert all(2 <= len(g) <= size + 1 for g in seating.tables.values())
        assert not seating.pairs() & met
        met |= seating.pairs()


def test_people_sharing_interests_sit_together() -> None:
    interests = {
        "ann": frozenset({"energy", "health"}),
        "bob": frozenset({"stem"}),
        "cy": frozenset({"energy", "health"}),
        "di": frozenset({"stem", "transfer"}),
        "ed": frozenset({"transfer"}),
        "flo": frozenset({"structural-change"}),
    }
    seating = seat(list(interests), interests, set(), 2, MANY)
    groups = {frozenset(g) for g in seating.tables.values()}
    assert frozenset({"ann", "cy"}) in groups
    assert frozenset({"bob", "di"}) in groups or frozenset({"di", "ed"}) in groups


def test_once_met_people_with_the_same_interests_sit_with_others() -> None:
    interests = {pid: frozenset({"energy"}) for pid in ("ann", "bob", "cy", "di")}
    first = seat(list(interests), interests, set(), 2, MANY)
    second = seat(list(interests), interests, first.pairs(), 2, MANY)
    assert second.waiting == ()
    assert not second.pairs() & first.pairs()


def test_a_round_where_everyone_has_met_seats_nobody() -> None:
    trio = ["ann", "bob", "cy"]
    seating = seat(trio, {}, pairs_of([trio]), 2, BAR)
    assert seating.tables == {}
    assert seating.waiting == tuple(trio)


def test_the_group_size_is_two_to_four() -> None:
    with pytest.raises(ValueError, match="2 to 4"):
        seat(people(4), {}, set(), 5, BAR)
