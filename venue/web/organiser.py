"""The organiser page: registrations per workshop, moves, revocations, CSV export, invites."""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from aiohttp import web
from multidict import MultiDict, MultiDictProxy

from venue.accounts.invites import STAFF_ROLES, check_invitation, create_invitation
from venue.domain.errors import DomainError
from venue.domain.permissions import Permission
from venue.domain.venue import Venue
from venue.mail import notify
from venue.protocol.presence import EndedOut, EndReason
from venue.store.db import ParticipantRecord
from venue.store.registrations import REGISTERED, WAITING, Seats
from venue.web.auth import require_person
from venue.web.csrf import CSRF_FIELD, check_csrf
from venue.web.keys import IDENTITIES, LIVE, MAILER, SETTINGS, STORE, VENUE
from venue.web.refusals import require_same_origin
from venue.web.registration import notify_promoted
from venue.web.registrations_csv import csv_download
from venue.web.render import catalogue, language, page

log = logging.getLogger(__name__)
routes = web.RouteTableDef()

# what a redirect back to the page may announce; anything else in ?done= is ignored
DONE = ("moved", "moved_waiting", "revoked")
FORM_MAX = 8 * 1024


@dataclass(frozen=True, slots=True)
class Row:
    person: ParticipantRecord
    registered_at: str
    position: int | None  # place on the waiting list, from 1


@dataclass(frozen=True, slots=True)
class WorkshopView:
    id: str
    name: str
    seats: Seats
    rows: list[Row]
    others: list[tuple[str, str]]  # workshops one can move to: id, name


@routes.get("/organiser")
async def organiser_page(request: web.Request) -> web.Response:
    await require_person(request, Permission.VIEW_REGISTRATIONS)
    done = request.query.get("done")
    error = request.query.get("error")
    return await _render(
        request,
        flash=done if done in DONE else None,
        flash_error=error if error and len(error) <= 64 else None,
    )


@routes.post("/organiser/move")
async def move(request: web.Request) -> web.StreamResponse:
    """Move a registration to another workshop (onto its waiting list if full)."""
    await require_person(request, Permission.MANAGE_REGISTRATIONS)
    form = await _form(request)
    venue = request.app[VENUE]
    workshop = form.get("workshop", "")
    if workshop not in {w.id for w in venue.workshops()}:
        raise _back({"error": "workshop.unknown"})
    try:
        outcome = await request.app[STORE].registrations.change_workshop(
            form.get("participant", ""), workshop, wait=True
        )
    except DomainError as exc:
        raise _back({"error": exc.code}) from None
    await notify_promoted(request, outcome.promoted)
    waiting = outcome.participant.registration == WAITING
    raise _back({"done": "moved_waiting" if waiting else "moved"}, f"workshop-{workshop}")


@routes.post("/organiser/revoke")
async def revoke(request: web.Request) -> web.StreamResponse:
    """Revoke every personal link of a person and disconnect them now."""
    await require_person(request, Permission.MANAGE_REGISTRATIONS)
    form = await _form(request)
    store = request.app[STORE]
    person = await store.participants.get(form.get("participant", ""))
    if person is None:
        raise _back({"error": "registration.unknown"})
    await store.tokens.revoke_all(person.id)
    sessions = request.app[LIVE].sessions
    await sessions.end(person.id, EndedOut(reason=EndReason.REVOKED))
    await sessions.expel(person.id)
    raise _back({"done": "revoked"})


@routes.get("/organiser/export.csv")
async def export_csv(request: web.Request) -> web.Response:
    """One workshop's registrations, seated first, then the waiting list in order."""
    await require_person(request, Permission.MANAGE_REGISTRATIONS)
    venue = request.app[VENUE]
    workshop = request.query.get("workshop", "")
    if workshop not in {w.id for w in venue.workshops()}:
        raise web.HTTPNotFound(reason="workshop.unknown")
    t = catalogue(request.app[SETTINGS].static_dir, language(request))
    views = await _workshops(request)
    view = next(v for v in views if v.id == workshop)
    header = [
        t["organiser.col.name"],
        t["organiser.col.email"],
        t["organiser.col.organisation"],
        t["organiser.col.registered_at"],
        t["organiser.col.status"],
        t["organiser.col.position"],
    ]
    rows = [
        [
            row.person.name,
            row.person.email or "",
            row.person.organisation or "",
            row.registered_at,
            t[f"organiser.status.{row.person.registration}"],
            str(row.position) if row.position else "",
        ]
        for row in view.rows
    ]
    return await csv_download(header, rows, f"registrations-{workshop}.csv")


