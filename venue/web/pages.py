"""The venue page: the join form, or the venue itself for someone with a token."""

from __future__ import annotations

from aiohttp import web

from venue.web.auth import current
from venue.web.keys import VENUE
from venue.web.render import language, page

routes = web.RouteTableDef()


@routes.get("/")
async def index(request: web.Request) -> web.Response:
    record = await current(request)
    me = (
        None
        if record is None
        else {"id": record.id, "name": record.name, "role": record.role.value}
    )
    boot = {
        "lang": language(request),
        "venue": request.app[VENUE].id,
        "me": me,
        "urls": {"venue": "/api/venue", "join": "/api/join", "leave": "/api/leave"},
    }
    return page(request, "index.html", {"me": me, "boot": boot})
