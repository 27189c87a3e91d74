"""Read a Tiled JSON map into a SpaceMap, reporting problems instead of raising."""

from __future__ import annotations

import importlib.util
import json
import os
import posixpath
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pytiled_parser import Color, Layer, LayerGroup, ObjectLayer, TileLayer, Tileset
from pytiled_parser.parsers.json.layer import parse as parse_json_layer
from pytiled_parser.parsers.json.tileset import parse as parse_json_tileset
from pytiled_parser.tiled_object import Ellipse, Point, Polygon, Polyline, Rectangle, TiledObject
from pytiled_parser.tiled_object import Text as TextObject
from pytiled_parser.tiled_object import Tile as TileObject

from venue.domain.maps import Area, AreaKind, PropertyValue, Rect, SpaceMap
from venue.venuefile.problems import Problem, Severity
from venue.venuefile.workadventure import (
    ignored_warnings,
    is_zone_layer,
    layer_areas,
    translate,
)

# Tiled keeps the flip and rotation flags of a tile in the top four bits of its gid.
_GID_MASK = 0x0FFFFFFF
_REQUIRED_KEYS = ("width", "height", "tilewidth", "tileheight", "layers", "tilesets")
_BOOL_PROPERTIES = ("start", "stage", "silent")
_STRING_PROPERTIES = ("exitUrl", "booth", "table")


@dataclass(frozen=True)
class MapReport:
    """A map as read: the SpaceMap (None if unusable), its problems, each area's layer."""

    space_map: SpaceMap | None
    problems: list[Problem]
    area_layers: dict[str, str] = field(default_factory=dict)

    def where(self, area_name: str) -> str:
        """How problems name an area object: `object 'x' (layer floorLayer)`."""
        layer = self.area_layers.get(area_name)
        return f"object {area_name!r}" + (f" (layer {layer})" if layer else "")


