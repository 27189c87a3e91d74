"""The venue on a phone: the map gets the screen, panels are tabs, walking works by touch."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from playwright.async_api import Page, expect

from tests.browser.conftest import Open, Person
from tests.conftest import Participant

pytestmark = pytest.mark.browser

PORTRAIT = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
LANDSCAPE = {"viewport": {"width": 844, "height": 390}, "is_mobile": True, "has_touch": True}
Join = Callable[[str], Awaitable[Participant]]


async def box(page: Page, selector: str) -> dict[str, float]:
    found = await page.locator(selector).bounding_box()
    assert found is not None, selector
    return found


async def on_phone(open_person: Open, name: str, **phone: Any) -> Person:
    person = await open_person(name, **phone)
    await expect(person.page.locator("#map[data-space='lobby'] canvas")).to_be_visible()
    return person


def moved(watcher: Participant, name: str) -> Callable[[Participant], bool]:
    """Whether `watcher` saw the person called `name` walk (a move in a tick of the lobby)."""

    def seen(_: Participant) -> bool:
        ids = {p["id"] for p in watcher.welcome["snapshot"]["people"] if p["name"] == name}
        for tick in watcher.events("space.tick"):
            ids |= {p["id"] for p in tick["arrived"] if p["name"] == name}
            if any(m["id"] in ids for m in tick["moves"]):
                return True
        return False

    return seen


async def test_portrait_phone_gives_the_map_the_screen_and_panels_tabs(open_person: Open) -> None:
    anna = await on_phone(open_person, "Anna Schmidt", **PORTRAIT)
    page = anna.page
    assert (await box(page, "header.app-header"))["height"] <= 56
    assert (await box(page, "#map"))["height"] >= 0.6 * 844
    assert await page.evaluate("document.documentElement.scrollWidth") <= 390
    await expect(page.locator("#map-help")).not_to_contain_text("Pfeiltasten", use_inner_text=True)
    await expect(page.locator("#map-help")).to_contain_text("tippen", use_inner_text=True)
    await expect(page.locator("#chat")).to_be_hidden()
    await anna.shot("phone-map")

    await page.get_by_role("button", name="Chat", exact=True).tap()
    await expect(page.locator("#chat")).to_be_visible()
    await expect(page.locator("#roster")).to_be_hidden()
    await page.fill("#chat-input", "Hallo vom Telefon")
    await page.locator("#chat-form button[type=submit]").tap()
    await expect(page.locator("#chat-log")).to_contain_text("Hallo vom Telefon")
    await anna.shot("phone-chat")

    await page.get_by_role("button", name="Leute").tap()
    await expect(page.locator("#roster")).to_contain_text("Anna Schmidt")
    await expect(page.locator("#chat")).to_be_hidden()
    await expect(page.locator("#look")).to_be_visible()
    assert await page.evaluate("document.documentElement.scrollWidth") <= 390
    await anna.shot("phone-people")
    await page.get_by_role("button", name="Räume").tap()
    await expect(page.locator("#space-list")).to_be_visible()
    await page.get_by_role("button", name="Programm").tap()
    await expect(page.locator("#programme")).to_be_visible()
    await anna.shot("phone-programme")

    await page.get_by_role("button", name="Menü").tap()
    await expect(page.locator("#status-select")).to_be_visible()
    await expect(page.locator("#leave-button")).to_be_visible()
    await anna.shot("phone-menu")
    await page.get_by_role("button", name="Karte", exact=True).tap()
    await expect(page.locator("#roster")).to_be_hidden()
    await expect(page.locator("#joystick")).to_be_visible()


async def test_landscape_phone_opens_panels_beside_the_map(open_person: Open) -> None:
    anna = await on_phone(open_person, "Anna", lang="en", **LANDSCAPE)
    page = anna.page
    assert (await box(page, "#map"))["height"] >= 0.6 * 390
    await expect(page.locator("#map-help")).not_to_contain_text("arrow keys", use_inner_text=True)
    await page.get_by_role("button", name="People").tap()
    roster = await box(page, "#roster")
    assert roster["x"] >= 844 / 2 - 1  # the drawer is at the right; the map stays at the left
    await anna.shot("phone-landscape-people")


async def test_tap_on_the_map_walks_there(open_person: Open, join: Join) -> None:
    watcher = await join("Watcher")
    anna = await on_phone(open_person, "Anna", **PORTRAIT)
    await watcher.until(lambda w: any(t["arrived"] for t in w.events("space.tick")))
    assert not moved(watcher, "Anna")(watcher)
    canvas = await box(anna.page, "#map canvas")
    # the camera follows Anna: a little below the middle of the map is in the lobby's hall
    await anna.page.touchscreen.tap(
        canvas["x"] + canvas["width"] / 2, canvas["y"] + canvas["height"] / 2 + 70
    )
    await watcher.until(moved(watcher, "Anna"))


async def test_the_joystick_walks(open_person: Open, join: Join) -> None:
    watcher = await join("Watcher")
    anna = await on_phone(open_person, "Anna", **PORTRAIT)
    await watcher.until(lambda w: any(t["arrived"] for t in w.events("space.tick")))
    pad = await box(anna.page, "#joystick")
    cx, cy = pad["x"] + pad["width"] / 2, pad["y"] + pad["height"] / 2
    touch = await anna.context.new_cdp_session(anna.page)
    point = {"x": cx, "y": cy, "id": 1}
    await touch.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [point]})
    down = {**point, "y": cy + 45}
    await touch.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [down]})
    await expect(anna.page.locator("#joystick")).to_have_attribute("data-direction", "0,1")
    await watcher.until(moved(watcher, "Anna"))
    await anna.shot("phone-joystick")
    await touch.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    await expect(anna.page.locator("#joystick")).not_to_have_attribute("data-direction", "0,1")


async def test_a_direct_message_marks_the_chat_tab_until_it_is_opened(
    open_person: Open, join: Join
) -> None:
    anna = await on_phone(open_person, "Anna", **PORTRAIT)
    bernd = await join("Bernd")
    anna_id = next(p["id"] for p in bernd.welcome["snapshot"]["people"] if p["name"] == "Anna")
    sent = await bernd.call("chat.send", {"channel": f"dm:{anna_id}", "text": "Kaffee?"})
    assert sent["ok"], sent
    chat_tab = anna.page.locator('#tabs button[data-tab="chat"]')
    await expect(chat_tab).to_have_attribute("data-unread", "")
    await expect(chat_tab).to_have_accessible_name("Chat (neu)")
    await anna.shot("phone-unread")
    await chat_tab.tap()
    await expect(chat_tab).not_to_have_attribute("data-unread", "")
    await expect(anna.page.locator("#chat")).to_be_visible()
