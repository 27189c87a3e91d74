"""The HTTP access log, without personal links: a path `/t/<token>` would hand out the link."""

from __future__ import annotations

import re

from aiohttp import web
from aiohttp.abc import AbstractAccessLogger

_SECRET_PATHS = re.compile(r"^/t/[^/]+")


def redact(path: str) -> str:
    return _SECRET_PATHS.sub("/t/…", path)


class AccessLogger(AbstractAccessLogger):
    """One line per request: client, method, path (redacted, no query string), status, time."""

    def log(self, request: web.BaseRequest, response: web.StreamResponse, time: float) -> None:
        self.logger.info(
            '%s "%s %s" %s %.3fs',
            request.remote,
            request.method,
            redact(request.path),
            response.status,
            time,
        )
