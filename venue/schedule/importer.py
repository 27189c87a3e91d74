"""`venue import-schedule`: a pretalx/frab schedule.json or schedule.xml into the venue's programme.

Lenient on the way in (schema violations become warnings; real exports have them), strict on
the way out (the written schedule.json validates). Files that cannot be a programme are
refused whole: nothing is written.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import jsonschema
import xmlschema
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as parse_xml

from venue.schedule.export import (
    HTTP_URL,
    LIVE_FIELDS,
    SLUG,
    Conference,
    Talk,
    acronym_of,
    base_url_of,
    is_uuid,
    schedule_json,
    slugify,
    stable_uuid,
    talk_slug,
)
from venue.schedule.formats import (
    CONFERENCE_FIELDS,
    DROPPED_STATES,
    EVENT_FIELDS,
    is_schema2,
    schema2_conference,
    schema2_event,
    xml_conference,
    xml_event,
)
from venue.venuefile.manifest import Manifest
from venue.venuefile.problems import Problem
from venue.venuefile.programme import parse_duration, printable, room_index
from venue.venuefile.rooms import room_hint

MAX_BYTES = 5 * 1024 * 1024
VOC = Path(__file__).parent / "voc"
MAX_REASON = 200


class ImportRefused(Exception):
    """The file cannot become the venue's programme; the message says why."""

    def __init__(self, message: str, warnings: Iterable[Problem] = ()) -> None:
        super().__init__(message)
        self.warnings = list(warnings)


@dataclass(frozen=True)
class SourceEvent:
    """One event as read from the file, before it is mapped to a space."""

    where: str
    room: str
    title: str
    start: dt.datetime
    end: dt.datetime
    fields: dict[str, Any]


@dataclass
class Parsed:
    format: str
    events: list[SourceEvent] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    # the file's conference as schema.json fields (its days without their events)
    conference: dict[str, Any] = field(default_factory=dict)
    version: str = ""


@dataclass(frozen=True)
class ImportResult:
    document: dict[str, Any]
    imported: int
    mapped: dict[str, str]  # room → space id
    unmapped: dict[str, int]  # room → events left out
    warnings: list[Problem]


# -- reading -------------------------------------------------------------------


def read_schedule(path: Path) -> Parsed:
    """Events and schema warnings of a schedule file; raises ImportRefused for non-schedules."""
    label = path.name
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ImportRefused(f"{size} bytes is larger than the limit of 5 MB")
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise ImportRefused(f"cannot read the file: {exc.strerror or exc}") from None
    if len(raw) > MAX_BYTES:  # grew while we looked
        raise ImportRefused("larger than the limit of 5 MB")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportRefused(f"not UTF-8 text (byte {exc.start})") from None
    head = text.lstrip()[:1]
    if head == "{":
        return _read_json(label, text)
    if head == "<":
        return _read_xml(label, raw)
    raise ImportRefused("neither JSON nor XML: not a schedule")


