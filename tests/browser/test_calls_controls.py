"""Calls by keyboard and by hand: an audio-only call entirely from list mode, push-to-talk and
the device check, and a moderator holding a person's microphone from the console."""

from __future__ import annotations

import pytest
from aiohttp.test_utils import TestServer
from playwright.async_api import Page, expect

from tests.browser.calls import (  # noqa: F401 (fixtures)
    OPEN,
    RECORD_CONNECTIONS,
    browser,
    calling,
    hears,
    person_id,
    settings,
)
from tests.browser.conftest import Open, Person, open_console

pytestmark = pytest.mark.browser

# Whether the page sends its microphone: the `enabled` of each outgoing audio track.
SENDING = """() => window.__pcs.filter((pc) => pc.connectionState !== 'closed')
  .flatMap((pc) => pc.getSenders())
  .filter((s) => s.track && s.track.kind === 'audio')
  .map((s) => s.track.enabled)"""


async def tab_to(page: Page, selector: str, presses: int = 200) -> None:
    """Press Tab until `selector` has the focus: it is reachable by keyboard."""
    for _ in range(presses):
        await page.keyboard.press("Tab")
        if await page.evaluate("(s) => document.activeElement?.matches(s) ?? false", selector):
            return
    raise AssertionError(f"{selector} cannot be reached with Tab")


async def sending(person: Person, on: bool) -> None:
    """Wait until every outgoing audio track of the page is enabled (or every one disabled)."""
    await person.page.wait_for_function(
        f"(on) => {{ const s = ({SENDING})(); return s.length > 0 && s.every((e) => e === on); }}",
        arg=on,
        polling=50,
    )


async def listing_at_the_bar(open_person: Open, name: str) -> Person:
    """Join, then by keyboard alone: list mode, to the bar, a seat at its first table, and an
    audio-only call."""
    person = await open_person(name)
    page = person.page
    await page.add_init_script(RECORD_CONNECTIONS)
    await page.reload()
    await page.wait_for_selector("#app:not([hidden])")
    await tab_to(page, "#view-list")
    await page.keyboard.press("Enter")
    await person.said("Listenansicht")
    await tab_to(page, '#space-list li[data-space="bar"] button')
    await page.keyboard.press("Enter")
    await page.wait_for_selector("#table-list li button")
    await tab_to(page, "#table-list li:first-child button")
    await page.keyboard.press("Enter")
    await tab_to(page, "#calls-start")
    await page.keyboard.press("Enter")
    await page.wait_for_selector("#calls-on:not([hidden])")
    await person.said("Mikrofon an")
    await tab_to(page, "#calls-audio-only")
    await page.keyboard.press("Space")
    await expect(page.locator("#calls-audio-only")).to_be_checked()
    return person


async def test_an_audio_only_call_works_from_list_mode_by_keyboard(open_person: Open) -> None:
    ann = await listing_at_the_bar(open_person, "Ann")
    bob = await listing_at_the_bar(open_person, "Bob")
    await hears(bob.page, 1)
    await hears(ann.page, 1)
    await bob.said("Sie hören jetzt Ann")
    assert await bob.page.is_disabled("#calls-camera")  # audio only: the camera cannot start
    ann_id, bob_id = await person_id(ann), await person_id(bob)

    await tab_to(bob.page, "#calls-mic")  # mute: told, and Ann sees it
    await bob.page.keyboard.press("Enter")
    await bob.said("Mikrofon aus")
    await expect(bob.page.locator("#calls-mic")).to_have_attribute("aria-pressed", "false")
    await expect(ann.page.locator(f'[data-flags="{bob_id}"]')).to_have_text("stumm")
    await sending(bob, False)
    await bob.page.keyboard.press("Enter")  # and unmute
    await expect(ann.page.locator(f'[data-flags="{bob_id}"]')).to_have_text("")
    await sending(bob, True)

    slider = f'#calls-peers li[data-person="{ann_id}"] input[type=range]'
    await tab_to(bob.page, slider)  # Ann's volume, down to nothing
    assert await bob.page.get_attribute(slider, "aria-label") == "Lautstärke von Ann"
    await bob.page.keyboard.press("Home")
    await bob.page.wait_for_function(
        f"() => document.querySelector('#calls-peers li[data-person=\"{ann_id}\"]')"
        "?.dataset.gain === '0.000'",
        polling=100,
    )
    await bob.shot("calls-list-mode")

    await tab_to(bob.page, "#calls-leave")  # leave: told, and the call ends for Ann too
    await bob.page.keyboard.press("Enter")
    await bob.said("Sie haben die Gespräche verlassen")
    await ann.page.wait_for_function(f"() => ({OPEN})() === 0", polling=100)
    await expect(ann.page.locator("#calls-peers li.roster-empty")).to_be_visible()


