"""The manifest's `[rooms]` table: programme rooms mapped to spaces, given on the command line."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from difflib import get_close_matches
from pathlib import Path

from venue.venuefile.manifest import Manifest

_TABLE = re.compile(r"^\[rooms\][ \t]*(#.*)?$", re.MULTILINE)


class RoomsRefused(ValueError):
    """A `--room ROOM=SPACE` that cannot be used; the message says why."""


def parse_room(text: str) -> tuple[str, str]:
    """`Saal 1 – Haus A=plenary` as (room, space id); the room may itself contain `=`."""
    room, equals, space = text.rpartition("=")
    if not equals or not room.strip() or not space.strip():
        raise RoomsRefused(f"--room {text!r}: write ROOM=SPACE, e.g. --room 'Saal 1=plenary'")
    return room.strip(), space.strip()


def remember_rooms(manifest: Path, known: Mapping[str, str], rooms: Mapping[str, str]) -> None:
    """Add `rooms` to the `[rooms]` table of the manifest, so the venue maps them when it
    loads its programme; a room the table already maps elsewhere is refused."""
    for room, space in rooms.items():
        if known.get(room, space) != space:
            raise RoomsRefused(
                f"--room {room}={space}: venue.toml [rooms] maps {room!r} to "
                f"{known[room]!r}; change it there"
            )
    lines = "".join(
        f"{json.dumps(room, ensure_ascii=False)} = {json.dumps(space)}\n"
        for room, space in rooms.items()
        if room not in known
    )
    if not lines:
        return
    text = manifest.read_text(encoding="utf-8")
    table = _TABLE.search(text)
    if table is None:
        text = text.rstrip("\n") + "\n\n# programme rooms → spaces (venue import-schedule --room)\n"
        text += "[rooms]\n" + lines
    else:
        text = text[: table.end()] + "\n" + lines.rstrip("\n") + text[table.end() :]
    partial = manifest.with_name(manifest.name + ".part")
    partial.write_text(text, encoding="utf-8")
    partial.replace(manifest)


def room_hint(room: str, manifest: Manifest) -> str:
    """`; did you mean …` with the spaces whose id or name is like `room`, and how to map it."""
    names = {spec.id: spec.id for spec in manifest.spaces}
    for spec in manifest.spaces:
        names.setdefault(spec.name.de.casefold(), spec.id)
        names.setdefault(spec.name.en.casefold(), spec.id)
    close = get_close_matches(room.casefold(), list(names), n=3, cutoff=0.5)
    ids = list(dict.fromkeys(names[name] for name in close))
    if not ids:
        return f" (map it with --room '{room}=SPACE' or [rooms] in venue.toml)"
    return f"; did you mean {' or '.join(repr(i) for i in ids)}? (--room '{room}={ids[0]}')"
