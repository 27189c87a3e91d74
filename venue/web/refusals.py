"""Refusals every handler may answer with: the JSON error shape, and the same-origin check
that state-changing requests pass (CSRF). Nothing here renders a page."""

from __future__ import annotations

import json
from typing import Any

from aiohttp import web


def json_error(status: int, code: str, message: str) -> web.Response:
    return web.json_response({"error": {"code": code, "message": message}}, status=status)


def json_exception(
    kind: type[web.HTTPException], code: str, message: str, **kwargs: Any
) -> web.HTTPException:
    """An HTTP error to raise whose body is our JSON error shape."""
    body = json.dumps({"error": {"code": code, "message": message}})
    return kind(text=body, content_type="application/json", **kwargs)


def require_same_origin(request: web.Request) -> None:
    """Refuse state-changing requests from other sites (CSRF); browsers always send Origin."""
    origin = request.headers.get("Origin")
    if origin is not None and origin != f"{request.scheme}://{request.host}":
        raise json_exception(web.HTTPForbidden, "http.cross_origin", "Cross-site request refused.")
