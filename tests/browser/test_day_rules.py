"""Small things of the event day in Chromium: stale banners go, closed spaces are marked, the
"You" badge can be read."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from aiohttp.test_utils import TestServer
from playwright.async_api import expect

from tests.browser.conftest import Open, open_console
from tests.clocks import ManualClock
from tests.conftest import Participant
from tests.web.people import staff
from venue.app import create_app
from venue.domain.people import Role
from venue.settings import Settings
from venue.web.keys import IDENTITIES, STORE, VENUE

pytestmark = pytest.mark.browser

WORKSHOPS_BLOCK = 2


@pytest.fixture
def clock() -> ManualClock:
    """13:24, a minute before the workshops' warning; the tests move it on."""
    return ManualClock("13:24")


@pytest.fixture
async def server(
    aiohttp_server: Callable[..., Awaitable[TestServer]], settings: Settings, clock: ManualClock
) -> TestServer:
    return await aiohttp_server(await create_app(settings, clock=clock))


CONTRAST = """el => {
  const rgb = (c) => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = (c) => {
    const linear = (v) => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    const [r, g, b] = rgb(c).map(linear);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const style = getComputedStyle(el);
  const [a, b] = [lum(style.color), lum(style.backgroundColor)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}"""


async def test_an_exhibitor_at_the_booth_loses_the_stale_warning_sees_closed_spaces(
    open_person: Open, server: TestServer, clock: ManualClock
) -> None:
    booth = server.app[VENUE].spaces["exhibition"].map.area("booth-energy")
    assert booth is not None
    eva, _token = await staff(server.app, Role.EXHIBITOR, "Eva", frozenset({"energy"}))
    x, y = int(booth.rect.x + booth.rect.w / 2), int(booth.rect.y + booth.rect.h / 2)
    await server.app[STORE].participants.save_place(eva.id, "exhibition", x, y)
    person = await open_person()
    token = await server.app[IDENTITIES].issue(eva.id, "invite")
    await person.page.goto(str(server.make_url(f"/t/{token}")))
    await person.page.wait_for_url("**/me")
    await person.page.goto(str(server.make_url("/")))
    page = person.page
    await page.wait_for_selector("#space-list li[aria-current][data-space='exhibition']")

    badge = page.locator("#roster .badge-me")
    await expect(badge).to_be_visible()
    assert await badge.evaluate(CONTRAST) >= 4.5  # WCAG AA for small text

    warning = page.locator(f"[data-notice='warning'][data-block='{WORKSHOPS_BLOCK}']")
    clock.to("13:25")
    await expect(warning).to_be_visible()
    ask = page.locator(f"[data-notice='ask'][data-block='{WORKSHOPS_BLOCK}']")
    clock.to("13:30")
    await expect(ask).to_be_visible()  # asked, not moved
    await expect(warning).to_have_count(0)  # the block began: the warning is history
    await person.shot("day-exhibitor-asked")

    mod, mod_token = await staff(server.app, Role.MODERATOR, "Mo")
    moderator = await Participant(server, mod_token, mod.id, "Mo").connect()
    try:
        assert (await moderator.call("mod.space", {"space": "bar", "open": False}))["ok"]
        bar = page.locator("#space-list li[data-space='bar']")
        await expect(bar).to_have_class("closed")
        await expect(bar.locator(".space-closed")).to_have_text("geschlossen")
        assert (await moderator.call("mod.space", {"space": "bar", "open": True}))["ok"]
        await expect(bar.locator(".space-closed")).to_be_hidden()
    finally:
        await moderator.sio.disconnect()


async def test_a_removed_person_is_told_in_their_language_whom_to_ask(
    open_person: Open, server: TestServer
) -> None:
    anna = await open_person("Anna", lang="en")
    page = anna.page
    anna_id = await page.evaluate(
        "() => JSON.parse(document.getElementById('boot').textContent).me?.id ?? null"
    )
    mod, mod_token = await staff(server.app, Role.MODERATOR, "Mo")
    moderator = await Participant(server, mod_token, mod.id, "Mo").connect()
    try:
        if anna_id is None:  # joined by the form: the page's boot predates her
            found = await moderator.call("presence.locate", {"query": "Anna"})
            anna_id = found["data"]["matches"][0]["id"]
        assert (await moderator.call("mod.mute", {"person": anna_id, "muted": True}))["ok"]
        await expect(page.locator("[data-notice='muted']")).to_contain_text("muted you")
        assert (await moderator.call("mod.remove", {"person": anna_id}))["ok"]
    finally:
        await moderator.sio.disconnect()
    gone = page.locator("#gone")
    await expect(gone).to_be_visible()
    await expect(page.locator("#gone-title")).to_have_text("You were removed from the event")
    await expect(page.locator("#gone-text")).to_contain_text("in 15 minutes")
    await expect(page.locator("#gone-contact")).to_contain_text("Leonie Liemich")
    await expect(page.locator("#connection")).to_be_hidden()
    await anna.shot("day-removed")
    await page.reload()  # coming back too early: told again, not "reconnecting"
    await expect(page.locator("#gone-title")).to_have_text("You were removed from the event")
    await expect(page.locator("#gone-text")).to_contain_text("in 15 minutes")


async def test_the_console_people_list_finds_anyone_and_mutes_and_unmutes(
    open_person: Open, server: TestServer
) -> None:
    anna = await open_person("Anna")
    console = await open_console(open_person, server)
    page = console.page
    row = page.locator("#mod-people li", has_text="Anna")
    await expect(row).to_be_visible()  # everyone is listed before any search
    await page.fill("#mod-people-query", "ann")
    await page.click("#mod-people-form button[type=submit]")
    await expect(page.locator("#mod-people li")).to_have_count(1)
    await row.get_by_role("button", name="Stummschalten").click()
    await expect(row.locator(".badge", has_text="stummgeschaltet")).to_be_visible()
    await expect(anna.page.locator("[data-notice='muted']")).to_contain_text("stummgeschaltet")
    await row.get_by_role("button", name="Stummschaltung aufheben").click()
    await expect(row.locator(".badge", has_text="stummgeschaltet")).to_have_count(0)
    await expect(anna.page.locator("[data-notice='muted']")).to_contain_text("aufgehoben")
    await console.shot("day-console-people")
