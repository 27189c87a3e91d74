"""Personal links and the personal page: sign in, change, download, delete; the privacy notice."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import icalendar
import pytest
import sqlalchemy as sa
from aiohttp import ClientResponse
from itsdangerous import Signer

from tests.conftest import ROOT
from tests.web.registering import (
    HTML,
    Client,
    Mailbox,
    body_of,
    csrf_of,
    few_seats_venue,
    link_path,
    mailbox,
    register,
)
from venue.app import create_app
from venue.settings import Settings
from venue.store.schema import tokens
from venue.web.keys import IDENTITIES, STORE

MakeClient = Callable[..., Awaitable[Client]]
MINI = ROOT / "tests" / "data" / "venues" / "mini"


@pytest.fixture
async def client(aiohttp_client: MakeClient, settings: Settings) -> Client:
    return await aiohttp_client(await create_app(settings))


@pytest.fixture
def smtp() -> Iterator[Mailbox]:
    with mailbox() as box:
        yield box


@pytest.fixture
async def tight(
    aiohttp_client: MakeClient, settings: Settings, smtp: Mailbox, tmp_path: Path
) -> Client:
    """One seat per workshop, e-mail to `smtp`."""
    update = {"venue_dir": few_seats_venue(tmp_path)}
    return await aiohttp_client(
        await create_app(smtp.configure(settings).model_copy(update=update))
    )


async def post(client: Client, path: str, **fields: str) -> ClientResponse:
    """Send one of the personal page's forms, with its CSRF field."""
    token = await csrf_of(client, "/me")
    return await client.post(path, data={"csrf": token, **fields}, headers=HTML)


async def sign_in_by_mail(client: Client, smtp: Mailbox, email: str) -> None:
    client.session.cookie_jar.clear()
    opened = await client.get(link_path(body_of(smtp.to(email)[-1])))
    assert opened.status == 200 and opened.url.path == "/me"


async def test_the_link_signs_in_and_the_page_shows_the_registration(client: Client) -> None:
    done = await (await register(client, name="Leonie Liemich")).text()
    client.session.cookie_jar.clear()
    assert (await client.get("/me")).status == 401
    opened = await client.get(link_path(done), allow_redirects=False)
    assert opened.status == 303 and opened.headers["Location"] == "/me"
    cookie = opened.cookies["venue_token"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax" and not cookie["secure"]
    me = await (await client.get("/me")).text()
    for shown in ("Leonie Liemich", "erika@example.org", "Hochschule Zittau/Görlitz"):
        assert shown in me
    assert "Workshop 1 – Energiespeicher" in me and "Platz sicher" in me
    assert 'href="/"' in me or 'href="/?lang=de"' in me
    assert "/t/" not in me  # the link is not shown again


async def test_links_that_are_forged_foreign_expired_or_revoked_get_401(client: Client) -> None:
    done = await (await register(client)).text()
    good = link_path(done).removeprefix("/t/")
    pid = (await client.app[STORE].registrations.listing())[0].id
    raw = good.rsplit(".", 1)[0]
    foreign = Signer("test-secret-0123456789", salt="venue.token.other-event").sign(raw).decode()
    client.session.cookie_jar.clear()
    for bad in ("nonsense", good[:-2] + "xx", foreign, "x" * 300):
        response = await client.get(f"/t/{bad}", allow_redirects=False)
        assert response.status == 401, bad
        assert "venue_token" not in response.cookies
    expired = await client.app[IDENTITIES].issue(pid, "link")
    async with client.app[STORE].engine.begin() as conn:
        await conn.execute(
            tokens.update()
            .where(tokens.c.participant_id == pid)
            .values(expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1))
        )
    assert (await client.get(f"/t/{expired}", allow_redirects=False)).status == 401
    revoked = await client.app[IDENTITIES].issue(pid, "link")
    await client.app[STORE].tokens.revoke_all(pid)
    page = await client.get(f"/t/{revoked}", allow_redirects=False)
    assert page.status == 401
    text = await page.text()
    assert "revoked" not in text.lower() and "expired" not in text.lower()


async def test_asking_for_the_link_again_shows_it_once_without_smtp(client: Client) -> None:
    await register(client)
    response = await post(client, "/me/link")
    page = await response.text()
    assert response.status == 200 and "nur dieses eine Mal" in page
    client.session.cookie_jar.clear()
    assert (await client.get(link_path(page))).url.path == "/me"


async def test_asking_for_the_link_again_mails_it(tight: Client, smtp: Mailbox) -> None:
    await register(tight)
    await sign_in_by_mail(tight, smtp, "erika@example.org")
    response = await post(tight, "/me/link")
    page = await response.text()
    assert "per E-Mail geschickt" in page and "/t/" not in page
    assert smtp.to("erika@example.org")[-1]["Subject"].startswith("Ihr persönlicher Link")


