"""A booth's guestbook: visitors leave notes, the booth's exhibitors answer, moderators delete."""

from __future__ import annotations

import time

from aiohttp import web

from venue.domain.booths import clean_message
from venue.domain.errors import Code, DomainError
from venue.domain.limits import KeyedLimiter
from venue.domain.permissions import Permission
from venue.web.auth import require_person
from venue.web.booth_view import (
    GUESTBOOK_MAX,
    back_to,
    booth_id,
    entry_id,
    read_form,
    render_booth,
    viewer_of,
)
from venue.web.keys import STORE

routes = web.RouteTableDef()


# guestbook notes per person: a burst of 3, then one every 20 seconds
GUESTBOOK_LIMITER: web.AppKey[KeyedLimiter] = web.AppKey("guestbook_limiter")


@routes.post("/booths/{booth}/guestbook")
async def guestbook_note(request: web.Request) -> web.StreamResponse:
    """A visitor's short public note or question."""
    viewer, content = await viewer_of(request)
    form = await read_form(request)
    booth = content.booth
    note = form.get("text", "")
    try:
        text = _note(note)
    except DomainError as exc:
        errors = {"text": exc.code}
        values = {"text": note}
        return await render_booth(
            request, viewer, content, note_values=values, note_errors=errors, status=400
        )
    limiter = request.app[GUESTBOOK_LIMITER]
    if not limiter.allow(viewer.record.id, time.monotonic()):
        return await render_booth(
            request,
            viewer,
            content,
            note_values={"text": note},
            note_errors={"text": "booth.guestbook_flood"},
            status=429,
        )
    await request.app[STORE].booths.add_entry(booth, viewer.record.id, viewer.record.name, text)
    raise back_to(booth, {"done": "noted"}, "booth-guestbook")


@routes.post("/booths/{booth}/guestbook/{entry}/answer")
async def guestbook_answer(request: web.Request) -> web.StreamResponse:
    booth = booth_id(request)
    record = await require_person(request, Permission.STAFF_BOOTH, booth)
    form = await read_form(request)
    try:
        answer = _note(form.get("answer", ""))
    except DomainError as exc:
        raise back_to(booth, {"error": exc.code}, "booth-guestbook") from None
    if not await request.app[STORE].booths.answer_entry(
        booth, entry_id(request), answer, record.name
    ):
        raise web.HTTPNotFound(reason="guestbook.unknown")
    raise back_to(booth, {"done": "answered"}, "booth-guestbook")


@routes.post("/booths/{booth}/guestbook/{entry}/delete")
async def guestbook_delete(request: web.Request) -> web.StreamResponse:
    booth = booth_id(request)
    await require_person(request, Permission.HIDE_BOOTH)
    await read_form(request)
    if not await request.app[STORE].booths.delete_entry(booth, entry_id(request)):
        raise web.HTTPNotFound(reason="guestbook.unknown")
    raise back_to(booth, {"done": "deleted"}, "booth-guestbook")


def _note(text: str) -> str:
    clean = clean_message(text)
    if len(clean) > GUESTBOOK_MAX:
        raise DomainError(Code.BOOTH_NOTE_TOO_LONG, f"At most {GUESTBOOK_MAX} characters.")
    return clean
