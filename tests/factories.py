"""Small venues drawn as text, for tests that need no files."""

from __future__ import annotations

from venue.domain.maps import Area, Rect, SpaceMap
from venue.domain.venue import Space, SpaceKind, Text, Venue

TILE = 32


AreaSpec = tuple[int, int, int, int, dict[str, object]]


def ascii_map(rows: str, areas: dict[str, AreaSpec]) -> SpaceMap:
    """`#` is a wall; `areas` maps a name to (tile x, y, tiles wide, high, properties)."""
    lines = rows.strip("\n").splitlines()
    blocked = frozenset(
        (x, y) for y, line in enumerate(lines) for x, ch in enumerate(line) if ch == "#"
    )
    return SpaceMap(
        width=max(len(line) for line in lines),
        height=len(lines),
        tile_width=TILE,
        tile_height=TILE,
        blocked=blocked,
        areas=tuple(
            Area(name, Rect(x * TILE, y * TILE, w * TILE, h * TILE), props)  # type: ignore[arg-type]
            for name, (x, y, w, h, props) in areas.items()
        ),
    )


ROOM = """
##########
#........#
#...##...#
#...##....
#........#
##########
"""


def two_room_venue(capacity: int = 10) -> Venue:
    """A lobby and a hall, each with a door to the other."""
    lobby = ascii_map(
        ROOM,
        {
            "start": (1, 1, 2, 2, {"start": True}),
            "from-hall": (7, 3, 2, 1, {"start": True}),
            "to-hall": (9, 3, 1, 1, {"exitUrl": "hall.tmj#from-lobby"}),
        },
    )
    hall = ascii_map(
        ROOM,
        {
            "start": (1, 1, 2, 2, {"start": True}),
            "from-lobby": (7, 3, 2, 1, {"start": True}),
            "to-lobby": (9, 3, 1, 1, {"exitUrl": "lobby#from-hall"}),
            "to-nowhere": (1, 4, 1, 1, {"exitUrl": "cellar.tmj"}),
        },
    )
    return Venue(
        id="test",
        title=Text("Test", "Test"),
        lobby="lobby",
        spaces={
            "lobby": Space(
                "lobby", SpaceKind.LOBBY, Text("Foyer", "Lobby"), 100, "lobby.tmj", lobby
            ),
            "hall": Space(
                "hall", SpaceKind.PLENARY, Text("Saal", "Hall"), capacity, "hall.tmj", hall
            ),
        },
    )
