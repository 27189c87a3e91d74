"""Maps for the browser: Tiled JSON with external tilesets embedded and image paths as URLs."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from aiohttp import web

from venue.web.keys import SETTINGS, VENUE
from venue.web.security import json_exception

routes = web.RouteTableDef()

VENUE_DATA_URL = "/venue-data"


def browser_map(venue_dir: Path, map_file: str) -> bytes:
    """The map as Phaser loads it: Phaser reads only embedded tilesets."""
    map_path = venue_dir / map_file
    data: dict[str, Any] = json.loads(map_path.read_text(encoding="utf-8"))
    tilesets = []
    for ref in data.get("tilesets", []):
        if "source" in ref:
            source = (map_path.parent / ref["source"]).resolve()
            tileset = json.loads(source.read_text(encoding="utf-8"))
            tileset["firstgid"] = ref["firstgid"]
            base = source.parent
        else:
            tileset, base = dict(ref), map_path.parent
        if "image" in tileset:
            image = (base / tileset["image"]).resolve().relative_to(venue_dir.resolve())
            tileset["image"] = f"{VENUE_DATA_URL}/{image.as_posix()}"
        tilesets.append(tileset)
    data["tilesets"] = tilesets
    return json.dumps(data, separators=(",", ":")).encode()


@routes.get("/maps/{space}.json")
async def space_map(request: web.Request) -> web.Response:
    venue = request.app[VENUE]
    space = venue.spaces.get(request.match_info["space"])
    if space is None:
        raise json_exception(web.HTTPNotFound, "space.unknown", "No such space.")
    body = _cached_map(request.app[SETTINGS].venue_dir.resolve(), space.map_file)
    return web.Response(body=body, content_type="application/json")


@cache
def _cached_map(venue_dir: Path, map_file: str) -> bytes:
    return browser_map(venue_dir, map_file)
