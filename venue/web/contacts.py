"""One's exchanged contacts, downloaded from the personal page as vCard or CSV."""

from __future__ import annotations

from aiohttp import web

from venue.domain.permissions import Permission
from venue.web.auth import require_person
from venue.web.keys import SETTINGS, STORE, VENUE
from venue.web.registrations_csv import csv_download
from venue.web.render import catalogue, language
from venue.web.vcard import vcards

routes = web.RouteTableDef()


@routes.get("/me/contacts.vcf")
async def contacts_vcard(request: web.Request) -> web.Response:
    """Every contact I exchanged details with, for an address book."""
    record = await require_person(request, Permission.ENTER_VENUE)
    cards = await request.app[STORE].contacts.cards(record.id)
    source = request.app[VENUE].title.get(language(request))
    return web.Response(
        text=vcards(cards, source),
        content_type="text/vcard",
        charset="utf-8",
        headers={
            "Content-Disposition": 'attachment; filename="contacts.vcf"',
            "Cache-Control": "no-store",
        },
    )


@routes.get("/me/contacts.csv")
async def contacts_csv(request: web.Request) -> web.Response:
    """The same contacts as a spreadsheet (German Excel's dialect, like every CSV here)."""
    record = await require_person(request, Permission.ENTER_VENUE)
    cards = await request.app[STORE].contacts.cards(record.id)
    t = catalogue(request.app[SETTINGS].static_dir, language(request))
    header = [t["me.name"], t["me.organisation"], t["me.email"], t["me.contacts.exchanged_at"]]
    rows = [
        [c.name, c.organisation or "", c.email or "", c.since.isoformat(timespec="seconds")]
        for c in cards
    ]
    return await csv_download(header, rows, "contacts.csv")
