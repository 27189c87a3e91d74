"""Two people in two browser contexts: join, see each other, walk through a door, list mode."""

from __future__ import annotations

import re

import pytest
from aiohttp.test_utils import TestServer
from playwright.async_api import expect

from tests.browser.conftest import Open, hold, position
from venue.domain.maps import AreaKind
from venue.web.keys import VENUE

pytestmark = pytest.mark.browser


async def test_join_form_refuses_a_bad_name_inline(open_person: Open) -> None:
    visitor = await open_person()
    page = visitor.page
    await page.click("#join-form button[type=submit]")
    await expect(page.locator("#join-error")).to_be_visible()
    await expect(page.locator("#join-name")).to_have_attribute("aria-invalid", "true")
    await expect(page.locator("#join-name")).to_be_focused()
    await visitor.shot("join-error")


async def test_two_people_walk_through_a_door_and_the_roster_follows(
    open_person: Open, server: TestServer
) -> None:
    anna = await open_person("Anna Schmidt")
    bernd = await open_person("Bernd Müller")
    await expect(bernd.page.locator("#roster")).to_contain_text("Anna Schmidt")
    await expect(anna.page.locator("#roster")).to_contain_text("Bernd Müller")
    await expect(anna.page.locator("#map[data-space='lobby'] canvas")).to_be_visible()
    await bernd.shot("lobby-two-people")

    # Anna arrived first at the lobby's start, one tile left of the plenary door's column:
    # a step right, then north through the door, by keyboard as a person would.
    door = server.app[VENUE].spaces["lobby"].map.area("to-plenary", AreaKind.DOOR)
    assert door is not None
    await anna.page.locator("#map").focus()
    await hold(anna, "ArrowRight", lambda: position(server, "Anna Schmidt")[0] >= door.rect.x + 8)
    await anna.page.keyboard.down("ArrowUp")
    await expect(anna.page.locator('#space-list li[aria-current="location"]')).to_have_attribute(
        "data-space", "plenary", timeout=8000
    )
    await anna.page.keyboard.up("ArrowUp")

    await expect(bernd.page.locator("#roster")).not_to_contain_text("Anna Schmidt")
    await bernd.said("Anna Schmidt")
    await expect(bernd.page.locator('#space-list li[data-space="plenary"]')).to_contain_text(
        "1 / 300"
    )
    await anna.page.wait_for_timeout(600)  # let the map of the plenary render
    await anna.shot("plenary-after-door")


async def test_list_mode_works_without_the_map(open_person: Open) -> None:
    anna = await open_person("Anna")
    bernd = await open_person("Bernd")
    await anna.page.click("#view-list")
    await expect(anna.page.locator("#map-section")).to_be_hidden()
    bar = anna.page.locator('#space-list li[data-space="bar"] button')
    await bar.focus()
    await anna.page.keyboard.press("Enter")
    await expect(anna.page.locator('#space-list li[aria-current="location"]')).to_have_attribute(
        "data-space", "bar"
    )
    await anna.said("Bar")
    await bernd.said("Anna")
    await expect(bernd.page.locator("#roster")).not_to_contain_text("Anna")
    await anna.shot("list-mode-bar")


async def test_english_and_locating_someone(open_person: Open) -> None:
    anna = await open_person("Anna Example", lang="en")
    await expect(anna.page.locator("html")).to_have_attribute("lang", "en")
    await expect(anna.page.locator("#spaces-title")).to_have_text(re.compile("Spaces", re.I))
    bernd = await open_person("Bernd")
    await bernd.page.fill("#locate-input", "exam")
    await bernd.page.press("#locate-input", "Enter")
    await expect(bernd.page.locator("#locate-results")).to_contain_text("Anna Example")


SPACES = ["lobby", "plenary", "workshop-1", "workshop-2", "exhibition", "bar"]


async def test_every_space_renders(open_person: Open) -> None:
    guide = await open_person("Leonie Liemich")
    for space in SPACES:
        if space != "lobby":
            await guide.page.click(f'#space-list li[data-space="{space}"] button')
        await expect(
            guide.page.locator('#space-list li[aria-current="location"]')
        ).to_have_attribute("data-space", space)
        await guide.page.wait_for_timeout(700)  # tiles load and draw
        await guide.shot(f"space-{space}")
