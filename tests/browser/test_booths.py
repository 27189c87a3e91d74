"""An exhibitor and a visitor in two browsers: the booth opens, a request rings, they talk."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

import pytest
from aiohttp.test_utils import TestServer
from playwright.async_api import Browser, expect

from tests.browser.conftest import RECORD_LIVE_REGIONS, SHOTS, Open, Person, hold, position
from tests.web.people import staff
from venue.domain.maps import AreaKind
from venue.domain.people import Role
from venue.web.keys import VENUE

pytestmark = pytest.mark.browser

HOSTILE = '<script>alert("script")</script> <img src=x onerror="alert(\'onerror\')"> **Willkommen**'


@pytest.fixture
async def exhibitor(browser: Browser, server: TestServer) -> AsyncIterator[Person]:
    """Erika, exhibitor of the strategy booth, signed in through her personal link."""
    _record, token = await staff(
        server.app, Role.EXHIBITOR, "Erika Aussteller", frozenset({"strategy"})
    )
    context = await browser.new_context(viewport={"width": 1280, "height": 800})
    await context.add_init_script(script=RECORD_LIVE_REGIONS)
    person = Person(context, await context.new_page())
    await person.page.goto(str(server.make_url(f"/t/{token}")))
    yield person
    await context.close()
    assert person.errors == [], person.errors


async def test_the_booth_opens_rings_and_both_sides_talk(
    server: TestServer, exhibitor: Person, open_person: Open
) -> None:
    erika = exhibitor
    dialogs: list[str] = []
    SHOTS.mkdir(parents=True, exist_ok=True)

    # Erika puts markup and script into her description on the booth page
    await erika.page.goto(str(server.make_url("/booths/strategy")))
    await erika.page.fill("#edit-description-de", HOSTILE)
    await erika.page.click("#booth-edit form.booth-form button[type=submit]")
    await expect(erika.page.locator(".booth-flash")).to_contain_text("Gespeichert")

    # ... and enters the venue in list mode, where she checks in at her booth
    await erika.page.goto(str(server.make_url("/?lang=de")))
    await erika.page.wait_for_selector("#space-list li")
    await erika.page.click("#view-list")
    await erika.page.click('#space-list li[data-space="exhibition"] button')
    checkin = erika.page.get_by_role(
        "button", name="Am Stand einchecken: L&T Strategieentwicklungsprojekt"
    )
    await checkin.focus()
    await erika.page.keyboard.press("Enter")
    checkout = erika.page.get_by_role("button", name="Vom Stand auschecken: L&T Strategie")
    await expect(checkout).to_have_attribute("aria-pressed", "true")
    # the check-in, then the booth's opening, are announced (the later replaces the earlier)
    await erika.said("eingecheckt|geöffnet")

    # Vera joins as a guest: the exhibition's list and the map's sign say the booth is open
    vera = await open_person("Vera")
    vera.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    await vera.page.click('#space-list li[data-space="exhibition"] button')
    item = vera.page.locator('#booth-list li[data-booth="strategy"]')
    await expect(item).to_have_attribute("data-open", "true")
    await expect(item).to_contain_text("Erika Aussteller")
    await expect(vera.page.locator('#booth-list li[data-booth="energy"]')).to_contain_text(
        "Geschlossen"
    )
    await expect(vera.page.locator("#map canvas")).to_be_visible()
    await vera.page.wait_for_timeout(600)
    await vera.shot("booth-open-map")

    # she walks into the booth's area: west below it, then north until the booth panel opens
    await expect(vera.page.locator("#map[data-space='exhibition']")).to_be_visible()
    booth = server.app[VENUE].spaces["exhibition"].map.area("booth-strategy", AreaKind.BOOTH)
    assert booth is not None
    right_edge, bottom = booth.rect.x + booth.rect.w, booth.rect.y + booth.rect.h
    await vera.page.locator("#map").focus()
    await hold(vera, "ArrowLeft", lambda: position(server, "Vera")[0] <= right_edge - 32)
    await hold(vera, "ArrowUp", lambda: position(server, "Vera")[1] <= bottom - 16)
    panel = vera.page.locator("#booth-panel")
    await expect(panel).to_be_visible(timeout=5000)
    await expect(panel).to_contain_text("L&T Strategieentwicklungsprojekt")
    await expect(panel.locator(".booth-summary")).to_contain_text(
        '<script>alert("script")</script>'
    )
    await vera.said("Sie stehen am Stand")

    # "Mit uns sprechen", sharing nothing: Erika's ring has no e-mail
    await vera.page.click("#booth-request")
    await expect(panel.locator(".booth-asked")).to_be_visible()
    ring = erika.page.locator("[data-ring]")
    await expect(ring).to_contain_text("Vera möchte am Stand")
    await expect(ring).not_to_contain_text("E-Mail")
    await erika.shot("booth-ring")
    await ring.get_by_role("button", name="Annehmen").click()
    await expect(ring).to_have_count(0)

    # both see the conversation and exchange messages
    await expect(erika.page.locator("#booth-talk")).to_contain_text("Sie sprechen mit Vera")
    await expect(vera.page.locator("#booth-talk")).to_contain_text(
        "Sie sprechen mit Erika Aussteller"
    )
    await vera.page.fill("#booth-talk-input", "Guten Tag! Wie geht es mit dem Bündnis weiter?")
    await vera.page.click("#booth-talk button[type=submit]")
    await expect(erika.page.locator("#booth-talk-log")).to_contain_text(
        "Wie geht es mit dem Bündnis"
    )
    await erika.page.fill("#booth-talk-input", "<b>Gut</b>, danke der Nachfrage!")
    await erika.page.click("#booth-talk button[type=submit]")
    await expect(vera.page.locator("#booth-talk-log")).to_contain_text("<b>Gut</b>, danke")
    assert await vera.page.locator("#booth-talk-log b").count() == 0
    await vera.shot("booth-conversation-visitor")
    await erika.shot("booth-conversation-exhibitor")

    # the booth page shows the description inert: no script ran, no image tried to load
    await vera.page.goto(str(server.make_url("/booths/strategy")))
    description = vera.page.locator(".booth-description")
    await expect(description).to_contain_text('<script>alert("script")</script>')
    await expect(description.locator("strong")).to_have_text("Willkommen")
    assert await description.locator("script, img").count() == 0
    await vera.page.wait_for_timeout(300)
    await vera.shot("booth-page-inert")
    assert dialogs == []


async def test_list_mode_visitors_ask_a_booth_without_walking(
    server: TestServer, exhibitor: Person, open_person: Open
) -> None:
    erika = exhibitor
    await erika.page.goto(str(server.make_url("/?lang=de")))
    await erika.page.wait_for_selector("#space-list li")
    await erika.page.click("#view-list")
    await erika.page.click('#space-list li[data-space="exhibition"] button')
    await erika.page.get_by_role(
        "button", name="Am Stand einchecken: L&T Strategieentwicklungsprojekt"
    ).click()

    vera = await open_person("Vera")
    await vera.page.click("#view-list")
    await vera.page.click('#space-list li[data-space="exhibition"] button')
    item = vera.page.locator('#booth-list li[data-booth="strategy"]')
    await expect(item).to_have_attribute("data-open", "true")
    await item.get_by_role("button", name=re.compile("Stand .* zeigen")).click()
    await expect(vera.page.locator("#booth-panel")).to_be_visible()
    await vera.page.click("#booth-request")
    ring = erika.page.locator("[data-ring]")
    await expect(ring).to_contain_text("Vera")
    await ring.get_by_role("button", name="Annehmen").click()
    await expect(vera.page.locator("#booth-talk")).to_contain_text("Erika Aussteller")
