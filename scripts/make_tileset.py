"""Draw the seed venue's tileset (own flat-style art) and write it as PNG plus Tiled tileset."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

TILE = 32
COLUMNS = 8
SCALE = 4  # tiles are painted at 4x and downsampled, which gives smooth edges
OUT_DIR = Path(__file__).resolve().parent.parent / "maps" / "lausitz-2021" / "tilesets"

Box = tuple[float, float, float, float]


class Pen:
    """Draws on one supersampled tile using 32x32 tile coordinates."""

    def __init__(self, image: Image.Image) -> None:
        self.draw = ImageDraw.Draw(image)

    @staticmethod
    def _scaled(box: Box) -> tuple[int, int, int, int]:
        x0, y0, x1, y1 = box
        return (
            round(x0 * SCALE),
            round(y0 * SCALE),
            round(x1 * SCALE) - 1,
            round(y1 * SCALE) - 1,
        )

    def rect(self, box: Box, fill: str, radius: float = 0) -> None:
        """Fill a (rounded) rectangle; box is (x0, y0, x1, y1), x1/y1 exclusive."""
        if radius:
            self.draw.rounded_rectangle(self._scaled(box), round(radius * SCALE), fill=fill)
        else:
            self.draw.rectangle(self._scaled(box), fill=fill)

    def ellipse(self, box: Box, fill: str) -> None:
        """Fill an ellipse inside box."""
        self.draw.ellipse(self._scaled(box), fill=fill)

    def circle(self, cx: float, cy: float, r: float, fill: str) -> None:
        """Fill a circle around (cx, cy)."""
        self.ellipse((cx - r, cy - r, cx + r, cy + r), fill)

    def polygon(self, points: list[tuple[float, float]], fill: str) -> None:
        """Fill a polygon given in tile coordinates."""
        self.draw.polygon([(round(x * SCALE), round(y * SCALE)) for x, y in points], fill=fill)


Painter = Callable[[Pen], None]


@dataclass(frozen=True)
class TileSpec:
    """One tile: its class name, whether it blocks movement, and how to paint it."""

    name: str
    collides: bool
    paint: Painter


# ---------------------------------------------------------------- floors


def planks(base: str, line: str, height: int = 8) -> Painter:
    """Horizontal floor boards with staggered joints (tiles seamlessly)."""

    def paint(p: Pen) -> None:
        p.rect((0, 0, TILE, TILE), base)
        for row, y in enumerate(range(0, TILE, height)):
            p.rect((0, y + height - 1, TILE, y + height), line)
            joint = 6 + (row * 11) % 24
            p.rect((joint, y, joint + 1, y + height - 1), line)

    return paint


def carpet(base: str, fleck: str) -> Painter:
    """Plain carpet with a fine, regular fleck pattern (tiles seamlessly)."""

    def paint(p: Pen) -> None:
        p.rect((0, 0, TILE, TILE), base)
        for y in range(2, TILE, 8):
            for x in range(2 + (y // 8 % 2) * 4, TILE, 8):
                p.rect((x, y, x + 1.5, y + 1.5), fleck)

    return paint


def floor_tiles(p: Pen) -> None:
    """Light stone tiles in a 16 px grid."""
    p.rect((0, 0, TILE, TILE), "#E7E3DB")
    p.rect((1, 1, 15, 15), "#EEEBE4")
    p.rect((17, 17, 31, 31), "#EEEBE4")
    for v in (0, 16):
        p.rect((v, 0, v + 1, TILE), "#D6D0C5")
        p.rect((0, v, TILE, v + 1), "#D6D0C5")


def stage_edge(p: Pen) -> None:
    """Stage boards with the stage's lit front edge at the bottom."""
    planks("#6E5242", "#5E4537")(p)
    p.rect((0, 24, TILE, 28), "#9C7B61")
    p.rect((0, 28, TILE, TILE), "#3E2E25")


def rug(p: Pen) -> None:
    """Muted patterned rug (tiles seamlessly)."""
    p.rect((0, 0, TILE, TILE), "#A8675E")
    for cx, cy in ((0, 0), (32, 0), (0, 32), (32, 32), (16, 16)):
        p.polygon([(cx, cy - 6), (cx + 6, cy), (cx, cy + 6), (cx - 6, cy)], "#B5766C")
        p.circle(cx, cy, 1.5, "#D9B98C")


