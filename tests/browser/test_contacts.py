"""Two people in two browsers share contact details by double opt-in; a block's end asks for
one-tap feedback."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest
import vobject
from aiohttp.test_utils import TestServer
from playwright.async_api import Browser, expect

from tests.browser.conftest import RECORD_LIVE_REGIONS, SHOTS, Person
from tests.clocks import ManualClock
from tests.web.people import registered
from venue.app import create_app
from venue.settings import Settings
from venue.web.keys import IDENTITIES, LIVE

pytestmark = pytest.mark.browser

SignIn = Callable[[TestServer, str, str | None], Awaitable[Person]]


@pytest.fixture
async def signed_in(browser: Browser) -> AsyncIterator[SignIn]:
    """A registered person signed in through their personal link, in the venue."""
    people: list[Person] = []
    SHOTS.mkdir(parents=True, exist_ok=True)

    async def _open(server: TestServer, name: str, organisation: str | None) -> Person:
        email = f"{name.lower()}@example.org"
        record = await registered(server.app, name, email, "workshop-1", organisation)
        token = await server.app[IDENTITIES].issue(record.id, "link")
        context = await browser.new_context(viewport={"width": 1280, "height": 800})
        await context.add_init_script(script=RECORD_LIVE_REGIONS)
        person = Person(context, await context.new_page())
        people.append(person)
        await person.page.goto(str(server.make_url(f"/t/{token}")))
        await person.page.goto(str(server.make_url("/?lang=de")))
        await person.page.wait_for_selector("#space-list li", state="attached")
        return person

    yield _open
    for person in people:
        await person.context.close()
    for person in people:
        assert person.errors == [], person.errors


async def test_both_agree_in_their_browsers_and_find_each_other_on_their_page(
    server: TestServer, signed_in: SignIn
) -> None:
    ann = await signed_in(server, "Ann", "Speicherwerk")
    bob = await signed_in(server, "Bob", "Lausitz Labs")
    await ann.page.click("#view-list")  # list mode: the roster's buttons, no map needed
    await expect(ann.page.locator("#roster")).to_contain_text("Bob")
    bobs_entry = ann.page.locator("#roster li", has_text="Bob")
    await bobs_entry.get_by_role("button", name="Kontakt teilen").click()
    offer = ann.page.locator("#notices section", has_text="Kontaktdaten mit Bob teilen?")
    await offer.get_by_label("Meine E-Mail-Adresse mitteilen").check()
    await offer.get_by_role("button", name="Anfrage senden").click()
    await ann.said("Anfrage an Bob gesendet")
    await expect(offer).to_have_count(0)

    asked = bob.page.locator("#notices section", has_text="Ann möchte Kontaktdaten")
    await expect(asked).to_be_visible()
    await bob.shot("contacts-asked")
    # nothing of Ann's but her name has reached Bob's page before he agrees
    assert "ann@example.org" not in await bob.page.content()
    assert "Speicherwerk" not in await bob.page.content()
    await asked.get_by_role("button", name="Zustimmen").click()  # his e-mail stays unticked
    await bob.said("Sie und Ann haben Kontaktdaten ausgetauscht")
    await ann.said("Sie und Bob haben Kontaktdaten ausgetauscht")
    await ann.shot("contacts-exchanged")

    await bob.page.goto(str(server.make_url("/me")))
    bobs = bob.page.locator("#me-contacts .contact-card")
    await expect(bobs).to_have_count(1)
    await expect(bobs).to_contain_text("Speicherwerk")
    await expect(bobs.locator(".contact-email")).to_have_text("ann@example.org")
    await ann.page.goto(str(server.make_url("/me")))
    anns = ann.page.locator("#me-contacts .contact-card")
    await expect(anns).to_contain_text("Lausitz Labs")
    await expect(anns.locator(".contact-email")).to_have_count(0)  # Bob did not share his
    await ann.shot("contacts-me")
    async with ann.page.expect_download() as downloading:
        await ann.page.get_by_role("link", name="Kontakte als vCard (.vcf)").click()
    download = await downloading.value
    path = await download.path()
    [card] = list(vobject.readComponents(path.read_text("utf-8")))
    assert card.fn.value == "Bob" and card.org.value == ["Lausitz Labs"]
    assert not hasattr(card, "email")


async def test_when_a_block_ends_one_tap_rates_it(
    aiohttp_server: Callable[[Any], Awaitable[TestServer]],
    settings: Settings,
    signed_in: SignIn,
) -> None:
    clock = ManualClock("12:55")
    app = await create_app(settings.model_copy(update={"clock": clock.now()}), clock=clock)
    server = await aiohttp_server(app)
    ann = await signed_in(server, "Ann", None)
    await expect(ann.page.locator("#space-heading")).to_contain_text("Plenar")
    clock.to("13:00")
    ask = ann.page.locator("#notices section[data-feedback='0']")
    await expect(ask).to_contain_text("ist zu Ende. Wie fanden Sie es?")
    await ask.get_by_label("Ein Satz dazu (freiwillig)").fill("Kurzweilig")
    await ann.shot("feedback-ask")
    await ask.get_by_role("button", name="4 ★").click()
    await ann.said("Danke für Ihre Bewertung")
    await expect(ask).to_have_count(0)
    [plenary, *_rest] = await app[LIVE].feedback.results()
    assert (plenary.count, plenary.stars, plenary.comments) == (1, (0, 0, 0, 1, 0), ("Kurzweilig",))
