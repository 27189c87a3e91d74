"""Two people walk up to each other by keyboard, form a group and chat; markup stays inert."""

from __future__ import annotations

import re

import pytest
from aiohttp.test_utils import TestServer
from playwright.async_api import expect

from tests.browser.conftest import Open, hold, position

pytestmark = pytest.mark.browser


async def test_walking_up_to_someone_starts_a_conversation(
    open_person: Open, server: TestServer
) -> None:
    anna = await open_person("Anna")
    # Anna walks west, away from the lobby's start (five tiles), before Bernd arrives there
    await expect(anna.page.locator("#map[data-space='lobby'] canvas")).to_be_visible()
    await anna.page.locator("#map").focus()
    start = position(server, "Anna")[0]
    await hold(anna, "ArrowLeft", lambda: position(server, "Anna")[0] <= start - 160)
    bernd = await open_person("Bernd")
    await expect(bernd.page.locator("#roster")).to_contain_text("Anna")
    # Bernd takes a step of his own: until then, arriving, he is in no conversation
    await expect(bernd.page.locator("#map[data-space='lobby'] canvas")).to_be_visible()
    await bernd.page.locator("#map").focus()
    y0 = position(server, "Bernd")[1]
    await hold(bernd, "ArrowDown", lambda: position(server, "Bernd")[1] > y0)
    await bernd.page.wait_for_timeout(400)
    await expect(anna.page.locator("#group-talk")).to_contain_text("Niemand")
    await expect(bernd.page.locator("#group-talk")).to_contain_text("Niemand")

    # ... and back east until they talk
    await anna.page.locator("#map").focus()
    await anna.page.keyboard.down("ArrowRight")
    await expect(anna.page.locator("#group-talk")).to_contain_text("Bernd", timeout=5000)
    await anna.page.keyboard.up("ArrowRight")
    await expect(bernd.page.locator("#group-talk")).to_have_text("Sie sprechen mit: Anna")
    await bernd.said("Anna")
    # offered, not forced: the chat stays in the lobby until Anna opens the conversation
    await expect(anna.page.locator("#chat-channel")).to_have_value("space:lobby")
    await anna.page.click("#chat-nearby")
    await expect(anna.page.locator("#chat-channel")).to_have_value(re.compile("^group:"))

    evil = (
        '<img src=x onerror="document.title=1"> siehe https://example.org/a?b=1 javascript:alert(1)'
    )
    await anna.page.fill("#chat-input", evil)
    await anna.page.click("#chat-form button[type=submit]")
    nearby = bernd.page.locator("#chat-nearby")
    await expect(nearby).to_have_attribute("data-unread", "1")  # Anna's message, a badge
    await expect(nearby).to_contain_text("1 neu")
    await expect(bernd.page.locator("#chat-channel")).to_have_value("space:lobby")
    await nearby.click()
    message = bernd.page.locator("#chat-log .chat-message").last
    await expect(message).to_contain_text("<img src=x")
    await expect(message.locator(".chat-author")).to_have_text("Anna")
    assert await bernd.page.locator("#chat-log img").count() == 0
    links = message.locator("a")
    await expect(links).to_have_count(1)
    await expect(links).to_have_attribute("href", "https://example.org/a?b=1")
    await expect(links).to_have_attribute("rel", "noopener noreferrer nofollow")
    assert await bernd.page.title() != "1"

    await bernd.page.fill("#chat-input", "Hallo Anna!")
    await bernd.page.press("#chat-input", "Control+Enter")  # no shortcut: the button sends
    await bernd.page.click("#chat-form button[type=submit]")
    await expect(anna.page.locator("#chat-log")).to_contain_text("Hallo Anna!")
    await anna.shot("chat-group")

    # the space's channel is one choice away, with its history
    await bernd.page.select_option("#chat-channel", "space:lobby")
    await expect(bernd.page.locator("#chat-log")).to_contain_text("Noch keine Nachrichten")


async def test_list_mode_sits_at_a_table_and_a_full_table_says_so(open_person: Open) -> None:
    anna = await open_person("Anna")
    await anna.page.click("#view-list")
    await anna.page.click('#space-list li[data-space="bar"] button')
    sit = anna.page.get_by_role("button", name="Am Tisch 1 Platz nehmen")
    await sit.focus()
    await anna.page.keyboard.press("Enter")
    await expect(anna.page.locator("#group-talk")).to_contain_text("Tisch 1")
    await expect(anna.page.locator("#chat-nearby")).to_contain_text("Tisch 1")
    await anna.page.click("#chat-nearby")
    await expect(anna.page.locator("#chat-channel")).to_have_value("table:bar:table-1")
    await anna.shot("chat-table-list-mode")


async def test_the_plenary_offers_its_meeting_without_loading_it(open_person: Open) -> None:
    anna = await open_person("Anna")
    await expect(anna.page.locator("#meeting")).to_be_hidden()
    await anna.page.click('#space-list li[data-space="plenary"] button')
    await expect(anna.page.locator("#meeting")).to_be_visible()
    await expect(anna.page.locator("#meeting-link")).to_have_text("meet.jit.si")
    assert await anna.page.locator("#meeting iframe").count() == 0  # nothing contacted yet
