"""A space's walkable geometry: blocked tiles, areas, doors and entries."""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

PropertyValue = str | int | float | bool


@dataclass(frozen=True, slots=True)
class Rect:
    """An axis-aligned rectangle in map pixels."""

    x: float
    y: float
    w: float
    h: float

    def contains(self, px: float, py: float) -> bool:
        return self.x <= px < self.x + self.w and self.y <= py < self.y + self.h

    @property
    def center(self) -> tuple[float, float]:
        return (self.x + self.w / 2, self.y + self.h / 2)


class AreaKind(StrEnum):
    """What an `area` object of a map is, derived from its properties."""

    DOOR = "door"
    ENTRY = "entry"
    BOOTH = "booth"
    STAGE = "stage"
    TABLE = "table"
    SILENT = "silent"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Area:
    """A named rectangle with meaning (door, entry, booth, stage, table, silent zone)."""

    name: str
    rect: Rect
    properties: Mapping[str, PropertyValue] = field(default_factory=dict)

    @property
    def kind(self) -> AreaKind:
        props = self.properties
        if isinstance(props.get("exitUrl"), str):
            return AreaKind.DOOR
        if props.get("start") is True:
            return AreaKind.ENTRY
        if "booth" in props:
            return AreaKind.BOOTH
        if props.get("stage") is True:
            return AreaKind.STAGE
        if "table" in props:
            return AreaKind.TABLE
        if props.get("silent") is True:
            return AreaKind.SILENT
        return AreaKind.OTHER

    @property
    def meeting(self) -> str | None:
        """The meeting or stream (`meetingUrl`) shown in a panel to whoever stands in the area."""
        url = self.properties.get("meetingUrl")
        return url if isinstance(url, str) and url else None

    @property
    def exit_target(self) -> tuple[str, str]:
        """The door's `TARGET#ENTRY` split in two; ENTRY may be empty."""
        target, _, entry = str(self.properties.get("exitUrl", "")).partition("#")
        return target, entry


