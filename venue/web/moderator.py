"""The moderator console page; everything live on it goes through Socket.IO (mod.* events)."""

from __future__ import annotations

from aiohttp import web

from venue.domain.permissions import Permission
from venue.web.auth import require_person
from venue.web.keys import VENUE
from venue.web.render import language, page

routes = web.RouteTableDef()

DEFAULT_ZONE = "Europe/Berlin"


@routes.get("/moderator")
async def moderator_page(request: web.Request) -> web.Response:
    record = await require_person(request, Permission.MODERATE)
    venue = request.app[VENUE]
    me = {"id": record.id, "name": record.name, "role": record.role.value}
    boot = {
        "lang": language(request),
        "venue": venue.id,
        "zone": venue.event.timezone if venue.event else DEFAULT_ZONE,
        "me": me,
    }
    return page(request, "moderator.html", {"me": me, "boot": boot})
