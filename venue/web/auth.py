"""The person behind a request (token cookie) and the permission check for routes."""

from __future__ import annotations

from aiohttp import web

from venue.accounts.identity import COOKIE, actor_of
from venue.domain.errors import DomainError
from venue.domain.permissions import Permission, require
from venue.settings import Settings
from venue.store.db import ParticipantRecord
from venue.web.keys import IDENTITIES

TOKEN_COOKIE_AGE = 60 * 60 * 24 * 90

_CURRENT: web.RequestKey[ParticipantRecord | None] = web.RequestKey("current")


def set_token_cookie(response: web.StreamResponse, token: str, settings: Settings) -> None:
    """Sign the browser in: the token in an HttpOnly, SameSite=Lax cookie."""
    response.set_cookie(
        COOKIE,
        token,
        httponly=True,
        samesite="Lax",
        secure=settings.cookie_secure,
        max_age=TOKEN_COOKIE_AGE,
    )


async def current(request: web.Request) -> ParticipantRecord | None:
    """Who sent the request, from the token cookie; resolved once per request."""
    if _CURRENT not in request:
        record = await request.app[IDENTITIES].resolve(request.cookies.get(COOKIE))
        request[_CURRENT] = record
    return request[_CURRENT]


async def require_person(
    request: web.Request, permission: Permission, target: str | None = None
) -> ParticipantRecord:
    """The requester if allowed; 401 without a valid token, 403 without the permission."""
    record = await current(request)
    try:
        require(actor_of(record), permission, target)
    except DomainError as exc:
        kind = web.HTTPUnauthorized if exc.code == "auth.required" else web.HTTPForbidden
        raise kind(reason=exc.code) from None
    assert record is not None
    return record
