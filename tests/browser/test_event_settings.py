"""What the venue sets, the browser shows: the stay grace period, and times in the event's zone."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from aiohttp.test_utils import TestServer
from playwright.async_api import expect

from tests.browser.conftest import Open
from tests.venuefile.venue_builders import SEED_VENUE
from venue.domain.venue import Venue
from venue.settings import Settings
from venue.store.registrations import Applicant
from venue.venuefile.loader import load_venue
from venue.web.keys import IDENTITIES, STORE

pytestmark = pytest.mark.browser

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def venue() -> Venue:
    """The seed venue, where "a little longer" lasts 10 minutes instead of 5."""
    seed = load_venue(SEED_VENUE)
    assert seed.event is not None and seed.event.stay_minutes != 10
    return dataclasses.replace(seed, event=dataclasses.replace(seed.event, stay_minutes=10))


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """Four minutes before the workshops (13:30): whoever comes in now is warned at once."""
    return settings.model_copy(update={"clock": datetime(2021, 11, 30, 13, 26), "speed": 1})


async def test_stay_offers_the_venues_minutes_and_times_are_the_events(
    open_person: Open, server: TestServer
) -> None:
    outcome = await server.app[STORE].registrations.register(
        Applicant(
            name="Anna",
            email="anna@example.org",
            organisation=None,
            workshop="workshop-1",
            lang="de",
            wait=False,
        )
    )
    token = await server.app[IDENTITIES].issue(outcome.participant.id, "invite")
    # Anna follows the event from New York: her browser's clock is five or six hours behind
    anna = await open_person(timezone_id="America/New_York")
    page = anna.page
    await page.goto(str(server.make_url(f"/t/{token}")))
    await page.wait_for_url("**/me")
    await page.goto(str(server.make_url("/")))

    warning = page.locator(".notice-warning")
    await expect(warning.locator(".notice-text")).to_contain_text("13:30")
    stay = warning.get_by_role("button", name="10 Minuten länger bleiben")
    await expect(stay).to_be_visible()
    await anna.shot("settings-stay-10")
    await stay.click()
    await expect(warning).to_have_count(0)
    await expect(page.locator("#programme-you")).to_contain_text("Sie bleiben hier bis 13:40")

    # her own chat message is stamped in Berlin time, not New York's
    await page.fill("#chat-input", "Guten Tag aus New York")
    await page.click("#chat-form button[type=submit]")
    stamp = page.locator("#chat-log .chat-message time").last
    await expect(stamp).to_be_visible()
    at = datetime.fromisoformat(await stamp.get_attribute("datetime") or "")
    await expect(stamp).to_have_text(at.astimezone(BERLIN).strftime("%H:%M"))
    assert at.astimezone(BERLIN).hour != at.astimezone(ZoneInfo("America/New_York")).hour
