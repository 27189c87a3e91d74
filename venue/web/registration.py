"""Registration for the event and one workshop: the form, its checks, the confirmation page."""

from __future__ import annotations

import asyncio
import logging
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import aiosmtplib
from aiohttp import web

from venue.accounts.identity import COOKIE
from venue.domain.errors import DomainError
from venue.domain.interests import Profile
from venue.domain.people import clean_display_name
from venue.mail.notify import link_url, send_link
from venue.store.db import ParticipantRecord
from venue.store.registrations import WAITING, Applicant
from venue.web.auth import current, set_token_cookie
from venue.web.csrf import CSRF_FIELD, check_csrf
from venue.web.interests import interest_context, interest_fields
from venue.web.keys import IDENTITIES, MAILER, REGISTER_LIMITER, SETTINGS, STORE, VENUE
from venue.web.render import language, page

log = logging.getLogger(__name__)
routes = web.RouteTableDef()

EMAIL_MAX = 254
ORGANISATION_MAX = 200
RAW_MAX = 1000  # longer raw input is refused before any cleaning
FIELDS = ("name", "email", "organisation", "workshop", "wait", "consent")
_EMAIL_FORBIDDEN = re.compile(r'[\s<>(),;:"\[\]\\]')
_SPACES = re.compile(r"\s+")
NO_STORE = {"Cache-Control": "no-store"}


