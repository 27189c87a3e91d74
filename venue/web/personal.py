"""The personal side: opening a link, the personal page, one's data, the privacy notice."""

from __future__ import annotations

import json
from typing import Any

from aiohttp import web

from venue.accounts.identity import COOKIE
from venue.domain.attendance import SMALLEST_GROUP
from venue.domain.errors import DomainError
from venue.domain.interests import Profile
from venue.domain.permissions import Permission
from venue.mail.notify import link_url, personal_calendar
from venue.protocol.presence import EndedOut, EndReason
from venue.store.db import ParticipantRecord
from venue.web.attendance import flushed
from venue.web.auth import current, require_person, set_token_cookie
from venue.web.certificates import statement
from venue.web.csrf import CSRF_FIELD, check_csrf
from venue.web.interests import interest_context, interest_fields
from venue.web.keys import IDENTITIES, LIVE, MAILER, SETTINGS, STORE, VENUE
from venue.web.registration import (
    NO_STORE,
    notify_promoted,
    send_personal_link,
    sending_allowed,
    waiting_position,
    workshop_choices,
)
from venue.web.render import language, page, set_language_cookie

routes = web.RouteTableDef()

NOTICES = ("workshop", "interests")


@routes.get("/t/{token}")
async def open_link(request: web.Request) -> web.Response:
    """A personal link: sign the browser in and go to the personal page.

    A browser signed in as someone else is asked first: any page can send it here, and
    silently swapping its session for the sender's would be a login CSRF."""
    record = await _link_owner(request)
    signed_in = await current(request)
    if signed_in is not None and signed_in.id != record.id:
        context = {"person": record, "current": signed_in, "token": request.match_info["token"]}
        response = page(request, "switch.html", context)
        response.headers.update(NO_STORE)
        return response
    if signed_in is not None:  # already this person here: keep the browser's session
        return web.Response(status=303, headers={"Location": "/me", **NO_STORE})
    return await _sign_in(request, record)


@routes.post("/t/{token}")
async def switch(request: web.Request) -> web.Response:
    """The confirmation of `open_link`: sign this browser in as the link's person."""
    check_csrf(request, (await request.post()).get(CSRF_FIELD))
    return await _sign_in(request, await _link_owner(request))


async def _link_owner(request: web.Request) -> ParticipantRecord:
    record = await request.app[IDENTITIES].resolve(request.match_info["token"])
    if record is None:
        # forged, expired, revoked or another event's: all look the same from outside
        raise web.HTTPUnauthorized(reason="auth.invalid")
    return record


async def _sign_in(request: web.Request, record: ParticipantRecord) -> web.Response:
    """A session token of this browser's own in the cookie: signing out revokes it and
    leaves the personal link working."""
    token = await request.app[IDENTITIES].sign_in(record.id)
    response = web.Response(status=303, headers={"Location": "/me", **NO_STORE})
    set_token_cookie(response, token, request.app[SETTINGS])
    set_language_cookie(response, record.lang)  # the language they registered or chose in
    return response


async def _me(request: web.Request) -> ParticipantRecord:
    return await require_person(request, Permission.ENTER_VENUE)


async def _me_page(
    request: web.Request,
    record: ParticipantRecord,
    *,
    notice: str | None = None,
    link: str | None = None,
    errors: dict[str, str] | None = None,
    status: int = 200,
    profile: Profile | None = None,
) -> web.Response:
    lang = language(request)
    venue = request.app[VENUE]
    workshop = venue.spaces.get(record.workshop or "")
    profile = profile or await request.app[STORE].interests.get(record.id)
    context: dict[str, Any] = interest_context(venue, lang, profile) | {
        "person": record,
        "workshop_name": workshop.name.get(lang) if workshop else "",
        "position": await waiting_position(request, record),
        "workshops": await workshop_choices(request, lang),
        "notice": notice,
        "link": link,
        "mail_enabled": request.app[MAILER].enabled,
        "errors": errors or {},
        "has_privacy": bool(venue.event and venue.event.privacy),
        "contacts": await request.app[STORE].contacts.cards(record.id),
        "attended": (await statement(request, record, lang))["blocks"],
        "threshold": SMALLEST_GROUP,
    }
    response = page(request, "me.html", context, status=status)
    response.headers.update(NO_STORE)
    return response


@routes.get("/me")
async def me(request: web.Request) -> web.Response:
    """The personal page; 401 without a valid personal link."""
    record = await _me(request)
    notice = request.query.get("notice")
    return await _me_page(request, record, notice=notice if notice in NOTICES else None)