def door(p: Pen) -> None:
    """Open doorway: light threshold with a plain door mat."""
    p.rect((0, 0, TILE, TILE), "#B9BEC3")
    p.rect((3, 3, 29, 29), "#5E6A75", radius=4)
    p.rect((5, 5, 27, 27), "#6E7A85", radius=3)


# ---------------------------------------------------------------- walls


def wall_top(p: Pen) -> None:
    """Top of a wall seen from above."""
    p.rect((0, 0, TILE, TILE), "#44536A")


def wall_front(p: Pen) -> None:
    """Visible face of the upper wall with a skirting board."""
    p.rect((0, 0, TILE, TILE), "#E3DDD2")
    p.rect((0, 0, TILE, 3), "#CFC8BB")
    p.rect((0, 27, TILE, TILE), "#A99F90")


def wall_window(p: Pen) -> None:
    """Wall face with a window."""
    wall_front(p)
    p.rect((5, 5, 27, 24), "#FFFFFF", radius=1)
    p.rect((7, 7, 25, 22), "#9FCBE6")
    p.polygon([(7, 17), (15, 7), (19, 7), (7, 21)], "#BBDCF0")
    p.rect((15.5, 7, 16.5, 22), "#FFFFFF")


def info_board(p: Pen) -> None:
    """Wall face with a pin board full of notes."""
    wall_front(p)
    p.rect((2, 4, 30, 25), "#2F6F8F", radius=2)
    p.rect((4, 6, 28, 23), "#E9D9B5")
    for (x, y), colour in zip(
        ((6, 8), (16, 7), (9, 15), (20, 15)),
        ("#F4E04D", "#8FD18B", "#F29E7C", "#9CC9F0"),
        strict=True,
    ):
        p.rect((x, y, x + 7, y + 6), colour)


def whiteboard(p: Pen) -> None:
    """Wall face with a whiteboard (tiles horizontally)."""
    wall_front(p)
    p.rect((0, 4, TILE, 24), "#9AA3AD")
    p.rect((0, 6, TILE, 22), "#FAFAF7")
    p.rect((4, 10, 20, 11.5), "#3B6FB6")
    p.rect((4, 15, 26, 16.5), "#C4504A")
    p.rect((0, 24, TILE, 26), "#BFC5CC")


def screen(p: Pen) -> None:
    """Wall face with a projection screen (tiles horizontally)."""
    wall_front(p)
    p.rect((0, 3, TILE, 26), "#1F2A38")
    p.rect((0, 5, TILE, 24), "#2E4C6D")
    p.rect((0, 5, TILE, 8), "#3C6A94")


# ---------------------------------------------------------------- furniture


def lectern(p: Pen) -> None:
    """Lectern with microphone, seen from above."""
    p.rect((7, 9, 25, 29), "#2D2F33", radius=3)
    p.rect((8, 10, 24, 27), "#4A6FA5", radius=2)
    p.rect((10, 12, 22, 18), "#F0F0EC")
    p.rect((15.5, 4, 16.5, 11), "#1A1A1A")
    p.circle(16, 4, 2, "#1A1A1A")


def plant(p: Pen) -> None:
    """Large potted plant."""
    p.circle(16, 18, 9, "#B98B63")
    p.circle(16, 18, 7, "#6B4B34")
    for cx, cy, r, colour in (
        (11, 11, 7, "#3F8A4F"),
        (21, 11, 7, "#3F8A4F"),
        (16, 20, 8, "#3F8A4F"),
        (10, 19, 5, "#55A866"),
        (22, 18, 6, "#55A866"),
        (16, 8, 6, "#6BC07A"),
    ):
        p.circle(cx, cy, r, colour)


def flowerpot(p: Pen) -> None:
    """Small pot with a flowering plant."""
    p.rect((10, 18, 22, 28), "#D27D55", radius=2)
    p.circle(16, 14, 7, "#4E9A5B")
    for cx, cy in ((12, 12), (19, 11), (16, 17)):
        p.circle(cx, cy, 2.2, "#F2C94C")


def table(p: Pen) -> None:
    """Wooden table top (a few side by side form a table group)."""
    p.rect((1, 2, 31, 31), "#00000022", radius=3)
    p.rect((1, 1, 31, 29), "#C69C6D", radius=3)
    p.rect((3, 3, 29, 27), "#D9B58A", radius=2)


