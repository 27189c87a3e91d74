"""The programme as frab/c3voc schedule.xml (validates against schedule.xml.xsd)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from venue.schedule.export import (
    GENERATOR,
    TIMESLOT,
    Conference,
    Talk,
    days_of,
    duration_of,
    local_iso,
)
from venue.venuefile.programme import printable


def schedule_xml(conference: Conference, talks: Sequence[Talk]) -> bytes:
    """The schedule.xml document (c3voc schedule.xml.xsd)."""
    zone = conference.zone
    days = days_of(conference, talks)
    guids = {r.name: r.guid for r in conference.rooms}
    root = ET.Element("schedule")
    ET.SubElement(root, "generator", name=GENERATOR["name"], version=GENERATOR["version"])
    _text(root, "version", conference.version)
    conf = ET.SubElement(root, "conference")
    _text(conf, "title", conference.title)
    _text(conf, "acronym", conference.acronym)
    if days:
        _text(conf, "start", local_iso(days[0].start, zone))
        _text(conf, "end", local_iso(days[-1].end, zone))
    _text(conf, "days", str(len(days)))
    _text(conf, "timeslot_duration", TIMESLOT)
    _text(conf, "base_url", conference.base_url)
    _text(conf, "url", conference.base_url)
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
            attrs = {"name": name} | ({"guid": guids[name]} if name in guids else {})
            room_el = ET.SubElement(day_el, "room", attrs)
            for talk in in_room:
                _talk_xml(room_el, talk, zone)
    ET.indent(root)
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True)) + b"\n"


def _talk_xml(parent: ET.Element, talk: Talk, zone: ZoneInfo) -> None:
    event = ET.SubElement(parent, "event", id=str(talk.id), guid=talk.guid)
    for tag, value in (
        ("room", talk.room),
        ("title", talk.title),
        ("subtitle", talk.subtitle),
        ("type", talk.type),
        ("date", local_iso(talk.start, zone)),
        ("start", talk.start.astimezone(zone).strftime("%H:%M")),
        ("duration", duration_of(talk)),
        ("abstract", talk.abstract),
        ("slug", talk.slug),
        ("track", talk.track or ""),
        ("language", talk.language),
        ("description", talk.description),
        ("url", talk.url),
    ):
        _text(event, tag, value)
    persons = ET.SubElement(event, "persons")
    for person in talk.persons:
        _text(persons, "person", person.name).set("guid", person.guid)
    links = ET.SubElement(event, "links")
    for link in talk.links:
        _text(links, "link", link.title or link.url).set("href", link.url)


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = printable(text)
    return element
