"""Maps for the browser: Tiled JSON with external tilesets embedded and image paths as URLs.

`/venue-data/` serves exactly the images the venue's maps reference, by their path under the
venue's root (`asset_root`): no listing, no other file of the folder (`.env`, `.git/`), no
path outside the root.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from aiohttp import web

from venue.domain.venue import Venue
from venue.venuefile.tiled import inside
from venue.web.keys import SETTINGS, VENUE
from venue.web.security import json_exception

routes = web.RouteTableDef()

VENUE_DATA_URL = "/venue-data"


def browser_map(root: Path, map_path: Path) -> tuple[bytes, dict[str, Path]]:
    """The map as Phaser loads it (Phaser reads only embedded tilesets) and the images it
    references, by their URL path under /venue-data/."""
    data: dict[str, Any] = json.loads(map_path.read_text(encoding="utf-8"))
    images: dict[str, Path] = {}

    def url_of(base: Path, image: str) -> str:
        path = (base / image).resolve()
        if not inside(root, path):  # `venue check` refuses these; serve nothing for them
            return ""
        name = path.relative_to(root).as_posix()
        images[name] = path
        return f"{VENUE_DATA_URL}/{name}"

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
            tileset["image"] = url_of(base, tileset["image"])
        for tile in tileset.get("tiles", []):
            if isinstance(tile, dict) and "image" in tile:
                tile["image"] = url_of(base, tile["image"])
        tilesets.append(tileset)
    data["tilesets"] = tilesets
    return json.dumps(data, separators=(",", ":")).encode(), images


def venue_root(venue_dir: Path, venue: Venue) -> Path:
    """The folder every map, tileset and image of the venue lies in."""
    return (venue_dir / venue.asset_root).resolve()


@routes.get("/maps/{space}.json")
async def space_map(request: web.Request) -> web.Response:
    venue = request.app[VENUE]
    space = venue.spaces.get(request.match_info["space"])
    if space is None:
        raise json_exception(web.HTTPNotFound, "space.unknown", "No such space.")
    venue_dir = request.app[SETTINGS].venue_dir.resolve()
    body, _ = _cached_map(venue_root(venue_dir, venue), venue_dir / space.map_file)
    return web.Response(body=body, content_type="application/json")


@routes.get(VENUE_DATA_URL + "/{path:.+}")
async def venue_data(request: web.Request) -> web.FileResponse:
    """An image a map of the venue references; everything else is 404."""
    venue = request.app[VENUE]
    venue_dir = request.app[SETTINGS].venue_dir.resolve()
    maps = tuple(venue_dir / space.map_file for space in venue.spaces.values())
    path = _served(venue_root(venue_dir, venue), maps).get(request.match_info["path"])
    if path is None or not path.is_file():
        raise json_exception(web.HTTPNotFound, "file.unknown", "No map of the venue uses it.")
    return web.FileResponse(path)


@cache
def _cached_map(root: Path, map_path: Path) -> tuple[bytes, dict[str, Path]]:
    return browser_map(root, map_path)


@cache
def _served(root: Path, maps: tuple[Path, ...]) -> dict[str, Path]:
    served: dict[str, Path] = {}
    for map_path in maps:
        served.update(_cached_map(root, map_path)[1])
    return served