def _read_json(label: str, text: str) -> Parsed:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportRefused(
            f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from None
    schedule = data.get("schedule") if isinstance(data, dict) else None
    conference = schedule.get("conference") if isinstance(schedule, dict) else None
    if not isinstance(conference, dict) or not isinstance(conference.get("days"), list):
        raise ImportRefused("not a schedule: no schedule.conference.days")
    assert isinstance(schedule, dict)
    schema2 = is_schema2(schedule)
    parsed = Parsed("json (schema2)" if schema2 else "json")
    validator = _json_validator("schema2.json" if schema2 else "schema.json")
    for error in sorted(validator.iter_errors(data), key=lambda e: e.json_path):
        parsed.warnings.append(Problem(label, error.json_path, _short(error.message), "warning"))
    parsed.version = str(schedule.get("version") or "")
    zone = _zone(conference.get("time_zone_name"))
    days = [day for day in conference["days"] if isinstance(day, dict)]
    if schema2:
        parsed.conference = schema2_conference(conference)
        parsed.conference["days"] = [_bare_day(day, "start", "end") for day in days]
        _read_schema2_events(parsed, label, schedule["events"], zone)
        return parsed
    parsed.conference = {key: conference[key] for key in CONFERENCE_FIELDS if key in conference}
    parsed.conference["days"] = [_bare_day(day, "day_start", "day_end") for day in days]
    for i, day in enumerate(conference["days"]):
        rooms = day.get("rooms") if isinstance(day, dict) else None
        if not isinstance(rooms, dict):
            continue
        for room, events in rooms.items():
            for j, event in enumerate(events if isinstance(events, list) else []):
                where = f"$.schedule.conference.days[{i}].rooms[{json.dumps(room)}][{j}]"
                if isinstance(event, dict):
                    _add(parsed, label, where, str(room), event, zone)
    return parsed


def _read_schema2_events(
    parsed: Parsed, label: str, events: list[Any], zone: ZoneInfo | None
) -> None:
    rooms = {str(r.get("guid")): str(r.get("name")) for r in parsed.conference["rooms"]}
    for j, event in enumerate(events):
        where = f"$.schedule.events[{j}]"
        if not isinstance(event, dict):
            continue
        if event.get("state") in DROPPED_STATES:
            reason = f"skipped: its state is {event['state']}"
            parsed.warnings.append(Problem(label, where, reason, "warning"))
            continue
        room, fields = schema2_event(event, rooms)
        _add(parsed, label, where, room, fields, zone)


def _bare_day(day: dict[str, Any], start: str, end: str) -> dict[str, Any]:
    """A day of the file as schema.json writes it, without its events."""
    keys = {"index": "index", "date": "date", "day_start": start, "day_end": end}
    return {key: day[source] for key, source in keys.items() if source in day}


def _read_xml(label: str, raw: bytes) -> Parsed:
    try:
        root = parse_xml(raw)
    except DefusedXmlException:
        raise ImportRefused("XML with entity declarations or external references") from None
    except ET.ParseError as exc:
        raise ImportRefused(f"not well-formed XML: {exc}") from None
    if root.tag != "schedule":
        raise ImportRefused(f"not a schedule: the root element is <{root.tag}>")
    parsed = Parsed("xml")
    for error in _xml_schema().iter_errors(root):
        where = error.path or ""
        parsed.warnings.append(Problem(label, where, _short(error.reason or str(error)), "warning"))
    zone = _zone(root.findtext("conference/time_zone_name"))
    parsed.version = (root.findtext("version") or "").strip()
    parsed.conference = xml_conference(root.find("conference"))
    parsed.conference["days"] = [
        _bare_day(dict(day.attrib), "start", "end") for day in root.findall("day")
    ]
    for i, day in enumerate(root.findall("day"), start=1):
        for j, room in enumerate(day.findall("room"), start=1):
            for k, element in enumerate(room.findall("event"), start=1):
                where = f"/schedule/day[{i}]/room[{j}]/event[{k}]"
                event = xml_event(element)
                _add(parsed, label, where, room.get("name") or event.get("room", ""), event, zone)
    return parsed


def _add(
    parsed: Parsed,
    label: str,
    where: str,
    room: str,
    event: dict[str, Any],
    zone: ZoneInfo | None,
) -> None:
    """Keep an event with usable times; warn about (and skip) one without."""
    try:
        start = dt.datetime.fromisoformat(str(event["date"]))
        if start.tzinfo is None:
            if zone is None:
                raise ValueError("date has no time zone")
            start = start.replace(tzinfo=zone)
        if isinstance(event.get("end"), str):
            end = dt.datetime.fromisoformat(event["end"])
            end = end if end.tzinfo else end.replace(tzinfo=start.tzinfo)
        else:
            end = start + parse_duration(str(event["duration"]))
    except (KeyError, ValueError) as exc:
        reason = f"skipped: no usable date and duration ({exc})"
        parsed.warnings.append(Problem(label, where, reason, "warning"))
        return
    if end < start:
        reason = "skipped: it ends before it starts"
        parsed.warnings.append(Problem(label, where, reason, "warning"))
        return
    title = str(event.get("title") or "").strip() or "(untitled)"
    parsed.events.append(SourceEvent(where, room.strip(), title, start, end, event))


def _zone(name: object) -> ZoneInfo | None:
    try:
        return ZoneInfo(name) if isinstance(name, str) and name else None
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _short(text: str) -> str:
    return text if len(text) <= MAX_REASON else text[: MAX_REASON - 1] + "…"


@cache
def _schema(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((VOC / name).read_text(encoding="utf-8"))
    return data


def _json_validator(name: str = "schema.json") -> Any:
    schema = _schema(name)
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


@cache
def _xml_schema() -> Any:
    return xmlschema.XMLSchema(str(VOC / "schedule.xml.xsd"))


def schema_errors(document: dict[str, Any]) -> list[str]:
    """Where our own schedule.json breaks the c3voc schema (should be never)."""
    return [f"{e.json_path}: {e.message}" for e in _json_validator().iter_errors(document)]


# -- checking and mapping ------------------------------------------------------


def _overlaps(groups: dict[str, list[SourceEvent]], what: str) -> None:
    for name, events in groups.items():
        ordered = sorted(events, key=lambda e: (e.start, e.end))
        for first, second in pairwise(ordered):
            if second.start < first.end:
                raise ImportRefused(
                    f"{first.title!r} ({_when(first)}) and {second.title!r} ({_when(second)}) "
                    f"overlap in {what} {name!r}"
                )


def _when(event: SourceEvent) -> str:
    return f"{event.start:%Y-%m-%d %H:%M}–{event.end:%H:%M}"


def import_schedule(
    path: Path, manifest: Manifest, public_url: str, rooms: dict[str, str] | None = None
) -> ImportResult:
    """The venue programme made from `path`; raises ImportRefused, writes nothing.

    `rooms` maps room names to space ids (`--room`), before the manifest's `[rooms]` table
    and the spaces' own ids and names."""
    spaces = {spec.id for spec in manifest.spaces}
    for room, space in (rooms or {}).items():
        if space not in spaces:
            raise ImportRefused(f"--room {room}={space}: no space {space!r} in venue.toml")
    parsed = read_schedule(path)
    if not parsed.events:
        raise ImportRefused("no event with a date and duration: not a programme")
    by_room: dict[str, list[SourceEvent]] = {}
    for event in parsed.events:
        by_room.setdefault(event.room, []).append(event)
    try:
        _overlaps(by_room, "room")
    except ImportRefused as exc:
        raise ImportRefused(str(exc), parsed.warnings) from None
    index = room_index(manifest.spaces, manifest.rooms | (rooms or {}))
    mapped = {room: index[room.casefold()] for room in by_room if room.casefold() in index}
    unmapped = {room: len(events) for room, events in by_room.items() if room not in mapped}
    warnings = list(parsed.warnings)
    for room, count in unmapped.items():
        reason = (
            f"room {room!r} has no space in the venue: its {count} event(s) are not imported"
            f"{room_hint(room, manifest)}"
        )
        warnings.append(Problem(path.name, "", reason, "warning"))
    kept = [e for e in parsed.events if e.room in mapped]
    if not kept:
        raise ImportRefused(
            "no event is in a room of the venue (rooms are matched to spaces by --room, "
            "[rooms] in venue.toml, or the space's id, German or English name)",
            warnings,
        )
    by_space: dict[str, list[SourceEvent]] = {}
    for event in kept:
        by_space.setdefault(mapped[event.room], []).append(event)
    try:
        _overlaps(by_space, "space")
    except ImportRefused as exc:
        raise ImportRefused(str(exc), warnings) from None
    day, zone = manifest.event.date, ZoneInfo(manifest.event.timezone)
    elsewhere = sum(1 for e in kept if e.start.astimezone(zone).date() != day)
    if elsewhere:
        reason = f"{elsewhere} event(s) are not on the event's date {day} (venue.toml)"
        warnings.append(Problem(path.name, "", reason, "warning"))
    conference = _conference(manifest, parsed, {e.room for e in kept})
    conference = replace(conference, version=parsed.version or "1.0")
    talks = _talks(kept, conference)
    document = _valid_document(conference, talks, public_url, path.name, warnings)
    return ImportResult(document, len(talks), mapped, unmapped, warnings)


def _valid_document(
    conference: Conference, talks: list[Talk], public_url: str, label: str, warnings: list[Problem]
) -> dict[str, Any]:
    """The programme, strictly valid: an imported field the schema refuses is left out (with a
    warning), so that the venue's own value stands in for it."""
    for _ in range(5):
        document = schedule_json(conference, talks)
        errors = list(_json_validator().iter_errors(served_form(document, public_url)))
        if not errors:
            return document
        dropped_conference: set[str] = set()
        dropped: dict[str, set[str]] = {}
        for error in errors:
            where = list(error.absolute_path)
            if where[:2] != ["schedule", "conference"] or len(where) < 3:
                continue
            if where[2] != "days" and where[2] in conference.source:
                dropped_conference.add(str(where[2]))
            elif where[2] == "days" and len(where) >= 8 and where[4] == "rooms":
                event = document["schedule"]["conference"]["days"][where[3]]["rooms"][where[5]]
                dropped.setdefault(event[where[6]]["guid"], set()).add(str(where[7]))
        if not dropped_conference and not dropped:
            break
        for key in sorted(dropped_conference):
            reason = f"conference {key} not kept: the schema refuses {conference.source[key]!r}"
            warnings.append(Problem(label, "", _short(reason), "warning"))
        conference = replace(
            conference,
            source={k: v for k, v in conference.source.items() if k not in dropped_conference},
        )
        talks = [
            replace(t, source={k: v for k, v in t.source.items() if k not in dropped[t.guid]})
            if t.guid in dropped
            else t
            for t in talks
        ]
    messages = [f"{e.json_path}: {e.message}" for e in errors[:3]]
    # our bug, not the user's: refuse rather than write a broken programme
    raise ImportRefused("the converted programme does not validate: " + "; ".join(messages))


def served_form(document: dict[str, Any], public_url: str) -> dict[str, Any]:
    """The written programme as the server serves it: URLs the file leaves out filled in."""
    served = copy.deepcopy(document)
    base = base_url_of(public_url)
    schedule = served["schedule"]
    schedule.setdefault("base_url", base)
    schedule["conference"].setdefault("url", base)
    for day in schedule["conference"]["days"]:
        for events in day["rooms"].values():
            for event in events:
                event.setdefault("url", f"{base}programme#slot-{event['guid']}")
    return served


def _conference(manifest: Manifest, parsed: Parsed, used: set[str]) -> Conference:
    """The file's conference (its rooms that the venue uses), in the event's time zone."""
    event = manifest.event
    zone = ZoneInfo(event.timezone)
    source = dict(parsed.conference)
    listed = [r for r in source.get("rooms") or [] if isinstance(r, dict)]
    source["rooms"] = [r for r in listed if r.get("name") in used] or [
        {"name": room, "guid": stable_uuid("venue", event.id, "room", room)}
        for room in sorted(used)
    ]
    return Conference(
        acronym=acronym_of(event.id),
        title=event.title.de,
        description=event.subtitle.de if event.subtitle else "",
        zone=zone,
        base_url="",  # not written: the server adds its own public URL
        rooms=(),
        start=dt.datetime.combine(event.date, event.start, tzinfo=zone),
        end=dt.datetime.combine(event.date, event.end, tzinfo=zone),
        source=source,
    )


def _talks(events: Iterable[SourceEvent], conf: Conference) -> list[Talk]:
    """The events with every field of the file; ids, guids and slugs made unique and valid,
    URLs kept only when the file has a real one."""
    ordered = sorted(events, key=lambda e: (e.start, e.room))
    ids = Counter(_positive_int(e.fields.get("id")) for e in ordered)
    guids = Counter(str(e.fields.get("guid")) for e in ordered)
    talks: list[Talk] = []
    seen_slugs: set[str] = set()
    for number, event in enumerate(ordered, start=1):
        f = event.fields
        source_id = _positive_int(f.get("id"))
        talk_id = source_id if source_id and ids[source_id] == 1 else 100000 + number
        guid = str(f.get("guid"))
        if not (is_uuid(guid) and guids[guid] == 1):
            guid = stable_uuid("import", conf.acronym, event.where)
        slug = _text(f.get("slug"))
        if not SLUG.match(slug) or slug in seen_slugs:
            slug = talk_slug(conf.acronym, talk_id, event.title)
        seen_slugs.add(slug)
        kept = {key: f[key] for key in EVENT_FIELDS if key in f and key not in LIVE_FIELDS}
        kept |= {"id": talk_id, "guid": guid, "slug": slug, "room": event.room}
        title = printable(f["title"]) if isinstance(f.get("title"), str) else ""
        title = title if title.strip() else event.title
        kept["title"] = title
        kept["persons"] = list(_persons(f.get("persons"), conf.acronym))
        kept["links"] = _references(f.get("links"))
        kept["attachments"] = _references(f.get("attachments"))
        url = _text(f.get("url"))
        if not HTTP_URL.match(url):
            kept.pop("url", None)
        talks.append(
            Talk(
                id=talk_id,
                guid=guid,
                title=title,
                start=event.start,
                end=event.end,
                room=event.room,
                slug=slug,
                url=url if HTTP_URL.match(url) else "",
                type=_text(f.get("type")) or "other",
                language=_text(f.get("language")),
                abstract=_unstripped(f.get("abstract")),
                description=_unstripped(f.get("description")),
                source=kept,
            )
        )
    return talks


def _positive_int(value: object) -> int | None:
    try:
        number = int(str(value))
    except ValueError:
        return None
    return number if number >= 1 else None


def _unstripped(value: object) -> str:
    return printable(value) if isinstance(value, str) else ""


def _text(value: object) -> str:
    return printable(value).strip() if isinstance(value, str) else ""


def _persons(value: object, acronym: str) -> Iterator[dict[str, Any]]:
    """The persons as the file has them (every field); a broken guid made up anew."""
    for person in value if isinstance(value, list) else []:
        if not isinstance(person, dict):
            continue
        name = _text(person.get("name")) or _text(person.get("public_name"))
        if not name:
            continue
        kept = dict(person)
        if "guid" in person and not is_uuid(person["guid"]):
            kept["guid"] = stable_uuid("acct", f"{slugify(name)}@{acronym}")
        yield kept


def _references(value: object) -> list[dict[str, Any]]:
    """Links and attachments as the file has them (relative URLs are relative to its base)."""
    return [dict(ref) for ref in value if isinstance(ref, dict)] if isinstance(value, list) else []