def coffee_table(p: Pen) -> None:
    """Round low table with a cup."""
    p.circle(16, 17, 12, "#00000022")
    p.circle(16, 16, 12, "#8A6A52")
    p.circle(16, 16, 10, "#A9856A")
    p.circle(20, 12, 3, "#F6F3EE")
    p.circle(20, 12, 1.8, "#7A4E2D")


def counter(front: str, top: str, edge: str) -> Painter:
    """Counter that tiles horizontally: a top surface and its front face."""

    def paint(p: Pen) -> None:
        p.rect((0, 4, TILE, 30), edge)
        p.rect((0, 5, TILE, 16), top)
        p.rect((0, 16, TILE, 29), front)

    return paint


def bar_shelf(p: Pen) -> None:
    """Back bar with shelves of bottles (tiles horizontally)."""
    p.rect((0, 0, TILE, TILE), "#4B3427")
    p.rect((0, 12, TILE, 14), "#2E2019")
    p.rect((0, 26, TILE, 28), "#2E2019")
    colours = ("#5FA36B", "#C9603F", "#E4B64C", "#6B8CC7", "#B9D6E6", "#8E4F7D")
    for shelf, base in enumerate((12, 26)):
        for i in range(5):
            x = 2 + i * 6
            h = 7 + (i * 3 + shelf) % 4
            p.rect((x, base - h, x + 4, base), colours[(i + shelf * 2) % len(colours)], radius=1)


def bookshelf(p: Pen) -> None:
    """Bookshelf seen from the front (tiles vertically)."""
    p.rect((0, 0, TILE, TILE), "#7A573E")
    colours = ("#3B6FB6", "#C4504A", "#E4B64C", "#4E9A5B", "#8E4F7D", "#E7E3DB")
    for shelf, base in enumerate((14, 30)):
        p.rect((2, base - 12, 30, base), "#5A3F2C")
        for i in range(6):
            x = 3 + i * 4.5
            p.rect((x, base - 10 + (i + shelf) % 3, x + 3.5, base), colours[(i + shelf) % 6])


def chair(direction: str) -> Painter:
    """Chair seen from above; direction is where the sitter looks (n, s, e, w)."""

    def paint(p: Pen) -> None:
        p.rect((8, 8, 24, 24), "#3A4350", radius=4)
        p.rect((9, 9, 23, 23), "#5C6B7E", radius=3)
        backs = {
            "n": (8, 22, 24, 27),
            "s": (8, 5, 24, 10),
            "e": (5, 8, 10, 24),
            "w": (22, 8, 27, 24),
        }
        p.rect(backs[direction], "#2C333D", radius=2)

    return paint


def bar_stool(p: Pen) -> None:
    """Round bar stool."""
    p.circle(16, 17, 8, "#00000022")
    p.circle(16, 16, 8, "#2C333D")
    p.circle(16, 16, 6, "#C9603F")


def sofa(back_at_top: bool) -> Painter:
    """Sofa piece that tiles horizontally; the backrest is at the top or bottom."""

    def paint(p: Pen) -> None:
        back: Box = (0, 3, TILE, 11) if back_at_top else (0, 21, TILE, 29)
        seat: Box = (0, 9, TILE, 23)
        p.rect((0, 3, TILE, 29), "#2F6470")
        p.rect(seat, "#3F8190")
        p.rect((15.5, seat[1] + 1, 16.5, seat[3] - 1), "#2F6470")
        p.rect(back, "#2A5A65")

    return paint


def booth_wall(colour: str, light: str, dark: str) -> Painter:
    """Booth back wall panel with a light stripe (tiles seamlessly)."""

    def paint(p: Pen) -> None:
        p.rect((0, 0, TILE, TILE), colour)
        p.rect((0, 10, TILE, 14), light)
        p.rect((0, 28, TILE, TILE), dark)

    return paint


