"""Walking a real client along a path, the way the browser does: small steps at walking pace."""

from __future__ import annotations

import asyncio
from collections import deque

from venue.domain.maps import Rect, SpaceMap

STEP = 8  # pixels per move message
PAUSE = 0.045  # seconds between messages: ~180 px/s, below the server's 240


def path_to(space_map: SpaceMap, start: tuple[int, int], goal: Rect) -> list[tuple[int, int]]:
    """Tile centres from the tile of `start` to the nearest walkable tile inside `goal` (BFS)."""
    tw, th = space_map.tile_width, space_map.tile_height
    first = space_map.tile_of(*start)
    targets = set(space_map.walkable_tiles_in(goal))
    came: dict[tuple[int, int], tuple[int, int] | None] = {first: None}
    todo = deque([first])
    while todo:
        tile = todo.popleft()
        if tile in targets:
            steps = []
            node: tuple[int, int] | None = tile
            while node is not None:
                steps.append((node[0] * tw + tw // 2, node[1] * th + th // 2))
                node = came[node]
            return steps[::-1]
        tx, ty = tile
        for nxt in ((tx + 1, ty), (tx - 1, ty), (tx, ty + 1), (tx, ty - 1)):
            if nxt not in came and space_map.walkable(nxt[0] * tw + 1, nxt[1] * th + 1):
                came[nxt] = tile
                todo.append(nxt)
    raise AssertionError(f"no path from {start} to {goal}")


def steps_along(start: tuple[int, int], points: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Positions at most STEP apart, first along x then along y between points."""
    x, y = start
    out = []
    for px, py in points:
        for axis in (0, 1):
            while (x, y)[axis] != (px, py)[axis]:
                if axis == 0:
                    x += max(-STEP, min(STEP, px - x))
                else:
                    y += max(-STEP, min(STEP, py - y))
                out.append((x, y))
    return out


async def walk(call, start: tuple[int, int], points: list[tuple[int, int]]) -> None:  # type: ignore[no-untyped-def]
    """Send the moves one by one at walking pace; every one must be accepted."""
    for x, y in steps_along(start, points):
        ack = await call("presence.move", {"x": x, "y": y})
        assert ack == {"ok": True}, (x, y, ack)
        await asyncio.sleep(PAUSE)


async def own_step(person) -> None:  # type: ignore[no-untyped-def]
    """A small step of one's own from where the server placed one (the latest snapshot):
    only then can one be in a conversation."""
    snapshots = person.events("space.snapshot") or [person.welcome["snapshot"]]
    me = next(p for p in snapshots[-1]["people"] if p["id"] == person.id)
    for dx, dy in ((4, 0), (-4, 0), (0, 4), (0, -4)):
        ack = await person.call("presence.move", {"x": me["x"] + dx, "y": me["y"] + dy})
        if ack == {"ok": True}:
            return
    raise AssertionError(f"{person.name} cannot step anywhere from {me}")
