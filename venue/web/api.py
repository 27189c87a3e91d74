"""The JSON API: join as a guest, leave, the venue with live counts, health."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from aiohttp import web

from venue.domain.errors import DomainError
from venue.identity import COOKIE
from venue.keys import IDENTITIES, JOIN_LIMITER, REALTIME, SETTINGS, STORE, VENUE
from venue.realtime.views import space_list
from venue.web.auth import set_token_cookie
from venue.web.security import json_error, json_exception, require_same_origin

routes = web.RouteTableDef()

JOIN_BODY_MAX = 1024


@routes.post("/api/join")
async def join(request: web.Request) -> web.Response:
    """Join as a guest with a display name; sets the token cookie."""
    require_same_origin(request)
    event = request.app[VENUE].event
    if event is not None and event.access == "registered":
        return json_error(
            403, "join.registered_only", "This event is for registered people: open your link."
        )
    if not _join_allowed(request):
        return json_error(429, "rate.limited", "Too many joins from here; wait a minute.")
    body = await _json_body(request, JOIN_BODY_MAX)
    name = body.get("name") if isinstance(body, dict) else None
    if not isinstance(name, str):
        return json_error(400, "payload.invalid", 'Send {"name": "..."}.')
    try:
        record, token = await request.app[IDENTITIES].join_as_guest(name)
    except DomainError as exc:
        return json_error(400, exc.code, exc.message)
    response = web.json_response(
        {
            "participant": {"id": record.id, "name": record.name, "role": record.role.value},
            "token": token,
        }
    )
    set_token_cookie(response, token, request.app[SETTINGS])
    return response


@routes.post("/api/leave")
async def leave(request: web.Request) -> web.Response:
    require_same_origin(request)
    response = web.json_response({"ok": True})
    response.del_cookie(COOKIE)
    return response


@routes.get("/api/venue")
async def venue_info(request: web.Request) -> web.Response:
    venue = request.app[VENUE]
    spaces = space_list(request.app[REALTIME].presence)
    return web.json_response(
        {
            "venue": venue.id,
            "title": {"de": venue.title.de, "en": venue.title.en},
            "spaces": [s.model_dump(mode="json") for s in spaces],
        }
    )


@routes.get("/healthz")
async def healthz(request: web.Request) -> web.Response:
    try:
        await request.app[STORE].ping()
    except Exception as exc:  # readiness must say why, not crash
        return web.json_response({"ok": False, "database": str(exc)[:200]}, status=503)
    return web.json_response({"ok": True, "database": "ok"})


async def _json_body(request: web.Request, limit: int) -> Any:
    if request.content_type != "application/json":
        raise json_exception(
            web.HTTPUnsupportedMediaType, "payload.invalid", "Send application/json."
        )
    raw = await request.content.read(limit + 1)
    if len(raw) > limit:
        raise json_exception(
            web.HTTPRequestEntityTooLarge,
            "payload.too_large",
            "Body too large.",
            max_size=limit,
            actual_size=len(raw),
        )
    try:
        return json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise json_exception(web.HTTPBadRequest, "payload.invalid", "Body is not JSON.") from None


def _join_allowed(request: web.Request) -> bool:
    now = asyncio.get_running_loop().time()
    return request.app[JOIN_LIMITER].allow(request.remote or "?", now)
