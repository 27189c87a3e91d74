"""What the call tests share: Chromium with fake microphone and camera, and the page's peer
connections (recorded by an init script, read through getStats)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from playwright.async_api import Browser, Page, async_playwright

from tests.browser.conftest import Open, Person
from tests.conftest import tuned
from venue.settings import Settings

FAKE_MEDIA = ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"]

# Every RTCPeerConnection the page makes, so the test can ask it for statistics.
RECORD_CONNECTIONS = """
window.__pcs = [];
const Native = window.RTCPeerConnection;
window.RTCPeerConnection = class extends Native {
  constructor(config) { super(config); window.__pcs.push(this); }
};
"""

# Bytes of one kind received over the page's open peer connections, and how many are connected.
INBOUND = """async (kind) => {
  let bytes = 0, connected = 0;
  for (const pc of window.__pcs) {
    if (pc.connectionState !== "connected") continue;
    connected += 1;
    (await pc.getStats()).forEach((r) => {
      if (r.type === "inbound-rtp" && r.kind === kind) bytes += r.bytesReceived;
    });
  }
  return { bytes, connected };
}"""

# The type of the local candidate of each page's selected (nominated, succeeded) pair.
SELECTED = """async () => {
  const types = [];
  for (const pc of window.__pcs) {
    if (pc.connectionState !== "connected") continue;
    const stats = await pc.getStats();
    stats.forEach((r) => {
      if (r.type === "candidate-pair" && r.nominated && r.state === "succeeded") {
        types.push(stats.get(r.localCandidateId).candidateType);
      }
    });
  }
  return types;
}"""

OPEN = "() => window.__pcs.filter((pc) => pc.connectionState !== 'closed').length"


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """Groups form a little further apart, so that calls form and end quickly."""
    return tuned(settings, group_distance=5)


@pytest.fixture
async def browser(chromium: Path) -> AsyncIterator[Browser]:
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(
            executable_path=str(chromium), headless=True, args=FAKE_MEDIA
        )
        yield browser
        await browser.close()


async def inbound(page: Page, kind: str = "audio") -> dict[str, int]:
    result: dict[str, int] = await page.evaluate(INBOUND, kind)
    return result


async def hears(page: Page, peers: int, within: float = 20.0, kind: str = "audio") -> None:
    """Wait until `peers` connections are up on the page and bytes of `kind` keep arriving."""
    seen: list[int] = []
    async with asyncio.timeout(within):
        while True:
            now = await inbound(page, kind)
            seen = [*seen, now["bytes"]] if now["connected"] == peers else []
            if len(seen) >= 3 and seen[-1] > seen[-3] > 0:
                return
            await asyncio.sleep(0.3)  # a poll of getStats; bytes must grow between polls


async def person_id(person: Person) -> str:
    """The id of the person on the page (from the page's boot data)."""
    boot = "JSON.parse(document.getElementById('boot').textContent)"
    return str(await person.page.evaluate(f"{boot}.me.id"))


async def own_step(person: Person) -> None:
    """A short step of one's own (and back): arriving puts nobody in a conversation."""
    await person.page.wait_for_selector("#map canvas")
    await person.page.locator("#map").focus()
    for key in ("ArrowDown", "ArrowUp"):
        await person.page.keyboard.down(key)
        await person.page.wait_for_timeout(120)
        await person.page.keyboard.up(key)


async def calling(open_person: Open, name: str) -> Person:
    """Join in the lobby (recording the page's connections) and click to take part in calls."""
    person = await open_person(name)
    await person.page.add_init_script(RECORD_CONNECTIONS)
    await person.page.reload()
    await person.page.wait_for_selector("#app:not([hidden])")
    await person.page.click("#calls-start")
    await person.page.wait_for_selector("#calls-on:not([hidden])")
    await own_step(person)  # arriving puts nobody in a conversation
    return person
