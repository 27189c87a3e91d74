"""Small Tiled maps built in code and text edits, for tests that break one detail."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
MINI_VENUE = REPO / "tests" / "data" / "venues" / "mini"
SEED_VENUE = REPO / "maps" / "lausitz-2021"

MapEditor = Callable[[str, Callable[[dict[str, Any]], None]], None]


def area_object(
    name: str, x: int, y: int, props: dict[str, Any] | None = None, **extra: Any
) -> dict[str, Any]:
    """A Tiled rectangle object of class area, one 32 px tile at tile (x, y)."""
    obj: dict[str, Any] = {
        "id": 1,
        "name": name,
        "class": "area",
        "x": x * 32,
        "y": y * 32,
        "width": 32,
        "height": 32,
        "rotation": 0,
        "visible": True,
        "properties": [
            {"name": k, "type": "bool" if isinstance(v, bool) else "string", "value": v}
            for k, v in (props or {}).items()
        ],
    }
    obj.update(extra)
    return obj


def tiled_map(
    data: list[int] | None = None,
    objects: list[dict[str, Any]] | None = None,
    width: int = 4,
    height: int = 3,
    **extra: Any,
) -> dict[str, Any]:
    """A small Tiled map: one csv tile layer, a floorLayer, an embedded two-tile tileset."""
    layers: list[dict[str, Any]] = [
        {
            "id": 1,
            "name": "ground",
            "type": "tilelayer",
            "width": width,
            "height": height,
            "x": 0,
            "y": 0,
            "opacity": 1,
            "visible": True,
            "data": data if data is not None else [1] * (width * height),
        },
        {
            "id": 2,
            "name": "floorLayer",
            "type": "objectgroup",
            "draworder": "topdown",
            "opacity": 1,
            "visible": True,
            "x": 0,
            "y": 0,
            "objects": objects
            if objects is not None
            else [area_object("start", 0, 0, {"start": True})],
        },
    ]
    tileset = {
        "firstgid": 1,
        "name": "plain",
        "columns": 2,
        "tilecount": 2,
        "tilewidth": 32,
        "tileheight": 32,
        "margin": 0,
        "spacing": 0,
        "tiles": [{"id": 1, "properties": [{"name": "collides", "type": "bool", "value": True}]}],
    }
    raw: dict[str, Any] = {
        "type": "map",
        "version": "1.10",
        "tiledversion": "1.10.2",
        "orientation": "orthogonal",
        "renderorder": "right-down",
        "width": width,
        "height": height,
        "tilewidth": 32,
        "tileheight": 32,
        "infinite": False,
        "nextlayerid": 3,
        "nextobjectid": 2,
        "layers": layers,
        "tilesets": [tileset],
    }
    raw.update(extra)
    return raw


def write_map(directory: Path, raw: dict[str, Any], name: str = "map.tmj") -> Path:
    path = directory / name
    path.write_text(json.dumps(raw), encoding="utf-8")
    return path


def replace_in(path: Path, old: str, new: str) -> None:
    """Replace text that must be present in a fixture file."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
