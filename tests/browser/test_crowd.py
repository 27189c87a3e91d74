"""A 300-person plenary is readable in Chromium: everyone sits or stands apart, and the names
of far or overlapping avatars collapse (labels.js) instead of piling up."""

from __future__ import annotations

import re

import pytest
from aiohttp.test_utils import TestServer
from playwright.async_api import expect

from tests.browser.conftest import Open
from venue.domain.people import Role
from venue.web.keys import LIVE

pytestmark = pytest.mark.browser

CROWD = 299  # and Anna: the plenary's capacity of 300


async def test_a_full_plenary_of_300_shows_few_names_and_a_screenshot(
    open_person: Open, server: TestServer
) -> None:
    anna = await open_person("Anna")
    live = server.app[LIVE]
    # the crowd arrives the way a connection's session brings a person in (Sessions.arrive)
    for n in range(CROWD):
        now = live.clock.monotonic()
        events = live.presence.arrive(
            f"crowd-{n}", f"Gast {n:03d}", Role.PARTICIPANT, now, "plenary"
        )
        await live.movement.publish(events)
    assert live.presence.counts()["plenary"] == CROWD
    places = {(p.x, p.y) for p in live.presence.roster("plenary")}
    assert len(places) == CROWD  # nobody stacked on anybody

    await anna.page.locator('#space-list li[data-space="plenary"] button').click()
    plenary = anna.page.locator("#map[data-space='plenary']")
    await expect(plenary).to_have_attribute("data-names", re.compile(rf"^\d+/{CROWD + 1}$"))
    shown, everyone = map(int, (await plenary.get_attribute("data-names") or "").split("/"))
    assert everyone == CROWD + 1
    await anna.shot("plenary-300")
    assert 1 <= shown <= everyone // 3, shown  # collapsed: far names hidden, near ones counted
