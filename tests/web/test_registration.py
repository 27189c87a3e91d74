"""Registration: the form, its refusals, e-mail over a real SMTP server, seats and races."""

from __future__ import annotations

import asyncio
import html
import logging
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import icalendar
import pytest

from tests.web.registering import (
    HTML,
    Client,
    Mailbox,
    body_of,
    calendar_of,
    csrf_of,
    few_seats_venue,
    form,
    link_path,
    mailbox,
    register,
)
from venue.app import create_app
from venue.settings import Settings
from venue.web.keys import STORE

MakeClient = Callable[..., Awaitable[Client]]


@pytest.fixture
async def client(aiohttp_client: MakeClient, settings: Settings) -> Client:
    return await aiohttp_client(await create_app(settings))


@pytest.fixture
def smtp() -> Iterator[Mailbox]:
    with mailbox() as box:
        yield box


@pytest.fixture
async def mailing(aiohttp_client: MakeClient, settings: Settings, smtp: Mailbox) -> Client:
    """A client of an app that sends e-mail to `smtp`."""
    return await aiohttp_client(await create_app(smtp.configure(settings)))


async def test_form_offers_both_workshops_with_their_programme_text_and_seats(
    client: Client,
) -> None:
    page = await (await client.get("/register")).text()
    assert '<html lang="de">' in page
    assert "Workshop 1 – Energiespeicher und Energiesysteme" in page
    assert "Außerschulische MINT-Bildung der Zukunft" in page  # the programme's workshop title
    assert "Verzahnung von Innovationsfeldern" in page  # its description
    assert page.count("noch 60 Plätze") == 2
    assert 'name="csrf"' in page and 'href="/privacy?lang=de"' in page
    for field in ("name", "email", "organisation", "workshop", "consent"):
        assert f'name="{field}"' in page
    english = await (await client.get("/register?lang=en")).text()
    assert "60 places left" in english and "Workshop 1 – Energy storage" in english


async def test_registering_without_smtp_shows_the_link_and_signs_the_browser_in(
    aiohttp_client: MakeClient, settings: Settings, database_url: str
) -> None:
    client = await aiohttp_client(
        await create_app(settings.model_copy(update={"database_url": database_url}))
    )
    response = await register(client, follow=False, email="  Erika@Example.ORG ")
    assert response.status == 303
    assert response.headers["Location"].startswith("/register/done")
    assert response.cookies["venue_token"]["httponly"]
    done = await (await client.get(response.headers["Location"])).text()
    assert "Vielen Dank" in done and "Workshop 1 – Energiespeicher" in done
    assert "Platz sicher" in done
    link = link_path(done)
    assert link.endswith(response.cookies["venue_token"].value)
    calendar = await client.get("/me/calendar.ics")
    assert calendar.status == 200 and calendar.content_type == "text/calendar"
    me = await (await client.get("/me")).text()
    assert "erika@example.org" in me  # stored lower-cased
    people = await client.app[STORE].registrations.listing()
    assert [(p.name, p.email, p.workshop, p.registration) for p in people] == [
        ("Erika Mustermann", "erika@example.org", "workshop-1", "registered")
    ]


async def test_registration_mails_the_link_and_a_calendar_of_the_chosen_workshop(
    mailing: Client, smtp: Mailbox
) -> None:
    response = await register(mailing, follow=False, workshop="workshop-2")
    assert response.status == 303
    assert "venue_token" not in response.cookies  # the e-mail's link signs in
    done = await (await mailing.get(response.headers["Location"])).text()
    assert "Bitte prüfen Sie Ihr E-Mail-Postfach" in done and "/t/" not in done
    [message] = smtp.to("erika@example.org")
    assert message["Subject"] == "Ihre Anmeldung: 3. Bündnistreffen Lausitz – Life & Technology"
    text = body_of(message)
    assert "Guten Tag Erika Mustermann" in text and "Workshop 2" in text
    titles = [
        str(event["summary"])
        for event in icalendar.Calendar.from_ical(calendar_of(message)).walk("VEVENT")
    ]
    assert "Begrüßung und offizieller Auftakt" in titles
    assert any(t.startswith("Workshop 2:") for t in titles)
    assert not any(t.startswith("Workshop 1:") for t in titles)
    opened = await mailing.get(link_path(text), allow_redirects=False)
    assert opened.status == 303 and opened.headers["Location"] == "/me"
    me = await mailing.get("/me")
    assert me.status == 200 and "Erika Mustermann" in await me.text()


