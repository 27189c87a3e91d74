"""The chosen language is remembered: a switch while signed in is saved with the person, so
that the venue, e-mails, /me and the calendar speak it, on every device."""

from __future__ import annotations

from aiohttp import web
from aiohttp.typedefs import Handler

from venue.accounts.identity import COOKIE
from venue.web.auth import current
from venue.web.keys import STORE
from venue.web.render import LANGUAGES


@web.middleware
async def remember_language(request: web.Request, handler: Handler) -> web.StreamResponse:
    """`?lang=` from someone signed in becomes their language (only then: a cookie lookup)."""
    chosen = request.query.get("lang")
    if chosen in LANGUAGES and request.method == "GET" and COOKIE in request.cookies:
        record = await current(request)
        if record is not None and record.lang != chosen:
            await request.app[STORE].participants.set_lang(record.id, chosen)
    return await handler(request)