class _Collector:
    """Problems of one file, in the order found."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        # WorkAdventure properties venue ignores, with where they are: one warning each
        self.ignored: dict[str, list[str]] = {}

    def add(self, where: str, reason: str, severity: Severity = "error") -> None:
        self.problems.append(Problem(self.file, where, reason, severity))

    def warn(self, where: str, reason: str) -> None:
        self.add(where, reason, "warning")


def load_map(path: Path) -> tuple[SpaceMap | None, list[Problem]]:
    """Read a Tiled JSON map: the SpaceMap (None if unusable) and every problem found."""
    report = read_map(path)
    return report.space_map, report.problems


def read_map(path: Path, label: str | None = None, root: Path | None = None) -> MapReport:
    """Like `load_map`, also telling each area's layer; problems name the file `label`.

    With a `root` (a venue's), every tileset and image must exist inside it: the server
    serves nothing else.
    """
    out = _Collector(label or path.name)
    try:
        return _read(path, out, root)
    except Exception as exc:
        # pytiled-parser passes malformed values through unchecked: report, never raise
        out.add("", f"not a valid Tiled map: {_describe(exc)}")
        return MapReport(None, out.problems)


def _read(path: Path, out: _Collector, root: Path | None) -> MapReport:
    raw = _read_raw_map(path, out)
    if raw is None:
        return MapReport(None, out.problems)
    parsed = _parse_with_pytiled(raw, path, out, root)
    if parsed is None:
        return MapReport(None, out.problems)
    layers, tilesets = parsed
    width, height = int(raw["width"]), int(raw["height"])
    _check_tileset_images(tilesets, raw, path.parent, out, root)
    blocked = _blocked_tiles(layers, tilesets, width, height, out)
    areas, area_layers = _areas(layers, (int(raw["tilewidth"]), int(raw["tileheight"])), out)
    _check_conventions(layers, areas, out)
    for where, reason in ignored_warnings(out.ignored):
        out.warn(where, reason)
    space_map = SpaceMap(
        width=width,
        height=height,
        tile_width=int(raw["tilewidth"]),
        tile_height=int(raw["tileheight"]),
        blocked=frozenset(blocked),
        areas=tuple(areas),
        seats=frozenset(_seat_tiles(layers, tilesets, width, height) - blocked),
    )
    return MapReport(space_map, out.problems, area_layers)


def _read_raw_map(path: Path, out: _Collector) -> dict[str, Any] | None:
    """The map's JSON, if it is a finite orthogonal Tiled map we can decode."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        out.add("", "file not found")
        return None
    except UnicodeDecodeError:
        out.add("", "not a Tiled JSON map: the file is not UTF-8 text")
        return None
    except OSError as exc:
        out.add("", f"cannot read the file: {exc.strerror or exc}")
        return None
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        out.add(f"line {exc.lineno}, column {exc.colno}", f"not JSON: {exc.msg}")
        return None
    if not isinstance(raw, dict):
        out.add("", "not a Tiled map: the JSON is not an object")
        return None
    if raw.get("type") == "tileset":
        out.add("", "this is a Tiled tileset, not a map")
        return None
    missing = [key for key in _REQUIRED_KEYS if key not in raw]
    if missing:
        out.add("", f"not a Tiled map: missing {', '.join(missing)}")
        return None
    sizes = {key: raw[key] for key in ("width", "height", "tilewidth", "tileheight")}
    bad = [k for k, v in sizes.items() if not isinstance(v, int) or isinstance(v, bool) or v <= 0]
    if bad:
        out.add("", f"not a Tiled map: {', '.join(bad)} must be positive whole numbers")
        return None
    if not isinstance(raw["layers"], list) or not isinstance(raw["tilesets"], list):
        out.add("", "not a Tiled map: layers and tilesets must be lists")
        return None
    orientation = raw.get("orientation", "orthogonal")
    if orientation != "orthogonal":
        out.add("", f"only orthogonal maps are supported, this one is {orientation}")
        return None
    if raw.get("infinite"):
        out.add("", "infinite maps are not supported (Map > Map Properties > Infinite: off)")
        return None
    if not _check_layer_encodings(raw["layers"], "", out):
        return None
    return raw


def _check_layer_encodings(raw_layers: list[Any], prefix: str, out: _Collector) -> bool:
    """Whether every tile layer's data can be decoded; normalises what Tiled leaves out."""
    ok = True
    for raw_layer in raw_layers:
        if not isinstance(raw_layer, dict):
            out.add(f"layer in {prefix or 'the map'}", "not a Tiled layer (not an object)")
            ok = False
            continue
        name = f"{prefix}{raw_layer.get('name', '?')}"
        if raw_layer.get("type") == "group":
            ok = _check_layer_encodings(raw_layer.get("layers", []), f"{name}/", out) and ok
            continue
        if raw_layer.get("type") != "tilelayer":
            continue
        encoding = raw_layer.get("encoding", "csv")
        compression = raw_layer.get("compression", "")
        if encoding == "csv":
            # pytiled-parser treats any `encoding` key as base64, so the csv default is dropped.
            raw_layer.pop("encoding", None)
        elif encoding != "base64":
            out.add(f"layer {name!r}", f"unknown tile data encoding {encoding!r}")
            ok = False
        elif compression == "zstd" and importlib.util.find_spec("zstd") is None:
            out.add(
                f"layer {name!r}",
                "zstd-compressed tile data needs the optional zstd package "
                "(pip install 'pytiled-parser[zstd]'); or save the map with zlib, gzip or csv",
            )
            ok = False
        elif compression not in ("", "zlib", "gzip", "zstd"):
            out.add(f"layer {name!r}", f"unknown tile data compression {compression!r}")
            ok = False
        else:
            raw_layer["compression"] = compression
    return ok


def _parse_with_pytiled(
    raw: dict[str, Any], path: Path, out: _Collector, root: Path | None
) -> tuple[list[Layer], dict[int, Tileset]] | None:
    """Layers and tilesets (by first gid) through pytiled-parser's JSON parsers."""
    tilesets: dict[int, Tileset] = {}
    for raw_tileset in raw["tilesets"]:
        source = raw_tileset.get("source") if isinstance(raw_tileset, dict) else None
        where = f"tileset {source}" if source else f"tileset {_name_of(raw_tileset)!r}"
        try:
            firstgid = int(raw_tileset["firstgid"])
            if source is None:
                _fill_tileset_defaults(raw_tileset)
                tilesets[firstgid] = parse_json_tileset(raw_tileset, firstgid, "utf-8")
                continue
            tileset_path = path.parent / source
            if root is not None and not inside(root, tileset_path):
                out.add(where, f"{source} lies outside the venue's root (asset_root)")
                continue
            if not tileset_path.is_file():
                out.add(where, "external tileset file not found")
                continue
            text = tileset_path.read_text(encoding="utf-8")
            if text.lstrip().startswith("<"):
                out.add(where, "XML tilesets (.tsx) are not supported; export it as JSON (.tsj)")
                continue
            raw_external = json.loads(text)
            _fill_tileset_defaults(raw_external)
            tilesets[firstgid] = parse_json_tileset(
                raw_external, firstgid, "utf-8", external_path=tileset_path.parent
            )
        except Exception as exc:  # pytiled-parser raises whatever the malformed input triggers
            out.add(where, f"not a valid Tiled tileset: {_describe(exc)}")
    if len(tilesets) != len(raw["tilesets"]):
        return None
    layers: list[Layer] = []
    for raw_layer in raw["layers"]:
        _fill_layer_defaults(raw_layer)
        try:
            layers.append(parse_json_layer(raw_layer, "utf-8", path.parent))
        except Exception as exc:  # as above: KeyError, ValueError, binascii.Error, ...
            out.add(f"layer {raw_layer.get('name', '?')!r}", f"cannot read: {_describe(exc)}")
            return None
    return layers, tilesets


def _fill_tileset_defaults(raw_tileset: dict[str, Any]) -> None:
    """Give hand-written tilesets the keys Tiled always writes and pytiled-parser requires."""
    raw_tileset.setdefault("spacing", 0)
    raw_tileset.setdefault("margin", 0)


def _fill_layer_defaults(raw_layer: dict[str, Any]) -> None:
    """Give hand-written layers the keys Tiled always writes and pytiled-parser requires."""
    raw_layer.setdefault("name", "")
    raw_layer.setdefault("opacity", 1)
    raw_layer.setdefault("visible", True)
    if raw_layer.get("type") == "objectgroup":
        raw_layer.setdefault("draworder", "topdown")
    for child in raw_layer.get("layers", []) if raw_layer.get("type") == "group" else []:
        if isinstance(child, dict):
            _fill_layer_defaults(child)


def _walk(
    layers: list[Layer], prefix: str = "", visible: bool = True, dx: float = 0, dy: float = 0
) -> Iterator[tuple[Layer, str, bool, float, float]]:
    """Every layer with its path, effective visibility and pixel offset, groups flattened."""
    for layer in layers:
        name = f"{prefix}{layer.name}"
        shown = visible and layer.visible
        ox, oy = dx + layer.offset.x, dy + layer.offset.y
        if isinstance(layer, LayerGroup):
            yield from _walk(layer.layers or [], f"{name}/", shown, ox, oy)
        else:
            yield layer, name, shown, ox, oy


def _blocked_tiles(
    layers: list[Layer],
    tilesets: dict[int, Tileset],
    width: int,
    height: int,
    out: _Collector,
) -> set[tuple[int, int]]:
    """Tiles holding a `collides` tile on a visible layer, or any tile of a `collides` layer."""
    colliding = _gids_with(tilesets, "collides")
    blocked: set[tuple[int, int]] = set()
    for layer, name, visible, _, _ in _walk(layers):
        if not isinstance(layer, TileLayer):
            continue
        # A layer declaring `collides` is a collision mask, often hidden in the editor.
        layer_collides = (layer.properties or {}).get("collides") is True
        if not (visible or layer_collides):
            continue
        rows = [row for row in layer.data or [] if row]
        if len(rows) != height or any(len(row) != width for row in rows):
            out.warn(f"layer {name!r}", f"tile data does not cover the {width}x{height} map")
        for ty, row in enumerate(rows[:height]):
            for tx, gid in enumerate(row[:width]):
                tile = gid & _GID_MASK if isinstance(gid, int) else 0
                if tile and (layer_collides or tile in colliding):
                    blocked.add((tx, ty))
    return blocked


def _gids_with(tilesets: dict[int, Tileset], name: str) -> set[int]:
    """Global ids of the tileset tiles whose property `name` is true (collides, seat)."""
    return {
        firstgid + tile_id
        for firstgid, tileset in tilesets.items()
        for tile_id, tile in (tileset.tiles or {}).items()
        if (tile.properties or {}).get(name) is True
    }


def _seat_tiles(
    layers: list[Layer], tilesets: dict[int, Tileset], width: int, height: int
) -> set[tuple[int, int]]:
    """Tiles holding a `seat` tile (a chair) on a visible tile layer."""
    seat_gids = _gids_with(tilesets, "seat")
    seats: set[tuple[int, int]] = set()
    for layer, _, visible, _, _ in _walk(layers):
        if not (visible and isinstance(layer, TileLayer)):
            continue
        for ty, row in enumerate((layer.data or [])[:height]):
            for tx, gid in enumerate((row or [])[:width]):
                if isinstance(gid, int) and gid & _GID_MASK in seat_gids:
                    seats.add((tx, ty))
    return seats


def _areas(
    layers: list[Layer], tile: tuple[int, int], out: _Collector
) -> tuple[list[Area], dict[str, str]]:
    """The rectangle objects of class `area` (or type, in older maps) of all object layers,
    a `start` object, and the zones of tile layers with WorkAdventure properties."""
    areas: list[Area] = []
    area_layers: dict[str, str] = {}
    for layer, layer_name, _, dx, dy in _walk(layers):
        # Areas are invisible meta objects, so hidden object layers count too.
        if not isinstance(layer, ObjectLayer):
            continue
        for obj in layer.tiled_objects:
            if obj.class_ != "area" and obj.name != "start":
                continue
            label = f"object {obj.name!r}" if obj.name else f"object #{obj.id}"
            where = f"{label} (layer {layer_name})"
            if obj.class_ != "area" and obj.name not in area_layers:
                # WorkAdventure's `start` object of any class (a point, too) is the spawn
                areas.append(_start_object(obj, dx, dy, tile))
                area_layers[obj.name] = layer_name
                continue
            numbers = (obj.coordinates.x, obj.coordinates.y, obj.size.width, obj.size.height)
            if not isinstance(obj.name, str) or not all(_is_number(n) for n in numbers):
                out.add(where, "malformed object: name must be text, x/y/width/height numbers")
                continue
            shape = _shape(obj)
            if shape != "rectangle":
                out.warn(where, f"an area must be a rectangle, this is {shape}: ignored")
                continue
            if obj.rotation:
                out.warn(where, "a rotated area is not supported: ignored")
                continue
            if obj.size.width <= 0 or obj.size.height <= 0:
                out.warn(where, "the area has no size: ignored")
                continue
            if not obj.name.strip():
                out.add(where, "the area has no name")
                continue
            if obj.name in area_layers:
                out.add(where, f"duplicate area name (also in layer {area_layers[obj.name]})")
                continue
            rect = Rect(
                obj.coordinates.x + dx, obj.coordinates.y + dy, obj.size.width, obj.size.height
            )
            props = _plain_properties(obj.properties, where, out)
            areas.append(Area(obj.name, rect, _exit_from_venue(props, out.file)))
            area_layers[obj.name] = layer_name
    for layer, layer_name, _, _, _ in _walk(layers):
        if not isinstance(layer, TileLayer):
            continue
        props = _plain_properties(layer.properties, f"layer {layer_name!r}", out)
        if not is_zone_layer(layer.name, props):
            continue
        props = _exit_from_venue(props, out.file)
        cells = [
            (tx, ty)
            for ty, row in enumerate(layer.data or [])
            for tx, gid in enumerate(row)
            if isinstance(gid, int) and gid & _GID_MASK
        ]
        for area in layer_areas(layer_name, props, cells, tile, f"layer {layer_name!r}", out.warn):
            if area.name in area_layers:
                out.add(f"layer {layer_name!r}", f"duplicate area name {area.name!r}")
                continue
            areas.append(area)
            area_layers[area.name] = layer_name
    return areas, area_layers


def _start_object(obj: TiledObject, dx: float, dy: float, tile: tuple[int, int]) -> Area:
    """A `start` object as an entry: its rectangle, or the tile under a point."""
    x, y = obj.coordinates.x + dx, obj.coordinates.y + dy
    if obj.size.width > 0 and obj.size.height > 0:
        return Area("start", Rect(x, y, obj.size.width, obj.size.height), {"start": True})
    tw, th = tile
    return Area("start", Rect(x // tw * tw, y // th * th, tw, th), {"start": True})


def _exit_from_venue(props: dict[str, PropertyValue], map_file: str) -> dict[str, PropertyValue]:
    """A door's target map, written relative to its own map as in WorkAdventure, made
    relative to the venue folder (`../b/x.tmj#in` in `a/m.tmj` is `b/x.tmj#in`)."""
    url = props.get("exitUrl")
    folder = posixpath.dirname(map_file)
    if not isinstance(url, str) or not folder:
        return props
    target, hash_, entry = url.partition("#")
    if not target.endswith((".tmj", ".json")) or "://" in target or target.startswith("/"):
        return props
    return props | {"exitUrl": posixpath.normpath(posixpath.join(folder, target)) + hash_ + entry}


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _shape(obj: TiledObject) -> str:
    """The object's shape in words, for messages."""
    shapes: list[tuple[type[TiledObject], str]] = [
        (Ellipse, "an ellipse"),
        (Point, "a point"),
        (Polygon, "a polygon"),
        (Polyline, "a polyline"),
        (TileObject, "a tile object"),
        (TextObject, "a text object"),
        (Rectangle, "rectangle"),
    ]
    return next((word for cls, word in shapes if isinstance(obj, cls)), "an unknown object")


def _plain_properties(
    properties: Mapping[str, object] | None, where: str, out: _Collector
) -> dict[str, PropertyValue]:
    """Custom properties as plain values (WorkAdventure's translated), checking the ones we
    interpret."""
    plain: dict[str, PropertyValue] = {}
    for key, value in (properties or {}).items():
        if isinstance(value, str | int | float | bool):
            plain[key] = value
        elif isinstance(value, Color):
            plain[key] = f"#{value.alpha:02x}{value.red:02x}{value.green:02x}{value.blue:02x}"
        elif isinstance(value, os.PathLike):
            plain[key] = Path(value).as_posix()
        else:
            out.warn(where, f"property {key!r} has a type we do not read: ignored")
    for key in _BOOL_PROPERTIES:
        if key in plain and not isinstance(plain[key], bool):
            out.warn(where, f"property {key!r} should be a bool, is {plain[key]!r}")
    for key in _STRING_PROPERTIES:
        if key in plain and not isinstance(plain[key], str):
            out.add(where, f"property {key!r} should be a string, is {plain[key]!r}")
            del plain[key]
    return translate(plain, where, out.warn, out.ignored)


def _check_conventions(layers: list[Layer], areas: list[Area], out: _Collector) -> None:
    """Warn about older-style maps and missing conventions; an entry is required."""
    walked = list(_walk(layers))
    object_layers = {layer.name for layer, *_ in walked if isinstance(layer, ObjectLayer)}
    if "floorLayer" not in object_layers:
        out.warn("", "no object layer named floorLayer (avatars are drawn at its level)")
    if not any(area.kind is AreaKind.ENTRY for area in areas):
        out.add("", "no entry area (start=true), start object or start layer")


def _check_tileset_images(
    tilesets: dict[int, Tileset],
    raw: dict[str, Any],
    map_dir: Path,
    out: _Collector,
    root: Path | None,
) -> None:
    """Report tileset images that are not there (an error inside a venue, which serves only
    existing images under its root; else a warning: the map still walks, but draws blank)."""
    sources = {t.get("firstgid"): t.get("source") for t in raw["tilesets"] if isinstance(t, dict)}
    severity: Severity = "warning" if root is None else "error"
    for firstgid, tileset in sorted(tilesets.items()):
        source = sources.get(firstgid)
        where = f"tileset {tileset.name!r}" + (f" ({source})" if source else "")
        images = [tileset.image] if tileset.image is not None else []
        images += [t.image for t in (tileset.tiles or {}).values() if t.image is not None]
        outside = [i for i in images if root is not None and not inside(root, _resolve(map_dir, i))]
        missing = [i for i in images if i not in outside and not _resolve(map_dir, i).is_file()]
        for what, found in (
            ("lies outside the venue's root (asset_root)", outside),
            ("not found", missing),
        ):
            if len(found) == 1:
                out.add(where, f"image {_relative(found[0], map_dir)} {what}", severity)
            elif found:
                noun = "images" if tileset.image is not None else "tile images"
                verb = what.replace("lies", "lie")
                example = _relative(found[0], map_dir)
                reason = f"{len(found)} of {len(images)} {noun} {verb}, e.g. {example}"
                out.add(where, reason, severity)


def inside(root: Path, path: Path) -> bool:
    """Whether `path` (after following `..` and links) lies in `root`, no part hidden."""
    resolved = path.resolve()
    return resolved.is_relative_to(root) and not any(
        part.startswith(".") for part in resolved.relative_to(root).parts
    )


def _resolve(map_dir: Path, image: Path) -> Path:
    # pytiled-parser resolves images of external tilesets, embedded ones stay map-relative.
    return image if image.is_absolute() else map_dir / image


def _relative(image: Path, map_dir: Path) -> str:
    return Path(os.path.relpath(_resolve(map_dir, image), map_dir)).as_posix()


def _name_of(raw_tileset: object) -> str:
    return str(raw_tileset.get("name", "?")) if isinstance(raw_tileset, dict) else "?"


def _describe(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return f"missing key {exc}"
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
