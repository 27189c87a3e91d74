"""Booth pages: the exhibition's list, each booth's content, and what its exhibitors edit.

Everyone signed in reads the pages and writes in the guestbook; a booth's own exhibitors
(STAFF_BOOTH with the booth as target) edit its texts, logo, materials and rota, answer its
guestbook and export its leads; moderators (HIDE_BOOTH) hide booths and delete entries.
Uploads are read from the stream part by part with their own byte caps, so the app's small
`client_max_size` keeps guarding every other form."""

from __future__ import annotations

import re
from urllib.parse import quote

from aiohttp import web

from venue.accounts.identity import actor_of
from venue.domain.limits import KeyedLimiter
from venue.domain.permissions import Permission, allowed
from venue.store.booths import BoothContent
from venue.web import booth_files, booth_stats, guestbook
from venue.web.auth import require_person
from venue.web.booth_view import (
    CONTACT_MAX,
    DESCRIPTION_MAX,
    DONE,
    ORGANISATION_MAX,
    TITLE_MAX,
    back_to,
    booth_id,
    clock_time,
    links_field,
    local_time,
    read_form,
    render_booth,
    text_field,
    viewer_of,
)
from venue.web.keys import LIVE, SETTINGS, STORE, VENUE
from venue.web.registrations_csv import csv_download
from venue.web.render import catalogue, language, page

routes = web.RouteTableDef()


def setup(app: web.Application) -> None:
    """Booth pages and the organisers' booth statistics, with the guestbook's rate limit."""
    app[guestbook.GUESTBOOK_LIMITER] = KeyedLimiter(1 / 20, 3)
    for module_routes in (routes, booth_files.routes, guestbook.routes, booth_stats.routes):
        app.add_routes(module_routes)


@routes.get("/booths")
async def booth_list(request: web.Request) -> web.Response:
    record = await require_person(request, Permission.ENTER_VENUE)
    actor = actor_of(record)
    contents = await request.app[STORE].booths.all()
    live = request.app[LIVE].booths
    rows = []
    for booth in request.app[VENUE].booths:
        content = contents.get(booth)
        if content is None:
            continue
        privileged = allowed(actor, Permission.HIDE_BOOTH) or allowed(
            actor, Permission.STAFF_BOOTH, booth
        )
        if content.hidden and not privileged:
            continue
        state = live.state(booth)
        rows.append(
            {
                "content": content,
                "open": state.open,
                "staff": [name for _pid, name in state.staff],
                "next_open": clock_time(request, state.next_open),
            }
        )
    return page(request, "booths.html", {"rows": rows, "me": record})


@routes.get("/booths.json")
async def booth_data(request: web.Request) -> web.Response:
    """What the venue page's booth panel shows besides the live status: names and summaries."""
    record = await require_person(request, Permission.ENTER_VENUE)
    actor = actor_of(record)
    venue = request.app[VENUE]
    contents = await request.app[STORE].booths.all()
    booths = []
    for booth in venue.booths.values():
        content = contents.get(booth.id)
        privileged = allowed(actor, Permission.HIDE_BOOTH) or booth.id in record.booths
        if content is None or (content.hidden and not privileged):
            continue
        booths.append(
            {
                "id": booth.id,
                "space": booth.space,
                "area": booth.area,
                "title": content.title_in(language(request)),
                "organisation": content.organisation,
                "summary": {
                    "de": _summary(content.description_de or content.description_en),
                    "en": _summary(content.description_en or content.description_de),
                },
                "logo": f"/booths/{quote(booth.id)}/files/{content.logo}" if content.logo else None,
                "url": f"/booths/{quote(booth.id)}",
            }
        )
    return web.json_response(
        {"booths": booths, "mine": sorted(record.booths)}, headers={"Cache-Control": "no-store"}
    )


def _summary(text: str, limit: int = 240) -> str:
    """The description as plain text (the client shows it with textContent), shortened."""
    plain = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    plain = re.sub(r"\*+", "", plain)  # the subset's bold and emphasis marks
    plain = " ".join(plain.split())
    return plain if len(plain) <= limit else plain[: limit - 1].rsplit(" ", 1)[0] + " …"


