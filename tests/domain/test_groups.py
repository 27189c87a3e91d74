"""Nearby groups and tables: join, leave, split, merge, size limit, silent zones, table privacy."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from venue.domain.errors import DomainError
from venue.domain.groups import GroupRules, Groups, _components, table_area, table_capacity
from venue.domain.maps import Area, Rect, SpaceMap

T = 32  # tile size

MAP = SpaceMap(
    width=60,
    height=30,
    tile_width=T,
    tile_height=T,
    blocked=frozenset(),
    areas=(
        Area("table-1", Rect(40 * T, 0, 4 * T, 4 * T), {"table": "Tisch 1", "capacity": 2}),
        Area("table-2", Rect(40 * T, 10 * T, 4 * T, 4 * T), {"table": "Tisch 2"}),
        Area("quiet", Rect(50 * T, 0, 10 * T, 10 * T), {"silent": True}),
    ),
)


def at(tx: float, ty: float) -> tuple[int, int]:
    return (int(tx * T), int(ty * T))


def members(groups: Groups, person: str) -> set[str]:
    group = groups.of("bar", person)
    return set(group.members) if group else set()


def test_two_people_within_three_tiles_form_a_group_and_farther_do_not() -> None:
    groups = Groups()
    changes = groups.recompute("bar", MAP, {"a": at(1, 1), "b": at(3, 1), "c": at(10, 1)})
    assert [set(c.joined) for c in changes] == [{"a", "b"}]
    assert members(groups, "a") == {"a", "b"} and groups.of("bar", "c") is None
    assert changes[0].group.channel == f"group:{changes[0].group.id}"


def test_someone_walking_up_joins_and_walking_away_leaves() -> None:
    groups = Groups()
    groups.recompute("bar", MAP, {"a": at(1, 1), "b": at(3, 1), "c": at(10, 1)})
    gid = groups.of("bar", "a").id  # type: ignore[union-attr]
    [joined] = groups.recompute("bar", MAP, {"a": at(1, 1), "b": at(3, 1), "c": at(5, 1)})
    assert joined.group.id == gid and joined.joined == {"c"} and not joined.left
    [left] = groups.recompute("bar", MAP, {"a": at(1, 1), "b": at(3, 1), "c": at(20, 1)})
    assert left.group.id == gid and left.left == {"c"} and members(groups, "a") == {"a", "b"}


def test_a_group_dissolves_when_one_of_two_leaves() -> None:
    groups = Groups()
    groups.recompute("bar", MAP, {"a": at(1, 1), "b": at(3, 1)})
    [change] = groups.recompute("bar", MAP, {"a": at(1, 1), "b": at(20, 1)})
    assert change.group.members == frozenset() and change.left == {"a", "b"}
    assert groups.of("bar", "a") is None


def test_a_step_past_the_edge_keeps_a_conversation_but_strangers_must_come_close() -> None:
    """Hysteresis: within three tiles people meet, within four a conversation holds."""
    groups = Groups()
    [met] = groups.recompute("bar", MAP, {"a": at(1, 1), "b": at(4, 1)})
    assert met.joined == {"a", "b"}
    assert groups.recompute("bar", MAP, {"a": at(1, 1), "b": at(4.9, 1)}) == []  # no update
    assert members(groups, "a") == {"a", "b"}
    [parted] = groups.recompute("bar", MAP, {"a": at(1, 1), "b": at(5.2, 1)})
    assert parted.left == {"a", "b"} and groups.of("bar", "a") is None
    assert groups.recompute("bar", MAP, {"a": at(1, 1), "b": at(4.9, 1)}) == []  # strangers
    assert groups.of("bar", "a") is None


def test_a_crowd_split_at_the_size_limit_keeps_a_conversation_past_the_edge() -> None:
    groups = Groups(GroupRules(distance=3, max_size=2))
    groups.recompute("bar", MAP, {"a": at(1, 1), "b": at(4, 1)})
    crowd = {"a": at(1, 1), "b": at(4.9, 1), "c": at(2, 1), "d": at(3, 1)}
    groups.recompute("bar", MAP, crowd)
    assert members(groups, "a") == {"a", "b"} and members(groups, "c") == {"c", "d"}


def test_no_linger_means_the_edge_of_reach_is_the_edge_of_the_group() -> None:
    groups = Groups(GroupRules(distance=3, linger=0))
    groups.recompute("bar", MAP, {"a": at(1, 1), "b": at(4, 1)})
    [parted] = groups.recompute("bar", MAP, {"a": at(1, 1), "b": at(4.2, 1)})
    assert parted.left == {"a", "b"}


def test_a_chain_breaking_in_the_middle_splits_the_group() -> None:
    groups = Groups()
    chain = {"a": at(1, 1), "b": at(3, 1), "c": at(5, 1), "d": at(7, 1)}
    groups.recompute("bar", MAP, chain)
    assert members(groups, "a") == {"a", "b", "c", "d"}
    gid = groups.of("bar", "a").id  # type: ignore[union-attr]
    changes = groups.recompute("bar", MAP, {**chain, "c": at(5, 9), "d": at(7, 9)})
    assert members(groups, "a") == {"a", "b"} and members(groups, "c") == {"c", "d"}
    assert groups.of("bar", "a").id == gid  # the first half keeps the conversation
    assert groups.of("bar", "c").id != gid  # type: ignore[union-attr]
    assert {c.group.id for c in changes} == {gid, groups.of("bar", "c").id}  # type: ignore[union-attr]


def test_two_groups_walking_together_merge_keeping_the_larger_ones_id() -> None:
    groups = Groups()
    far = {"a": at(1, 1), "b": at(3, 1), "c": at(4, 2), "x": at(20, 1), "y": at(22, 1)}
    groups.recompute("bar", MAP, far)
    big = groups.of("bar", "a").id  # type: ignore[union-attr]
    small = groups.of("bar", "x").id  # type: ignore[union-attr]
    changes = groups.recompute("bar", MAP, {**far, "x": at(6, 2), "y": at(8, 2)})
    assert members(groups, "y") == {"a", "b", "c", "x", "y"}
    assert groups.of("bar", "y").id == big  # type: ignore[union-attr]
    by_id = {c.group.id: c for c in changes}
    assert by_id[big].joined == {"x", "y"} and by_id[small].left == {"x", "y"}


def test_a_crowd_is_split_at_the_size_limit() -> None:
    groups = Groups(GroupRules(distance=3, max_size=3))
    crowd = {f"p{i}": at(1 + i, 1) for i in range(7)}
    groups.recompute("bar", MAP, crowd)
    sizes = sorted(len(members(groups, f"p{i}")) for i in range(7))
    assert max(sizes) == 3  # nobody is in a group of more than three
    ids = {g.id for g in (groups.of("bar", f"p{i}") for i in range(7)) if g}
    assert len(ids) >= 2
    # a newcomer never pushes a member out of a full group
    before = {pid: groups.of("bar", pid) for pid in crowd}
    groups.recompute("bar", MAP, {**crowd, "late": at(2, 2)})
    for pid, group in before.items():
        if group is not None:
            assert groups.of("bar", pid).id == group.id  # type: ignore[union-attr]


def test_default_limit_is_six() -> None:
    groups = Groups()
    groups.recompute("bar", MAP, {f"p{i}": at(1 + i * 0.5, 1) for i in range(8)})
    assert max(len(members(groups, f"p{i}")) for i in range(8)) == 6


def test_nobody_in_a_silent_zone_is_in_a_group() -> None:
    groups = Groups()
    assert groups.recompute("bar", MAP, {"a": at(51, 1), "b": at(52, 1)}) == []
    # someone standing just outside the zone does not pull a person inside into a group
    assert groups.recompute("bar", MAP, {"a": at(51, 1), "b": at(49, 1)}) == []


def test_everyone_at_a_table_is_in_its_private_group_and_nobody_outside() -> None:
    groups = Groups()
    # table-2 is 4 tiles wide: a and b sit at opposite corners, c stands right beside it
    positions = {"a": at(40.5, 10.5), "b": at(43.5, 13.5), "c": at(39.5, 10.5)}
    [change] = groups.recompute("bar", MAP, positions)
    assert change.group.table == "table-2" and change.group.members == {"a", "b"}
    assert change.group.channel == "table:bar:table-2"
    assert groups.of("bar", "c") is None
    assert groups.at_table("bar", "table-2") == change.group


def test_one_person_alone_at_a_table_is_at_it() -> None:
    groups = Groups()
    groups.recompute("bar", MAP, {"a": at(41, 11)})
    assert members(groups, "a") == {"a"}


def test_a_table_holds_its_capacity_and_who_sat_first_keeps_the_seat() -> None:
    groups = Groups()
    groups.recompute("bar", MAP, {"z": at(41, 1), "y": at(42, 1)})
    groups.recompute("bar", MAP, {"z": at(41, 1), "y": at(42, 1), "a": at(43, 1)})
    assert members(groups, "z") == {"y", "z"} and groups.of("bar", "a") is None


def test_table_capacity_from_the_area_with_a_default_of_six() -> None:
    assert table_capacity(table_area(MAP, "table-1")) == 2
    assert table_capacity(table_area(MAP, "table-2")) == 6
    with pytest.raises(DomainError) as err:
        table_area(MAP, "quiet")
    assert err.value.code == "table.unknown"


def test_spaces_are_independent() -> None:
    groups = Groups()
    groups.recompute("bar", MAP, {"a": at(1, 1), "b": at(2, 1)})
    groups.recompute("lobby", MAP, {"c": at(1, 1), "d": at(2, 1)})
    assert groups.of("lobby", "a") is None and members(groups, "a") == {"a", "b"}
    assert groups.of("lobby", "a") is None
    assert groups.recompute("bar", MAP, {}) and groups.of("bar", "a") is None


@given(
    st.dictionaries(
        st.text("abcdefgh", min_size=1, max_size=3),
        st.tuples(st.integers(0, 600), st.integers(0, 400)),
        max_size=60,
    ),
    st.sampled_from([32.0, 96.0, 150.0]),
)
@example({"a": (67, 0), "b": (136, 0)}, 96.0)  # two cells apart, yet near
@example({"a": (0, 0), "b": (67, 67), "c": (200, 10)}, 96.0)
def test_components_are_exactly_the_chains_of_neighbours(
    positions: dict[str, tuple[int, int]], reach: float
) -> None:
    """The cell shortcuts give what comparing every pair gives."""
    parent = {pid: pid for pid in positions}

    def root(pid: str) -> str:
        while parent[pid] != pid:
            pid = parent[pid]
        return pid

    for a, (ax, ay) in positions.items():
        for b, (bx, by) in positions.items():
            if (ax - bx) ** 2 + (ay - by) ** 2 <= reach * reach:
                parent[root(a)] = root(b)
    expected: dict[str, set[str]] = {}
    for pid in positions:
        expected.setdefault(root(pid), set()).add(pid)
    found = _components(positions, reach)
    assert sorted(map(sorted, found)) == sorted(map(sorted, expected.values()))
