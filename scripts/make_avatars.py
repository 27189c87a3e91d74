"""Draw the avatars' characters and the emote icons (own flat-style art) as PNG sprite sheets.

static/img/avatars.png: one row per look (figure x colour, in the order of venue.domain.looks),
12 frames of 32x48 per row: facing down, left, right, up, each standing and two steps.
static/img/emotes.png: one 32x32 bubble per emote shown over an avatar (wave, applause, hand).
Run `python scripts/make_avatars.py` after changing the looks; the PNGs are committed.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from venue.domain.looks import COLOUR_HEX, Colour, Figure  # noqa: E402

W, H = 32, 48  # one frame
SCALE = 4  # painted at 4x and downsampled: smooth edges
DIRECTIONS = ("down", "left", "right", "up")
STEPS = (0, 1, -1)  # standing, left foot forward, right foot forward
OUT = ROOT / "static" / "img"

# (skin, hair) per figure: every look differs in more than its colour
FEATURES: dict[Figure, tuple[str, str]] = {
    Figure.SHORT: ("#f1c7a5", "#4a3326"),
    Figure.LONG: ("#8d5a3b", "#1f1a17"),
    Figure.BUN: ("#e0ac84", "#b5651d"),
    Figure.CAP: ("#5c3a24", "#1f1a17"),
    Figure.CURLS: ("#c68b5e", "#2b1d14"),
    Figure.BEANIE: ("#f3d2b8", "#d8b25a"),
}
TROUSERS = "#2b3440"
SHOES = "#1b2128"
OUTLINE = "#17262b"


class Pen:
    """Draws on a supersampled canvas in frame pixels."""

    def __init__(self, image: Image.Image) -> None:
        self.draw = ImageDraw.Draw(image)

    @staticmethod
    def _box(x0: float, y0: float, x1: float, y1: float) -> tuple[int, int, int, int]:
        return (round(x0 * SCALE), round(y0 * SCALE), round(x1 * SCALE) - 1, round(y1 * SCALE) - 1)

    def rect(self, box: tuple[float, float, float, float], fill: str, radius: float = 0) -> None:
        self.draw.rounded_rectangle(self._box(*box), round(radius * SCALE), fill=fill)

    def ellipse(self, box: tuple[float, float, float, float], fill: str) -> None:
        self.draw.ellipse(self._box(*box), fill=fill)

    def circle(self, cx: float, cy: float, r: float, fill: str) -> None:
        self.ellipse((cx - r, cy - r, cx + r, cy + r), fill)

    def polygon(self, points: list[tuple[float, float]], fill: str) -> None:
        self.draw.polygon([(round(x * SCALE), round(y * SCALE)) for x, y in points], fill=fill)

    def line(self, points: list[tuple[float, float]], fill: str, width: float) -> None:
        scaled = [(round(x * SCALE), round(y * SCALE)) for x, y in points]
        self.draw.line(scaled, fill=fill, width=round(width * SCALE), joint="curve")


def shade(colour: str, factor: float) -> str:
    """The colour darker (factor < 1) or lighter (> 1)."""
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    if factor < 1:
        rgb = [round(c * factor) for c in rgb]
    else:
        rgb = [round(c + (255 - c) * (factor - 1)) for c in rgb]
    return "#" + "".join(f"{c:02x}" for c in rgb)


def legs(p: Pen, direction: str, step: int) -> None:
    if direction in ("down", "up"):
        for side, x in ((-1, 11), (1, 17)):
            lift = 2 * step * side  # one leg forward (shorter), the other back
            p.rect((x, 36, x + 4, 45 - max(lift, 0)), TROUSERS, radius=1.5)
            p.rect((x - 0.5, 43 - max(lift, 0), x + 4.5, 46 - max(lift, 0)), SHOES, radius=1.5)
    else:
        sign = -1 if direction == "left" else 1
        for offset in (step * 3 * sign, -step * 3 * sign):
            x = 14 + offset
            p.rect((x, 36, x + 4, 45), TROUSERS, radius=1.5)
            p.rect((x - 0.5 + sign, 43, x + 4.5 + sign, 46), SHOES, radius=1.5)


def body(p: Pen, direction: str, step: int, shirt: str) -> None:
    sleeve = shade(shirt, 0.8)
    swing = 2 * step
    if direction in ("down", "up"):
        p.rect((6.5, 23 + swing, 10.5, 34 + swing), sleeve, radius=2)
        p.rect((21.5, 23 - swing, 25.5, 34 - swing), sleeve, radius=2)
        p.rect((9, 21, 23, 38), shirt, radius=5)
        if direction == "down":
            p.polygon([(13, 21), (19, 21), (16, 25)], shade(shirt, 1.45))
    else:
        p.rect((10, 21, 22, 38), shirt, radius=5)
        sign = -1 if direction == "left" else 1
        p.rect((14 + swing * sign, 23, 18 + swing * sign, 34), sleeve, radius=2)


def head(p: Pen, direction: str, figure: Figure) -> None:
    skin, hair = FEATURES[figure]
    if figure is Figure.LONG and direction != "up":  # hair falls behind the shoulders
        p.rect((7.5, 10, 24.5, 27), hair, radius=5)
    p.circle(16, 13, 8.5, skin)
    if direction == "up":
        p.circle(16, 12.5, 8.6, hair)
        if figure is Figure.LONG:
            p.rect((7.5, 12, 24.5, 27), hair, radius=5)
    else:
        hair_top(p, direction, figure, hair)
        face(p, direction)
    headwear(p, direction, figure, hair)


def hair_top(p: Pen, direction: str, figure: Figure, hair: str) -> None:
    if figure is Figure.CURLS:
        for cx, cy in ((9.5, 9), (13, 6), (17, 5.5), (21, 7), (23, 11), (8.5, 12.5)):
            p.circle(cx, cy, 3.4, hair)
        return
    if figure in (Figure.CAP, Figure.BEANIE):
        return
    p.ellipse((7.3, 4, 24.7, 14), hair)
    if direction == "left":
        p.rect((17, 6, 24.7, 17), hair, radius=3)
    elif direction == "right":
        p.rect((7.3, 6, 15, 17), hair, radius=3)


def face(p: Pen, direction: str) -> None:
    eyes = {"down": (12.8, 19.2), "left": (11,), "right": (21,)}[direction]
    for x in eyes:
        p.ellipse((x - 1.1, 13, x + 1.1, 15.6), OUTLINE)
    if direction == "down":
        p.rect((14, 17.5, 18, 18.5), shade(OUTLINE, 1.8), radius=0.5)


def headwear(p: Pen, direction: str, figure: Figure, hair: str) -> None:
    if figure is Figure.BUN:
        p.circle(16, 3.5, 3.6, hair)
    elif figure is Figure.CAP:
        p.ellipse((7.3, 4, 24.7, 13.5), "#e8e4da")
        p.rect((7.3, 9, 24.7, 11), "#c9413a")
        brim = {"down": (10, 10, 22, 13), "left": (3, 9.5, 13, 12), "right": (19, 9.5, 29, 12)}
        if direction in brim:
            p.rect(brim[direction], "#c9413a", radius=1.5)
    elif figure is Figure.BEANIE:
        p.ellipse((7, 3, 25, 14), "#2f6f9f")
        p.rect((7, 9, 25, 12.5), "#255a82", radius=1.5)
        p.circle(16, 2.8, 2.6, "#f4f2ee")


def frame(figure: Figure, colour: Colour, direction: str, step: int) -> Image.Image:
    big = Image.new("RGBA", (W * SCALE, H * SCALE), (0, 0, 0, 0))
    p = Pen(big)
    shirt = COLOUR_HEX[colour]
    legs(p, direction, step)
    body(p, direction, step, shirt)
    head(p, direction, figure)
    return big.resize((W, H), Image.Resampling.LANCZOS)


def avatar_sheet() -> Image.Image:
    looks = [(f, c) for f in Figure for c in Colour]
    columns = len(DIRECTIONS) * len(STEPS)
    sheet = Image.new("RGBA", (columns * W, len(looks) * H), (0, 0, 0, 0))
    for row, (figure, colour) in enumerate(looks):
        for d, direction in enumerate(DIRECTIONS):
            for s, step in enumerate(STEPS):
                sheet.paste(frame(figure, colour, direction, step), ((d * 3 + s) * W, row * H))
    return sheet


# ---------------------------------------------------------------- emotes

E = 32
SKIN = "#f2c14e"  # emoji yellow
SKIN_LINE = "#b07d12"


def hand(p: Pen, cx: float, cy: float, tilt: float = 0) -> None:
    """An open hand, palm to the viewer, fingers up (tilt shifts the fingertips sideways)."""
    for i, (dx, length) in enumerate(((-4.5, 7), (-1.5, 8.5), (1.5, 8.5), (4.5, 7))):
        x = cx + dx + tilt * (i - 1.5) * 0.3
        p.rect((x - 1.3 + tilt, cy - length, x + 1.3 + tilt, cy + 1), SKIN, radius=1.3)
    p.rect((cx - 6, cy - 2, cx + 6, cy + 7), SKIN, radius=4)
    p.polygon([(cx - 6, cy + 3), (cx - 10, cy - 2), (cx - 8, cy - 4), (cx - 4, cy)], SKIN)
    p.line([(cx - 6, cy + 7), (cx + 6, cy + 7)], SKIN_LINE, 0.6)


def bubble(p: Pen, fill: str = "#ffffff", ring: str = OUTLINE) -> None:
    p.circle(16, 16, 15, ring)
    p.circle(16, 16, 13.6, fill)


def wave(p: Pen) -> None:
    bubble(p)
    hand(p, 17, 19, tilt=1.5)
    for x in (5.5, 8):  # motion lines beside the waving hand
        p.line([(x + 1, 9), (x - 0.5, 13), (x + 1, 17)], "#2f7fc1", 1.6)


def applause(p: Pen) -> None:
    bubble(p)
    hand(p, 12, 19, tilt=-1)
    hand(p, 20, 19, tilt=1)
    for x, y in ((6, 6), (26, 6), (16, 3.5)):
        p.line([(x, y - 2), (x, y + 2)], "#c2410c", 1.2)
        p.line([(x - 2, y), (x + 2, y)], "#c2410c", 1.2)


def raised(p: Pen) -> None:
    bubble(p, "#fde2b0", ring="#c2410c")
    hand(p, 16, 19)


EMOTES: list[Callable[[Pen], None]] = [wave, applause, raised]


def emote_sheet() -> Image.Image:
    sheet = Image.new("RGBA", (len(EMOTES) * E, E), (0, 0, 0, 0))
    for index, paint in enumerate(EMOTES):
        big = Image.new("RGBA", (E * SCALE, E * SCALE), (0, 0, 0, 0))
        paint(Pen(big))
        sheet.paste(big.resize((E, E), Image.Resampling.LANCZOS), (index * E, 0))
    return sheet


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    # 256 colours with alpha: a seventh of the size, no visible difference at 32x48
    sheet = avatar_sheet().quantize(256, Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    sheet.save(OUT / "avatars.png", optimize=True)
    emote_sheet().save(OUT / "emotes.png", optimize=True)
    print(f"wrote {OUT / 'avatars.png'} and emotes.png")


if __name__ == "__main__":
    main()
