"""Speed networking and interests in Chromium: the console starts rounds, a participant reads
her table, partner and shared interests in a banner and pauses; a card shows interests."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from aiohttp.test_utils import TestServer
from playwright.async_api import expect

from tests.browser.conftest import Open, click_on_small_map, open_console
from tests.clocks import ManualClock
from tests.conftest import Participant
from venue.app import create_app
from venue.domain.interests import Profile
from venue.settings import Settings
from venue.web.keys import LIVE, STORE

pytestmark = pytest.mark.browser
WORKSHOP_TILES = (22, 16)
Join = Callable[[str], Awaitable[Participant]]


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock("15:30")  # the seed's networking at the bar


@pytest.fixture
async def server(
    aiohttp_server: Callable[..., Awaitable[TestServer]], settings: Settings, clock: ManualClock
) -> TestServer:
    return await aiohttp_server(await create_app(settings, clock=clock))


def person_id(server: TestServer, name: str) -> str:
    [person] = [p for p in server.app[LIVE].presence.people() if p.name == name]
    return person.id


async def test_a_round_seats_anna_with_whom_she_shares_an_interest_and_she_pauses(
    open_person: Open, join: Join, server: TestServer, clock: ManualClock
) -> None:
    anna = await open_person("Anna")
    store = server.app[STORE]
    await store.interests.save(person_id(server, "Anna"), Profile(("energy",), visible=True))
    bots = {name: await join(name) for name in ("Bernd", "Cleo", "Dana")}
    fields = {"Bernd": "energy", "Cleo": "stem-education", "Dana": "stem-education"}
    for name, bot in bots.items():
        await store.interests.save(bot.id, Profile((fields[name],), visible=True))
        entered = await bot.call("space.enter", {"space": "bar"})
        assert entered["ok"] or entered["error"]["code"] == "space.same"
    bar = anna.page.locator('#space-list li[data-space="bar"]')
    if await bar.get_attribute("aria-current") != "location":
        await bar.locator("button").click()
    await expect(bar).to_have_attribute("aria-current", "location")

    console = await open_console(open_person, server)
    page = console.page
    await expect(page.locator("#mod-networking-state")).to_have_text("Noch kein Speed-Networking.")
    await page.select_option("#mod-networking-size", "2")
    await page.fill("#mod-networking-rounds", "2")
    await page.get_by_role("button", name="Runden starten").click()

    banner = anna.page.locator("[data-notice='networking']")
    await expect(banner).to_contain_text("Runde 1 von 2")
    await expect(banner).to_contain_text("mit Bernd")
    await expect(banner).to_contain_text(
        "Gemeinsame Interessen: Energiespeicher und Energiesysteme"
    )
    await anna.said("Sie sitzen jetzt an Tisch", region="alerter")
    rounds = page.locator("#mod-networking-rounds-list")
    await expect(rounds.locator("li[data-table]")).to_have_count(2)
    await expect(rounds.locator("li[data-table]", has_text="Anna")).to_contain_text("Tisch")
    await expect(page.locator("#mod-networking-state")).to_contain_text("Runde 1 von 2")
    await anna.shot("networking-seated")
    await console.shot("networking-console")

    await banner.get_by_role("button", name="Pause machen").click()
    await expect(banner.get_by_role("button", name="Wieder mitmachen")).to_be_visible()
    await expect(page.locator("#mod-networking-rounds-list")).to_contain_text("Pausieren: Anna")
    clock.advance(5 * 60)
    await expect(banner).to_contain_text("Runde 2 von 2: Sie machen gerade Pause.")
    await expect(page.locator("#mod-networking-state")).to_contain_text("Runde 2 von 2")


async def test_the_card_shows_interests_only_of_who_agreed(
    open_person: Open, join: Join, server: TestServer
) -> None:
    anna = await open_person("Anna")
    bernd = await join("Bernd")
    offer = "Ein Speicherlabor für Schulklassen"
    profile = Profile(("energy", "stem-education"), offer, "", visible=True)
    await server.app[STORE].interests.save(bernd.id, profile)
    me = (await bernd.call("space.enter", {"space": "workshop-1"}))["data"]["me"]
    await anna.page.locator('#space-list li[data-space="workshop-1"] button').click()
    await expect(anna.page.locator("#map[data-space='workshop-1'] canvas")).to_be_visible()
    await expect(anna.page.locator("#roster")).to_contain_text("Bernd")
    on_bernd = (me["x"], me["y"] - 20)  # on his figure
    await click_on_small_map(anna.page, *on_bernd, WORKSHOP_TILES)
    card = anna.page.get_by_role("dialog", name="Bernd")
    await expect(card.locator(".person-card-tags li")).to_have_text(
        ["Energiespeicher und Energiesysteme", "Außerschulische MINT-Bildung"]
    )
    await expect(card).to_contain_text(f"Bietet: {offer}")
    await anna.shot("networking-card")
    await anna.page.keyboard.press("Escape")
    await anna.page.get_by_role("button", name="Listenansicht").click()  # without the map
    row = anna.page.locator("#roster li", has_text="Bernd")
    await row.get_by_role("button", name="Interessen").click()
    await expect(row.locator(".roster-interests")).to_have_text(
        f"Energiespeicher und Energiesysteme, Außerschulische MINT-Bildung · Bietet: {offer}"
    )
    await expect(row.get_by_role("button", name="Interessen")).to_have_attribute(
        "aria-expanded", "true"
    )
    await anna.page.get_by_role("button", name="Kartenansicht").click()
    await server.app[STORE].interests.save(bernd.id, Profile(("energy",), offer, "", False))
    await anna.page.keyboard.press("Escape")
    await expect(card).to_be_hidden()
    await click_on_small_map(anna.page, *on_bernd, WORKSHOP_TILES)
    await expect(card).to_have_attribute("data-profile", bernd.id)  # answered: nothing to show
    await expect(card.locator(".person-card-interests")).to_have_count(0)