@routes.get("/booths/{booth}")
async def booth_page(request: web.Request) -> web.Response:
    viewer, content = await viewer_of(request)
    done = request.query.get("done")
    error = request.query.get("error")
    return await render_booth(
        request,
        viewer,
        content,
        flash=done if done in DONE else None,
        flash_error=error if error and len(error) <= 64 and "." in error else None,
    )


@routes.post("/booths/{booth}")
async def edit(request: web.Request) -> web.StreamResponse:
    """The booth's own exhibitors change its texts, links and contact person."""
    booth = booth_id(request)
    await require_person(request, Permission.STAFF_BOOTH, booth)
    form = await read_form(request)
    viewer, content = await viewer_of(request)
    values = {
        key: form.get(key, "")
        for key in ("title", "title_en", "organisation", "description_de", "description_en")
    } | {"contact": form.get("contact", ""), "links": form.get("links", "")}
    errors: dict[str, str] = {}
    title = text_field(values["title"], TITLE_MAX, "title", errors, required=True)
    title_en = text_field(values["title_en"], TITLE_MAX, "title_en", errors)
    organisation = text_field(values["organisation"], ORGANISATION_MAX, "organisation", errors)
    description_de = text_field(values["description_de"], DESCRIPTION_MAX, "description_de", errors)
    description_en = text_field(values["description_en"], DESCRIPTION_MAX, "description_en", errors)
    contact = text_field(values["contact"], CONTACT_MAX, "contact", errors)
    links = links_field(values["links"], errors)
    if errors:
        return await render_booth(
            request, viewer, content, edit_values=values, errors=errors, status=400
        )
    await request.app[STORE].booths.update(
        BoothContent(
            booth,
            title,
            organisation,
            description_de,
            description_en,
            links,
            contact,
            content.logo,
            content.hidden,
            title_en,
        )
    )
    raise back_to(booth, {"done": "saved"})


@routes.post("/booths/{booth}/rota")
async def rota(request: web.Request) -> web.StreamResponse:
    """Which programme blocks this exhibitor staffs: the overview shows the next opening."""
    booth = booth_id(request)
    record = await require_person(request, Permission.STAFF_BOOTH, booth)
    form = await read_form(request)
    count = len(request.app[LIVE].conductor.day.programme.blocks)
    blocks = set()
    for value in form.getall("block", []):
        if not value.isdigit() or int(value) >= count:
            raise back_to(booth, {"error": "booth.rota_invalid"}, "booth-rota")
        blocks.add(int(value))
    await request.app[LIVE].booths.set_rota(booth, record.id, blocks)
    raise back_to(booth, {"done": "rota"}, "booth-rota")


@routes.get("/booths/{booth}/leads.csv")
async def leads_csv(request: web.Request) -> web.Response:
    """Contact requests to this booth, with only the contact data visitors agreed to share."""
    booth = booth_id(request)
    await require_person(request, Permission.STAFF_BOOTH, booth)
    t = catalogue(request.app[SETTINGS].static_dir, language(request))
    leads = await request.app[STORE].booth_activity.leads(booth)
    header = [t[f"booth.leads.{c}"] for c in ("at", "visitor", "email", "state", "staff")]
    rows = [
        [
            local_time(request, lead.at),
            lead.visitor,
            lead.email or "",
            t.get(f"booth.leads.state.{lead.state}", lead.state),
            lead.staff or "",
        ]
        for lead in leads
    ]
    return await csv_download(header, rows, f"leads-{booth}.csv")


@routes.post("/booths/{booth}/hide")
async def hide(request: web.Request) -> web.StreamResponse:
    """A moderator hides a booth (closed to visitors, gone from lists) or shows it again."""
    booth = booth_id(request)
    await require_person(request, Permission.HIDE_BOOTH)
    form = await read_form(request)
    hidden = form.get("hidden") == "1"
    await request.app[LIVE].booths.set_hidden(booth, hidden)
    raise back_to(booth, {"done": "hidden" if hidden else "shown"})