@routes.post("/me/link")
async def resend_link(request: web.Request) -> web.Response:
    """A new personal link by e-mail, or shown once here when there is no SMTP."""
    record = await _me(request)
    check_csrf(request, (await request.post()).get(CSRF_FIELD))
    if not sending_allowed(request):
        raise web.HTTPTooManyRequests(reason="rate.limited")
    token = await send_personal_link(request, record, "link")
    link = None if request.app[MAILER].enabled else link_url(request.app[SETTINGS], token)
    return await _me_page(request, record, notice="link", link=link)


@routes.post("/me/workshop")
async def change_workshop(request: web.Request) -> web.Response:
    """Move to the other workshop (or its waiting list); the freed seat moves the list up."""
    record = await _me(request)
    form = await request.post()
    check_csrf(request, form.get(CSRF_FIELD))
    workshop = form.get("workshop")
    if not isinstance(workshop, str) or workshop not in {
        w.id for w in request.app[VENUE].workshops()
    }:
        return await _me_page(request, record, errors={"workshop": "workshop.invalid"}, status=400)
    try:
        outcome = await request.app[STORE].registrations.change_workshop(
            record.id, workshop, wait=form.get("wait") == "yes"
        )
    except DomainError as exc:  # workshop.full, workshop.same, registration.unknown
        return await _me_page(request, record, errors={"workshop": exc.code}, status=400)
    await notify_promoted(request, outcome.promoted)
    lang = language(request)
    return web.Response(status=303, headers={"Location": f"/me?notice=workshop&lang={lang}"})


@routes.post("/me/interests")
async def change_interests(request: web.Request) -> web.Response:
    """One's interest tags, offer and wish lines, and whether others see them on one's card."""
    record = await _me(request)
    form = await request.post()
    check_csrf(request, form.get(CSRF_FIELD))
    profile, errors = interest_fields(form, request.app[VENUE])
    if errors:
        return await _me_page(request, record, errors=errors, status=400, profile=profile)
    await request.app[STORE].interests.save(record.id, profile)
    lang = language(request)
    return web.Response(status=303, headers={"Location": f"/me?notice=interests&lang={lang}"})


@routes.post("/me/delete")
async def delete(request: web.Request) -> web.Response:
    """Delete the registration and every personal datum; sign the browser out."""
    record = await _me(request)
    form = await request.post()
    check_csrf(request, form.get(CSRF_FIELD))
    if form.get("confirm") != "yes":
        return await _me_page(request, record, errors={"delete": "confirm.required"}, status=400)
    promoted = await request.app[STORE].registrations.delete(record.id)
    request.app[LIVE].attendance.forget(record.id)  # seconds not yet written go too
    sessions = request.app[LIVE].sessions
    await sessions.end(record.id, EndedOut(reason=EndReason.DELETED))  # their venue tabs say so
    await sessions.expel(record.id)
    await notify_promoted(request, promoted)
    response = page(request, "deleted.html", {})
    response.del_cookie(COOKIE)
    return response


@routes.get("/me/data.json")
async def my_data(request: web.Request) -> web.Response:
    """Everything stored about me, as a download."""
    record = await _me(request)
    await flushed(request)  # the ledger's last seconds belong in the download too
    data = await request.app[STORE].participants.export(record.id)
    if data is None:  # deleted between the two queries
        raise web.HTTPUnauthorized(reason="auth.invalid")
    return web.Response(
        text=json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json",
        headers={"Content-Disposition": 'attachment; filename="my-data.json"', **NO_STORE},
    )


@routes.get("/me/calendar.ics")
async def my_calendar(request: web.Request) -> web.Response:
    """The slots this person attends, as an iCalendar file."""
    record = await _me(request)
    lang = record.lang or language(request)
    body = personal_calendar(request.app[VENUE], record, lang, request.app[SETTINGS].public_url)
    return web.Response(
        body=body,
        content_type="text/calendar",
        charset="utf-8",
        headers={"Content-Disposition": 'attachment; filename="programme.ics"'},
    )


@routes.get("/privacy")
async def privacy(request: web.Request) -> web.Response:
    """The venue's privacy notice, as plain paragraphs, with the contact."""
    event = request.app[VENUE].event
    if event is None or event.privacy is None:
        raise web.HTTPNotFound()
    text = event.privacy.get(language(request)).replace("\r\n", "\n")
    # the notice names the retention period the server actually applies
    text = text.replace("{retention_days}", str(request.app[SETTINGS].retention_days))
    # paragraphs split on blank lines, each a list of lines; the template escapes every one
    paragraphs = [[line.strip() for line in p.strip().split("\n")] for p in text.split("\n\n")]
    context = {"paragraphs": [p for p in paragraphs if p != [""]], "contact": event.contact}
    return page(request, "privacy.html", context)
