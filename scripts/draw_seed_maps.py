"""Draw the six Tiled maps of the seed venue (lausitz-2021) and check they are walkable."""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterator
from pathlib import Path

MAP_DIR = Path(__file__).resolve().parent.parent / "maps" / "lausitz-2021"
TILESET_SOURCE = "tilesets/venue.tsj"
TILE = 32
TILE_LAYERS = ("floor", "walls", "furniture")
Cell = tuple[int, int]
Rect = tuple[int, int, int, int]  # x, y, width, height in tiles


def load_tileset(path: Path) -> tuple[dict[str, int], set[int]]:
    """Map tile class names to gids (firstgid 1) and collect the gids that collide."""
    data = json.loads(path.read_text(encoding="utf-8"))
    gids: dict[str, int] = {}
    colliding: set[int] = set()
    for tile in data["tiles"]:
        gid = tile["id"] + 1
        gids[tile["type"]] = gid
        props = {p["name"]: p["value"] for p in tile.get("properties", [])}
        if props.get("collides") is True:
            colliding.add(gid)
    return gids, colliding


GIDS, COLLIDING = load_tileset(MAP_DIR / TILESET_SOURCE)


def tiled_property(name: str, value: bool | str) -> dict[str, object]:
    """A Tiled custom property of type bool or string."""
    kind = "bool" if isinstance(value, bool) else "string"
    return {"name": name, "type": kind, "value": value}


def cells(rect: Rect) -> Iterator[Cell]:
    """All tile cells of a rectangle."""
    x, y, w, h = rect
    for cy in range(y, y + h):
        for cx in range(x, x + w):
            yield cx, cy