def booth_logo(colour: str, light: str, dark: str, mark: str) -> Painter:
    """Booth wall panel with the exhibitor's logo: a white plate with a mark in its colour."""

    def paint(p: Pen) -> None:
        booth_wall(colour, light, dark)(p)
        p.rect((6, 3, 26, 25), "#F7F5F0", radius=3)
        if mark == "chevron":  # strategy: a way forward
            p.polygon([(10, 8), (17, 14), (10, 20), (13, 20), (20, 14), (13, 8)], dark)
            p.polygon([(15, 8), (22, 14), (15, 20), (18, 20), (25, 14), (18, 8)], colour)
        elif mark == "bulb":  # innovation: a light bulb
            p.circle(16, 12, 5.5, colour)
            p.rect((13.5, 16, 18.5, 21), dark, radius=1)
            for x0, y0, x1, y1 in (
                (9, 6, 10.5, 7.5),
                (21.5, 6, 23, 7.5),
                (7.5, 12, 9, 13.5),
                (23, 12, 24.5, 13.5),
            ):
                p.rect((x0, y0, x1, y1), light)
        elif mark == "bolt":  # energy: a lightning bolt
            p.polygon([(18, 5), (10, 15), (15, 15), (13, 23), (22, 12), (17, 12), (20, 5)], colour)
        else:  # education: an atom
            p.circle(16, 14, 2.5, dark)
            for box in ((8, 11, 24, 17), (13, 6, 19, 22)):
                p.ellipse(box, colour)
                p.ellipse((box[0] + 1.2, box[1] + 1.2, box[2] - 1.2, box[3] - 1.2), "#F7F5F0")
            p.circle(16, 14, 2.5, dark)

    return paint


def screen_slide(p: Pen) -> None:
    """Projection screen showing a slide: a heading bar, lines of text and a small chart."""
    screen(p)
    p.rect((0, 6, TILE, 23), "#F4F6F8")
    p.rect((2, 8, 22, 10), "#2E4C6D")
    for y, end in ((13, 18), (16, 24), (19, 14)):
        p.rect((2, y, end, y + 1), "#8A96A3")
    for x, top in ((25, 16), (27.5, 13), (30, 18)):
        p.rect((x, top, x + 1.8, 21), "#D77A2E")


def wall_plant(p: Pen) -> None:
    """Wall face with a shelf and a trailing plant."""
    wall_front(p)
    p.rect((6, 14, 26, 16), "#8C6A4F")
    p.rect((11, 8, 21, 14), "#C98D5E", radius=1.5)
    for cx, cy, r in ((12, 7, 4), (16, 5, 4.5), (20, 7, 4), (10, 12, 2.5), (22, 12, 2.5)):
        p.circle(cx, cy, r, "#3F8A4F")
    for x, bottom in ((9, 22), (12.5, 25), (20, 23), (23, 20)):
        p.rect((x, 14, x + 1.5, bottom), "#4E9A5C", radius=0.7)


def runner(p: Pen) -> None:
    """A teal carpet runner (tiles seamlessly in both directions)."""
    p.rect((0, 0, TILE, TILE), "#2F7F7A")
    for y in range(4, TILE, 8):
        p.rect((6, y, 26, y + 1), "#3A918B")


BOOTH_COLOURS = {
    "blue": ("#3E6FB0", "#7FA6DA", "#2E5486"),
    "green": ("#3F8F5F", "#7FC79A", "#2E6B47"),
    "orange": ("#D77A2E", "#F2B276", "#A85C20"),
    "purple": ("#7A4F9A", "#B18FCC", "#5B3A74"),
}

LOGO_MARKS = {"blue": "chevron", "green": "atom", "orange": "bolt", "purple": "bulb"}

