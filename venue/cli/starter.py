"""`venue init DIR`: a new venue folder that `venue check` passes, to grow into one's own event.

It holds a manifest with one space, a lobby drawn with the seed venue's tileset (copied, so the
folder stands alone and opens in Tiled) and a programme without events. The organiser then
draws more spaces in Tiled, adds them to venue.toml and imports a programme.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from venue.cli.admin import CommandError
from venue.schedule.export import Conference, schedule_json
from venue.settings import shipped
from venue.venuefile.manifest import ID_PATTERN

SEED_TILESETS = shipped("maps") / "lausitz-2021" / "tilesets"
TILESET = "tilesets/venue.tsj"
TILE = 32
WIDTH, HEIGHT = 24, 16
START = (10, 7, 4, 2)  # x, y, width, height in tiles: where people arrive
ZONE = "Europe/Berlin"

MANIFEST = """\
# {title}: a venue made by `venue init`. Format: docs/venue-format.md of venue.
# Check it with `venue check {directory}` and serve it with `venue serve --venue {directory}`.

[event]
id = "{event_id}"
title = {{ de = {title_toml}, en = {title_toml} }}
date = {date}
start = "10:00"
end = "16:00"
timezone = "{zone}"
programme = "schedule.json"   # c3voc/frab format: `venue import-schedule FILE` fills it
access = "guests"             # or "registered": only people with a personal link
lobby = "lobby"

# One [[spaces]] entry per Tiled map; draw more in the Tiled editor with the tileset in
# tilesets/ (doors are `area` objects with exitUrl = "other.tmj#entry").
[[spaces]]
id = "lobby"
kind = "lobby"
name = {{ de = "Foyer", en = "Lobby" }}
map = "lobby.tmj"
capacity = 200
"""


def init(
    directory: Path,
    event_id: str | None,
    title: str | None,
    date: dt.date | None,
    out: TextIO | None = None,
) -> int:
    """Write the starter venue into `directory`, which must be new or empty."""
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise CommandError(f"{directory} exists and is not an empty folder; name a new one")
    event_id = event_id or directory.resolve().name.lower()
    if not re.fullmatch(ID_PATTERN, event_id):
        raise CommandError(
            f"{event_id!r} cannot be the event's id: use lower-case letters, digits and "
            "hyphens (--id my-event)"
        )
    title = (title or "").strip() or event_id
    day = date or dt.date.today()
    (directory / "tilesets").mkdir(parents=True, exist_ok=True)
    for name in ("venue.tsj", "venue.png"):
        shutil.copyfile(SEED_TILESETS / name, directory / "tilesets" / name)
    _write(directory / "lobby.tmj", json.dumps(lobby(_gids(directory / TILESET)), indent=1))
    _write(directory / "schedule.json", json.dumps(programme(event_id, title, day), indent=2))
    _write(
        directory / "venue.toml",
        MANIFEST.format(
            event_id=event_id,
            title=title,
            title_toml=json.dumps(title, ensure_ascii=False),  # a TOML basic string
            date=day.isoformat(),
            zone=ZONE,
            directory=directory,
        ),
    )
    print(
        f"wrote the venue {event_id!r} to {directory}: venue.toml, lobby.tmj, schedule.json",
        file=out,
    )
    print(f"next: venue check {directory} && venue serve --venue {directory}", file=out)
    return 0


def _write(path: Path, text: str) -> None:
    path.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


def _gids(tileset: Path) -> dict[str, int]:
    """The seed tileset's tiles by their class, as gids of a map that uses it first."""
    tiles = json.loads(tileset.read_text(encoding="utf-8"))["tiles"]
    return {tile["type"]: tile["id"] + 1 for tile in tiles}


def lobby(gid: dict[str, int]) -> dict[str, Any]:
    """A walled room with a few plants and the `start` area, as a Tiled 1.10 JSON map."""
    floor = [gid["tiles"]] * (WIDTH * HEIGHT)
    walls = [0] * (WIDTH * HEIGHT)
    furniture = [0] * (WIDTH * HEIGHT)
    for y in range(HEIGHT):
        for x in range(WIDTH):
            if x in (0, WIDTH - 1) or y in (0, HEIGHT - 1):
                walls[y * WIDTH + x] = gid["wall_top"]
            elif y == 1:
                walls[y * WIDTH + x] = gid["wall_front"]
    for x, y in ((1, 2), (WIDTH - 2, 2), (1, HEIGHT - 2), (WIDTH - 2, HEIGHT - 2)):
        furniture[y * WIDTH + x] = gid["plant"]
    x, y, w, h = START
    common = {"opacity": 1, "visible": True, "x": 0, "y": 0}
    layers: list[dict[str, Any]] = [
        {
            "data": data,
            "height": HEIGHT,
            "id": i,
            "name": name,
            "type": "tilelayer",
            "width": WIDTH,
            **common,
        }
        for i, (name, data) in enumerate(
            (("floor", floor), ("walls", walls), ("furniture", furniture)), start=1
        )
    ]
    start = {
        "class": "area",
        "height": h * TILE,
        "id": 1,
        "name": "start",
        "properties": [{"name": "start", "type": "bool", "value": True}],
        "rotation": 0,
        "visible": True,
        "width": w * TILE,
        "x": x * TILE,
        "y": y * TILE,
    }
    layers.append(
        {
            "draworder": "topdown",
            "id": 4,
            "name": "floorLayer",
            "objects": [start],
            "type": "objectgroup",
            **common,
        }
    )
    return {
        "compressionlevel": -1,
        "height": HEIGHT,
        "infinite": False,
        "layers": layers,
        "nextlayerid": 5,
        "nextobjectid": 2,
        "orientation": "orthogonal",
        "renderorder": "right-down",
        "tiledversion": "1.10.2",
        "tileheight": TILE,
        "tilesets": [{"firstgid": 1, "source": TILESET}],
        "tilewidth": TILE,
        "type": "map",
        "version": "1.10",
        "width": WIDTH,
    }


def programme(event_id: str, title: str, day: dt.date) -> dict[str, Any]:
    """A schedule.json without events, for the event's day (valid against the c3voc schema)."""
    zone = ZoneInfo(ZONE)
    conference = Conference(
        acronym=event_id.replace("-", "_"),
        title=title,
        description="",
        zone=zone,
        base_url="",  # the server adds its own public URL when it serves the programme
        rooms=(),
        start=dt.datetime.combine(day, dt.time(10), tzinfo=zone),
        end=dt.datetime.combine(day, dt.time(16), tzinfo=zone),
    )
    return schedule_json(conference, [])
