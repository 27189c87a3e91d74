"""Read a c3voc/frab schedule.json into the programme, leniently."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Protocol

from venue.domain.programme import Programme, Slot

_DURATION = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{2})$")
# characters XML 1.0 cannot carry (and no page should show): C0 controls but tab and newline
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def printable(text: str) -> str:
    """Text from a schedule without control characters that pasted text often carries."""
    return _UNPRINTABLE.sub("", text)


class _Names(Protocol):
    @property
    def de(self) -> str: ...
    @property
    def en(self) -> str: ...


class NamedSpace(Protocol):
    """A space as the domain or the manifest (`venue import-schedule`) has it."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> _Names: ...


def room_index(
    spaces: Iterable[NamedSpace], rooms: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Schedule room names → space ids: the manifest's `[rooms]` table first, then the
    space's id, German or English name, all ignoring case."""
    index = {room.strip().casefold(): space for room, space in (rooms or {}).items()}
    for space in spaces:
        for key in (space.id, space.name.de, space.name.en):
            index.setdefault(key.strip().casefold(), space.id)
    return index


def parse_duration(text: str) -> dt.timedelta:
    """`HH:MM` or `D:HH:MM` as frab writes durations."""
    match = _DURATION.match(text.strip())
    if match is None:
        raise ValueError(f"duration {text!r} is not HH:MM")
    days, hours, minutes = (int(g) if g else 0 for g in match.groups())
    return dt.timedelta(days=days, hours=hours, minutes=minutes)


def read_programme(
    path: Path, spaces: Iterable[NamedSpace], mapping: Mapping[str, str] | None = None
) -> Programme:
    """The slots of a schedule.json; events without a usable date or duration are skipped.

    `mapping` is the manifest's `[rooms]` table (room name → space id)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    rooms = room_index(spaces, mapping)
    conference = data["schedule"]["conference"]
    slots = [
        slot
        for day in conference.get("days", [])
        for room, events in (day.get("rooms") or {}).items()
        for event in events
        if (slot := _slot(event, str(room), rooms)) is not None
    ]
    return Programme(
        tuple(sorted(slots, key=lambda s: (s.start, s.room))),
        conference={key: value for key, value in conference.items() if key != "days"}
        | {"days": [_without_rooms(day) for day in conference.get("days", [])]},
        version=str(data["schedule"].get("version") or ""),
    )


def _without_rooms(day: object) -> dict[str, Any]:
    return {k: v for k, v in day.items() if k != "rooms"} if isinstance(day, dict) else {}


def _slot(event: dict[str, Any], room: str, rooms: dict[str, str]) -> Slot | None:
    try:
        start = dt.datetime.fromisoformat(event["date"])
        end = start + parse_duration(event["duration"])
    except (KeyError, TypeError, ValueError):
        return None
    if start.tzinfo is None:
        return None
    persons = tuple(
        printable(str(p.get("public_name") or p.get("name") or ""))
        for p in event.get("persons") or []
        if isinstance(p, dict)
    )
    return Slot(
        guid=str(event.get("guid") or event.get("id") or ""),
        title=printable(str(event.get("title") or "")),
        start=start,
        end=end,
        room=printable(room),
        space=rooms.get(room.strip().casefold()),
        abstract=printable(str(event.get("abstract") or "")),
        description=printable(str(event.get("description") or "")),
        persons=tuple(p for p in persons if p),
        source=event,
    )
