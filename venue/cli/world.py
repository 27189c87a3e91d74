"""`venue import-map SOURCE DIR`: a venue folder drafted from a WorkAdventure world or map.

The world's files stay where they are: the new folder holds a manifest whose `asset_root`
is the world and whose spaces are its maps, and a programme without events. `venue check`
then explains what is left to decide (door targets outside the world, meetings' hosts,
missing tileset images).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path
from typing import Any, TextIO

from venue.cli.admin import CommandError
from venue.cli.starter import programme
from venue.domain.maps import AreaKind
from venue.schedule.export import slugify
from venue.venuefile.manifest import ID_PATTERN
from venue.venuefile.tiled import read_map

MAX_MAPS = 200
# folders of a world repository that hold no maps of its own
_SKIPPED = {"node_modules", "dist", "build", "tilesets"}
ZONE = "Europe/Berlin"

MANIFEST = """\
# A venue drafted by `venue import-map` from {source}.
# Edit the event's day, hours and the spaces' kinds, then run `venue check {directory}`.
# Format: docs/venue-format.md of venue.
asset_root = {root}   # the world: every map, tileset and image lies in it

[event]
id = "{event_id}"
title = {{ de = {title}, en = {title} }}
date = {date}
start = "10:00"
end = "16:00"
timezone = "{zone}"
programme = "schedule.json"   # `venue import-schedule FILE` fills it
lobby = "{lobby}"
# hosts of the websites and meetings the maps open in a panel (see `venue check`)
embed_hosts = {hosts}
"""

SPACE = """
[[spaces]]
id = "{id}"
kind = "{kind}"   # lobby | plenary | workshop | exhibition | bar
name = {{ de = {name}, en = {name} }}
map = {map}
capacity = {capacity}
"""


def import_map(source: Path, directory: Path, date: dt.date | None, out: TextIO | None) -> int:
    """Draft a venue folder in `directory` (new or empty) from a world folder or a map file."""
    if not source.exists():
        raise CommandError(f"{source}: no such file or folder")
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise CommandError(f"{directory} exists and is not an empty folder; name a new one")
    world = source if source.is_dir() else source.parent
    maps = _maps(source)
    if not maps:
        raise CommandError(f"{source}: no Tiled JSON map (.tmj, .json) found")
    event_id = _identifier(world.resolve().name) or "world"
    spaces = _spaces(maps, directory)
    lobby = spaces[0]
    lobby["kind"] = "lobby"
    title = lobby.pop("title")
    hosts = sorted({host for space in spaces for host in space.pop("hosts")})
    for space in spaces[1:]:
        space.pop("title")
    text = MANIFEST.format(
        source=source,
        directory=directory,
        root=json.dumps(_relative(world, directory)),
        event_id=event_id,
        title=json.dumps(title, ensure_ascii=False),
        date=(date or dt.date.today()).isoformat(),
        zone=ZONE,
        lobby=lobby["id"],
        hosts=json.dumps(hosts),
    )
    text += "".join(SPACE.format(**space) for space in spaces)
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "venue.toml").write_text(text, encoding="utf-8")
    document = programme(event_id, title, date or dt.date.today())
    (directory / "schedule.json").write_text(json.dumps(document, indent=2) + "\n", "utf-8")
    names = ", ".join(str(space["id"]) for space in spaces)
    print(f"wrote {directory}/venue.toml with {len(spaces)} space(s): {names}", file=out)
    print(f"next: venue check {directory}", file=out)
    return 0


def _maps(source: Path) -> list[Path]:
    """The Tiled maps of a world (or the one map), in a stable order."""
    if source.is_file():
        return [source] if _is_map(source) else []
    found: list[Path] = []
    for folder, subfolders, files in os.walk(source):
        subfolders[:] = sorted(s for s in subfolders if not s.startswith(".") and s not in _SKIPPED)
        for name in sorted(files):
            path = Path(folder) / name
            if name.endswith((".tmj", ".json")) and _is_map(path):
                found.append(path)
        if len(found) > MAX_MAPS:
            raise CommandError(f"{source}: more than {MAX_MAPS} maps; point at one world")
    return found


def _is_map(path: Path) -> bool:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return False
    return isinstance(data, dict) and data.get("type") == "map" and "layers" in data


def _spaces(maps: list[Path], directory: Path) -> list[dict[str, Any]]:
    spaces: list[dict[str, Any]] = []
    seen: set[str] = set()
    for path in maps:
        report = read_map(path)
        space_id = _identifier(path.stem) or "space"
        while space_id in seen:
            space_id = f"{space_id}-{len(seen)}"[:63]
        seen.add(space_id)
        title = _map_name(path) or path.stem
        space_map = report.space_map
        floor = space_map.width * space_map.height - len(space_map.blocked) if space_map else 100
        hosts = {
            host
            for area in (space_map.areas if space_map else ())
            if area.meeting and (host := _host(area.meeting))
        }
        plenary = space_map is not None and bool(space_map.areas_of(AreaKind.STAGE))
        spaces.append(
            {
                "id": space_id,
                "kind": "plenary" if plenary else "bar",
                "name": json.dumps(title, ensure_ascii=False),
                "title": title,
                "map": json.dumps(_relative(path, directory)),
                "capacity": max(1, min(floor, 10000)),
                "hosts": hosts,
            }
        )
    return spaces


def _map_name(path: Path) -> str:
    data = json.loads(path.read_text(encoding="utf-8"))
    for prop in data.get("properties") or []:
        if isinstance(prop, dict) and prop.get("name") == "mapName":
            return str(prop.get("value") or "").strip()[:200]
    return ""


def _host(url: str) -> str | None:
    found = re.match(r"^https://([^/?#\s]+)", url)
    return found.group(1).lower() if found else None


def _identifier(text: str) -> str:
    candidate = slugify(text)[:63].strip("-")
    return candidate if re.fullmatch(ID_PATTERN, candidate) else ""


def _relative(path: Path, directory: Path) -> str:
    """`path` relative to the venue folder `directory` (which may not exist yet)."""
    return Path(os.path.relpath(path.resolve(), directory.resolve())).as_posix()
