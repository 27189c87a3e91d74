"""Headless Debian Chromium driven by playwright against a real server."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestServer
from playwright.async_api import Browser, BrowserContext, Page, async_playwright

from tests.conftest import REQUIRE_SERVICES
from venue.settings import ROOT

CHROMIUM = Path(os.environ.get("VENUE_TEST_CHROMIUM", "/usr/bin/chromium"))
SHOTS = ROOT / "tests" / "screenshots"

pytestmark = pytest.mark.browser


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

    async def shot(self, name: str) -> Path:
        path = SHOTS / f"{name}.png"
        await self.page.screenshot(path=str(path))
        return path


Open = Callable[..., Awaitable[Person]]


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
