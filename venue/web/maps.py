"""Maps for the browser: Tiled JSON with external tilesets embedded and image paths as URLs.

`/venue-data/` serves exactly the images the venue's maps reference, by their path under the
venue's root (`asset_root`): no listing, no other file of the folder (`.env`, `.git/`), no
path outside the root.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from aiohttp import web

from venue.domain.maps import Area, SpaceMap
from venue.domain.venue import Venue
from venue.venuefile.tiled import inside
from venue.web.keys import SETTINGS, VENUE
from venue.web.refusals import json_exception

routes = web.RouteTableDef()

VENUE_DATA_URL = "/venue-data"


def browser_map(
    root: Path, map_path: Path, areas: Iterable[Area] = ()
) -> tuple[bytes, dict[str, Path]]:
    """The map as Phaser loads it (Phaser reads only embedded tilesets) and the images it
    references, by their URL path under /venue-data/.

    `areas` are the server's areas of the map: area objects get their properties as the
    server reads them (WorkAdventure's translated), and areas the server made of tile layers
    or a `start` object come as objects of an extra, hidden object layer, so the browser
    knows exactly the server's areas.
    """
    data: dict[str, Any] = json.loads(map_path.read_text(encoding="utf-8"))
    _with_areas(data, list(areas))
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


def _with_areas(data: dict[str, Any], areas: list[Area]) -> None:
    by_name = {area.name: area for area in areas}
    drawn: set[str] = set()
    for obj in _area_objects(data.get("layers", [])):
        area = by_name.get(str(obj.get("name")))
        if area is not None:
            obj["properties"] = _tiled_properties(area)
            drawn.add(area.name)
    derived = [area for area in areas if area.name not in drawn]
    if not derived:
        return
    objects = [
        {
            "id": i,
            "name": area.name,
            "class": "area",
            "type": "area",
            "x": area.rect.x,
            "y": area.rect.y,
            "width": area.rect.w,
            "height": area.rect.h,
            "rotation": 0,
            "visible": True,
            "properties": _tiled_properties(area),
        }
        for i, area in enumerate(derived, start=1_000_000)
    ]
    data.setdefault("layers", []).append(
        {
            "id": 1_000_000,
            "name": "venue-areas",
            "type": "objectgroup",
            "draworder": "topdown",
            "opacity": 1,
            "visible": False,
            "x": 0,
            "y": 0,
            "objects": objects,
        }
    )


def _area_objects(layers: list[Any]) -> Iterator[dict[str, Any]]:
    for layer in layers:
        if not isinstance(layer, dict):
            continue
        if layer.get("type") == "group":
            yield from _area_objects(layer.get("layers", []))
        for obj in layer.get("objects", []) if layer.get("type") == "objectgroup" else []:
            if isinstance(obj, dict) and obj.get("class", obj.get("type")) == "area":
                yield obj


def _tiled_properties(area: Area) -> list[dict[str, Any]]:
    kinds = {bool: "bool", int: "int", float: "float", str: "string"}
    return [
        {"name": key, "type": kinds[type(value)], "value": value}
        for key, value in area.properties.items()
    ]


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
    body, _ = _cached_map(venue_root(venue_dir, venue), venue_dir / space.map_file, space.map)
    return web.Response(body=body, content_type="application/json")


@routes.get(VENUE_DATA_URL + "/{path:.+}")
async def venue_data(request: web.Request) -> web.FileResponse:
    """An image a map of the venue references; everything else is 404."""
    venue = request.app[VENUE]
    venue_dir = request.app[SETTINGS].venue_dir.resolve()
    path = _served(venue_root(venue_dir, venue), venue_dir, venue).get(request.match_info["path"])
    if path is None or not path.is_file():
        raise json_exception(web.HTTPNotFound, "file.unknown", "No map of the venue uses it.")
    return web.FileResponse(path)


_BROWSER_MAPS: dict[tuple[Path, Path], tuple[bytes, dict[str, Path]]] = {}


def _cached_map(root: Path, map_path: Path, space_map: SpaceMap) -> tuple[bytes, dict[str, Path]]:
    """A map as the browser gets it, made once per process (maps do not change while served)."""
    key = (root, map_path)
    if key not in _BROWSER_MAPS:
        _BROWSER_MAPS[key] = browser_map(root, map_path, space_map.areas)
    return _BROWSER_MAPS[key]


def _served(root: Path, venue_dir: Path, venue: Venue) -> dict[str, Path]:
    """Every image the venue's maps reference, by its path under the root."""
    served: dict[str, Path] = {}
    for space in venue.spaces.values():
        served.update(_cached_map(root, venue_dir / space.map_file, space.map)[1])
    return served
