"""Organisers' attendance: people and minutes per block, space and booth, and people per
quarter hour, as a page with charts, JSON and CSV; groups under SMALLEST_GROUP are withheld."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from typing import Any

from aiohttp import web

from venue.domain.attendance import BUCKET, SMALLEST_GROUP
from venue.domain.attendance_figures import Count, Figures, PlaceFigures, figures
from venue.domain.permissions import Permission
from venue.domain.programme import Block
from venue.domain.venue import Venue
from venue.web.auth import require_person
from venue.web.keys import LIVE, SETTINGS, STORE, VENUE
from venue.web.registrations_csv import csv_download
from venue.web.render import catalogue, language, page

log = logging.getLogger(__name__)
routes = web.RouteTableDef()

COLUMNS = ("kind", "id", "name", "from", "to", "people", "minutes")
NO_STORE = {"Cache-Control": "no-store"}


async def flushed(request: web.Request) -> None:
    """The seconds this process holds go to the store first, so that figures include them;
    a database away for a moment only makes them a few seconds old."""
    try:
        await request.app[LIVE].attendance.flush()
    except Exception:
        log.exception("attendance batch not written before a read")


def local(venue: Venue, moment: dt.datetime) -> dt.datetime:
    """A moment in the event's time zone (UTC without an event)."""
    return moment.astimezone(venue.event.zone if venue.event else dt.UTC)


def block_label(
    venue: Venue,
    block: Block,
    start: dt.datetime,
    end: dt.datetime,
    lang: str,
    spaces: Sequence[str] | None = None,
) -> str:
    """A block as people name it ("11:00–13:00 Plenarsaal"), by its live times and its
    spaces, or only `spaces` of them (the workshop someone attended)."""
    names = ", ".join(
        venue.spaces[s].name.get(lang) for s in spaces or block.spaces if s in venue.spaces
    )
    return f"{local(venue, start):%H:%M}–{local(venue, end):%H:%M} {names}"


async def _figures(request: web.Request) -> Figures:
    await flushed(request)
    venue = request.app[VENUE]
    programme = request.app[LIVE].conductor.day.programme
    blocks = [(b, programme.start_of(b), programme.end_of(b)) for b in programme.blocks]
    rows = await request.app[STORE].attendance.rows()
    return figures(rows, blocks, list(venue.spaces), list(venue.booths))


def _count(count: Count) -> dict[str, int | None]:
    return {"people": count.people, "minutes": count.minutes}


def _place(venue: Venue, place: PlaceFigures, name: str) -> dict[str, Any]:
    return {
        "id": place.id,
        "name": name,
        **_count(place.total),
        "series": [{"at": local(venue, p.at).isoformat(), **_count(p.count)} for p in place.series],
    }


def as_json(venue: Venue, found: Figures, lang: str) -> dict[str, Any]:
    """The figures as the page's charts and the JSON export read them; null: withheld."""
    return {
        "threshold": SMALLEST_GROUP,
        "bucket_minutes": int(BUCKET.total_seconds() // 60),
        "blocks": [
            {
                "index": b.block.index,
                "label": block_label(venue, b.block, b.start, b.end, lang),
                "start": local(venue, b.start).isoformat(),
                "end": local(venue, b.end).isoformat(),
                "spaces": [
                    {"id": s, "name": venue.spaces[s].name.get(lang), **_count(c)}
                    for s, c in b.spaces
                ],
            }
            for b in found.blocks
        ],
        "spaces": [_place(venue, s, venue.spaces[s.id].name.get(lang)) for s in found.spaces],
        "booths": [_place(venue, b, venue.booths[b.id].name.get(lang)) for b in found.booths],
    }


def as_rows(venue: Venue, found: Figures, lang: str) -> list[list[str]]:
    """The CSV's rows: each block's spaces, then each space and booth per quarter hour;
    an empty cell is a group too small to show."""

    def cells(count: Count) -> list[str]:
        return ["" if v is None else str(v) for v in (count.people, count.minutes)]

    def when(moment: dt.datetime) -> str:
        return f"{local(venue, moment):%Y-%m-%d %H:%M}"

    out = []
    for b in found.blocks:
        for space, count in b.spaces:
            name = block_label(venue, b.block, b.start, b.end, lang)
            out.append(["block", f"{b.block.index}:{space}", name, when(b.start), when(b.end)])
            out[-1] += cells(count)
    for kind, places, names in (
        ("space", found.spaces, {s: venue.spaces[s].name.get(lang) for s in venue.spaces}),
        ("booth", found.booths, {b: venue.booths[b].name.get(lang) for b in venue.booths}),
    ):
        for place in places:
            for point in place.series:
                row = [kind, place.id, names[place.id], when(point.at), when(point.at + BUCKET)]
                out.append(row + cells(point.count))
    return out


@routes.get("/organiser/attendance")
async def attendance_page(request: web.Request) -> web.Response:
    await require_person(request, Permission.VIEW_ATTENDANCE)
    lang = language(request)
    found = as_json(request.app[VENUE], await _figures(request), lang)
    response = page(request, "attendance.html", {"figures": found, "threshold": SMALLEST_GROUP})
    response.headers.update(NO_STORE)
    return response


@routes.get("/organiser/attendance.json")
async def attendance_json(request: web.Request) -> web.Response:
    await require_person(request, Permission.VIEW_ATTENDANCE)
    found = as_json(request.app[VENUE], await _figures(request), language(request))
    return web.json_response(found, headers=NO_STORE)


@routes.get("/organiser/attendance.csv")
async def attendance_csv(request: web.Request) -> web.Response:
    await require_person(request, Permission.VIEW_ATTENDANCE)
    lang = language(request)
    t = catalogue(request.app[SETTINGS].static_dir, lang)
    header = [t[f"attendance.csv.{c}"] for c in COLUMNS]
    rows = as_rows(request.app[VENUE], await _figures(request), lang)
    return await csv_download(header, rows, "attendance.csv")
