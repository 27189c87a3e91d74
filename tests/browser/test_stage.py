"""The stage in the browser: a moderator and a participant, each in their own browser context,
in the plenary: a poll voted and closed, a question upvoted and taken, a raised hand called on
and heard by the moderator, applause rising over the map."""

from __future__ import annotations

import pytest
from aiohttp.test_utils import TestServer
from playwright.async_api import expect

from tests.browser.axe import axe_violations
from tests.browser.calls import (  # noqa: F401 (fixtures)
    OPEN,
    RECORD_CONNECTIONS,
    browser,
    hears,
    settings,
)
from tests.browser.conftest import Open, Person
from tests.web.people import staff
from venue.domain.people import Role
from venue.web.keys import IDENTITIES

pytestmark = pytest.mark.browser


async def into_plenary(person: Person) -> None:
    page = person.page
    await page.click('#space-list li[data-space="plenary"] button')
    await expect(page.locator("#stage")).to_be_visible()


async def moderator(open_person: Open, server: TestServer) -> Person:
    """Mo opens the venue through a personal link, recording the page's connections."""
    record, _token = await staff(server.app, Role.MODERATOR, "Mo")
    token = await server.app[IDENTITIES].issue(record.id, "invite")
    mo = await open_person(bypass_csp=True)  # for axe
    await mo.page.add_init_script(RECORD_CONNECTIONS)
    await mo.page.goto(str(server.make_url(f"/t/{token}")))
    await mo.page.wait_for_url("**/me")
    await mo.page.goto(str(server.make_url("/")))
    await mo.page.wait_for_selector("#space-list li", state="attached")
    return mo


async def test_a_moderator_and_a_participant_use_the_stage(
    open_person: Open, server: TestServer
) -> None:
    ann = await open_person("Ann", bypass_csp=True)  # for axe
    await ann.page.add_init_script(RECORD_CONNECTIONS)
    await ann.page.reload()
    await ann.page.wait_for_selector("#space-list li", state="attached")
    mo = await moderator(open_person, server)
    await into_plenary(ann)
    await into_plenary(mo)
    await expect(ann.page.locator("#stage-poll-form")).to_be_hidden()  # not a moderator

    # a poll: Mo asks, Ann votes, both see the result live; closed, it takes no more votes
    mo_page, ann_page = mo.page, ann.page
    await mo_page.fill("#stage-poll-question", "Woher kommen Sie?")
    await mo_page.fill("#stage-poll-options", "Cottbus\nGörlitz\nanderswo")
    await mo_page.click("#stage-poll-form button[type=submit]")
    poll = ann_page.locator(".stage-poll")
    await expect(poll).to_contain_text("Woher kommen Sie?")
    await ann.said("Neue Umfrage: Woher kommen Sie?")
    assert await axe_violations(ann_page) == []
    await ann_page.get_by_role("button", name="Für „Görlitz“ stimmen").click()
    await expect(poll).to_contain_text("Görlitz: 1 Stimme")
    await expect(poll).to_contain_text("(Ihre Wahl)")
    await expect(mo_page.locator(".stage-poll")).to_contain_text("läuft, abgestimmt: 1")
    await mo_page.get_by_role("button", name="Umfrage beenden").click()
    await expect(poll).to_contain_text("beendet, abgestimmt: 1")
    await expect(mo_page.locator(".stage-poll")).to_contain_text("Görlitz: 1 Stimme")

    # a question: Ann asks in the chat, Mo takes it next and marks it answered
    await ann_page.fill("#chat-input", "Gibt es die Folien?")
    await ann_page.check("#chat-ask")
    await ann_page.click("#chat-form button[type=submit]")
    question = mo_page.locator(".stage-q", has_text="Gibt es die Folien?")
    await expect(question).to_be_visible()
    await expect(ann_page.locator(".stage-q .stage-upvote")).to_contain_text("▲ 0")
    await question.get_by_role("button", name="Als Nächstes").click()
    await expect(ann_page.locator(".stage-q-now")).to_contain_text("Gibt es die Folien?")
    await mo_page.locator(".stage-q-now").get_by_role("button", name="Beantwortet").click()
    await expect(ann_page.locator("#stage-questions-none")).to_be_visible()

    # a raised hand: Mo sees it, calls on Ann; Ann opens her microphone and Mo hears her
    await mo_page.click("#calls-start")
    await mo_page.wait_for_selector("#calls-on:not([hidden])")
    await ann_page.click("#emote-hand")
    hand = mo_page.locator("#stage-hands li", has_text="Ann")
    await expect(hand).to_contain_text("1. Ann")
    assert await mo_page.evaluate(OPEN) == 0  # nobody linked with Mo before the call-on
    assert await axe_violations(mo_page) == []
    await hand.get_by_role("button", name="Ann aufrufen").click()
    await expect(ann_page.locator("#stage-called")).to_contain_text("Mo hat Sie aufgerufen")
    await expect(mo_page.locator("#stage-floor")).to_have_text("Am Wort: Ann")
    await expect(mo_page.locator("#stage-hands-none")).to_be_visible()  # her hand went down
    await expect(ann_page.locator("#emote-hand")).to_have_attribute("aria-pressed", "false")
    await ann_page.click("#stage-mic")
    await hears(mo_page, 1)
    await expect(ann_page.locator("#stage-mic")).to_be_hidden()
    await expect(ann_page.locator("#calls-mic")).to_have_attribute("aria-pressed", "true")
    for person in (mo, ann):
        await person.page.locator("#stage").scroll_into_view_if_needed()
    await mo.shot("stage-moderator")
    await ann.shot("stage-called")
    await mo_page.click("#stage-release")
    await expect(ann_page.locator("#stage-called")).to_be_hidden()
    await ann.said("Ihr Wortbeitrag ist beendet")

    # applause rises over the map of everyone on the stage
    await ann_page.get_by_role("button", name="Applaus").click()
    await expect(mo_page.locator("#reaction-overlay .reaction-float")).to_have_count(1)
