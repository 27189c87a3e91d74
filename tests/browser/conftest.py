"""Headless Debian Chromium driven by playwright against a real server."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestServer
from playwright.async_api import Browser, BrowserContext, Page, async_playwright, expect

from tests.conftest import PATIENCE, REQUIRE_SERVICES
from tests.web.people import staff
from venue.domain.people import Role
from venue.settings import ROOT
from venue.web.keys import IDENTITIES, LIVE

CHROMIUM = Path(os.environ.get("VENUE_TEST_CHROMIUM", "/usr/bin/chromium"))
SHOTS = ROOT / "tests" / "screenshots"

pytestmark = pytest.mark.browser
expect.set_options(timeout=PATIENCE * 1000)  # playwright's 5 s failed under `stress --cpu 2`

# Everything the ARIA live regions said, in order. A region shows only its latest message and
# empties itself after 12 s, so under load "what it shows now" races the next message.
RECORD_LIVE_REGIONS = """
window.__said = { announcer: [], alerter: [] };
document.addEventListener("DOMContentLoaded", () => {
  for (const [id, said] of Object.entries(window.__said)) {
    const region = document.getElementById(id);
    if (!region) continue;
    const record = () => region.textContent && said.push(region.textContent);
    const changes = { childList: true, characterData: true, subtree: true };
    new MutationObserver(record).observe(region, changes);
  }
});
"""


@pytest.fixture
def chromium() -> Path:
    if not CHROMIUM.exists():
        if REQUIRE_SERVICES:
            pytest.fail(
                f"{CHROMIUM} missing but VENUE_TEST_REQUIRE_SERVICES=1 (apt-get install chromium)"
            )
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)")
    return CHROMIUM


@pytest.fixture
async def browser(chromium: Path) -> AsyncIterator[Browser]:
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=str(chromium), headless=True)
        yield browser
        await browser.close()


class Person:
    """A browser context: one person with their own cookies, and what went wrong on their page."""

    def __init__(self, context: BrowserContext, page: Page) -> None:
        self.context = context
        self.page = page
        self.errors: list[str] = []
        page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        page.on(
            "console",
            lambda msg: self.errors.append(f"console: {msg.text}") if msg.type == "error" else None,
        )

    async def said(self, pattern: str, region: str = "announcer") -> None:
        """Wait until the live region `region` has said something matching `pattern` (a
        JavaScript regular expression), now or earlier (see RECORD_LIVE_REGIONS)."""
        await self.page.wait_for_function(
            "([id, pattern]) => window.__said[id].some((text) => new RegExp(pattern).test(text))",
            arg=[region, pattern],
        )

    async def shot(self, name: str) -> Path:
        path = SHOTS / f"{name}.png"
        await self.page.screenshot(path=str(path))
        return path


Open = Callable[..., Awaitable[Person]]


def position(server: TestServer, name: str) -> tuple[int, int]:
    """Where the server has the one person called `name`."""
    [person] = [p for p in server.app[LIVE].presence.people() if p.name == name]
    return person.x, person.y


async def open_console(open_person: Open, server: TestServer, name: str = "Mo") -> Person:
    """A moderator's browser, signed in through their personal link, on the console."""
    mod, _token = await staff(server.app, Role.MODERATOR, name)
    token = await server.app[IDENTITIES].issue(mod.id, "invite")
    console = await open_person()
    await console.page.goto(str(server.make_url(f"/t/{token}")))
    await console.page.wait_for_url("**/me")
    await console.page.goto(str(server.make_url("/moderator")))
    return console


async def click_on_small_map(page: Page, x: int, y: int, tiles: tuple[int, int]) -> None:
    """Click the map point (x, y) of a map of `tiles` that is smaller than the view (the
    camera centres it and stays put), e.g. on someone's figure."""
    canvas = await page.locator("#map canvas").bounding_box()
    assert canvas is not None
    left = canvas["x"] + (canvas["width"] - tiles[0] * 32) / 2
    top = canvas["y"] + (canvas["height"] - tiles[1] * 32) / 2
    await page.mouse.click(left + x, top + y)


async def hold(person: Person, key: str, until: Callable[[], bool], within: float = 10.0) -> None:
    """Walk by holding `key` until `until()` (what the server saw), then let go: how far a key
    held for a fixed time walks depends on the frame rate, and load changes that."""
    await person.page.keyboard.down(key)
    try:
        async with asyncio.timeout(within):
            while not until():
                await person.page.wait_for_timeout(20)
    finally:
        await person.page.keyboard.up(key)


@pytest.fixture
async def open_person(browser: Browser, server: TestServer) -> AsyncIterator[Open]:
    """Open the venue in a fresh browser context; `name` joins through the form."""
    people: list[Person] = []
    SHOTS.mkdir(parents=True, exist_ok=True)

    async def _open(name: str | None = None, lang: str = "de", **options: Any) -> Person:
        """`options` go to the browser context (a time zone, a phone's viewport)."""
        context = await browser.new_context(
            **{"viewport": {"width": 1280, "height": 800}, **options}
        )
        await context.add_init_script(script=RECORD_LIVE_REGIONS)
        person = Person(context, await context.new_page())
        people.append(person)
        await person.page.goto(str(server.make_url(f"/?lang={lang}")))
        if name is not None:
            await person.page.fill("#join-name", name)
            await person.page.click("#join-form button[type=submit]")
            await person.page.wait_for_selector("#app:not([hidden])")
            await person.page.wait_for_selector("#space-list li", state="attached")
        return person

    yield _open
    for person in people:
        await person.context.close()
    for person in people:
        assert person.errors == [], person.errors
