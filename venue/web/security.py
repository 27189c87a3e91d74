"""Security headers on every response, JSON bodies for API errors, and a same-origin check."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Iterable
from functools import cache
from typing import Any

from aiohttp import web

from venue.web import keys


def content_security_policy(embed_hosts: Iterable[str] = ()) -> str:
    """The CSP; meetings of the venue's allowed hosts may be framed, nothing else."""
    frames = " ".join(f"https://{host}" for host in sorted(embed_hosts))
    return CSP + (f"; frame-src {frames}" if frames else "")


CSP = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "connect-src 'self'",  # CSP 3: 'self' covers ws: and wss: of the same host
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    )
)

HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def json_error(status: int, code: str, message: str) -> web.Response:
    return web.json_response({"error": {"code": code, "message": message}}, status=status)


def json_exception(
    kind: type[web.HTTPException], code: str, message: str, **kwargs: Any
) -> web.HTTPException:
    """An HTTP error to raise whose body is our JSON error shape."""
    body = json.dumps({"error": {"code": code, "message": message}})
    return kind(text=body, content_type="application/json", **kwargs)


@web.middleware
async def security_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Headers for every response; API errors as `{"error": {"code", "message"}}`."""
    try:
        response = await handler(request)
    except web.HTTPException as exc:
        if exc.content_type == "application/json" or exc.status < 400:
            raise
        code = exc.reason if "." in exc.reason else "http." + exc.reason.lower().replace(" ", "_")
        if request.path.startswith("/api/") or (
            request.method != "GET" and not _wants_html(request)
        ):
            response = json_error(exc.status, code, exc.reason)
        else:
            response = error_page(request, exc.status, code)
    if not response.prepared:
        response.headers.update(HEADERS)
        venue = request.app.get(keys.VENUE)
        if venue is not None and venue.event is not None and venue.event.embed_hosts:
            response.headers["Content-Security-Policy"] = _csp(venue.event.embed_hosts)
    return response


@cache
def _csp(embed_hosts: tuple[str, ...]) -> str:
    return content_security_policy(embed_hosts)


def _wants_html(request: web.Request) -> bool:
    return "text/html" in request.headers.get("Accept", "")


def error_page(request: web.Request, status: int, code: str) -> web.Response:
    """A page that says what went wrong, in the visitor's language, without internals."""
    from venue.web.render import page

    return page(request, "error.html", {"status": status, "code": code}, status=status)


def require_same_origin(request: web.Request) -> None:
    """Refuse state-changing requests from other sites (CSRF); browsers always send Origin."""
    origin = request.headers.get("Origin")
    if origin is not None and origin != f"{request.scheme}://{request.host}":
        raise json_exception(web.HTTPForbidden, "http.cross_origin", "Cross-site request refused.")