class FieldError(Exception):
    """A form field's value is not acceptable; `code` names the message."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def clean_email(raw: str) -> str:
    """A pragmatic e-mail check: one @, a dot in the domain, no spaces; lower-cased."""
    email = raw.strip().lower()
    if not 3 <= len(email) <= EMAIL_MAX or email.count("@") != 1:
        raise FieldError("email.invalid")
    if _EMAIL_FORBIDDEN.search(email) or any(unicodedata.category(c)[0] == "C" for c in email):
        raise FieldError("email.invalid")
    local, domain = email.split("@")
    labels = domain.split(".")
    if not local or len(labels) < 2 or not all(labels):
        raise FieldError("email.invalid")
    return email


def clean_organisation(raw: str) -> str | None:
    """Optional, one line of at most 200 characters."""
    text = unicodedata.normalize("NFC", raw)
    if any(unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co", "Cn") for c in text):
        raise FieldError("organisation.invalid")
    text = _SPACES.sub(" ", text).strip()
    if len(text) > ORGANISATION_MAX:
        raise FieldError("organisation.too_long")
    return text or None


def form_values(form: Mapping[str, Any]) -> dict[str, str]:
    """The submitted fields as text (files and absent fields become empty)."""
    values = {}
    for name in FIELDS:
        value = form.get(name)
        values[name] = value[: RAW_MAX + 1] if isinstance(value, str) else ""
    return values


def check_registration(
    values: Mapping[str, str], workshops: Iterable[str], lang: str
) -> tuple[Applicant | None, dict[str, str]]:
    """The applicant the form describes, or the error code of every field that is wrong."""
    errors: dict[str, str] = {}
    name = email = ""
    organisation: str | None = None
    try:
        name = clean_display_name(values["name"][:RAW_MAX])
    except DomainError:
        errors["name"] = "name.invalid"
    try:
        email = clean_email(values["email"])
    except FieldError as exc:
        errors["email"] = exc.code
    try:
        organisation = clean_organisation(values["organisation"])
    except FieldError as exc:
        errors["organisation"] = exc.code
    if values["workshop"] not in workshops:
        errors["workshop"] = "workshop.invalid"
    if values["consent"] != "yes":
        errors["consent"] = "consent.required"
    if errors:
        return None, errors
    wait = values["wait"] == "yes"
    return Applicant(name, email, organisation, values["workshop"], lang, wait), errors


@dataclass(frozen=True, slots=True)
class WorkshopChoice:
    """A workshop as the form offers it: name, programme text and seats left."""

    id: str
    name: str
    title: str
    description: str
    capacity: int
    free: int
    waiting: int

    @property
    def full(self) -> bool:
        return self.free == 0


async def workshop_choices(request: web.Request, lang: str) -> list[WorkshopChoice]:
    venue = request.app[VENUE]
    seats = await request.app[STORE].registrations.seats()
    choices = []
    for space in venue.workshops():
        slots = venue.programme.in_space(space.id)
        title = slots[0].title if slots else ""
        text = " ".join(p for s in slots[:1] for p in (s.abstract, s.description) if p)
        seat = seats.get(space.id)
        choices.append(
            WorkshopChoice(
                id=space.id,
                name=space.name.get(lang),
                title=title,
                description=text,
                capacity=seat.capacity if seat else space.capacity,
                free=seat.free if seat else space.capacity,
                waiting=seat.waiting if seat else 0,
            )
        )
    return choices


async def waiting_position(request: web.Request, record: ParticipantRecord) -> int | None:
    """1 for the first person on the waiting list of their workshop; None when not waiting."""
    if record.registration != WAITING:
        return None
    listing = await request.app[STORE].registrations.listing()
    queue = [p.id for p in listing if p.workshop == record.workshop and p.registration == WAITING]
    return queue.index(record.id) + 1 if record.id in queue else None


async def send_personal_link(request: web.Request, record: ParticipantRecord, kind: str) -> str:
    """Issue a fresh personal link and e-mail it (or log it without SMTP); returns the token."""
    app = request.app
    token = await app[IDENTITIES].issue(record.id, "link")
    try:
        await send_link(app[MAILER], app[SETTINGS], app[VENUE], record, token, kind)
    except (aiosmtplib.SMTPException, OSError, TimeoutError):
        # the registration stands; registering again with the same address resends the link
        log.exception("could not e-mail the %s message to participant %s", kind, record.id)
    return token


async def notify_promoted(request: web.Request, promoted: Iterable[ParticipantRecord]) -> None:
    """People moved up from a waiting list get a fresh link with the good news."""
    for record in promoted:
        await send_personal_link(request, record, "promoted")


def sending_allowed(request: web.Request) -> bool:
    """Registrations and resent links per client address: both send e-mail."""
    now = asyncio.get_running_loop().time()
    return request.app[REGISTER_LIMITER].allow(request.remote or "?", now)


def _register_page(
    request: web.Request,
    choices: list[WorkshopChoice],
    values: Mapping[str, str] | None = None,
    errors: Mapping[str, str] | None = None,
    status: int = 200,
    profile: Profile | None = None,
) -> web.Response:
    venue = request.app[VENUE]
    context = interest_context(venue, language(request), profile) | {
        "values": values or {},
        "errors": errors or {},
        "workshops": choices,
        "any_full": any(c.full for c in choices),
        "has_privacy": bool(venue.event and venue.event.privacy),
    }
    return page(request, "register.html", context, status=status)


@routes.get("/register")
async def register_form(request: web.Request) -> web.Response:
    """The registration form; works without JavaScript."""
    return _register_page(request, await workshop_choices(request, language(request)))


@routes.post("/register")
async def register(request: web.Request) -> web.Response:
    """Register, e-mail the personal link and go on to the confirmation page."""
    if not sending_allowed(request):
        raise web.HTTPTooManyRequests(reason="rate.limited")
    form = await request.post()
    check_csrf(request, form.get(CSRF_FIELD))
    lang = language(request)
    venue = request.app[VENUE]
    values = form_values(form)
    applicant, errors = check_registration(values, [w.id for w in venue.workshops()], lang)
    profile, wrong = interest_fields(form, venue)
    if applicant is None or wrong:
        choices = await workshop_choices(request, lang)
        return _register_page(request, choices, values, errors | wrong, 400, profile)
    try:
        outcome = await request.app[STORE].registrations.register(applicant)
    except DomainError as exc:  # workshop.full: someone took the last seat meanwhile
        choices = await workshop_choices(request, lang)
        return _register_page(request, choices, values, {"workshop": exc.code}, 400, profile)
    record = outcome.participant
    if not outcome.known:  # a known address changes its interests on /me, signed in
        await request.app[STORE].interests.save(record.id, profile)
    if outcome.known:
        kind = "link"
    else:
        kind = "waiting" if record.registration == WAITING else "registered"
    token = await send_personal_link(request, record, kind)
    response = web.Response(status=303, headers={"Location": f"/register/done?lang={lang}"})
    # Only a new registration without SMTP signs this browser in: a known address must not hand
    # out its link, and with SMTP the answer must not tell whether the address was known.
    if not outcome.known and not request.app[MAILER].enabled:
        set_token_cookie(response, token, request.app[SETTINGS])
    return response


@routes.get("/register/done")
async def registered(request: web.Request) -> web.Response:
    """The confirmation: details and link without SMTP, else the neutral 'check your e-mail'."""
    record = None
    link = None
    if not request.app[MAILER].enabled:
        record = await current(request)
        if record is not None and record.registration is not None:
            link = link_url(request.app[SETTINGS], request.cookies.get(COOKIE, ""))
        else:
            record = None
    context: dict[str, Any] = {"person": record, "link": link, "workshop_name": ""}
    if record is not None and record.workshop:
        context["workshop_name"] = (
            request.app[VENUE].spaces[record.workshop].name.get(language(request))
        )
        context["position"] = await waiting_position(request, record)
    response = page(request, "registered.html", context)
    response.headers.update(NO_STORE)
    return response
