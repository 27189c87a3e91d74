"""The end of a block in the browser: a banner asks, one tap rates it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from aiohttp.test_utils import TestServer
from playwright.async_api import expect

from tests.browser.axe import axe_violations
from tests.browser.conftest import Open
from tests.clocks import ManualClock
from venue.app import create_app
from venue.settings import Settings
from venue.web.keys import LIVE

pytestmark = pytest.mark.browser


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock("12:55")  # five minutes before the plenary's block ends


@pytest.fixture
async def server(
    aiohttp_server: Callable[..., Awaitable[TestServer]], settings: Settings, clock: ManualClock
) -> TestServer:
    """The test server on the clock the test moves."""
    update = {"clock": clock.now()}
    return await aiohttp_server(await create_app(settings.model_copy(update=update), clock=clock))


async def test_when_a_block_ends_one_tap_rates_it(
    server: TestServer, clock: ManualClock, open_person: Open
) -> None:
    ann = await open_person("Ann", bypass_csp=True)  # for axe
    await expect(ann.page.locator("#space-heading")).to_contain_text("Plenar")
    clock.to("13:00")
    ask = ann.page.locator("#notices section[data-feedback='0']")
    await expect(ask).to_contain_text("ist zu Ende. Wie fanden Sie es?")
    await ask.get_by_label("Ein Satz dazu (freiwillig)").fill("Kurzweilig")
    await ann.shot("feedback-ask")
    assert await axe_violations(ann.page) == []
    await ask.get_by_role("button", name="4 ★").click()
    await ann.said("Danke für Ihre Bewertung")
    await expect(ask).to_have_count(0)
    [plenary, *_rest] = await server.app[LIVE].feedback.results()
    assert (plenary.count, plenary.stars, plenary.comments) == (1, (0, 0, 0, 1, 0), ("Kurzweilig",))
