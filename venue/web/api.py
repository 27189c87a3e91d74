"""The JSON API: join as a guest, leave, the venue with live counts; health and metrics."""

from __future__ import annotations

import asyncio
import hmac
import ipaddress
import json
import logging
from collections.abc import Awaitable
from typing import Any

from aiohttp import web

from venue.accounts.identity import COOKIE
from venue.domain.errors import DomainError
from venue.domain.venue import Space, Text
from venue.metrics import CONTENT_TYPE as METRICS_CONTENT_TYPE
from venue.metrics import collect, render
from venue.protocol.base import ApiPath
from venue.web.auth import set_token_cookie
from venue.web.keys import CLUSTER, IDENTITIES, JOIN_LIMITER, LIVE, REALTIME, SETTINGS, STORE, VENUE
from venue.web.security import json_error, json_exception, require_same_origin

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
    require_same_origin(request)
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
        _check("redis", _ping_redis(request.app)),
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
    except Exception as exc:  # readiness must say why, not crash
        reason = (str(exc) or type(exc).__name__)[:200]
    log.warning("not ready: %s: %s", part, reason)
    return reason


async def _ping_redis(app: web.Application) -> str | None:
    """Through the cluster's own client: the one the processes share presence over."""
    cluster = app[CLUSTER]
    if cluster is None:  # no VENUE_REDIS_URL: a single process
        return "off"
    await cluster.ping()
    if not cluster.listening:  # Redis answers, but this process does not hear the others yet
        raise ConnectionError("not subscribed to the venue's channel")
    return None


@routes.get("/metrics")
async def metrics(request: web.Request) -> web.Response:
    """Prometheus metrics of this process: loopback clients, or anyone with the token."""
    refusal = _metrics_refusal(request)
    if refusal is not None:
        return json_error(403, "metrics.forbidden", refusal)
    app = request.app
    text = render(collect(app[REALTIME], app[LIVE], app[CLUSTER]))
    headers = {"Content-Type": METRICS_CONTENT_TYPE, "Cache-Control": "no-store"}
    return web.Response(body=text.encode(), headers=headers)


def _metrics_refusal(request: web.Request) -> str | None:
    """Why this request may not read /metrics, or None when it may."""
    settings = request.app[SETTINGS]
    token = settings.metrics_token
    if token:
        scheme, _, given = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() == "bearer" and hmac.compare_digest(given.encode(), token.encode()):
            return None
    # Through a proxy whose headers we do not trust, the peer is the proxy: on the same
    # machine it would look like loopback and let the whole Internet in.
    proxied = any(h in request.headers for h in ("X-Forwarded-For", "Forwarded"))
    if _is_loopback(request.remote) and (settings.trust_forwarded or not proxied):
        return None
    if token:
        return "Send the metrics token as Authorization: Bearer."
    return "Metrics are served to this machine only (or set VENUE_METRICS_TOKEN)."


def _is_loopback(remote: str | None) -> bool:
    try:
        address = ipaddress.ip_address(remote or "")
    except ValueError:  # a Unix socket, or nothing
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped.is_loopback
    return address.is_loopback


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
