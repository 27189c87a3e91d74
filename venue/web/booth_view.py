"""The booth page: who is looking (visitor, staff, moderator), form helpers, the rendering."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

from aiohttp import web
from multidict import MultiDict, MultiDictProxy

from venue.accounts.identity import actor_of
from venue.domain.booths import visible_text
from venue.domain.permissions import Permission, allowed
from venue.store.booths import BoothContent, BoothLink
from venue.store.db import ParticipantRecord
from venue.web import markup
from venue.web.auth import require_person
from venue.web.csrf import CSRF_FIELD, check_csrf
from venue.web.keys import LIVE, STORE, VENUE
from venue.web.refusals import require_same_origin
from venue.web.render import language, page

FORM_MAX = 32 * 1024


TITLE_MAX = 120


ORGANISATION_MAX = 120


DESCRIPTION_MAX = 5000


CONTACT_MAX = 300


LINKS_MAX = 10


URL_MAX = 500


GUESTBOOK_MAX = 500


DONE = frozenset(
    [
        "saved",
        "logo",
        "material",
        "material_deleted",
        "rota",
        "noted",
        "answered",
        "deleted",
        "hidden",
        "shown",
    ]
)


_URL = re.compile(r"^https?://[^\s<>\"']+$")


@dataclass(frozen=True, slots=True)
class Viewer:
    record: ParticipantRecord
    staffs: bool  # an exhibitor of this booth (or an organiser)
    moderates: bool  # may hide the booth and delete guestbook entries


def booth_id(request: web.Request) -> str:
    booth = request.match_info["booth"]
    if booth not in request.app[VENUE].booths:
        raise web.HTTPNotFound(reason="booth.unknown")
    return booth


def entry_id(request: web.Request) -> int:
    entry = request.match_info["entry"]
    if not entry.isdigit() or len(entry) > 12:
        raise web.HTTPNotFound(reason="guestbook.unknown")
    return int(entry)


async def viewer_of(request: web.Request) -> tuple[Viewer, BoothContent]:
    """Who looks at which booth; a hidden booth exists only for its staff and moderators."""
    booth = booth_id(request)
    record = await require_person(request, Permission.ENTER_VENUE)
    actor = actor_of(record)
    viewer = Viewer(
        record,
        allowed(actor, Permission.STAFF_BOOTH, booth),
        allowed(actor, Permission.HIDE_BOOTH),
    )
    content = await request.app[STORE].booths.get(booth)
    if content is None or (content.hidden and not (viewer.staffs or viewer.moderates)):
        raise web.HTTPNotFound(reason="booth.unknown")
    return viewer, content


async def read_form(request: web.Request) -> MultiDictProxy[str]:
    """The posted form after the same-origin and CSRF checks; only text fields."""
    require_same_origin(request)
    if request.content_length is not None and request.content_length > FORM_MAX:
        raise web.HTTPRequestEntityTooLarge(max_size=FORM_MAX, actual_size=request.content_length)
    posted = await request.post()
    check_csrf(request, posted.get(CSRF_FIELD))
    return MultiDictProxy(
        MultiDict((key, value) for key, value in posted.items() if isinstance(value, str))
    )


def text_field(
    value: str, limit: int, field: str, errors: dict[str, str], required: bool = False
) -> str:
    clean = visible_text(value)
    if required and not clean:
        errors[field] = "required"
    elif len(clean) > limit:
        errors[field] = "too_long"
    return clean


def links_field(value: str, errors: dict[str, str]) -> tuple[BoothLink, ...]:
    """One link a line: `Title | https://…` (or just the address)."""
    links = []
    for line in value.replace("\r\n", "\n").split("\n"):
        if not line.strip():
            continue
        title, _, url = line.rpartition("|") if "|" in line else ("", "", line)
        title, url = visible_text(title), url.strip()
        if not _URL.match(url) or len(url) > URL_MAX or len(title) > TITLE_MAX:
            errors["links"] = "link_invalid"
            continue
        links.append(BoothLink(title or url, url))
    if len(links) > LINKS_MAX:
        errors["links"] = "too_many"
    return tuple(links)


def back_to(booth: str, query: dict[str, str], anchor: str = "") -> web.HTTPSeeOther:
    """Post/redirect/get: a reload does not repeat the action."""
    return web.HTTPSeeOther(
        f"/booths/{quote(booth)}?{urlencode(query)}" + (f"#{anchor}" if anchor else "")
    )


def zone_of(request: web.Request) -> dt.tzinfo:
    venue = request.app[VENUE]
    return venue.event.zone if venue.event else dt.UTC


def local_time(request: web.Request, when: dt.datetime) -> str:
    pattern = "%d.%m.%Y %H:%M" if language(request) == "de" else "%Y-%m-%d %H:%M"
    return when.astimezone(zone_of(request)).strftime(pattern)


def clock_time(request: web.Request, when: dt.datetime | None) -> str | None:
    """A time of day in the event's zone, or None."""
    if when is None:
        return None
    return f"{when.astimezone(zone_of(request)):%H:%M}"


async def render_booth(
    request: web.Request, viewer: Viewer, content: BoothContent, status: int = 200, **extra: Any
) -> web.Response:
    app = request.app
    lang = language(request)
    booth = content.booth
    store = app[STORE].booths
    live = app[LIVE].booths
    state = live.state(booth)
    description = content.description_en if lang == "en" else content.description_de
    description = description or content.description_de or content.description_en
    blocks = []
    if viewer.staffs:
        mine = (await store.rota(booth)).get(viewer.record.id, set())
        programme = app[LIVE].conductor.day.programme
        for block, start, end in zip(
            programme.blocks, programme.starts(), programme.ends(), strict=True
        ):
            titles = ", ".join(dict.fromkeys(s.title for s in block.slots))
            zone = zone_of(request)
            label = f"{start.astimezone(zone):%H:%M}–{end.astimezone(zone):%H:%M}"
            blocks.append(
                {
                    "index": block.index,
                    "label": label,
                    "titles": titles,
                    "checked": block.index in mine,
                }
            )
    leads = []
    if viewer.staffs:
        leads = [
            {
                "at": local_time(request, lead.at),
                "visitor": lead.visitor,
                "email": lead.email,
                "state": lead.state,
            }
            for lead in await app[STORE].booth_activity.leads(booth)
        ]
    context: dict[str, Any] = {
        "booth": content,
        "viewer": viewer,
        "description": markup.render(description),
        "open": state.open,
        "staff": [name for _pid, name in state.staff],
        "next_open": clock_time(request, state.next_open),
        "materials": await store.files(booth, "material"),
        "guestbook": await store.guestbook(booth),
        "call_url": app[VENUE].booths[booth].call_url,
        "blocks": blocks,
        "leads": leads,
        "flash": None,
        "flash_error": None,
        "errors": {},
        "edit_values": {
            "title": content.title,
            "title_en": content.title_en,
            "organisation": content.organisation,
            "description_de": content.description_de,
            "description_en": content.description_en,
            "links": "\n".join(f"{x.title} | {x.url}" for x in content.links),
            "contact": content.contact,
        },
        "upload_errors": {},
        "note_values": {"text": ""},
        "note_errors": {},
        "local": lambda when: local_time(request, when),
        "limits": {"note": GUESTBOOK_MAX, "title": TITLE_MAX, "description": DESCRIPTION_MAX},
    }
    response = page(request, "booth.html", context | extra, status=status)
    if viewer.staffs:
        response.headers["Cache-Control"] = "no-store"
    return response
