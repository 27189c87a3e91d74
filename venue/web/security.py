"""Security headers on every response, JSON bodies for API errors, and a same-origin check."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterable
from functools import cache

from aiohttp import web

from venue.web import keys
from venue.web.refusals import json_error
from venue.web.render import page

log = logging.getLogger(__name__)


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


@web.middleware
async def security_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Headers for every response; API errors as `{"error": {"code", "message"}}`."""
    try:
        response = await handler(request)
    except web.HTTPException as exc:
        if exc.content_type == "application/json" or exc.status < 400:
            raise
        code = exc.reason if "." in exc.reason else "http." + exc.reason.lower().replace(" ", "_")
        response = _failure(request, exc.status, code, exc.reason)
    except Exception as exc:
        if isinstance(exc, ValueError) and _raised_by_aiohttp(exc):
            # aiohttp reading a body that is not what it claims: non-UTF-8 form fields,
            # multipart without a boundary, a part without a name, a body cut short
            log.info("%s %s: unreadable body: %s", request.method, request.path, exc)
            response = _failure(request, 400, "http.bad_request", "Bad Request")
        else:  # a bug: the client gets a page with our headers, not a traceback
            log.exception("%s %s failed", request.method, request.path)
            response = _failure(request, 500, "http.internal_server_error", "Server Error")
    if not response.prepared:
        response.headers.update(HEADERS)
        venue = request.app.get(keys.VENUE)
        if venue is not None and venue.event is not None and venue.event.embed_hosts:
            response.headers["Content-Security-Policy"] = _csp(venue.event.embed_hosts)
    return response


def _raised_by_aiohttp(exc: BaseException) -> bool:
    """Whether the innermost Python frame of `exc` is aiohttp's (parsing the request)."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return tb is not None and "/aiohttp/" in tb.tb_frame.f_code.co_filename.replace("\\", "/")


def _failure(request: web.Request, status: int, code: str, reason: str) -> web.Response:
    """An error as JSON for the API and scripts, as a page for browsers."""
    if request.path.startswith("/api/") or (request.method != "GET" and not _wants_html(request)):
        return json_error(status, code, reason)
    return error_page(request, status, code)


async def server_header(_request: web.Request, response: web.StreamResponse) -> None:
    """Every response, websockets and files too, names the server without versions."""
    response.headers["Server"] = "venue"


@cache
def _csp(embed_hosts: tuple[str, ...]) -> str:
    return content_security_policy(embed_hosts)


def _wants_html(request: web.Request) -> bool:
    return "text/html" in request.headers.get("Accept", "")


def error_page(request: web.Request, status: int, code: str) -> web.Response:
    """A page that says what went wrong, in the visitor's language, without internals."""
    return page(request, "error.html", {"status": status, "code": code}, status=status)
