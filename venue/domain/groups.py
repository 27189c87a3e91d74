"""Nearby groups and tables: who is talking with whom, recomputed per space from positions.

People within `distance` tiles of each other (transitively) form a group of at most
`max_size`; nobody in a silent area is in a group; everyone inside a table area is in that
table's private group (up to its capacity) and in no other. Neighbours are found through a
grid of cells one distance wide, so a pass costs about O(people), not O(people²).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from venue.domain.errors import Code, DomainError
from venue.domain.maps import Area, AreaKind, SpaceMap

DEFAULT_TABLE_CAPACITY = 6


@dataclass(frozen=True, slots=True)
class GroupRules:
    """How close is "nearby" (in tiles) and how many people one group holds.

    `linger`: tiles beyond `distance` that people already talking together may drift apart
    before their group splits (hysteresis): someone swaying at the edge of reach would
    otherwise leave and rejoin every few steps, each time an update to the whole group."""

    distance: float = 3.0
    max_size: int = 6
    linger: float = 1.0


@dataclass(frozen=True, slots=True)
class Group:
    """A conversation: `table` names the table area for a table's group, else None."""

    id: str
    space: str
    members: frozenset[str]
    table: str | None = None

    @property
    def channel(self) -> str:
        return f"table:{self.space}:{self.table}" if self.table else f"group:{self.id}"


@dataclass(frozen=True, slots=True)
class GroupChange:
    """A group whose members changed; `members` is empty once it dissolved."""

    group: Group
    joined: frozenset[str]
    left: frozenset[str]


def table_capacity(area: Area) -> int:
    raw = area.properties.get("capacity", DEFAULT_TABLE_CAPACITY)
    return raw if isinstance(raw, int) and not isinstance(raw, bool) and raw > 0 else 1


def table_area(space_map: SpaceMap, name: str) -> Area:
    area = space_map.area(name, AreaKind.TABLE)
    if area is None:
        raise DomainError(Code.TABLE_UNKNOWN, f"There is no table {name!r} here.")
    return area


@dataclass
class _SpaceGroups:
    groups: dict[str, Group] = field(default_factory=dict)
    of: dict[str, str] = field(default_factory=dict)  # person -> group id


class Groups:
    """The current groups of every space; `recompute` returns what changed since last time."""

    def __init__(self, rules: GroupRules | None = None) -> None:
        self.rules = rules or GroupRules()
        self._spaces: dict[str, _SpaceGroups] = {}
        self._serial = 0

    def of(self, space: str, person_id: str) -> Group | None:
        state = self._spaces.get(space)
        if state is None:
            return None
        gid = state.of.get(person_id)
        return state.groups.get(gid) if gid else None

    def group(self, space: str, group_id: str) -> Group | None:
        state = self._spaces.get(space)
        return state.groups.get(group_id) if state else None

    def find(self, group_id: str) -> Group | None:
        for state in self._spaces.values():
            if group_id in state.groups:
                return state.groups[group_id]
        return None

    def all(self) -> Iterator[Group]:
        """Every group of every space."""
        for state in self._spaces.values():
            yield from state.groups.values()

    def at_table(self, space: str, table: str) -> Group | None:
        return self.group(space, _table_id(space, table))

    def recompute(
        self, space: str, space_map: SpaceMap, positions: Mapping[str, tuple[int, int]]
    ) -> list[GroupChange]:
        """Form the groups of `space` from everyone's position; the changed ones are returned."""
        state = self._spaces.setdefault(space, _SpaceGroups())
        clusters = self._clusters(space, space_map, positions, state.of)
        new_groups: dict[str, Group] = {}
        for table, members in clusters:
            if table is not None:
                gid = _table_id(space, table)
            else:
                gid = self._inherit(members, state, new_groups)
            new_groups[gid] = Group(gid, space, frozenset(members), table)
        changes: list[GroupChange] = []
        for gid in state.groups.keys() | new_groups.keys():
            before = state.groups.get(gid)
            after = new_groups.get(gid)
            old = before.members if before else frozenset()
            new = after.members if after else frozenset()
            if old != new:
                shown = after or Group(gid, space, frozenset(), before.table if before else None)
                changes.append(GroupChange(shown, new - old, old - new))
        state.groups = new_groups
        state.of = {pid: g.id for g in new_groups.values() for pid in g.members}
        if not new_groups:
            del self._spaces[space]
        changes.sort(key=lambda c: c.group.id)
        return changes

    def _inherit(self, members: list[str], state: _SpaceGroups, taken: Mapping[str, Group]) -> str:
        """The id most members had before (a merge keeps the larger group's), else a new one."""
        votes: dict[str, int] = {}
        for pid in members:
            gid = state.of.get(pid)
            if gid is not None and not gid.startswith("t-"):
                votes[gid] = votes.get(gid, 0) + 1
        for gid, _n in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0])):
            if gid not in taken:
                return gid
        self._serial += 1
        return f"g{self._serial}"

    def _clusters(
        self,
        space: str,
        space_map: SpaceMap,
        positions: Mapping[str, tuple[int, int]],
        previous: Mapping[str, str],
    ) -> list[tuple[str | None, list[str]]]:
        tables = space_map.areas_of(AreaKind.TABLE)
        silent = space_map.areas_of(AreaKind.SILENT)
        at_table: dict[str, tuple[Area, list[str]]] = {}
        free: dict[str, tuple[int, int]] = {}
        for pid in sorted(positions):
            x, y = positions[pid]
            table = next((a for a in tables if a.rect.contains(x, y)), None)
            if table is not None:
                at_table.setdefault(table.name, (table, []))[1].append(pid)
            elif not any(a.rect.contains(x, y) for a in silent):
                free[pid] = (x, y)
        result: list[tuple[str | None, list[str]]] = []
        for table, people in at_table.values():
            # those who sat first keep their seats; later arrivals beyond capacity stand aside
            tid = _table_id(space, table.name)
            people.sort(key=lambda pid: (previous.get(pid) != tid, pid))
            result.append((table.name, people[: table_capacity(table)]))
        tile = max(space_map.tile_width, space_map.tile_height)
        reach = self.rules.distance * tile
        keep = (self.rules.distance + self.rules.linger) * tile
        for component in _components(free, reach, previous, keep):
            for part in _split(component, free, previous, reach, keep, self.rules.max_size):
                if len(part) >= 2:
                    result.append((None, part))
        return result