async def test_push_to_talk_opens_the_mic_only_while_held_and_the_device_check_shows_devices(
    open_person: Open,
) -> None:
    ann, bob = await calling(open_person, "Ann"), await calling(open_person, "Bob")
    await hears(ann.page, 1)
    bob_id = await person_id(bob)

    await bob.page.click("#calls-check summary")  # the device check: fake devices, a level
    assert await bob.page.locator("#calls-microphone option").count() >= 1
    assert await bob.page.locator("#calls-camera-device option").count() >= 1
    await bob.page.wait_for_function(
        "() => document.getElementById('calls-level').value > 0.01", polling=50
    )

    await bob.page.check("#calls-ptt")  # push-to-talk: the mic is closed until Space is held
    await sending(bob, False)
    await expect(ann.page.locator(f'[data-flags="{bob_id}"]')).to_have_text("stumm")
    await bob.page.locator("#map").focus()
    await bob.page.keyboard.down("Space")
    await sending(bob, True)
    await expect(ann.page.locator(f'[data-flags="{bob_id}"]')).to_have_text("")
    await expect(bob.page.locator("#calls-live")).to_be_visible()
    await bob.page.keyboard.up("Space")
    await sending(bob, False)
    await expect(ann.page.locator(f'[data-flags="{bob_id}"]')).to_have_text("stumm")
    await expect(bob.page.locator("#calls-live")).to_be_hidden()
    await bob.page.keyboard.down("Space")  # held while the window loses the focus: closed
    await sending(bob, True)
    await bob.page.evaluate("() => window.dispatchEvent(new Event('blur'))")
    await sending(bob, False)
    await bob.page.keyboard.up("Space")


async def test_a_moderator_holds_a_microphone_from_the_console(
    open_person: Open, server: TestServer
) -> None:
    ann, bob = await calling(open_person, "Ann"), await calling(open_person, "Bob")
    await hears(bob.page, 1)
    ann_id = await person_id(ann)
    console = await open_console(open_person, server)
    page = console.page

    await page.get_by_role("button", name="Mikrofon von Ann stummschalten").click()
    await ann.said("Die Moderation hat Ihr Mikrofon stummgeschaltet")
    await expect(ann.page.locator("#calls-mic")).to_be_disabled()
    await sending(ann, False)
    await expect(bob.page.locator(f'[data-flags="{ann_id}"]')).to_have_text(
        "von der Moderation stummgeschaltet"
    )
    await ann.page.locator("#map").focus()
    await ann.page.keyboard.press("Alt+KeyM")  # the shortcut cannot unmute either
    await expect(ann.page.locator("#calls-error")).to_have_text(
        "Die Moderation hat Ihr Mikrofon stummgeschaltet."
    )
    await expect(ann.page.locator("#calls-mic")).to_have_attribute("aria-pressed", "false")
    await console.shot("calls-console-held")

    await page.get_by_role("button", name="Mikrofon von Ann freigeben").click()
    await ann.said("Die Moderation hat Ihr Mikrofon freigegeben")
    await ann.page.click("#calls-mic")
    await expect(ann.page.locator("#calls-mic")).to_have_attribute("aria-pressed", "true")
    await sending(ann, True)
    await expect(bob.page.locator(f'[data-flags="{ann_id}"]')).to_have_text("")
