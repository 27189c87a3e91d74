"""The programme as a c3voc/frab schedule (JSON and XML), strictly valid, with live times.

One intermediate form (`Conference` + `Talk`) feeds both formats; the venue's live
programme and `venue import-schedule` both write through it, so whatever we write
passes `schema.json` and `schedule.xml.xsd` (tests check both).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from venue.domain.programme import LiveProgramme, Slot
from venue.domain.venue import SpaceKind, Venue
from venue.venuefile.programme import parse_duration

SCHEMA_URL = "https://c3voc.de/schedule/schema.json"
GENERATOR = {"name": "venue", "version": "0.1.0"}
TIMESLOT = "00:05"
# frab's room types for our kinds of space (schema: Room.type)
ROOM_TYPES = {
    SpaceKind.PLENARY: "lecturehall",
    SpaceKind.WORKSHOP: "workshop",
}
TALK_TYPES = {
    SpaceKind.PLENARY: "talk",
    SpaceKind.WORKSHOP: "workshop",
    SpaceKind.BAR: "meeting",
}
LINK_TYPES = frozenset(
    ("slides", "paper", "web", "blog", "article", "media", "related", "activitypub")
)
# both schemas' slug rules at once: JSON `^[a-z0-9_-]+[a-z0-9]$`, XSD voc-slug-new
SLUG = re.compile(r"^[a-z0-9_]{4,}-[a-z0-9_-]{3,}[a-z0-9]$")
HTTP_URL = re.compile(r"^https?://\S+$")
# an event's fields that live delays change; every other field is written as imported
LIVE_FIELDS = frozenset(("date", "start", "end", "duration"))
# a conference's fields that follow from its events
DERIVED_FIELDS = frozenset(("start", "end", "daysCount", "days"))
_GERMAN = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}
)


@dataclass(frozen=True)
class Room:
    slug: str
    name: str
    guid: str
    type: str = "other"
    capacity: int | None = None


@dataclass(frozen=True)
class Speaker:
    name: str
    guid: str


@dataclass(frozen=True)
class TalkLink:
    url: str
    title: str = ""
    type: str | None = None


@dataclass(frozen=True)
class Talk:
    """One event as written: times are aware, in any zone (written in the conference's)."""

    id: int
    guid: str
    title: str
    start: dt.datetime
    end: dt.datetime
    room: str
    slug: str
    url: str
    type: str = "other"
    language: str = "de"
    subtitle: str = ""
    track: str | None = None
    abstract: str = ""
    description: str = ""
    persons: tuple[Speaker, ...] = ()
    links: tuple[TalkLink, ...] = ()
    # the event as imported: every field but the live times is written back unchanged
    source: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Conference:
    acronym: str
    title: str
    description: str
    zone: ZoneInfo
    base_url: str
    rooms: tuple[Room, ...]
    version: str = "1.0"
    # the event's own hours, which the day's bounds always include
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    # the conference as imported (its rooms, timeslot_duration, url…), written back unchanged
    source: Mapping[str, Any] = field(default_factory=dict)


# -- names ---------------------------------------------------------------------


def acronym_of(venue_id: str) -> str:
    """A venue id as the schema's acronym (`lausitz-2021` → `lausitz_2021`)."""
    text = re.sub(r"[^a-z0-9_]", "_", venue_id.lower())
    return text.ljust(4, "_")


def slugify(text: str) -> str:
    """ASCII, lower case, hyphens: `Begrüßung und Auftakt` → `begruessung-und-auftakt`."""
    ascii_text = unicodedata.normalize("NFKD", text.translate(_GERMAN))
    ascii_text = ascii_text.encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return slug[:60].rstrip("-")


def talk_slug(acronym: str, talk_id: int, title: str) -> str:
    return f"{acronym}-{talk_id}-{slugify(title) or 'event'}"


def stable_uuid(*parts: str) -> str:
    """A uuid5 that stays the same for the same names (rooms, persons)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, ":".join(parts)))


def is_uuid(text: object) -> bool:
    try:
        uuid.UUID(str(text))
    except ValueError:
        return False
    return isinstance(text, str) and len(text) == 36


def base_url_of(public_url: str) -> str:
    return public_url.rstrip("/") + "/"


# -- the venue's live programme ------------------------------------------------


def live_slots(programme: LiveProgramme) -> list[Slot]:
    """Every slot at its effective time: moved with its block, clipped to the block's end."""
    starts, ends = programme.starts(), programme.ends()
    slots: list[Slot] = []
    for block in programme.blocks:
        shift = starts[block.index] - block.start
        end_of_block = ends[block.index]
        for slot in block.slots:
            start = min(slot.start + shift, end_of_block)
            slots.append(
                replace(slot, start=start, end=max(start, min(slot.end + shift, end_of_block)))
            )
    return sorted(slots, key=lambda s: (s.start, s.room))


def venue_conference(venue: Venue, public_url: str, version: str = "1.0") -> Conference:
    """The venue's event and the spaces the programme uses, as the schedule's conference."""
    event = venue.event
    source = venue.programme.conference
    used = {slot.space for slot in venue.programme.slots}
    rooms = tuple(
        Room(
            slug=space.id,
            name=space.name.de,
            guid=stable_uuid("venue", venue.id, "space", space.id),
            type=ROOM_TYPES.get(space.kind, "other"),
            capacity=space.capacity,
        )
        for space in venue.spaces.values()
        if space.id in used
    )
    zone = _zone(source.get("time_zone_name")) or (event.zone if event else ZoneInfo("UTC"))
    return Conference(
        acronym=acronym_of(venue.id),
        title=venue.title.de,
        description=event.subtitle.de if event and event.subtitle else "",
        zone=zone,
        base_url=base_url_of(public_url),
        rooms=rooms,
        version=version,
        start=dt.datetime.combine(event.date, event.start, tzinfo=event.zone) if event else None,
        end=event.ends_at if event else None,
        source=source,
    )


def _zone(name: object) -> ZoneInfo | None:
    try:
        return ZoneInfo(name) if isinstance(name, str) and name else None
    except (ZoneInfoNotFoundError, ValueError):
        return None


def venue_talks(venue: Venue, slots: Iterable[Slot], public_url: str) -> list[Talk]:
    """The slots as talks; ids follow the file (else the planned order), so they survive
    delays; every field of the file is kept."""
    acronym = acronym_of(venue.id)
    base = base_url_of(public_url)
    ids = {slot.guid: i for i, slot in enumerate(venue.programme.slots, start=1)}
    talks: list[Talk] = []
    for slot in slots:
        space = venue.spaces.get(slot.space or "")
        source_id = slot.source.get("id")
        talk_id = (
            source_id
            if isinstance(source_id, int) and source_id >= 1
            else ids.get(slot.guid, len(ids) + len(talks) + 1)
        )
        guid = slot.guid if is_uuid(slot.guid) else stable_uuid("venue", venue.id, slot.guid)
        talks.append(
            Talk(
                id=talk_id,
                guid=guid,
                title=slot.title,
                start=slot.start,
                end=slot.end,
                room=slot.room if slot.source else space.name.de if space else slot.room,
                slug=talk_slug(acronym, talk_id, slot.title),
                url=f"{base}programme#slot-{slot.guid}",
                type=TALK_TYPES.get(space.kind, "other") if space else "other",
                abstract=slot.abstract,
                description=slot.description,
                persons=tuple(
                    Speaker(name, stable_uuid("acct", f"{slugify(name)}@{venue.id}"))
                    for name in slot.persons
                ),
                source=slot.source,
            )
        )
    return talks


def venue_schedule(
    venue: Venue, programme: LiveProgramme, public_url: str
) -> tuple[Conference, list[Talk]]:
    """The live programme (delays applied) ready for `schedule_json` or `schedule_xml`."""
    # the version changes with every live adjustment, so apps notice the new times
    planned = venue.programme.version or "1"
    version = f"{planned}.{len(programme.adjustments)}" if programme.adjustments else planned
    conference = venue_conference(venue, public_url, version)
    return conference, venue_talks(venue, live_slots(programme), public_url)


# -- writing -------------------------------------------------------------------


@dataclass(frozen=True)
class _ConferenceDay:
    index: int
    date: dt.date
    start: dt.datetime
    end: dt.datetime
    rooms: dict[str, list[Talk]]


def days_of(conference: Conference, talks: Sequence[Talk]) -> list[_ConferenceDay]:
    zone = conference.zone
    dates = sorted({t.start.astimezone(zone).date() for t in talks})
    if not dates and conference.start is not None:
        dates = [conference.start.astimezone(zone).date()]
    days = []
    for index, date in enumerate(dates, start=1):
        on_day = sorted(
            (t for t in talks if t.start.astimezone(zone).date() == date),
            key=lambda t: (t.start, t.room),
        )
        bounds = [t.start for t in on_day] + [t.end for t in on_day]
        for edge in (conference.start, conference.end):
            if edge is not None and edge.astimezone(zone).date() == date:
                bounds.append(edge)
        if not bounds:
            bounds = [dt.datetime.combine(date, dt.time(), tzinfo=zone)]
        bounds += _source_day_bounds(conference, date)
        rooms: dict[str, list[Talk]] = {}
        for name in (str(room.get("name")) for room in room_dicts(conference)):
            in_room = [t for t in on_day if t.room == name]
            if in_room:
                rooms[name] = in_room
        for talk in on_day:  # rooms not listed still keep their talks
            if talk.room not in rooms:
                rooms.setdefault(talk.room, []).append(talk)
        days.append(
            _ConferenceDay(
                index, date, min(bounds).astimezone(zone), max(bounds).astimezone(zone), rooms
            )
        )
    return days


def _source_day_bounds(conference: Conference, date: dt.date) -> list[dt.datetime]:
    """The start and end the imported file gave the day of `date`, if it had that day."""
    bounds = []
    for day in conference.source.get("days") or []:
        if not isinstance(day, dict) or day.get("date") != date.isoformat():
            continue
        for key in ("day_start", "day_end"):
            try:
                moment = dt.datetime.fromisoformat(str(day.get(key)))
            except ValueError:
                continue
            if moment.tzinfo is not None:
                bounds.append(moment)
    return bounds


def local_iso(moment: dt.datetime, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).replace(microsecond=0).isoformat()


def duration_of(talk: Talk) -> str:
    minutes = max(0, int((talk.end - talk.start).total_seconds() // 60))
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def talk_json(talk: Talk, zone: ZoneInfo) -> dict[str, Any]:
    """The event as schema.json writes it: the live times, every other imported field kept."""
    fields: dict[str, Any] = {
        "guid": talk.guid,
        "id": talk.id,
        "date": local_iso(talk.start, zone),
        "start": talk.start.astimezone(zone).strftime("%H:%M"),
        "end": local_iso(talk.end, zone),
        "duration": duration_of(talk),
        "room": talk.room,
        "slug": talk.slug,
        "url": talk.url,
        "title": talk.title,
        "subtitle": talk.subtitle,
        "track": talk.track,
        "type": talk.type,
        "language": talk.language,
        "abstract": talk.abstract,
        "description": talk.description,
        "persons": [{"name": p.name, "guid": p.guid} for p in talk.persons],
        "links": [
            {"url": link.url, "title": link.title or link.url}
            | ({"type": link.type} if link.type else {})
            for link in talk.links
        ],
        "attachments": [],
    }
    if not talk.url:  # an imported event without a URL of its own: the server adds one
        del fields["url"]
    fields |= {key: value for key, value in talk.source.items() if key not in LIVE_FIELDS}
    # the texts as the venue shows them: the file's, without control characters
    fields["title"] = talk.title
    for key, text in (("abstract", talk.abstract), ("description", talk.description)):
        if isinstance(talk.source.get(key), str):
            fields[key] = text
    if _as_planned(talk):  # not moved: the times as the file wrote them, offsets and all
        fields |= {key: value for key, value in talk.source.items() if key in LIVE_FIELDS}
    return fields


def _as_planned(talk: Talk) -> bool:
    """Whether the talk is where its file put it (no live delay moved it)."""
    try:
        start = dt.datetime.fromisoformat(str(talk.source.get("date")))
    except ValueError:
        return False
    try:
        length = parse_duration(str(talk.source.get("duration")))
    except ValueError:
        return False
    return start == talk.start and talk.end - talk.start == length


def schedule_json(conference: Conference, talks: Sequence[Talk]) -> dict[str, Any]:
    """The schedule.json document (c3voc schema.json)."""
    zone = conference.zone
    days = days_of(conference, talks)
    room_list = room_dicts(conference)
    conf: dict[str, Any] = {
        "acronym": conference.acronym,
        "title": conference.title,
        "start": local_iso(days[0].start, zone) if days else "",
        "end": local_iso(days[-1].end, zone) if days else "",
        "daysCount": len(days),
        "timeslot_duration": TIMESLOT,
        "time_zone_name": str(zone.key),
        "url": conference.base_url,
        "rooms": room_list,
        "days": [
            {
                "index": day.index,
                "date": day.date.isoformat(),
                "day_start": local_iso(day.start, zone),
                "day_end": local_iso(day.end, zone),
                "rooms": {
                    name: [talk_json(t, zone) for t in in_room]
                    for name, in_room in day.rooms.items()
                },
            }
            for day in days
        ],
    }
    if conference.description:
        conf["description"] = conference.description
    kept = {k: v for k, v in conference.source.items() if k not in DERIVED_FIELDS}
    conf |= kept
    if not conf["url"]:  # written by an import: the server adds its own public URL
        del conf["url"]
    schedule: dict[str, Any] = {"version": conference.version}
    if conference.base_url:
        schedule["base_url"] = conference.base_url
    return {
        "$schema": SCHEMA_URL,
        "generator": dict(GENERATOR),
        "schedule": schedule | {"conference": conf},
    }


def room_dicts(conference: Conference) -> list[dict[str, Any]]:
    """The conference's rooms: as imported, else the venue's spaces."""
    listed = conference.source.get("rooms")
    if isinstance(listed, list) and listed:
        return [dict(room) for room in listed if isinstance(room, dict)]
    return [
        {"name": r.name, "slug": r.slug, "guid": r.guid, "type": r.type}
        | ({"capacity": r.capacity} if r.capacity is not None else {})
        for r in conference.rooms
    ]