async def test_a_person_registering_in_english_gets_english_e_mails_and_calendar(
    mailing: Client, smtp: Mailbox
) -> None:
    """The language of the form is the person's: confirmation, link again and calendar."""
    for _ in range(2):  # the second time the address is known: the personal link again
        token = await csrf_of(mailing, "/register?lang=en")
        response = await mailing.post(
            "/register?lang=en", data=form(csrf=token), headers=HTML, allow_redirects=False
        )
        assert response.status == 303
    first, again = smtp.to("erika@example.org")
    title = "3rd Alliance Meeting Lausitz – Life & Technology"
    assert first["Subject"] == f"Your registration: {title}"
    assert again["Subject"] == f"Your personal link: {title}"
    for message in (first, again):
        text = body_of(message)
        assert "Hello Erika Mustermann" in text and "Your personal link" in text
        assert "Guten Tag" not in text and "Ihr persönlicher Link" not in text
        events = icalendar.Calendar.from_ical(calendar_of(message)).walk("VEVENT")
        assert {str(e["location"]) for e in events} >= {"Plenary hall"}
        assert not {str(e["location"]) for e in events} & {"Plenarsaal"}
        assert all("To the digital venue:" in str(e["description"]) for e in events)
    assert "Workshop 1 – Energy storage" in body_of(first)
    opened = await mailing.get(link_path(body_of(first)))
    assert "My registration" in await opened.text()


async def test_a_known_address_gets_its_link_again_and_the_same_page(
    mailing: Client, smtp: Mailbox
) -> None:
    first = await register(mailing)
    mailing.session.cookie_jar.clear()
    again = await register(mailing, email="ERIKA@example.org", name="Someone Else")
    assert first.status == again.status == 200
    assert await first.text() == await again.text()
    assert len(await mailing.app[STORE].registrations.listing()) == 1
    subjects = [m["Subject"] for m in smtp.to("erika@example.org")]
    assert subjects[0].startswith("Ihre Anmeldung")
    assert subjects[1].startswith("Ihr persönlicher Link")
    # both links work: the old one was not revoked by asking again
    for message in smtp.messages:
        assert (await mailing.get(link_path(body_of(message)))).status == 200