async def test_changing_workshop_moves_the_waiting_list_up_and_mails_the_promoted(
    tight: Client, smtp: Mailbox
) -> None:
    await register(tight, email="seated@example.org")
    tight.session.cookie_jar.clear()
    await register(tight, email="waiting@example.org", wait="yes")
    assert smtp.to("waiting@example.org")[0]["Subject"].startswith("Warteliste")
    await sign_in_by_mail(tight, smtp, "seated@example.org")
    response = await post(tight, "/me/workshop", workshop="workshop-2")
    page = await response.text()
    assert response.status == 200 and "Workshop-Wahl ist geändert" in page
    assert "Workshop 2 – Außerschulische" in page.split('id="me-workshop"')[1][:200]
    [promoted] = [m for m in smtp.to("waiting@example.org") if "Platz" in m["Subject"]]
    assert promoted["Subject"].startswith("Sie haben einen Platz")
    people = {p.email: p.registration for p in await tight.app[STORE].registrations.listing()}
    assert people == {"seated@example.org": "registered", "waiting@example.org": "registered"}
    # both workshops are full now: changing back without the waiting list is refused
    refused = await post(tight, "/me/workshop", workshop="workshop-1")
    assert refused.status == 400 and "inzwischen ausgebucht" in await refused.text()


async def test_a_workshop_change_needs_the_csrf_token(client: Client) -> None:
    await register(client)
    response = await client.post("/me/workshop", data={"workshop": "workshop-2"}, headers=HTML)
    assert response.status == 403
    [person] = await client.app[STORE].registrations.listing()
    assert person.workshop == "workshop-1"


async def test_my_data_download_holds_the_registration(client: Client) -> None:
    await register(client)
    response = await client.get("/me/data.json")
    assert response.status == 200
    assert response.headers["Content-Disposition"].startswith("attachment")
    data = json.loads(await response.read())
    assert data["participant"]["email"] == "erika@example.org"
    assert data["participant"]["workshop"] == "workshop-1"
    assert data["participant"]["registration"] == "registered"
    assert data["participant"]["consent_at"]
    assert [link["purpose"] for link in data["personal_links"]] == ["link"]
    assert "digest" not in json.dumps(data)


async def test_deleting_removes_the_person_and_moves_the_waiting_list_up(
    tight: Client, smtp: Mailbox
) -> None:
    await register(tight, email="seated@example.org")
    tight.session.cookie_jar.clear()
    await register(tight, email="waiting@example.org", wait="yes")
    await sign_in_by_mail(tight, smtp, "seated@example.org")
    old_link = link_path(body_of(smtp.to("seated@example.org")[-1]))
    store = tight.app[STORE]
    pid = next(p.id for p in await store.registrations.listing() if p.email.startswith("seated"))
    unconfirmed = await post(tight, "/me/delete")
    assert unconfirmed.status == 400 and 'id="err-delete"' in await unconfirmed.text()
    assert await store.participants.get(pid) is not None
    response = await post(tight, "/me/delete", confirm="yes")
    assert response.status == 200 and "Ihre Daten sind gelöscht" in await response.text()
    assert await store.participants.get(pid) is None
    async with store.engine.connect() as conn:
        left = await conn.scalar(sa.select(sa.func.count()).where(tokens.c.participant_id == pid))
    assert left == 0
    assert (await tight.get("/me")).status == 401
    assert (await tight.get(old_link, allow_redirects=False)).status == 401
    assert smtp.to("waiting@example.org")[-1]["Subject"].startswith("Sie haben einen Platz")
    [left_over] = await store.registrations.listing()
    assert (left_over.email, left_over.registration) == ("waiting@example.org", "registered")


async def test_the_calendar_of_a_guest_holds_the_programme_without_workshops(
    client: Client, settings: Settings
) -> None:
    assert (await client.get("/me/calendar.ics")).status == 401
    assert (await client.post("/api/join", json={"name": "Gast"})).status == 200
    response = await client.get("/me/calendar.ics")
    assert response.status == 200 and response.content_type == "text/calendar"
    titles = [
        str(e["summary"])
        for e in icalendar.Calendar.from_ical(await response.read()).walk("VEVENT")
    ]
    assert "Begrüßung und offizieller Auftakt" in titles
    assert not any(t.startswith("Workshop") for t in titles)
    events = icalendar.Calendar.from_ical(await response.read()).walk("VEVENT")
    venue = f"{settings.public_url.rstrip('/')}/"  # the venue, never a personal link
    assert all(str(e["url"]).startswith(f"{venue}programme#slot-") for e in events)
    assert all(f"Zum digitalen Veranstaltungsort: {venue}" in str(e["description"]) for e in events)


async def test_the_privacy_notice_in_both_languages(client: Client, settings: Settings) -> None:
    german = await (await client.get("/privacy")).text()
    assert "Datenschutzhinweise" in german and "Lausitz – Life &amp; Technology" in german
    assert f"{settings.retention_days} Tage nach der Veranstaltung" in german
    assert "Leonie Liemich, M.A." in german and "02763 Zittau" in german
    assert re.search(r"<p>Ihre Rechte:", german)
    english = await (await client.get("/privacy?lang=en")).text()
    assert "Privacy notice" in english and "Art. 77 GDPR" in english


async def test_no_privacy_notice_gives_404(aiohttp_client: MakeClient, settings: Settings) -> None:
    client = await aiohttp_client(await create_app(settings.model_copy(update={"venue_dir": MINI})))
    response = await client.get("/privacy", headers=HTML)
    assert response.status == 404 and "text/html" in response.content_type
