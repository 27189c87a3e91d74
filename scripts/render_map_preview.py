"""Render a Tiled JSON map (csv layers, one external tileset) to a PNG with its areas outlined.

Usage: render_map_preview.py MAP.tmj OUT.png
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw

AREA_COLOURS = {
    "exitUrl": "#E03C31",
    "start": "#1E88E5",
    "booth": "#8E24AA",
    "stage": "#F9A825",
    "table": "#2E7D32",
    "silent": "#546E7A",
}
GID_MASK = 0x1FFFFFFF  # strips Tiled's flip flags


def load_tiles(map_path: Path, tilesets: list[dict[str, Any]]) -> dict[int, Image.Image]:
    """Cut every tileset image into tiles, keyed by gid."""
    tiles: dict[int, Image.Image] = {}
    for ref in tilesets:
        tileset_path = map_path.parent / ref["source"] if "source" in ref else map_path
        tileset = json.loads(tileset_path.read_text(encoding="utf-8")) if "source" in ref else ref
        sheet = Image.open(tileset_path.parent / tileset["image"]).convert("RGBA")
        tw, th, columns = tileset["tilewidth"], tileset["tileheight"], tileset["columns"]
        for index in range(tileset["tilecount"]):
            x, y = (index % columns) * tw, (index // columns) * th
            tiles[ref["firstgid"] + index] = sheet.crop((x, y, x + tw, y + th))
    return tiles


def draw_tile_layer(
    canvas: Image.Image, layer: dict[str, Any], tiles: dict[int, Image.Image]
) -> None:
    """Composite one csv tile layer onto the canvas."""
    width = layer["width"]
    for index, raw in enumerate(layer["data"]):
        gid = raw & GID_MASK
        if gid:
            tile = tiles[gid]
            pos = ((index % width) * tile.width, (index // width) * tile.height)
            canvas.alpha_composite(tile, pos)


def area_colour(obj: dict[str, Any]) -> str:
    """Outline colour by the area's most telling property."""
    names = {p["name"] for p in obj.get("properties", [])}
    return next((c for key, c in AREA_COLOURS.items() if key in names), "#000000")


def is_area(obj: dict[str, Any]) -> bool:
    """True for objects whose class or type is `area`."""
    return "area" in (obj.get("class"), obj.get("type"))


def draw_areas(canvas: Image.Image, objects: list[dict[str, Any]]) -> None:
    """Outline area rectangles and label them with their names."""
    draw = ImageDraw.Draw(canvas)
    for obj in filter(is_area, objects):
        x, y, w, h = obj["x"], obj["y"], obj["width"], obj["height"]
        colour = area_colour(obj)
        draw.rectangle((x, y, x + w - 1, y + h - 1), outline=colour, width=2)
        label_box = draw.textbbox((x + 3, y + 2), obj["name"])
        draw.rectangle(label_box, fill="#FFFFFFCC")
        draw.text((x + 3, y + 2), obj["name"], fill=colour)


def render(map_path: Path) -> Image.Image:
    """The map's tile layers composited, with areas drawn on top."""
    doc = json.loads(map_path.read_text(encoding="utf-8"))
    tiles = load_tiles(map_path, doc["tilesets"])
    size = (doc["width"] * doc["tilewidth"], doc["height"] * doc["tileheight"])
    canvas = Image.new("RGBA", size, "#202020")
    layers = [layer for layer in doc["layers"] if layer.get("visible", True)]
    for layer in layers:
        if layer["type"] == "tilelayer":
            draw_tile_layer(canvas, layer, tiles)
    overlay = Image.new("RGBA", size, (0, 0, 0, 0))
    for layer in layers:
        if layer["type"] == "objectgroup":
            draw_areas(overlay, layer["objects"])
    canvas.alpha_composite(overlay)
    return canvas


def main(argv: list[str]) -> None:
    """Render MAP.tmj to OUT.png."""
    if len(argv) != 3:
        raise SystemExit(__doc__)
    out = Path(argv[2])
    out.parent.mkdir(parents=True, exist_ok=True)
    render(Path(argv[1])).save(out)
    print(f"wrote {out}")


if __name__ == "__main__":
    main(sys.argv)