class Room:
    """One space being drawn: tile layers, area objects and a walkability check."""

    def __init__(
        self, space: str, name: str, size: tuple[int, int], floor: str, class_key: str = "class"
    ) -> None:
        self.space = space
        self.name = name
        self.width, self.height = size
        self.class_key = class_key
        self.layers = {layer: [0] * (self.width * self.height) for layer in TILE_LAYERS}
        self.areas: list[tuple[str, Rect, dict[str, bool | str]]] = []
        self.fill("floor", (0, 0, self.width, self.height), floor)

    # ------------------------------------------------------------ drawing

    def fill(self, layer: str, rect: Rect, tile: str | None) -> None:
        """Set every cell of rect on layer to tile (None clears)."""
        gid = GIDS[tile] if tile else 0
        for x, y in cells(rect):
            self.layers[layer][y * self.width + x] = gid

    def place(self, tile: str, x: int, y: int, w: int = 1, h: int = 1) -> None:
        """Put furniture tiles into the rectangle (x, y, w, h)."""
        self.fill("furniture", (x, y, w, h), tile)

    def wall_box(self, front: str = "wall_front") -> None:
        """Surround the room with walls; the top wall also shows its front face."""
        w, h = self.width, self.height
        for rect in ((0, 0, w, 1), (0, h - 1, w, 1), (0, 0, 1, h), (w - 1, 0, 1, h)):
            self.fill("walls", rect, "wall_top")
        self.fill("walls", (1, 1, w - 2, 1), front)

    def on_wall(self, tile: str, x: int, w: int = 1) -> None:
        """Replace part of the top wall's front face (windows, screens, boards)."""
        self.fill("walls", (x, 1, w, 1), tile)

    def area(self, name: str, rect: Rect, **props: bool | str) -> None:
        """Add a rectangle area object with custom properties."""
        self.areas.append((name, rect, props))

    def doorway(self, side: str, at: int, target: str) -> None:
        """Open the outer wall, add door `to-<target>` and entry `from-<target>` inside it."""
        w, h = self.width, self.height
        openings: dict[str, tuple[Rect, Rect]] = {
            "top": ((at, 0, 2, 2), (at, 3, 2, 1)),
            "bottom": ((at, h - 1, 2, 1), (at, h - 3, 2, 1)),
            "left": ((0, at, 1, 2), (2, at, 1, 2)),
            "right": ((w - 1, at, 1, 2), (w - 3, at, 1, 2)),
        }
        door, entry = openings[side]
        self.fill("walls", door, None)
        self.fill("floor", door, "door")
        self.area(f"to-{target}", door, exitUrl=f"{target}.tmj#from-{self.space}")
        self.area(f"from-{target}", entry, start=True)

    def table_group(self, x: int, y: int, w: int, h: int) -> None:
        """Tables filling (x, y, w, h) with chairs on all four sides."""
        self.place("table", x, y, w, h)
        self.place("chair_south", x, y - 1, w)
        self.place("chair_north", x, y + h, w)
        self.place("chair_east", x - 1, y, 1, h)
        self.place("chair_west", x + w, y, 1, h)

    def lounge(self, x: int, y: int, w: int) -> None:
        """A rug with two facing sofas and coffee tables, 5 rows high, w+2 wide."""
        self.fill("floor", (x, y, w + 2, 5), "rug")
        self.place("sofa_south", x + 1, y, w)
        self.place("coffee_table", x + 1 + (w - 2) // 2, y + 2, 2)
        self.place("sofa_north", x + 1, y + 4, w)

    def corner_plants(self, inset_top: int = 2) -> None:
        """Plants in the four inner corners."""
        for x in (1, self.width - 2):
            for y in (inset_top, self.height - 2):
                self.place("plant", x, y)

    # ------------------------------------------------------------ checks

    def blocked(self, cell: Cell) -> bool:
        """True if any tile layer holds a colliding tile at cell."""
        index = cell[1] * self.width + cell[0]
        return any(self.layers[layer][index] in COLLIDING for layer in TILE_LAYERS)

    def reachable(self) -> set[Cell]:
        """Cells an avatar can reach from the `start` area (4-neighbour BFS)."""
        start = next(rect for name, rect, _ in self.areas if name == "start")
        todo = deque(c for c in cells(start) if not self.blocked(c))
        seen = set(todo)
        while todo:
            x, y = todo.popleft()
            for nxt in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
                inside = 0 <= nxt[0] < self.width and 0 <= nxt[1] < self.height
                if inside and nxt not in seen and not self.blocked(nxt):
                    seen.add(nxt)
                    todo.append(nxt)
        return seen

    def problems(self) -> list[str]:
        """Everything wrong with the room's walkability, walls and areas."""
        reach = self.reachable()
        found = []
        walkable = {c for c in cells((0, 0, self.width, self.height)) if not self.blocked(c)}
        if stranded := walkable - reach:
            found.append(f"walkable cells not reachable from start: {sorted(stranded)[:6]}")
        doors = {c for _, r, p in self.areas if "exitUrl" in p for c in cells(r)}
        edge = {c for c in walkable if c[0] in (0, self.width - 1) or c[1] in (0, self.height - 1)}
        if leaks := edge - doors:
            found.append(f"outer wall open outside doors at {sorted(leaks)[:6]}")
        for name, rect, props in self.areas:
            inside = set(cells(rect))
            strict = bool({"exitUrl", "start", "booth"} & props.keys())
            if strict and not inside <= reach:
                found.append(f"area {name!r} has blocked or unreachable cells")
            if not inside & reach:
                found.append(f"area {name!r} cannot be reached")
        return found

    # ------------------------------------------------------------ output

    def area_objects(self) -> list[dict[str, object]]:
        """The area rectangles as Tiled objects."""
        objects: list[dict[str, object]] = []
        for index, (name, (x, y, w, h), props) in enumerate(self.areas, start=1):
            obj: dict[str, object] = {
                self.class_key: "area",
                "height": h * TILE,
                "id": index,
                "name": name,
                "properties": [tiled_property(k, v) for k, v in props.items()],
                "rotation": 0,
                "visible": True,
                "width": w * TILE,
                "x": x * TILE,
                "y": y * TILE,
            }
            objects.append(dict(sorted(obj.items())))
        return objects

    def tmj(self) -> dict[str, object]:
        """The whole map as a Tiled 1.10 JSON document."""
        common = {"opacity": 1, "visible": True, "x": 0, "y": 0}
        layers: list[dict[str, object]] = [
            {
                "data": self.layers[name],
                "height": self.height,
                "id": index,
                "name": name,
                "type": "tilelayer",
                "width": self.width,
                **common,
            }
            for index, name in enumerate(TILE_LAYERS, start=1)
        ]
        layers.append(
            {
                "draworder": "topdown",
                "id": len(layers) + 1,
                "name": "floorLayer",
                "objects": self.area_objects(),
                "type": "objectgroup",
                **common,
            }
        )
        return {
            "compressionlevel": -1,
            "height": self.height,
            "infinite": False,
            "layers": layers,
            "nextlayerid": len(layers) + 1,
            "nextobjectid": len(self.areas) + 1,
            "orientation": "orthogonal",
            "properties": [tiled_property("mapName", self.name)],
            "renderorder": "right-down",
            "tiledversion": "1.10.2",
            "tileheight": TILE,
            "tilesets": [{"firstgid": 1, "source": TILESET_SOURCE}],
            "tilewidth": TILE,
            "type": "map",
            "version": "1.10",
            "width": self.width,
        }

    def dumps(self) -> str:
        """Serialise like Tiled does, but with one row of tile data per line."""
        doc = self.tmj()
        rows: dict[str, str] = {}
        for layer in doc["layers"]:  # type: ignore[attr-defined]
            if layer["type"] == "tilelayer":
                marker = f"@@{layer['name']}@@"
                data, layer["data"] = layer["data"], marker
                lines = (
                    ", ".join(str(g) for g in data[y * self.width : (y + 1) * self.width])
                    for y in range(self.height)
                )
                rows[f'"{marker}"'] = "[\n" + ",\n".join(f"   {ln}" for ln in lines) + "\n  ]"
        text = json.dumps(doc, indent=1, ensure_ascii=False)
        for marker, block in rows.items():
            text = text.replace(marker, block)
        return text + "\n"


# ---------------------------------------------------------------- the six spaces


def lobby() -> Room:
    """Foyer: reception, lounges, info board and a door to every other space."""
    room = Room("lobby", "Foyer", (30, 20), "tiles")
    room.wall_box()
    for x in (3, 4, 7, 8, 24, 25):
        room.on_wall("wall_window", x)
    room.on_wall("info_board", 18, 3)
    room.on_wall("screen", 10, 2)
    room.on_wall("screen_slide", 10)
    for x in (1, 22, 28):
        room.on_wall("wall_plant", x)
    room.fill("floor", (14, 2, 2, 6), "runner")
    room.doorway("top", 14, "plenary")
    room.doorway("left", 5, "workshop-1")
    room.doorway("left", 13, "workshop-2")
    room.doorway("right", 5, "exhibition")
    room.doorway("right", 13, "bar")
    room.area("start", (13, 8, 4, 2), start=True)
    room.place("plant", 12, 2)
    room.place("plant", 17, 2)
    room.place("desk", 12, 12, 6)
    room.place("flowerpot", 11, 12)
    room.place("flowerpot", 18, 12)
    room.lounge(4, 14, 4)
    room.lounge(20, 14, 4)
    room.place("bookshelf", 1, 8, 1, 3)
    room.place("bookshelf", 28, 8, 1, 3)
    room.corner_plants()
    return room


def plenary() -> Room:
    """Plenary hall: stage with lectern and screen, two blocks of chairs."""
    room = Room("plenary", "Plenarsaal", (36, 24), "carpet_blue")
    room.wall_box()
    for x in (3, 4, 7, 8, 27, 28, 31, 32):
        room.on_wall("wall_window", x)
    room.on_wall("screen", 12, 12)
    room.on_wall("screen_slide", 14, 8)
    for x in (1, 34):
        room.on_wall("wall_plant", x)
    room.fill("floor", (10, 2, 16, 4), "stage")
    room.fill("floor", (10, 6, 16, 1), "stage_edge")
    room.area("stage", (10, 2, 16, 5), stage=True)
    room.place("lectern", 22, 3)
    room.place("chair_south", 13, 3, 4)
    room.place("table", 13, 4, 4)
    room.place("flowerpot", 10, 2)
    room.place("flowerpot", 25, 2)
    for y in (*range(9, 14), *range(15, 20)):
        room.place("chair_north", 5, y, 11)
        room.place("chair_north", 20, y, 11)
    room.doorway("bottom", 17, "lobby")
    room.area("start", (12, 21, 4, 1), start=True)
    for y in (9, 15):
        room.place("plant", 1, y)
        room.place("plant", 34, y)
    room.corner_plants()
    return room


def workshop(space: str, name: str, carpet: str) -> Room:
    """Workshop room: screen and whiteboard, small stage, one big table group."""
    room = Room(space, name, (22, 16), carpet)
    room.wall_box()
    room.on_wall("whiteboard", 3, 4)
    room.on_wall("screen", 11, 6)
    room.on_wall("screen_slide", 12, 4)
    room.on_wall("wall_window", 18)
    room.on_wall("wall_plant", 8)
    room.fill("floor", (10, 2, 8, 2), "stage")
    room.fill("floor", (10, 4, 8, 1), "stage_edge")
    room.area("stage", (10, 2, 8, 3), stage=True)
    room.place("lectern", 16, 2)
    room.table_group(5, 8, 8, 2)
    room.place("bookshelf", 1, 6, 1, 4)
    room.doorway("right", 7, "lobby")
    room.area("start", (16, 12, 3, 2), start=True)
    room.corner_plants()
    return room


BOOTHS = (  # booth id, colour, x, top or bottom row
    ("strategy", "blue", 3, "top"),
    ("innovation-management", "purple", 21, "top"),
    ("energy", "orange", 3, "bottom"),
    ("stem-education", "green", 21, "bottom"),
)


def booth(room: Room, booth_id: str, colour: str, x: int, row: str) -> None:
    """A 10-wide booth against the top or bottom wall with its visitor area in front."""
    back, panel, counter, front = (2, 3, 4, 5) if row == "top" else (20, 19, 18, 15)
    room.place(f"booth_wall_{colour}", x, back, 10)
    room.place(f"booth_logo_{colour}", x + 4, back, 2)
    room.place(f"booth_logo_{colour}", x, panel)
    room.place(f"booth_logo_{colour}", x + 9, panel)
    room.place(f"booth_counter_{colour}", x + 1, counter, 7)
    room.area(f"booth-{booth_id}", (x, front, 10, 3), booth=booth_id)


def exhibition() -> Room:
    """Exhibition hall: four booths, a lounge, doors to lobby and bar."""
    room = Room("exhibition", "Ausstellungshalle", (34, 22), "wood")
    room.wall_box()
    for x in (14, 15, 18, 19):
        room.on_wall("wall_window", x)
    room.on_wall("info_board", 16, 2)
    for booth_id, colour, x, row in BOOTHS:
        booth(room, booth_id, colour, x, row)
    room.lounge(14, 3, 4)
    room.doorway("left", 10, "lobby")
    room.doorway("bottom", 16, "bar")
    room.area("start", (15, 10, 4, 2), start=True)
    room.place("plant", 15, 19)
    room.place("plant", 18, 19)
    for x in (1, 32):
        room.place("plant", x, 2)
        room.place("plant", x, 20)
    return room


BAR_TABLES = ((6, 7), (12, 7), (6, 12), (12, 12))


def bar() -> Room:
    """Digital bar: counter with stools, four tables, a silent sofa corner."""
    room = Room("bar", "Digitale Bar", (26, 18), "wood", class_key="type")
    room.wall_box()
    for x in (2, 9, 10):
        room.on_wall("wall_window", x)
    for x in (12, 24):
        room.on_wall("wall_plant", x)
    room.doorway("top", 5, "exhibition")
    room.doorway("left", 9, "lobby")
    room.place("bar_shelf", 14, 2, 10)
    room.place("bar_counter", 14, 4, 9)
    for x in range(14, 23, 2):
        room.place("bar_stool", x, 5)
    for number, (x, y) in enumerate(BAR_TABLES, start=1):
        room.table_group(x, y, 2, 2)
        room.area(f"table-{number}", (x - 1, y - 1, 4, 4), table=f"Tisch {number}")
    room.lounge(18, 11, 4)
    room.place("bookshelf", 24, 11, 1, 5)
    room.area("silent-corner", (18, 10, 7, 7), silent=True)
    room.area("start", (7, 16, 4, 1), start=True)
    room.place("plant", 1, 16)
    room.place("plant", 1, 2)
    return room


# ---------------------------------------------------------------- checks and output


def door_problems(rooms: list[Room]) -> list[str]:
    """Doors whose target map or entry area does not exist."""
    entries = {
        f"{room.space}.tmj": {name for name, _, props in room.areas if props.get("start")}
        for room in rooms
    }
    found = []
    for room in rooms:
        for name, _, props in room.areas:
            url = props.get("exitUrl")
            if isinstance(url, str):
                target, _, entry = url.partition("#")
                if entry not in entries.get(target, set()):
                    found.append(f"{room.space}.tmj: door {name!r} points to missing {url}")
    return found


def main() -> None:
    """Draw all maps, refuse to write anything if a check fails."""
    rooms = [
        lobby(),
        plenary(),
        workshop(
            "workshop-1",
            "Workshop 1 \N{EN DASH} Energiespeicher und Energiesysteme",
            "carpet_green",
        ),
        workshop(
            "workshop-2", "Workshop 2 \N{EN DASH} Außerschulische MINT-Bildung", "carpet_terracotta"
        ),
        exhibition(),
        bar(),
    ]
    problems = door_problems(rooms)
    problems += [f"{r.space}.tmj: {p}" for r in rooms for p in r.problems()]
    if problems:
        raise SystemExit("map check failed:\n  " + "\n  ".join(problems))
    for room in rooms:
        (MAP_DIR / f"{room.space}.tmj").write_text(room.dumps(), encoding="utf-8")
        print(f"wrote {room.space}.tmj ({room.width}x{room.height}, {len(room.areas)} areas)")


if __name__ == "__main__":
    main()
