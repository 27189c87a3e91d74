"""Organisers' booth statistics: visits, requests and open hours per booth, as a table and CSV."""

from __future__ import annotations

from dataclasses import dataclass

from aiohttp import web

from venue.clock import utcnow
from venue.domain.booths import BoothStats, booth_stats
from venue.domain.permissions import Permission
from venue.web.auth import require_person
from venue.web.keys import SETTINGS, STORE, VENUE
from venue.web.registrations_csv import csv_download
from venue.web.render import catalogue, language, page

routes = web.RouteTableDef()

COLUMNS = ("booth", "organisation", "visitors", "visited", "answered", "missed", "open")


@dataclass(frozen=True, slots=True)
class StatsRow:
    booth: str
    name: str
    organisation: str
    hidden: bool
    stats: BoothStats

    def cells(self) -> list[str]:
        s = self.stats
        return [
            self.name,
            self.organisation,
            str(s.visitors),
            duration(s.seconds_visited),
            str(s.answered),
            str(s.missed),
            duration(s.seconds_open),
        ]


def duration(seconds: float) -> str:
    """Hours and minutes, `h:mm`, as spreadsheets and people both read it."""
    minutes = round(seconds / 60)
    return f"{minutes // 60}:{minutes % 60:02d}"


async def _rows(request: web.Request) -> list[StatsRow]:
    now = utcnow()
    contents = await request.app[STORE].booths.all()
    activity = await request.app[STORE].booth_activity.activity()
    rows = []
    for booth in request.app[VENUE].booths.values():
        content = contents.get(booth.id)
        seen = activity.get(booth.id)
        stats = booth_stats(
            booth.id,
            seen.visits if seen else [],
            seen.answered if seen else [],
            seen.open_periods if seen else [],
            now,
        )
        rows.append(
            StatsRow(
                booth.id,
                content.title_in(language(request))
                if content
                else booth.name.get(language(request)),
                content.organisation if content else booth.organisation,
                bool(content and content.hidden),
                stats,
            )
        )
    return rows


@routes.get("/organiser/booths")
async def stats_page(request: web.Request) -> web.Response:
    await require_person(request, Permission.VIEW_BOOTH_STATS)
    response = page(request, "booth_stats.html", {"rows": await _rows(request)})
    response.headers["Cache-Control"] = "no-store"
    return response


@routes.get("/organiser/booths.csv")
async def stats_csv(request: web.Request) -> web.Response:
    await require_person(request, Permission.VIEW_BOOTH_STATS)
    t = catalogue(request.app[SETTINGS].static_dir, language(request))
    header = [t[f"booth.stats.{c}"] for c in COLUMNS]
    return await csv_download(header, [row.cells() for row in await _rows(request)], "booths.csv")
