"""CSRF protection for forms: a random cookie echoed in a hidden field (double submit)."""

from __future__ import annotations

import hmac
import secrets

from aiohttp import web

from venue.web.keys import SETTINGS
from venue.web.refusals import require_same_origin

CSRF_COOKIE = "venue_csrf"
CSRF_FIELD = "csrf"
_NEW: web.RequestKey[str] = web.RequestKey("csrf_new")


def csrf_token(request: web.Request) -> str:
    """The token for forms on this page; a new browser gets one (set by `set_csrf_cookie`)."""
    token = request.cookies.get(CSRF_COOKIE)
    if not token or len(token) > 64:
        token = request.get(_NEW) or secrets.token_urlsafe(24)
        request[_NEW] = token
    return token


def set_csrf_cookie(request: web.Request, response: web.StreamResponse) -> None:
    """Secure behind https (directly, or through a trusted proxy) or when configured."""
    if _NEW in request:
        secure = request.secure or request.app[SETTINGS].cookie_secure
        response.set_cookie(
            CSRF_COOKIE, request[_NEW], httponly=True, samesite="Strict", secure=secure
        )


def check_csrf(request: web.Request, submitted: object) -> None:
    """Refuse a form from another site, or whose hidden token does not match the cookie."""
    require_same_origin(request)
    cookie = request.cookies.get(CSRF_COOKIE, "")
    if not (
        isinstance(submitted, str)
        and cookie
        and hmac.compare_digest(submitted.encode(), cookie.encode())
    ):
        raise web.HTTPForbidden(reason="csrf.invalid")