@routes.get("/organiser/feedback.json")
async def feedback_json(request: web.Request) -> web.Response:
    """Every block's ratings (how many, mean, per star, comments without names) as JSON."""
    await require_person(request, Permission.VIEW_REGISTRATIONS)
    results = await request.app[LIVE].feedback.results()
    return web.json_response(
        {"blocks": [asdict(r) for r in results]},
        headers={"Content-Disposition": 'attachment; filename="feedback.json"'},
    )


@routes.post("/organiser/invite")
async def invite(request: web.Request) -> web.Response:
    """Invite a member of staff; the new personal link is shown once, on this response."""
    await require_person(request, Permission.INVITE)
    form = await _form(request)
    app = request.app
    role, name, email = form.get("role", ""), form.get("name", ""), form.get("email", "")
    booths = form.getall("booth", [])
    values = {"role": role, "name": name, "email": email, "booths": booths}
    try:
        invitation = check_invitation(app[VENUE], role, name, email, booths)
        record, token = await create_invitation(app[STORE], app[IDENTITIES], invitation)
    except DomainError as exc:
        field = {"name.invalid": "name"}.get(exc.code, exc.code.removeprefix("invite."))
        return await _render(request, invite_values=values, invite_error=(field, exc), status=400)
    link = notify.link_url(app[SETTINGS], token)
    mailed = False
    if record.email and app[MAILER].enabled:
        try:
            mailed = await notify.send_link(
                app[MAILER], app[SETTINGS], app[VENUE], record, token, "invite"
            )
        except Exception:  # the link is on the page; a mail failure must not lose it
            log.exception("could not e-mail the invite to %s", record.email)
    response = await _render(request, invited={"person": record, "link": link, "mailed": mailed})
    response.headers["Cache-Control"] = "no-store"
    return response


async def _form(request: web.Request) -> MultiDictProxy[str]:
    """The posted form after the same-origin and CSRF checks; only text fields."""
    require_same_origin(request)
    if request.content_length is not None and request.content_length > FORM_MAX:
        raise web.HTTPRequestEntityTooLarge(max_size=FORM_MAX, actual_size=request.content_length)
    posted = await request.post()
    check_csrf(request, posted.get(CSRF_FIELD))
    return MultiDictProxy(
        MultiDict((key, value) for key, value in posted.items() if isinstance(value, str))
    )


def _back(query: dict[str, str], anchor: str = "") -> web.HTTPSeeOther:
    """Post/redirect/get: a reload does not repeat the action."""
    return web.HTTPSeeOther(f"/organiser?{urlencode(query)}" + (f"#{anchor}" if anchor else ""))


async def _workshops(request: web.Request) -> list[WorkshopView]:
    venue: Venue = request.app[VENUE]
    lang = language(request)
    registrations = request.app[STORE].registrations
    seats = await registrations.seats()
    listing = await registrations.listing()
    stamps = await registrations.registered_at()
    zone = venue.event.zone if venue.event else None
    pattern = "%d.%m.%Y %H:%M" if lang == "de" else "%Y-%m-%d %H:%M"
    views = []
    for workshop in venue.workshops():
        rows: list[Row] = []
        waiting = 0
        for person in (p for p in listing if p.workshop == workshop.id):
            stamp: datetime | None = stamps.get(person.id)
            shown = stamp.astimezone(zone).strftime(pattern) if stamp else ""
            if person.registration == WAITING:
                waiting += 1
            rows.append(Row(person, shown, waiting if person.registration == WAITING else None))
        rows.sort(key=lambda r: (r.person.registration != REGISTERED, r.position or 0))
        views.append(
            WorkshopView(
                workshop.id,
                workshop.name.get(lang),
                seats.get(workshop.id, Seats(workshop.id, workshop.capacity, 0, 0)),
                rows,
                [(w.id, w.name.get(lang)) for w in venue.workshops() if w.id != workshop.id],
            )
        )
    return views


async def _render(request: web.Request, status: int = 200, **context: Any) -> web.Response:
    venue = request.app[VENUE]
    lang = language(request)
    defaults: dict[str, Any] = {
        "flash": None,
        "flash_error": None,
        "invited": None,
        "invite_values": {"role": "", "name": "", "email": "", "booths": []},
        "invite_error": None,
    }
    return page(
        request,
        "organiser.html",
        defaults
        | context
        | {
            "workshops": await _workshops(request),
            "staff": await request.app[STORE].participants.staff(),
            "feedback": await request.app[LIVE].feedback.results(),
            "roles": [r.value for r in STAFF_ROLES],
            "booths": [(b.id, b.name.get(lang)) for b in venue.booths.values()],
            "booth_names": {b.id: b.name.get(lang) for b in venue.booths.values()},
        },
        status=status,
    )
