"""Cross-checks of a venue's programme against its event: rooms, dates, hours, overlaps."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from venue.venuefile.crosschecks import MANIFEST
from venue.venuefile.manifest import Manifest
from venue.venuefile.problems import Problem
from venue.venuefile.programme import parse_duration, room_index
from venue.venuefile.rooms import room_hint


def check_programme(directory: Path, manifest: Manifest, problems: list[Problem]) -> None:
    """The programme is a schedule.json whose rooms are spaces of the venue."""
    file = manifest.event.programme
    try:
        data = json.loads((directory / file).read_text(encoding="utf-8"))
    except FileNotFoundError:
        problems.append(Problem(file, "", "file not found (event.programme in venue.toml)"))
        return
    except UnicodeDecodeError:
        problems.append(Problem(file, "", "not UTF-8 text"))
        return
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        problems.append(Problem(file, where, f"not JSON: {exc.msg}"))
        return
    schedule = data.get("schedule") if isinstance(data, dict) else None
    conference = schedule.get("conference") if isinstance(schedule, dict) else None
    if not isinstance(conference, dict):
        problems.append(Problem(file, "", "not a schedule.json: no schedule.conference"))
        return
    rooms: dict[str, str] = {}
    listed = conference.get("rooms", [])
    for i, room in enumerate(listed if isinstance(listed, list) else []):
        if isinstance(room, dict) and isinstance(room.get("name"), str):
            rooms.setdefault(room["name"], f"schedule.conference.rooms[{i}]")
    days = conference.get("days", [])
    for i, day in enumerate(days if isinstance(days, list) else []):
        day_rooms = day.get("rooms") if isinstance(day, dict) else None
        for name in day_rooms if isinstance(day_rooms, dict) else {}:
            rooms.setdefault(str(name), f"schedule.conference.days[{i}].rooms")
    spaces = {spec.id for spec in manifest.spaces}
    for room, space in manifest.rooms.items():
        if space not in spaces:
            problems.append(Problem(MANIFEST, f"rooms.{room!r}", f"unknown space {space!r}"))
    known = room_index(manifest.spaces, manifest.rooms)
    for name, where in rooms.items():
        if name.strip().casefold() not in known:
            reason = (
                f"room {name!r} matches no space by [rooms] in venue.toml, id, German or "
                f"English name{room_hint(name, manifest)}"
            )
            problems.append(Problem(file, where, reason))
    _check_events(file, conference, manifest, known, problems)


def _events(conference: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """Every event of the days with its JSON path and room name."""
    days = conference.get("days", [])
    for i, day in enumerate(days if isinstance(days, list) else []):
        rooms = day.get("rooms") if isinstance(day, dict) else None
        for room, events in rooms.items() if isinstance(rooms, dict) else ():
            for j, event in enumerate(events if isinstance(events, list) else []):
                if isinstance(event, dict):
                    ident = event.get("guid") or event.get("id") or "?"
                    where = f"schedule.conference.days[{i}].rooms[{room!r}][{j}] (event {ident})"
                    yield where, str(room), event


def _check_events(
    file: str,
    conference: dict[str, Any],
    manifest: Manifest,
    known: dict[str, str],
    problems: list[Problem],
) -> None:
    """Events on other days than the event's, outside its hours, or overlapping in a space."""
    event = manifest.event
    zone = ZoneInfo(event.timezone)
    opens = dt.datetime.combine(event.date, event.start, tzinfo=zone)
    closes = dt.datetime.combine(event.date, event.end, tzinfo=zone)
    by_space: dict[str, list[tuple[dt.datetime, dt.datetime, str, str]]] = {}
    for where, room, item in _events(conference):
        try:
            start = dt.datetime.fromisoformat(str(item.get("date")))
            end = start + parse_duration(str(item.get("duration")))
        except ValueError:
            problems.append(
                Problem(file, where, "no usable date and duration: not shown", "warning")
            )
            continue
        if start.tzinfo is None:
            problems.append(Problem(file, where, "the date has no time zone: not shown", "warning"))
            continue
        local = start.astimezone(zone)
        title = str(item.get("title") or "")
        if local.date() != event.date:
            reason = f"{title!r} is on {local:%Y-%m-%d}, not on the event's date {event.date}"
            problems.append(Problem(file, where, reason, "warning"))
        elif start < opens or end > closes:
            reason = (
                f"{title!r} ({local:%H:%M}–{end.astimezone(zone):%H:%M}) lies outside the "
                f"event's hours {event.start:%H:%M}–{event.end:%H:%M} ({MANIFEST})"
            )
            problems.append(Problem(file, where, reason, "warning"))
        space = known.get(room.strip().casefold())
        if space is not None:
            by_space.setdefault(space, []).append((start, end, where, title))
    for space, events in by_space.items():
        for first, second in pairwise(sorted(events)):
            if second[0] < first[1]:
                reason = f"{second[3]!r} overlaps {first[3]!r} ({first[2]}) in space {space!r}"
                problems.append(Problem(file, second[2], reason))
