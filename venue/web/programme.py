"""The public programme: a printable page, the whole event as iCalendar, schedule.json/.xml.

Every view reads the conductor's live programme, so moderators' delays show everywhere.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from venue.domain.programme import LiveProgramme, Slot
from venue.schedule.export import live_slots, schedule_json, venue_schedule
from venue.schedule.ical import calendar
from venue.schedule.xml import schedule_xml
from venue.web.keys import LIVE, SETTINGS, STORE, VENUE
from venue.web.poll_record import poll_records
from venue.web.render import language, page

routes = web.RouteTableDef()

# live times change with every delay: caches must ask again
NO_CACHE = {"Cache-Control": "no-cache"}


@dataclass(frozen=True)
class Entry:
    """One slot as the page shows it."""

    slot: Slot
    space: str
    start: str
    end: str
    planned: str | None  # the planned start when a delay moved it
    day: str | None = None  # the date, when the programme spans several days


def _programme(request: web.Request) -> LiveProgramme:
    return request.app[LIVE].conductor.day.programme


def _entries(request: web.Request, lang: str) -> list[list[Entry]]:
    """The slots at their live times, grouped by block (a parallel block is one group)."""
    venue = request.app[VENUE]
    zone = venue.event.zone if venue.event else dt.UTC
    programme = _programme(request)
    planned = {slot.guid: slot.start for slot in venue.programme.slots}
    live = {slot.guid: slot for slot in live_slots(programme)}
    several_days = len({slot.start.astimezone(zone).date() for slot in live.values()}) > 1
    day_format = "%Y-%m-%d" if lang == "en" else "%d.%m.%Y"

    def entry(slot: Slot) -> Entry:
        space = venue.spaces.get(slot.space or "")
        moved = slot.start != planned.get(slot.guid, slot.start)
        return Entry(
            slot=slot,
            space=space.name.get(lang) if space else slot.room,
            start=f"{slot.start.astimezone(zone):%H:%M}",
            end=f"{slot.end.astimezone(zone):%H:%M}",
            planned=f"{planned[slot.guid].astimezone(zone):%H:%M}" if moved else None,
            day=slot.start.astimezone(zone).strftime(day_format) if several_days else None,
        )

    return [[entry(live[s.guid]) for s in block.slots] for block in programme.blocks]


@routes.get("/programme")
async def programme_page(request: web.Request) -> web.Response:
    """The printable programme with the workshop descriptions and the results of the polls
    closed in each slot (German, ?lang=en)."""
    lang = language(request)
    venue = request.app[VENUE]
    event = venue.event
    context: dict[str, Any] = {
        "groups": _entries(request, lang),
        "organiser": event.organiser if event else None,
        "organiser_url": event.organiser_url if event else None,
        "contact": event.contact if event else (),
        "adjusted": bool(_programme(request).adjustments),
        "workshop_spaces": {w.id for w in venue.workshops()},
        "polls": await poll_records(request.app[STORE]),
    }
    response = page(request, "programme.html", context)
    response.headers.update(NO_CACHE)
    return response


@routes.get("/programme.ics")
async def programme_ics(request: web.Request) -> web.Response:
    """The whole event at its live times; UIDs are the slots' guids at the venue id."""
    venue = request.app[VENUE]
    lang = language(request)
    public_url = request.app[SETTINGS].public_url
    body = calendar(venue, live_slots(_programme(request)), lang, venue.title.get(lang), public_url)
    return web.Response(
        body=body,
        content_type="text/calendar",
        charset="utf-8",
        headers={"Content-Disposition": 'attachment; filename="programme.ics"', **NO_CACHE},
    )


@routes.get("/schedule.json")
async def schedule_json_view(request: web.Request) -> web.Response:
    """The live programme in the c3voc/frab schedule.json format."""
    conference, talks = venue_schedule(
        request.app[VENUE], _programme(request), request.app[SETTINGS].public_url
    )
    text = json.dumps(schedule_json(conference, talks), ensure_ascii=False, indent=2)
    return web.Response(
        text=text, content_type="application/json", charset="utf-8", headers=NO_CACHE
    )


@routes.get("/schedule.xml")
async def schedule_xml_view(request: web.Request) -> web.Response:
    """The live programme in the c3voc/frab schedule.xml format."""
    conference, talks = venue_schedule(
        request.app[VENUE], _programme(request), request.app[SETTINGS].public_url
    )
    return web.Response(
        body=schedule_xml(conference, talks),
        content_type="application/xml",
        charset="utf-8",
        headers=NO_CACHE,
    )
