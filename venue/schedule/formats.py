"""The other programme formats as the c3voc `schema.json` (version 1) fields the venue keeps.

frab's `schedule.xml` and the c3voc hub's `schema2.json` carry the same events with other
names; reading them into version 1 fields once lets one writer serve every format.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from typing import Any

# schema.json (v1) event fields, in frab's order: the written file keeps exactly these
EVENT_FIELDS = (
    "guid", "code", "id", "logo", "date", "start", "end", "duration", "room", "slug", "url",
    "title", "subtitle", "track", "type", "language", "abstract", "description",
    "recording_license", "do_not_record", "do_not_stream", "persons", "links", "feedback_url",
    "origin_url", "attachments",
)  # fmt: skip
# schema.json (v1) conference fields kept from the imported file (the rest follows the events)
CONFERENCE_FIELDS = (
    "acronym", "title", "description", "timeslot_duration", "time_zone_name", "logo", "colors",
    "keywords", "url", "tracks", "rooms", "meta",
)  # fmt: skip
# schema2's room types as schema.json writes them
_ROOM_TYPES = {"LECTURE_HALL": "lecturehall", "VIRTUAL": "online"}
_ROOM_FIELDS = ("name", "slug", "type", "guid", "stream_id", "description", "capacity", "url")
# events that do not take place
DROPPED_STATES = frozenset(("REJECTED", "CANCELED", "WITHDRAWN", "DELETED", "DRAFT", "SUBMITTED"))
_ISO_DURATION = re.compile(r"^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$")


def is_schema2(schedule: dict[str, Any]) -> bool:
    """Whether a JSON schedule is the c3voc hub's schema2: one list of events, days bare."""
    return isinstance(schedule.get("events"), list)


def hh_mm(duration: dt.timedelta) -> str:
    minutes = int(duration.total_seconds() // 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def iso_duration(text: object) -> dt.timedelta | None:
    """`PT1H30M` as a timedelta; None if it is not an ISO 8601 duration of days and times."""
    match = _ISO_DURATION.match(str(text))
    if match is None or not any(match.groups()):
        return None
    days, hours, minutes, seconds = (float(g) if g else 0.0 for g in match.groups())
    return dt.timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)


def _localised(value: object, language: object) -> object:
    """A schema2 LocalizableString as one string: the event's language, else the first."""
    if not isinstance(value, dict):
        return value
    if isinstance(language, str) and isinstance(value.get(language), str):
        return value[language]
    return next((text for text in value.values() if isinstance(text, str)), "")


def schema2_conference(conference: dict[str, Any]) -> dict[str, Any]:
    """A schema2 conference as schema.json's fields."""
    kept = {key: conference[key] for key in CONFERENCE_FIELDS if key in conference}
    if "description" in kept:
        kept["description"] = _localised(kept["description"], None) or ""
    slot = iso_duration(conference.get("timeslot_duration"))
    if slot is not None:
        kept["timeslot_duration"] = hh_mm(slot)
    if not isinstance(kept.get("logo"), str):
        kept.pop("logo", None)
    kept["rooms"] = [
        {key: room[key] for key in _ROOM_FIELDS if key in room}
        | (
            {"type": _ROOM_TYPES.get(room["type"], str(room["type"]).lower())}
            if "type" in room
            else {}
        )
        | ({"description": _localised(room["description"], None)} if "description" in room else {})
        for room in conference.get("rooms") or []
        if isinstance(room, dict)
    ]
    kept["tracks"] = [
        {key: track[key] for key in ("name", "slug", "color") if key in track}
        for track in conference.get("tracks") or []
        if isinstance(track, dict)
    ]
    return kept


def schema2_event(event: dict[str, Any], rooms: dict[str, str]) -> tuple[str, dict[str, Any]]:
    """A schema2 event as its room's name and schema.json's fields; `rooms` maps room guids
    to names."""
    room = event.get("room")
    name = ""
    if isinstance(room, dict):
        name = str(room.get("name") or rooms.get(str(room.get("guid")), ""))
    language = event.get("language")
    fields: dict[str, Any] = {
        key: event[key] for key in EVENT_FIELDS if key in event and key not in ("start", "room")
    }
    fields["date"] = event.get("start")
    fields["room"] = name
    length = iso_duration(event.get("duration"))
    if length is None:
        try:
            start = dt.datetime.fromisoformat(str(event.get("start")))
            length = dt.datetime.fromisoformat(str(event.get("end"))) - start
        except ValueError:
            length = None
    if length is not None:
        fields["duration"] = hh_mm(length)
    track = event.get("track")
    fields["track"] = track.get("name") or track.get("slug") if isinstance(track, dict) else track
    if isinstance(event.get("type"), str):
        fields["type"] = event["type"].lower()
    for key in ("title", "subtitle", "abstract", "description"):
        if key in fields:
            fields[key] = _localised(fields[key], language)
    fields["persons"] = [
        {key: p[key] for key in ("name", "guid") if key in p}
        for p in event.get("participants") or []
        if isinstance(p, dict)
    ]
    for key in ("links", "attachments"):
        fields[key] = [
            {k: (v.lower() if k == "type" and isinstance(v, str) else v) for k, v in ref.items()}
            for ref in event.get(key) or []
            if isinstance(ref, dict)
        ]
    return name, fields


def xml_event(element: ET.Element) -> dict[str, Any]:
    """A frab <event> as schema.json's fields."""
    simple = ("recording", "persons", "links", "attachments", "video_download_url")
    event: dict[str, Any] = {
        child.tag: (child.text or "").strip() for child in element if child.tag not in simple
    }
    for attr in ("guid", "code"):
        if element.get(attr) is not None:
            event[attr] = element.get(attr)
    number = element.get("id") or ""
    event["id"] = int(number) if number.isdigit() else number
    if event.get("track") == "":
        event["track"] = None
    recording = element.find("recording")
    if recording is not None:
        event["recording_license"] = (recording.findtext("license") or "").strip()
        event["do_not_record"] = (recording.findtext("optout") or "").strip() == "true"
    event["persons"] = [_xml_person(p) for p in element.findall("persons/person")]
    for tag, item in (("links", "link"), ("attachments", "attachment")):
        event[tag] = [
            {"url": ref.get("href"), "title": (ref.text or "").strip()}
            | ({"type": ref.get("type")} if ref.get("type") else {})
            for ref in element.findall(f"{tag}/{item}")
        ]
    return event


def _xml_person(person: ET.Element) -> dict[str, Any]:
    found: dict[str, Any] = {"name": (person.text or "").strip()}
    if (person.get("id") or "").isdigit():
        found["id"] = int(person.get("id") or "")
    if person.get("guid"):
        found["guid"] = person.get("guid")
    return found


def xml_conference(conference: ET.Element | None) -> dict[str, Any]:
    """A frab <conference> as the schema.json fields the venue keeps."""
    if conference is None:
        return {}
    kept = {}
    for key in ("acronym", "title", "timeslot_duration", "time_zone_name", "url"):
        text = (conference.findtext(key) or "").strip()
        if text:
            kept[key] = text
    return kept
