"""The programme in headless Chromium: a moderator starts the workshops, two people are moved."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from aiohttp.test_utils import TestServer

from tests.browser.conftest import SHOTS, Open, Person
from venue.domain.people import Role
from venue.settings import Settings
from venue.store.registrations import Applicant
from venue.web.keys import IDENTITIES, STORE

pytestmark = pytest.mark.browser

WORKSHOPS_BLOCK = 2  # 11:00 plenary, 13:00 break, 13:30 workshops, 15:30 bar
ANNOUNCEMENT = "Kaffee steht im Foyer bereit."


@pytest.fixture
def clock() -> tuple[datetime, float]:
    """Ten minutes before the workshops (warnings come at five), at real speed."""
    return datetime(2021, 11, 30, 13, 20), 1


@pytest.fixture
def settings(settings: Settings, clock: tuple[datetime, float]) -> Settings:
    """A rehearsal clock (naive times are the event's, Europe/Berlin)."""
    return settings.model_copy(update={"clock": clock[0], "speed": clock[1]})


async def _sign_in(open_person: Open, server: TestServer, person_id: str, then: str) -> Person:
    """A fresh browser context following a personal link, then opening `then`."""
    token = await server.app[IDENTITIES].issue(person_id, "invite")
    person = await open_person()
    await person.page.goto(str(server.make_url(f"/t/{token}")))
    await person.page.wait_for_url("**/me")
    await person.page.goto(str(server.make_url(then)))
    return person


async def _registered(open_person: Open, server: TestServer, name: str, workshop: str) -> Person:
    applicant = Applicant(
        name=name,
        email=f"{name.lower()}@example.org",
        organisation=None,
        workshop=workshop,
        lang="de",
        wait=False,
    )
    outcome = await server.app[STORE].registrations.register(applicant)
    person = await _sign_in(open_person, server, outcome.participant.id, "/")
    await person.page.wait_for_selector("#space-list li[aria-current]")
    return person


async def _current_space(person: Person) -> str | None:
    return await person.page.get_attribute("#space-list li[aria-current]", "data-space")


async def test_moderator_starts_the_workshops_and_people_are_moved(
    open_person: Open, server: TestServer
) -> None:
    anna = await _registered(open_person, server, "Anna", "workshop-1")
    ben = await _registered(open_person, server, "Ben", "workshop-2")
    for person, workshop in ((anna, "workshop-1"), (ben, "workshop-2")):
        page = person.page
        assert await _current_space(person) != workshop
        # the strip: next block, where I belong from 13:30, a countdown (10 minutes or less)
        await page.wait_for_selector(f"#programme-you [data-target='{workshop}']")
        await page.wait_for_selector("#programme-countdown:not([hidden])")
        assert "13:30" in (await page.text_content("#programme-next") or "")
        target = f"#agenda li[data-block='{WORKSHOPS_BLOCK}'] .agenda-target"
        assert await page.get_attribute(target, "data-target") == workshop
    await anna.shot("programme-participant-before")

    record = await server.app[STORE].participants.create("Mo", Role.MODERATOR)
    mo = await _sign_in(open_person, server, record.id, "/moderator")
    console = mo.page
    await console.wait_for_selector("#mod-headcounts li[data-space='workshop-2']")
    assert await console.is_visible("#mod-rehearsal")
    assert "PROBE" in (await console.text_content("#mod-rehearsal") or "")
    counts = {
        await li.get_attribute("data-space"): int(await li.get_attribute("data-count") or 0)
        for li in await console.query_selector_all("#mod-headcounts li")
    }
    assert counts == {"workshop-1": 1, "workshop-2": 1}  # the moderator is not steered
    await mo.shot("programme-console-before")

    await console.click("#mod-start-next")
    await console.wait_for_selector("dialog[open] #mod-dialog-counts li[data-space='workshop-1']")
    await mo.shot("programme-console-confirm")
    await console.click("dialog[open] button[value=yes]")
    await console.wait_for_selector("dialog", state="detached")

    for person, workshop in ((anna, "workshop-1"), (ben, "workshop-2")):
        await person.page.wait_for_selector(
            f"#space-list li[aria-current][data-space='{workshop}']"
        )
        await person.page.wait_for_selector(
            f"#programme-you [data-target='{workshop}'] .space-here"
        )

    await console.fill("#mod-announce-text", ANNOUNCEMENT)
    await console.click("#mod-announce-form button[type=submit]")
    for person in (anna, ben):
        banner = person.page.locator(".notice-announcement .notice-text")
        await banner.wait_for()
        assert await banner.text_content() == ANNOUNCEMENT
        await person.said(re.escape(ANNOUNCEMENT), "alerter")

    await console.wait_for_selector("#mod-audit tr[data-action='announce']")
    actions = [
        await row.get_attribute("data-action")
        for row in await console.query_selector_all("#mod-audit tr")
    ]
    assert actions[:2] == ["announce", "start_next"], actions
    assert "Mo" in (await console.text_content("#mod-audit") or "")
    await console.screenshot(path=str(SHOTS / "programme-console-after.png"), full_page=True)
    await anna.shot("programme-participant-after")
    await anna.page.click("#view-list")
    await anna.shot("programme-participant-list")


# the warning (13:25) comes ten real seconds after the server started
@pytest.mark.parametrize("clock", [(datetime(2021, 11, 30, 13, 24, 30), 3)])
async def test_the_warning_offers_to_go_now_or_to_stay(
    open_person: Open, server: TestServer
) -> None:
    anna = await _registered(open_person, server, "Anna", "workshop-1")
    ben = await _registered(open_person, server, "Ben", "workshop-2")
    for person in (anna, ben):
        await person.page.wait_for_selector(".notice-warning", timeout=20_000)
        text = await person.page.text_content(".notice-warning .notice-text") or ""
        assert "beginnt in 5 Minuten" in text, text
        await person.said("beginnt in")
    assert "Workshop 1" in (await anna.page.text_content(".notice-warning .notice-text") or "")
    await anna.shot("programme-warning")

    await anna.page.click(".notice-warning >> text=5 Minuten länger bleiben")
    await anna.page.wait_for_selector(".notice-warning", state="detached")
    await anna.page.wait_for_selector("#programme-you >> text=Sie bleiben hier bis 13:35")

    await ben.page.click(".notice-warning >> text=Jetzt hingehen")
    await ben.page.wait_for_selector("#space-list li[aria-current][data-space='workshop-2']")
    assert await ben.page.locator(".notice-warning").count() == 0


async def test_a_participant_may_not_open_the_console(
    open_person: Open, server: TestServer
) -> None:
    person = await open_person("Pia")
    response = await person.page.goto(str(server.make_url("/moderator")))
    assert response is not None and response.status == 403
    assert await person.page.locator("#mod-start-next").count() == 0
    # the browser logs the intended 403 answer as a console error
    person.errors[:] = [e for e in person.errors if "403" not in e]