def _table_id(space: str, table: str) -> str:
    return f"t-{space}:{table}"


# Cells are reach/√2 wide, so everyone in one cell is within reach of everyone else in it;
# people within reach of each other are at most two cells apart.
_NEIGHBOUR_CELLS = [(dx, dy) for dy in range(0, 3) for dx in range(-2, 3) if dy > 0 or dx > 0]


def _components(
    positions: Mapping[str, tuple[int, int]],
    reach: float,
    previous: Mapping[str, str] | None = None,
    keep: float = 0.0,
) -> list[list[str]]:
    """People linked by chains of neighbours within `reach`, or within `keep` when they were
    in one group before (`previous`: person → group id).

    A cell's people form one linked bunch at once; two neighbouring cells are compared only
    until one pair is near (then the cells are one), and not at all when already linked, so a
    packed crowd costs about one check per pair of cells, not per pair of people. Former
    groupmates are compared pair by pair, a few dozen checks per group of six at most."""
    side = reach / math.sqrt(2)
    cells: dict[tuple[int, int], list[str]] = {}
    for pid, (x, y) in positions.items():
        cells.setdefault((math.floor(x / side), math.floor(y / side)), []).append(pid)
    parent = {pid: pid for pid in positions}

    def root(pid: str) -> str:
        while parent[pid] != pid:
            parent[pid] = parent[parent[pid]]
            pid = parent[pid]
        return pid

    def link(a: str, b: str) -> None:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for people in cells.values():
        for other in people[1:]:
            link(people[0], other)
    for (cx, cy), people in cells.items():
        for dx, dy in _NEIGHBOUR_CELLS:
            others = cells.get((cx + dx, cy + dy))
            if not others or root(people[0]) == root(others[0]):
                continue
            if any(_near(positions[a], positions[b], reach) for a in people for b in others):
                link(people[0], others[0])
    mates: dict[str, list[str]] = {}
    for pid, gid in (previous or {}).items():
        if pid in positions and not gid.startswith("t-"):  # tables are not conversations here
            mates.setdefault(gid, []).append(pid)
    for group in mates.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if root(a) != root(b) and _near(positions[a], positions[b], keep):
                    link(a, b)
    by_root: dict[str, list[str]] = {}
    for pid in sorted(positions):
        by_root.setdefault(root(pid), []).append(pid)
    return list(by_root.values())


def _split(
    component: list[str],
    positions: Mapping[str, tuple[int, int]],
    previous: Mapping[str, str],
    reach: float,
    keep: float,
    max_size: int,
) -> Iterable[list[str]]:
    """A crowd larger than `max_size` becomes several groups; who talked together stays so.

    Each person joins the first neighbouring group with room (their former group's people
    first, near while within `keep`); neighbours come from a grid of `keep` cells, so a
    packed room stays cheap.
    """
    if len(component) <= max_size:
        return [component]
    order = sorted(component, key=lambda pid: (previous.get(pid) is None, previous.get(pid), pid))
    parts: list[list[str]] = []
    placed: dict[tuple[int, int], list[tuple[str, int]]] = {}
    side = max(reach, keep)
    for pid in order:
        x, y = positions[pid]
        cx, cy = math.floor(x / side), math.floor(y / side)
        mine = previous.get(pid)
        near = sorted(
            {
                index
                for dx in (-1, 0, 1)
                for dy in (-1, 0, 1)
                for q, index in placed.get((cx + dx, cy + dy), ())
                if len(parts[index]) < max_size
                and _near(
                    positions[pid],
                    positions[q],
                    keep if mine is not None and previous.get(q) == mine else reach,
                )
            }
        )
        home = next((i for i in near if mine is None or previous.get(parts[i][0]) == mine), None)
        if home is None:  # a newcomer joins any neighbouring group with room
            home = near[0] if near else None
        if home is None:
            home = len(parts)
            parts.append([])
        parts[home].append(pid)
        placed.setdefault((cx, cy), []).append((pid, home))
    return parts


def _near(a: tuple[int, int], b: tuple[int, int], reach: float) -> bool:
    return (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2 <= reach * reach
