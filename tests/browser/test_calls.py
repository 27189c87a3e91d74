"""Calls in headless Chromium with fake devices: people who walk together hear each other
(inbound audio bytes grow), walking apart ends the call, volume follows distance, and a
stranger's forged signal is refused."""

from __future__ import annotations

import time

import pytest

from tests.browser.calls import (  # noqa: F401 (fixtures)
    OPEN,
    browser,
    calling,
    hears,
    inbound,
    person_id,
    settings,
)
from tests.browser.conftest import Open, Person

pytestmark = pytest.mark.browser


async def gain_of(page: Person, other: str) -> float:
    value = await page.page.get_attribute(f'#calls-peers li[data-person="{other}"]', "data-gain")
    return float(value) if value else -1.0


async def test_two_and_three_people_together_hear_each_other(open_person: Open) -> None:
    ann, bob = await calling(open_person, "Ann"), await calling(open_person, "Bob")
    await hears(ann.page, 1)
    await hears(bob.page, 1)
    assert await ann.page.is_visible("#calls-live")  # the microphone is live, and says so
    cy = await calling(open_person, "Cy")
    for p in (ann, bob, cy):
        await hears(p.page, 2)
    await ann.shot("calls-three")
    names = await cy.page.locator("#calls-peers li .person-name").all_text_contents()
    assert sorted(names) == ["Ann", "Bob"]


async def test_a_camera_turned_on_is_seen_and_audio_only_never_starts_it(
    open_person: Open,
) -> None:
    ann, bob = await calling(open_person, "Ann"), await calling(open_person, "Bob")
    await hears(ann.page, 1)
    await bob.page.click("#calls-camera")
    await bob.page.wait_for_selector('#calls-camera[aria-pressed="true"]')
    assert await bob.page.is_visible("#calls-live")  # "your camera is on"
    assert "Kamera" in (await bob.page.text_content("#calls-live") or "")
    await hears(ann.page, 1, kind="video")
    bob_id = await person_id(bob)
    await ann.page.wait_for_selector(f'#video-strip figure[data-person="{bob_id}"] video')
    await ann.shot("calls-video")
    await ann.page.check("#calls-audio-only")  # no videos shown, my camera cannot start
    await ann.page.wait_for_selector("#video-strip", state="hidden")
    assert await ann.page.is_disabled("#calls-camera")
    await ann.page.keyboard.press("Alt+KeyV")
    assert await ann.page.get_attribute("#calls-camera", "aria-pressed") == "false"


async def test_walking_apart_ends_the_call_and_volume_follows_distance(open_person: Open) -> None:
    ann, bob = await calling(open_person, "Ann"), await calling(open_person, "Bob")
    await hears(ann.page, 1)
    bob_id = await person_id(bob)
    row = f'#calls-peers li[data-person="{bob_id}"][data-gain]'
    await ann.page.wait_for_selector(row)
    near = await gain_of(ann, bob_id)
    await bob.page.click("#map")
    await bob.page.keyboard.down("ArrowLeft")  # a few tiles: still in the group, quieter
    await ann.page.wait_for_function(
        f"() => Number(document.querySelector('{row}')?.dataset.gain ?? 1) < {near} - 0.2",
        timeout=10_000,
        polling=100,
    )
    # on along the lobby, far out of the group; the call ends within a second
    await bob.page.wait_for_function(
        "() => document.querySelector('#calls-peers li.roster-empty') !== null", timeout=15_000
    )
    await bob.page.keyboard.up("ArrowLeft")
    started = time.monotonic()
    await ann.page.wait_for_function(f"() => ({OPEN})() === 0", timeout=1000, polling=50)
    assert time.monotonic() - started < 1.0
    assert await ann.page.is_visible("#calls-peers li.roster-empty")


async def test_a_strangers_forged_signal_is_refused(open_person: Open) -> None:
    ann, _bob = await calling(open_person, "Ann"), await calling(open_person, "Bob")
    await hears(ann.page, 1)
    cy = await calling(open_person, "Cy")
    await cy.page.click('#space-list li[data-space="bar"] button')
    await ann.page.wait_for_function(f"() => ({OPEN})() === 1")
    ann_id = await person_id(ann)
    ack = await cy.page.evaluate(
        """async (target) => {
          const { openSocket } = await import("/static/js/wire/socket.js");
          const socket = openSocket();
          socket.connect();
          await new Promise((resolve) => socket.once("connect", resolve));
          const sdp = "v=0\\r\\no=- 1 2 IN IP4 127.0.0.1\\r\\ns=-\\r\\nt=0 0\\r\\n";
          const forged = { to: target, call: "group:g1", kind: "offer", sdp };
          const ack = await socket.emitWithAck("call.signal", forged);
          socket.disconnect();
          return ack;
        }""",
        ann_id,
    )
    assert ack["ok"] is False and ack["error"]["code"] in ("call.unknown", "call.not_peer")
    await hears(ann.page, 1)  # Ann's call with Bob goes on