TILES: list[TileSpec] = [
    TileSpec("wood", False, planks("#CDA67C", "#B78F66")),
    TileSpec("carpet_blue", False, carpet("#5D7FB3", "#6B8DC0")),
    TileSpec("carpet_green", False, carpet("#5E9B78", "#6CAA86")),
    TileSpec("carpet_terracotta", False, carpet("#C27A5C", "#CF8A6C")),
    TileSpec("carpet_grey", False, carpet("#8C929C", "#979DA6")),
    TileSpec("tiles", False, floor_tiles),
    TileSpec("stage", False, planks("#6E5242", "#5E4537")),
    TileSpec("stage_edge", False, stage_edge),
    TileSpec("rug", False, rug),
    TileSpec("door", False, door),
    TileSpec("wall_top", True, wall_top),
    TileSpec("wall_front", True, wall_front),
    TileSpec("wall_window", True, wall_window),
    TileSpec("info_board", True, info_board),
    TileSpec("whiteboard", True, whiteboard),
    TileSpec("screen", True, screen),
    TileSpec("lectern", True, lectern),
    TileSpec("plant", True, plant),
    TileSpec("flowerpot", True, flowerpot),
    TileSpec("table", True, table),
    TileSpec("coffee_table", True, coffee_table),
    TileSpec("bar_counter", True, counter("#5A4032", "#EDE6DA", "#3B2A20")),
    TileSpec("bar_shelf", True, bar_shelf),
    TileSpec("desk", True, counter("#2F8F8A", "#F4F2EE", "#236B67")),
    TileSpec("chair_north", False, chair("n")),
    TileSpec("chair_south", False, chair("s")),
    TileSpec("chair_east", False, chair("e")),
    TileSpec("chair_west", False, chair("w")),
    TileSpec("bar_stool", False, bar_stool),
    TileSpec("sofa_south", True, sofa(back_at_top=True)),
    TileSpec("sofa_north", True, sofa(back_at_top=False)),
    TileSpec("bookshelf", True, bookshelf),
    *(
        TileSpec(f"booth_counter_{name}", True, counter(colour, "#F7F5F0", "#2B2B2B"))
        for name, (colour, _, _) in BOOTH_COLOURS.items()
    ),
    *(
        TileSpec(f"booth_wall_{name}", True, booth_wall(*colours))
        for name, colours in BOOTH_COLOURS.items()
    ),
    # added later: appended, so the tiles above keep their ids in existing maps
    *(
        TileSpec(f"booth_logo_{name}", True, booth_logo(*colours, LOGO_MARKS[name]))
        for name, colours in BOOTH_COLOURS.items()
    ),
    TileSpec("screen_slide", True, screen_slide),
    TileSpec("wall_plant", True, wall_plant),
    TileSpec("runner", False, runner),
]


def render_tile(spec: TileSpec) -> Image.Image:
    """Paint one tile supersampled and scale it down to 32x32."""
    big = Image.new("RGBA", (TILE * SCALE, TILE * SCALE), (0, 0, 0, 0))
    spec.paint(Pen(big))
    return big.resize((TILE, TILE), Image.Resampling.LANCZOS)


def render_sheet(tiles: list[TileSpec]) -> Image.Image:
    """Lay all tiles out in a sheet of COLUMNS columns."""
    rows = -(-len(tiles) // COLUMNS)
    sheet = Image.new("RGBA", (COLUMNS * TILE, rows * TILE), (0, 0, 0, 0))
    for index, spec in enumerate(tiles):
        sheet.paste(render_tile(spec), ((index % COLUMNS) * TILE, (index // COLUMNS) * TILE))
    return sheet


def tile_entry(index: int, spec: TileSpec) -> dict[str, object]:
    """The Tiled JSON entry for one tile: class name, collides and (chairs) seat property."""
    entry: dict[str, object] = {"id": index, "type": spec.name}
    if spec.collides:
        entry["properties"] = [{"name": "collides", "type": "bool", "value": True}]
    elif spec.name.startswith("chair_"):
        entry["properties"] = [{"name": "seat", "type": "bool", "value": True}]
    return entry


def tileset_json(tiles: list[TileSpec], sheet: Image.Image, image_name: str) -> dict[str, object]:
    """The external Tiled 1.10 tileset (.tsj) describing the sheet."""
    return {
        "columns": COLUMNS,
        "image": image_name,
        "imageheight": sheet.height,
        "imagewidth": sheet.width,
        "margin": 0,
        "name": "venue",
        "spacing": 0,
        "tilecount": (sheet.width // TILE) * (sheet.height // TILE),
        "tiledversion": "1.10.2",
        "tileheight": TILE,
        "tiles": [tile_entry(index, spec) for index, spec in enumerate(tiles)],
        "tilewidth": TILE,
        "type": "tileset",
        "version": "1.10",
    }


def main() -> None:
    """Write venue.png and venue.tsj into the seed venue's tilesets folder."""
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    sheet = render_sheet(TILES)
    sheet.save(OUT_DIR / "venue.png", optimize=True)
    data = tileset_json(TILES, sheet, "venue.png")
    text = json.dumps(data, indent=1, ensure_ascii=False) + "\n"
    (OUT_DIR / "venue.tsj").write_text(text, encoding="utf-8")
    print(f"wrote {OUT_DIR / 'venue.png'} and venue.tsj ({len(TILES)} tiles)")


if __name__ == "__main__":
    main()