async def test_a_known_address_without_smtp_logs_the_link_instead_of_showing_it(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    await register(client)
    client.session.cookie_jar.clear()
    with caplog.at_level(logging.INFO, logger="venue.mail.mailer"):
        response = await register(client, follow=False, email="erika@EXAMPLE.org")
    assert "venue_token" not in response.cookies
    done = await (await client.get(response.headers["Location"])).text()
    assert "/t/" not in done and "Bitte prüfen Sie Ihr E-Mail-Postfach" in done
    assert "Ihr persönlicher Link" in caplog.text and "/t/" in caplog.text
    assert (await client.get("/me")).status == 401


async def test_a_full_workshop_offers_the_other_one_or_the_waiting_list(
    aiohttp_client: MakeClient, settings: Settings, tmp_path: Path
) -> None:
    venue_dir = few_seats_venue(tmp_path)
    client = await aiohttp_client(
        await create_app(settings.model_copy(update={"venue_dir": venue_dir}))
    )
    await register(client, email="first@example.org")
    client.session.cookie_jar.clear()
    page = await (await client.get("/register")).text()
    assert "ausgebucht – Warteliste" in page and "noch 1 Platz" in page
    assert "Auf die Warteliste" in page
    refused = await register(client, email="second@example.org", organisation="Kept GmbH")
    assert refused.status == 400
    text = await refused.text()
    assert 'id="err-workshop"' in text and "inzwischen ausgebucht" in text
    assert 'value="second@example.org"' in text and 'value="Kept GmbH"' in text
    waiting = await register(client, email="second@example.org", wait="yes")
    assert "Warteliste, Platz 1" in await waiting.text()


async def test_two_people_racing_for_the_last_seat(
    aiohttp_client: MakeClient, settings: Settings, tmp_path: Path, database_url: str
) -> None:
    update = {"venue_dir": few_seats_venue(tmp_path), "database_url": database_url}
    client = await aiohttp_client(await create_app(settings.model_copy(update=update)))
    token = await csrf_of(client)

    async def attempt(email: str, wait: str | None) -> int:
        data = form(csrf=token, email=email, wait=wait)
        response = await client.post("/register", data=data, headers=HTML, allow_redirects=False)
        return response.status

    statuses = await asyncio.gather(attempt("a@example.org", None), attempt("b@example.org", None))
    assert sorted(statuses) == [303, 400]  # one seated, the other told the workshop is full
    statuses = await asyncio.gather(
        attempt("c@example.org", "yes"), attempt("d@example.org", "yes")
    )
    assert statuses == [303, 303]
    people = {p.email: p.registration for p in await client.app[STORE].registrations.listing()}
    assert sorted(people.values()) == ["registered", "waiting", "waiting"]
    seats = await client.app[STORE].registrations.seats()
    assert seats["workshop-1"].taken == 1 and seats["workshop-1"].waiting == 2


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "x" * 41}, "name"),
        ({"name": "evil\u0000name"}, "name"),
        ({"name": None}, "name"),
        ({"email": "not-an-address"}, "email"),
        ({"email": "two@@example.org"}, "email"),
        ({"email": "a@b@example.org"}, "email"),
        ({"email": "no space@example.org"}, "email"),
        ({"email": "nodot@localhost"}, "email"),
        ({"email": "dots@example..org"}, "email"),
        ({"email": "x" * 250 + "@example.org"}, "email"),
        ({"email": "<x@example.org>"}, "email"),
        ({"email": None}, "email"),
        ({"organisation": "o" * 201}, "organisation"),
        ({"organisation": "bad\u0007bell"}, "organisation"),
        ({"workshop": "plenary"}, "workshop"),
        ({"workshop": "nowhere"}, "workshop"),
        ({"workshop": None}, "workshop"),
        ({"consent": None}, "consent"),
        ({"consent": "no"}, "consent"),
    ],
)
async def test_bad_input_keeps_the_form_filled_and_names_the_field(
    client: Client, fields: dict[str, str | None], field: str
) -> None:
    response = await register(client, **fields)
    assert response.status == 400
    page = await response.text()
    assert f'id="err-{field}" class="field-error"' in page
    assert 'aria-invalid="true"' in page and f"err-{field}" in page.split(f'id="err-{field}"')[0]
    kept = form(**fields)
    for name in ("name", "email", "organisation"):
        if kept.get(name) and name != field:
            assert f'value="{html.escape(kept[name], quote=True)}"' in page
    if field != "workshop":
        assert 'value="workshop-1" required' in page and "checked" in page
    assert await client.app[STORE].registrations.listing() == []


async def test_a_form_without_or_with_a_wrong_csrf_token_is_refused(client: Client) -> None:
    await client.get("/register")
    missing = await client.post("/register", data=form(), headers=HTML)
    wrong = await client.post("/register", data=form(csrf="forged"), headers=HTML)
    assert missing.status == wrong.status == 403
    assert await client.app[STORE].registrations.listing() == []


async def test_a_registration_flood_from_one_address_is_limited(client: Client) -> None:
    token = await csrf_of(client)
    statuses = []
    for i in range(12):
        response = await client.post(
            "/register",
            data=form(csrf=token, email=f"p{i}@example.org"),
            headers=HTML,
            allow_redirects=False,
        )
        statuses.append(response.status)
    assert statuses[:10] == [303] * 10
    assert statuses[10:] == [429, 429]


async def test_a_name_with_markup_is_escaped_on_the_confirmation_and_personal_page(
    client: Client,
) -> None:
    name = "<script>alert(1)</script>"
    done = await (await register(client, name=name)).text()
    me = await (await client.get("/me")).text()
    for page in (done, me):
        assert "<script>alert(1)" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
