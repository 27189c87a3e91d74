"""Certificates of attendance: a participant downloads one as PDF; anyone with its URL (the
QR code on it) checks it here. The URL's id is random and stored with what the certificate
states, so a forged or altered URL finds nothing, and deleting one's data revokes it."""

from __future__ import annotations

import re
from typing import Any

from aiohttp import web

from venue.domain.attendance import attended
from venue.domain.errors import Code, DomainError
from venue.domain.permissions import Permission
from venue.store.attendance import Certificate
from venue.store.db import ParticipantRecord
from venue.web.attendance import NO_STORE, block_label, flushed, local
from venue.web.auth import require_person
from venue.web.certificate_pdf import certificate_pdf
from venue.web.keys import LIVE, OFFLOAD, SETTINGS, STORE, VENUE
from venue.web.refusals import json_exception
from venue.web.render import catalogue, language, page

routes = web.RouteTableDef()

ID = re.compile(r"[A-Za-z0-9_-]{16,40}")  # what the store hands out (token_urlsafe)
TEXTS = ("title", "certifies", "attended", "minutes", "verify", "issued")


def verify_url(request: web.Request, certificate: Certificate) -> str:
    return f"{request.app[SETTINGS].public_url.rstrip('/')}/certificates/{certificate.id}"


async def statement(request: web.Request, record: ParticipantRecord, lang: str) -> dict[str, Any]:
    """What a certificate states now: the person, the event, the blocks attended."""
    await flushed(request)
    venue = request.app[VENUE]
    programme = request.app[LIVE].conductor.day.programme
    rows = await request.app[STORE].attendance.rows(record.id)
    blocks = []
    for seen in attended(rows, programme.blocks):
        start, end = programme.start_of(seen.block), programme.end_of(seen.block)
        blocks.append(
            {
                "label": block_label(venue, seen.block, start, end, lang, [seen.space]),
                "titles": [s.title for s in seen.block.slots if s.space == seen.space],
                "minutes": seen.minutes,
            }
        )
    first = programme.blocks[0].start if programme.blocks else None
    return {
        "name": record.name,
        "event": venue.title.get(lang),
        "date": "" if first is None else f"{local(venue, first):%d.%m.%Y}",
        "blocks": blocks,
    }


@routes.get("/me/certificate.pdf")
async def my_certificate(request: web.Request) -> web.Response:
    """The certificate of what this person attended so far; 404 attendance.none before any."""
    record = await require_person(request, Permission.ENTER_VENUE)
    lang = language(request)
    body = await statement(request, record, lang)
    if not body["blocks"]:
        raise json_exception(
            web.HTTPNotFound, Code.ATTENDANCE_NONE, "No block attended yet: nothing to certify."
        )
    issued = await request.app[STORE].attendance.issue(record.id, body)
    t = catalogue(request.app[SETTINGS].static_dir, lang)
    texts = {key: t[f"certificate.{key}"] for key in TEXTS}
    when = {**body, "issued": f"{local(request.app[VENUE], issued.issued_at):%d.%m.%Y}"}
    try:
        pdf = await request.app[OFFLOAD].run(
            certificate_pdf, when, texts, verify_url(request, issued)
        )
    except DomainError as exc:  # offload.busy or a step over its budget
        raise json_exception(web.HTTPServiceUnavailable, exc.code, exc.message) from exc
    return web.Response(
        body=pdf,
        content_type="application/pdf",
        headers={"Content-Disposition": 'attachment; filename="certificate.pdf"', **NO_STORE},
    )


@routes.get("/certificates/{id}")
async def verify(request: web.Request) -> web.Response:
    """Anyone may check a certificate: what it states, or 404 for an id nobody issued."""
    certificate_id = request.match_info["id"]
    found = None
    if ID.fullmatch(certificate_id):
        found = await request.app[STORE].attendance.certificate(certificate_id)
    issued = None if found is None else f"{local(request.app[VENUE], found.issued_at):%d.%m.%Y}"
    context = {"certificate": found, "issued": issued}
    response = page(request, "certificate.html", context, status=200 if found else 404)
    response.headers.update(NO_STORE)
    response.headers["X-Robots-Tag"] = "noindex"  # a name on a page that search engines skip
    return response
