"""The JSON API: join as a guest, leave, the venue with live counts; health checks."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable
from typing import Any

from aiohttp import web

from venue.accounts.identity import COOKIE
from venue.domain.errors import DomainError
from venue.domain.venue import Space, Text
from venue.protocol.base import ApiPath
from venue.web.auth import set_token_cookie
from venue.web.keys import IDENTITIES, JOIN_LIMITER, LIVE, REDIS_PROBE, SETTINGS, STORE, VENUE
from venue.web.refusals import json_error, json_exception, require_same_origin

routes = web.RouteTableDef()

log = logging.getLogger(__name__)

JOIN_BODY_MAX = 1024
CHECK_SECONDS = 2.0  # each readiness check; orchestrators' probes time out after a few seconds


@routes.post(ApiPath.JOIN)
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


@routes.post(ApiPath.LEAVE)
async def leave(request: web.Request) -> web.Response:
    """Sign this browser out: its token stops working (a personal link keeps working)."""
    require_same_origin(request)
    await request.app[IDENTITIES].sign_out(request.cookies.get(COOKIE))
    response = web.json_response({"ok": True})
    response.del_cookie(COOKIE)
    return response


@routes.get(ApiPath.VENUE)
async def venue_info(request: web.Request) -> web.Response:
    """The venue's spaces with how many people are in each now (public, no login)."""
    venue = request.app[VENUE]
    counts = request.app[LIVE].presence.counts()
    return web.json_response(
        {
            "venue": venue.id,
            "title": _text(venue.title),
            "spaces": [_space(space, counts[space.id]) for space in venue.spaces.values()],
        }
    )


def _space(space: Space, count: int) -> dict[str, Any]:
    return {
        "id": space.id,
        "kind": space.kind.value,
        "name": _text(space.name),
        "capacity": space.capacity,
        "count": count,
        "map_url": f"/maps/{space.id}.json",
        "meeting": space.meeting,
        "meetings": [
            {
                "area": a.name,
                "x": int(a.rect.x),
                "y": int(a.rect.y),
                "w": int(a.rect.w),
                "h": int(a.rect.h),
                "url": a.meeting,
            }
            for a in space.map.areas
            if a.meeting is not None
        ],
    }


def _text(text: Text) -> dict[str, str]:
    return {"de": text.de, "en": text.en}


@routes.get("/healthz/live")
async def live(_request: web.Request) -> web.Response:
    """Liveness: the process answers; no dependency is asked (orchestrators restart on this)."""
    return web.json_response({"ok": True})


@routes.get("/healthz")
async def healthz(request: web.Request) -> web.Response:
    """Readiness: the database answers and, when configured, Redis does; 503 says which not."""
    database, redis = await asyncio.gather(
        _check("database", request.app[STORE].ping()),
        _check("redis", request.app[REDIS_PROBE]()),
    )
    ok = database == "ok" and redis in ("ok", "off")
    body = {"ok": ok, "database": database, "redis": redis}
    return web.json_response(body, status=200 if ok else 503)


async def _check(part: str, probe: Awaitable[str | None]) -> str:
    """The state of one dependency: ok, off (not configured), or why it is not ready."""
    try:
        async with asyncio.timeout(CHECK_SECONDS):
            return await probe or "ok"
    except TimeoutError:
        reason = f"no answer within {CHECK_SECONDS:g} s"
    except Exception as exc:  # readiness must say why, not crash; the details are the log's
        log.warning("not ready: %s: %s", part, (str(exc) or type(exc).__name__)[:500])
        return "unavailable"  # a database error names hosts, users and paths
    log.warning("not ready: %s: %s", part, reason)
    return reason


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
