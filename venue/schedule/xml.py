"""The programme as frab/c3voc schedule.xml (validates against schedule.xml.xsd)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from venue.schedule.export import (
    GENERATOR,
    HTTP_URL,
    TIMESLOT,
    Conference,
    Talk,
    days_of,
    local_iso,
    room_dicts,
    talk_json,
)
from venue.venuefile.programme import printable


def schedule_xml(conference: Conference, talks: Sequence[Talk]) -> bytes:
    """The schedule.xml document (c3voc schedule.xml.xsd)."""
    zone = conference.zone
    days = days_of(conference, talks)
    guids = {str(r.get("name")): r.get("guid") for r in room_dicts(conference) if r.get("guid")}
    root = ET.Element("schedule")
    ET.SubElement(root, "generator", name=GENERATOR["name"], version=GENERATOR["version"])
    _text(root, "version", conference.version)
    conf = ET.SubElement(root, "conference")
    kept = conference.source  # what the imported file said, else the venue's
    _text(conf, "title", str(kept.get("title") or conference.title))
    _text(conf, "acronym", str(kept.get("acronym") or conference.acronym))
    if days:
        _text(conf, "start", local_iso(days[0].start, zone))
        _text(conf, "end", local_iso(days[-1].end, zone))
    _text(conf, "days", str(len(days)))
    _text(conf, "timeslot_duration", str(kept.get("timeslot_duration") or TIMESLOT))
    _text(conf, "base_url", conference.base_url)
    _text(conf, "url", str(kept.get("url") or conference.base_url))
    _text(conf, "time_zone_name", str(zone.key))
    for day in days:
        day_el = ET.SubElement(
            root,
            "day",
            index=str(day.index),
            date=day.date.isoformat(),
            start=local_iso(day.start, zone),
            end=local_iso(day.end, zone),
        )
        for name, in_room in day.rooms.items():
            attrs = {"name": name} | ({"guid": str(guids[name])} if name in guids else {})
            room_el = ET.SubElement(day_el, "room", attrs)
            for talk in in_room:
                _talk_xml(room_el, talk, zone)
    ET.indent(root)
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True)) + b"\n"


# the event's elements in the order frab writes them (the XSD takes any order)
_TEXTS = ("room", "title", "subtitle", "type", "date", "start", "duration", "abstract", "slug")
_LATER_TEXTS = ("language", "description")
_URLS = ("url", "feedback_url", "origin_url")


def _talk_xml(parent: ET.Element, talk: Talk, zone: ZoneInfo) -> None:
    """One <event>, from the same fields as the JSON event: every imported field is kept."""
    fields = talk_json(talk, zone)
    attrs = {"id": str(fields["id"]), "guid": str(fields["guid"])}
    if isinstance(fields.get("code"), str):
        attrs["code"] = fields["code"]
    event = ET.SubElement(parent, "event", attrs)
    for tag in _TEXTS:
        if tag != "slug" or fields.get("slug"):
            _text(event, tag, _plain(fields.get(tag)))
    _text(event, "track", _plain(fields.get("track")))
    if _absolute(fields.get("logo")):  # the XSD takes only absolute logo URLs
        _text(event, "logo", fields["logo"])
    persons = ET.SubElement(event, "persons")
    for person in fields.get("persons") or []:
        name = person.get("public_name") or person.get("name") or ""
        element = _text(persons, "person", str(name))
        if isinstance(person.get("id"), int):
            element.set("id", str(person["id"]))
        if person.get("guid"):
            element.set("guid", str(person["guid"]))
    for tag in _LATER_TEXTS:
        _text(event, tag, _plain(fields.get(tag)))
    if "recording_license" in fields or "do_not_record" in fields:
        recording = ET.SubElement(event, "recording")
        _text(recording, "license", _plain(fields.get("recording_license")))
        _text(recording, "optout", "true" if fields.get("do_not_record") else "false")
    for tag, item in (("links", "link"), ("attachments", "attachment")):
        container = ET.SubElement(event, tag)
        for ref in fields.get(tag) or []:
            element = _text(container, item, str(ref.get("title") or ref.get("url") or ""))
            element.set("href", str(ref.get("url") or ""))
            if ref.get("type"):
                element.set("type", str(ref["type"]))
    for tag in _URLS:
        if _absolute(fields.get(tag)):
            _text(event, tag, fields[tag])


def _absolute(url: object) -> bool:
    return isinstance(url, str) and HTTP_URL.match(url) is not None


def _plain(value: object) -> str:
    return "" if value is None else str(value)


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = printable(text)
    return element
