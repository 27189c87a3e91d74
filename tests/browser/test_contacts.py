"""Two people in two browsers share contact details by double opt-in."""

from __future__ import annotations

import pytest
import vobject
from aiohttp.test_utils import TestServer
from playwright.async_api import expect

from tests.browser.axe import axe_violations
from tests.browser.conftest import Open, Person
from tests.web.people import registered
from venue.web.keys import IDENTITIES

pytestmark = pytest.mark.browser


async def sign_in(open_person: Open, server: TestServer, name: str, organisation: str) -> Person:
    """A registered person who opened their personal link, then the venue."""
    email = f"{name.lower()}@example.org"
    record = await registered(server.app, name, email, "workshop-1", organisation)
    token = await server.app[IDENTITIES].issue(record.id, "link")
    person = await open_person(bypass_csp=True)  # for axe
    await person.page.goto(str(server.make_url(f"/t/{token}")))
    await person.page.goto(str(server.make_url("/?lang=de")))
    await person.page.wait_for_selector("#space-list li", state="attached")
    return person


async def test_both_agree_in_their_browsers_and_find_each_other_on_their_page(
    server: TestServer, open_person: Open
) -> None:
    ann = await sign_in(open_person, server, "Ann", "Speicherwerk")
    bob = await sign_in(open_person, server, "Bob", "Lausitz Labs")
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
    assert await axe_violations(bob.page) == []
    # nothing of Ann's but her name has reached Bob's page before he agrees
    assert "ann@example.org" not in await bob.page.content()
    assert "Speicherwerk" not in await bob.page.content()
    # an offer waits for its answer: after a reload (or coming back later) it is shown again
    await bob.page.reload()
    await expect(asked).to_be_visible()
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
    assert await axe_violations(ann.page) == []
    async with ann.page.expect_download() as downloading:
        await ann.page.get_by_role("link", name="Kontakte als vCard (.vcf)").click()
    download = await downloading.value
    path = await download.path()
    [card] = list(vobject.readComponents(path.read_text("utf-8")))
    assert card.fn.value == "Bob" and card.org.value == ["Lausitz Labs"]
    assert not hasattr(card, "email")
