"""Where bots may walk: blocked tiles of a Tiled map and a legal looping path per bot."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

GID_MASK = 0x1FFFFFFF
MARGIN = 4  # pixels kept away from a strip's edges


@dataclass(frozen=True, slots=True)
class Grid:
    """A map's walkable geometry as the bots need it."""

    width: int
    height: int
    tile_w: int
    tile_h: int
    blocked: frozenset[tuple[int, int]]

    @classmethod
    def from_tiled(cls, data: dict[str, Any]) -> Grid:
        """Tiles holding a `collides` tile on a visible layer, or any tile of a `collides` layer
        (the rule of venue/venuefile/tiled.py)."""
        width, height = int(data["width"]), int(data["height"])
        colliding = {
            int(tileset["firstgid"]) + int(tile["id"])
            for tileset in data.get("tilesets", [])
            for tile in tileset.get("tiles", [])
            if _prop(tile, "collides") is True
        }
        blocked: set[tuple[int, int]] = set()
        for layer, visible in _tile_layers(data.get("layers", []), True):
            mask = _prop(layer, "collides") is True
            if not (visible or mask):
                continue
            for i, gid in enumerate(layer.get("data", [])):
                tile = int(gid) & GID_MASK
                if tile and (mask or tile in colliding):
                    blocked.add((i % width, i // width))
        return cls(
            width, height, int(data["tilewidth"]), int(data["tileheight"]), frozenset(blocked)
        )

    def free(self, tx: int, ty: int) -> bool:
        return 0 <= tx < self.width and 0 <= ty < self.height and (tx, ty) not in self.blocked

    def strip_around(self, x: int, y: int, span: int | None = None) -> tuple[int, int, int, int]:
        """Pixel bounds (left, right, top, bottom) of the run of free tiles in the row of (x, y),
        at most `span` tiles to either side when given."""
        tx, ty = x // self.tile_w, y // self.tile_h
        if not self.free(tx, ty):
            raise ValueError(f"({x}, {y}) stands on a blocked tile")
        reach = self.width if span is None else span
        left = right = tx
        while self.free(left - 1, ty) and tx - left < reach:
            left -= 1
        while self.free(right + 1, ty) and right - tx < reach:
            right += 1
        return (
            left * self.tile_w + MARGIN,
            (right + 1) * self.tile_w - 1 - MARGIN,
            ty * self.tile_h + MARGIN,
            (ty + 1) * self.tile_h - 1 - MARGIN,
        )


def walk_path(
    grid: Grid, spawn: tuple[int, int], step: int, span: int | None = None
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """A legal walk from `spawn` into an endless loop inside its strip, as a list of positions.

    The loop goes back and forth along the strip, one lap per pixel row, so that a position
    repeats only after a whole loop (seconds); the latency lookup relies on that. With `span`
    the strip ends that many tiles either side of the spawn (a packed crowd stays packed).
    Returns the approach (from spawn towards the loop) and the loop, which repeats.
    """
    loop = _loop(grid.strip_around(*spawn, span), step)
    nearest = min(range(len(loop)), key=lambda i: math.dist(loop[i], spawn))
    loop = loop[nearest:] + loop[:nearest]
    return _approach(spawn, loop[0], step), loop


def _loop(strip: tuple[int, int, int, int], step: int) -> list[tuple[int, int]]:
    left, right, top, bottom = strip
    xs = list(range(left, right + 1, step))
    rows = list(range(top, bottom + 1))
    # Even offsets on the way down, odd ones on the way back: every row once, an even count.
    ys = rows[0::2] + rows[1::2][::-1]
    if len(ys) % 2:
        ys.pop()
    return [(x, y) for lap, y in enumerate(ys) for x in (xs if lap % 2 == 0 else xs[::-1])]


def _approach(src: tuple[int, int], dst: tuple[int, int], step: int) -> list[tuple[int, int]]:
    """Points on the straight line from src (excluded) to dst (excluded), ≤ step apart."""
    n = math.ceil(math.dist(src, dst) / (step - 1))
    return [
        (round(src[0] + (dst[0] - src[0]) * k / n), round(src[1] + (dst[1] - src[1]) * k / n))
        for k in range(1, n)
    ]


def _prop(obj: dict[str, Any], name: str) -> Any:
    for prop in obj.get("properties", []) or []:
        if prop.get("name") == name:
            return prop.get("value")
    return None


def _tile_layers(
    layers: list[dict[str, Any]], visible: bool
) -> Iterator[tuple[dict[str, Any], bool]]:
    for layer in layers:
        shown = visible and layer.get("visible", True)
        if layer.get("type") == "group":
            yield from _tile_layers(layer.get("layers", []), shown)
        elif layer.get("type") == "tilelayer":
            yield layer, shown