@dataclass(frozen=True)
class SpaceMap:
    """The walkable grid of one map and its areas; positions are pixels."""

    width: int
    height: int
    tile_width: int
    tile_height: int
    blocked: frozenset[tuple[int, int]]
    areas: tuple[Area, ...] = ()
    seats: frozenset[tuple[int, int]] = frozenset()  # walkable tiles holding a `seat` tile

    @property
    def pixel_width(self) -> int:
        return self.width * self.tile_width

    @property
    def pixel_height(self) -> int:
        return self.height * self.tile_height

    def tile_of(self, x: float, y: float) -> tuple[int, int]:
        return (int(x // self.tile_width), int(y // self.tile_height))

    def in_bounds(self, x: float, y: float) -> bool:
        return 0 <= x < self.pixel_width and 0 <= y < self.pixel_height

    def walkable(self, x: float, y: float) -> bool:
        return self.in_bounds(x, y) and self.tile_of(x, y) not in self.blocked

    def path_clear(self, x0: float, y0: float, x1: float, y1: float) -> bool:
        """Whether a straight walk from one point to another touches no blocked tile."""
        step = min(self.tile_width, self.tile_height) / 4
        steps = max(1, math.ceil(math.hypot(x1 - x0, y1 - y0) / step))
        return all(
            self.walkable(x0 + (x1 - x0) * i / steps, y0 + (y1 - y0) * i / steps)
            for i in range(steps + 1)
        )

    def areas_of(self, kind: AreaKind) -> list[Area]:
        return [a for a in self.areas if a.kind is kind]

    def area(self, name: str, kind: AreaKind | None = None) -> Area | None:
        for a in self.areas:
            if a.name == name and (kind is None or a.kind is kind):
                return a
        return None

    def areas_at(self, x: float, y: float) -> list[Area]:
        return [a for a in self.areas if a.rect.contains(x, y)]

    def default_entry(self) -> Area | None:
        """The `start` entry, else the first entry of the map."""
        entries = self.areas_of(AreaKind.ENTRY)
        named = [a for a in entries if a.name == "start"]
        return named[0] if named else entries[0] if entries else None

    def free_seat(self, occupied: Iterable[tuple[float, float]]) -> tuple[int, int] | None:
        """The centre of the first free chair for an arrival (front rows first, left to right),
        or None; chairs on a stage or at a table are not handed out: nobody is put on a
        panel or into a table conversation merely by arriving."""
        taken = {self.tile_of(x, y) for x, y in occupied}
        kept_out = [a.rect for a in self.areas if a.kind in (AreaKind.STAGE, AreaKind.TABLE)]
        tw, th = self.tile_width, self.tile_height
        for tx, ty in sorted(self.seats, key=lambda t: (t[1], t[0])):
            x, y = int((tx + 0.5) * tw), int((ty + 0.5) * th)
            if (tx, ty) not in taken and not any(r.contains(x, y) for r in kept_out):
                return (x, y)
        return None

    def walkable_tiles_in(self, rect: Rect) -> list[tuple[int, int]]:
        """Walkable tiles whose centre lies in `rect`, in reading order."""
        tw, th = self.tile_width, self.tile_height
        x0, y0 = int(rect.x // tw), int(rect.y // th)
        x1, y1 = math.ceil((rect.x + rect.w) / tw), math.ceil((rect.y + rect.h) / th)
        return [
            (tx, ty)
            for ty in range(max(0, y0), min(self.height, y1))
            for tx in range(max(0, x0), min(self.width, x1))
            if (tx, ty) not in self.blocked and rect.contains((tx + 0.5) * tw, (ty + 0.5) * th)
        ]

    def spot_in(self, rect: Rect, occupied: Iterable[tuple[float, float]]) -> tuple[int, int]:
        """A walkable point in `rect` (or near it) that nobody occupies, if there is one."""
        taken = {self.tile_of(x, y) for x, y in occupied}
        tiles = self.walkable_tiles_in(rect) or self._nearest_walkable(rect.center)
        free = [t for t in tiles if t not in taken]
        # spread out: a tile with nobody next to it first, then any free one, then beside
        # the area (a crowd arriving together must not stack on one tile)
        roomy = [t for t in free if not any(n in taken for n in _around(t))]
        spot = (roomy or free or [self._free_beside(tiles, taken)])[0] if tiles else None
        tx, ty = spot or self.tile_of(*rect.center)
        return (int((tx + 0.5) * self.tile_width), int((ty + 0.5) * self.tile_height))

    def _free_beside(
        self, tiles: list[tuple[int, int]], taken: set[tuple[int, int]]
    ) -> tuple[int, int]:
        """The walkable tile nearest to `tiles` (by steps) that nobody occupies, else the
        first of `tiles`."""
        seen = set(tiles)
        todo = deque(tiles)
        while todo:
            tile = todo.popleft()
            if tile not in taken:
                return tile
            tx, ty = tile
            for near in ((tx + 1, ty), (tx - 1, ty), (tx, ty + 1), (tx, ty - 1)):
                nx, ny = near
                inside = 0 <= nx < self.width and 0 <= ny < self.height
                if inside and near not in self.blocked and near not in seen:
                    seen.add(near)
                    todo.append(near)
        return tiles[0]

    def reachable_tiles(self, start: tuple[int, int]) -> set[tuple[int, int]]:
        """All walkable tiles connected to `start` by 4-neighbour steps."""
        if start in self.blocked:
            return set()
        seen = {start}
        todo = [start]
        while todo:
            tx, ty = todo.pop()
            for nx, ny in ((tx + 1, ty), (tx - 1, ty), (tx, ty + 1), (tx, ty - 1)):
                if (
                    0 <= nx < self.width
                    and 0 <= ny < self.height
                    and (nx, ny) not in self.blocked
                    and (nx, ny) not in seen
                ):
                    seen.add((nx, ny))
                    todo.append((nx, ny))
        return seen

    def _nearest_walkable(self, point: tuple[float, float]) -> list[tuple[int, int]]:
        cx, cy = self.tile_of(*point)
        for radius in range(1, max(self.width, self.height)):
            ring = [
                (tx, ty)
                for ty in range(cy - radius, cy + radius + 1)
                for tx in range(cx - radius, cx + radius + 1)
                if max(abs(tx - cx), abs(ty - cy)) == radius
                and 0 <= tx < self.width
                and 0 <= ty < self.height
                and (tx, ty) not in self.blocked
            ]
            if ring:
                return ring
        return []


def _around(tile: tuple[int, int]) -> tuple[tuple[int, int], ...]:
    """The eight tiles next to `tile`."""
    tx, ty = tile
    return tuple((tx + dx, ty + dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1) if dx or dy)
