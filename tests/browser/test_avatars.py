"""Avatars with life, through the browser: looks, emotes, go to, follow, a direct message."""

from __future__ import annotations

import math
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from playwright.async_api import Locator, expect

from tests.browser.conftest import Open, Person, click_on_small_map
from tests.conftest import Participant
from tests.walking import walk

pytestmark = pytest.mark.browser

Join = Callable[[str], Awaitable[Participant]]


def position_of(watcher: Participant, pid: str) -> tuple[int, int] | None:
    """The latest position of `pid` that `watcher` was told."""
    found = None
    for tick in watcher.events("space.tick"):
        for person in tick["arrived"]:
            if person["id"] == pid:
                found = (person["x"], person["y"])
        for move in tick["moves"]:
            if move["id"] == pid:
                found = (move["x"], move["y"])
    return found


def tools(viewer: Person, other: Participant) -> Locator:
    """The roster entry of `other` on the viewer's page (its buttons are named after them)."""
    return viewer.page.locator(f'#roster li[data-person="{other.id}"]')


async def anna_and_bernd(
    open_person: Open, join: Join, **options: Any
) -> tuple[Person, Participant, str]:
    """Anna in a browser, Bernd as a Socket.IO client, both in the lobby; returns Anna's id."""
    bernd = await join("Bernd")
    anna = await open_person("Anna", **options)
    await expect(anna.page.locator("#map[data-space='lobby'] canvas")).to_be_visible()
    arrived = await bernd.wait_for(
        "space.tick", lambda f: any(p["name"] == "Anna" for p in f["arrived"])
    )
    anna_id: str = next(p["id"] for p in arrived["arrived"] if p["name"] == "Anna")
    return anna, bernd, anna_id


async def test_go_to_walks_next_to_the_person(open_person: Open, join: Join) -> None:
    anna, bernd, anna_id = await anna_and_bernd(open_person, join)
    me = bernd.welcome["snapshot"]["me"]
    there = (me["x"] - 160, me["y"])  # five tiles left along the lobby's open hall
    await walk(bernd.call, (me["x"], me["y"]), [there])
    start = position_of(bernd, anna_id)
    assert start is not None and math.dist(start, there) > 100
    await tools(anna, bernd).get_by_role("button", name="Hingehen").click()

    def beside(b: Participant) -> bool:
        where = position_of(b, anna_id)
        return where is not None and math.dist(where, there) <= 48

    await bernd.until(beside)
    await anna.shot("avatars-go-to")


async def test_following_someone_takes_me_through_to_their_space(
    open_person: Open, join: Join
) -> None:
    anna, bernd, _ = await anna_and_bernd(open_person, join)
    follow = tools(anna, bernd).get_by_role("button", name="Folgen")
    await follow.click()
    await expect(follow).to_have_attribute("aria-pressed", "true")
    await expect(follow).to_be_focused()  # the roster was redrawn; the focus stays put
    await anna.said("Sie folgen Bernd")
    assert (await bernd.call("space.enter", {"space": "bar"}))["ok"]
    current = anna.page.locator('#space-list li[aria-current="location"]')
    await expect(current).to_have_attribute("data-space", "bar", timeout=8000)
    await expect(anna.page.locator("#roster")).to_contain_text("Bernd")
    stop = anna.page.get_by_role("button", name="Bernd nicht mehr folgen")
    await stop.click()
    await expect(stop).to_be_hidden()
    await anna.said("Sie folgen niemandem mehr")
    await expect(tools(anna, bernd).get_by_role("button", name="Folgen")).to_have_attribute(
        "aria-pressed", "false"
    )


async def test_a_direct_message_from_the_roster(open_person: Open, join: Join) -> None:
    anna, bernd, anna_id = await anna_and_bernd(open_person, join)
    await tools(anna, bernd).get_by_role("button", name="Nachricht").click()
    await expect(anna.page.locator("#chat-input")).to_be_focused()
    await anna.page.fill("#chat-input", "Hallo Bernd, kurz sprechen?")
    await anna.page.locator("#chat-form button[type=submit]").click()
    message = await bernd.wait_for("chat.message", lambda m: m["channel"] == f"dm:{anna_id}")
    assert message["text"] == "Hallo Bernd, kurz sprechen?"


async def test_emotes_show_over_the_avatar_and_in_the_list(open_person: Open, join: Join) -> None:
    anna, bernd, anna_id = await anna_and_bernd(open_person, join)
    await anna.page.get_by_role("button", name="Winken").click()
    await bernd.wait_for("space.tick", lambda f: {"id": anna_id, "emote": "wave"} in f["emotes"])
    await expect(anna.page.locator('#roster li[data-person="' + anna_id + '"]')).to_contain_text(
        "winkt"
    )

    assert (await bernd.call("presence.emote", {"emote": "hand"}))["ok"]
    bernd_row = anna.page.locator(f'#roster li[data-person="{bernd.id}"]')
    await expect(bernd_row).to_contain_text("hebt die Hand")
    await anna.said("Bernd hebt die Hand")
    await anna.page.wait_for_timeout(300)  # one more frame of the map for the screenshot
    await anna.shot("avatars-emotes-map")

    await anna.page.click("#view-list")
    await expect(bernd_row).to_contain_text("hebt die Hand")
    assert (await bernd.call("presence.emote", {"emote": "applause"}))["ok"]
    await expect(bernd_row).to_contain_text("applaudiert")
    await anna.shot("avatars-emotes-list")
    assert (await bernd.call("presence.emote", {"emote": "hand_down"}))["ok"]
    await expect(bernd_row).not_to_contain_text("hebt die Hand")

    hand = anna.page.get_by_role("button", name="Hand heben")
    await hand.click()
    await expect(hand).to_have_attribute("aria-pressed", "true")
    await hand.click()
    await expect(hand).to_have_attribute("aria-pressed", "false")
    for _ in range(3):  # the fifth reaction in a row is one too many
        await anna.page.get_by_role("button", name="Applaus").click()
    await anna.said("Zu viele Reaktionen")


async def test_choosing_a_look_shows_it_to_others_and_is_remembered(
    open_person: Open, join: Join
) -> None:
    anna, bernd, anna_id = await anna_and_bernd(open_person, join, lang="en")
    await anna.page.get_by_label("Cap").check()
    await bernd.wait_for(
        "space.tick",
        lambda f: any(x["id"] == anna_id and x["look"].startswith("cap-") for x in f["looks"]),
    )
    await anna.page.get_by_label("Plum").check()
    await bernd.wait_for("space.tick", lambda f: {"id": anna_id, "look": "cap-plum"} in f["looks"])
    await anna.shot("avatars-look")
    await anna.page.reload()
    await expect(anna.page.locator("#map[data-space='lobby'] canvas")).to_be_visible()
    await expect(anna.page.get_by_label("Cap")).to_be_checked()
    await expect(anna.page.get_by_label("Plum")).to_be_checked()


LIVELY = [  # name, figure, colour, where (lobby pixels), emote
    ("Bernd Müller", "cap", "sky", (272, 272), "wave"),
    ("Carla Nowak", "long", "coral", (624, 272), None),
    ("Dana Richter", "bun", "leaf", (336, 336), "hand"),
    ("Emil Schulz", "curls", "gold", (560, 336), None),
    ("Frieda Lange", "beanie", "plum", (176, 368), "applause"),
    ("Gregor Wolf", "short", "slate", (720, 368), None),
    ("Hanna Krüger", "curls", "rose", (432, 176), None),
]


async def test_a_lively_lobby(open_person: Open, join: Join) -> None:
    """Seven people with their own looks spread over the lobby and react (the README's picture)."""
    people = [await join(name) for name, *_ in LIVELY]
    for person, (_, figure, colour, where, _emote) in zip(people, LIVELY, strict=True):
        assert (await person.call("presence.look", {"figure": figure, "colour": colour}))["ok"]
        me = person.welcome["snapshot"]["me"]
        await walk(person.call, (me["x"], me["y"]), [where])
    anna = await open_person("Anna Schmidt")
    await expect(anna.page.locator("#map[data-space='lobby'] canvas")).to_be_visible()
    await expect(anna.page.locator("#roster-count")).to_have_text("(8)")
    for person, (*_, emote) in zip(people, LIVELY, strict=True):
        if emote:
            assert (await person.call("presence.emote", {"emote": emote}))["ok"]
    dana = anna.page.locator(f'#roster li[data-person="{people[2].id}"]')
    await expect(dana).to_contain_text("hebt die Hand")
    await anna.page.wait_for_timeout(400)  # the glides end on the map
    await anna.shot("lively-lobby")


async def test_go_to_a_located_person_in_another_space(open_person: Open, join: Join) -> None:
    anna, bernd, anna_id = await anna_and_bernd(open_person, join)
    snap = (await bernd.call("space.enter", {"space": "bar"}))["data"]
    me = snap["me"]
    there = (528, me["y"])  # along the bar's bottom row, away from its entry
    await walk(bernd.call, (me["x"], me["y"]), [there])
    await anna.page.fill("#locate-input", "Bern")
    await anna.page.press("#locate-input", "Enter")
    found = anna.page.locator("#locate-results li", has_text="Bernd")
    await expect(found).to_contain_text("Digitale Bar")
    await found.get_by_role("button", name="Hingehen").click()
    current = anna.page.locator('#space-list li[aria-current="location"]')
    await expect(current).to_have_attribute("data-space", "bar", timeout=8000)

    def beside(b: Participant) -> bool:
        ticks = [t for t in b.events("space.tick") if t["space"] == "bar"]
        where = None
        for tick in ticks:
            for p in (*tick["arrived"], *tick["moves"]):
                if p["id"] == anna_id:
                    where = (p["x"], p["y"])
        return where is not None and math.dist(where, there) <= 48

    await bernd.until(beside)
    await anna.shot("avatars-go-to-bar")


async def test_clicking_someone_on_the_map_offers_a_message(open_person: Open, join: Join) -> None:
    anna, bernd, anna_id = await anna_and_bernd(open_person, join)
    me = (await bernd.call("space.enter", {"space": "workshop-1"}))["data"]["me"]
    await anna.page.locator('#space-list li[data-space="workshop-1"] button').click()
    await expect(anna.page.locator("#map[data-space='workshop-1'] canvas")).to_be_visible()
    await expect(anna.page.locator("#roster")).to_contain_text("Bernd")
    # the workshop's map (22 by 16 tiles) is smaller than the view
    await click_on_small_map(anna.page, me["x"], me["y"] - 20, (22, 16))  # on Bernd's figure
    card = anna.page.get_by_role("dialog", name="Bernd")
    await expect(card).to_be_visible()
    await expect(card.get_by_role("button", name="Nachricht")).to_be_focused()
    await anna.shot("avatars-person-card")
    await card.get_by_role("button", name="Nachricht").click()
    await expect(card).to_be_hidden()
    await anna.page.fill("#chat-input", "Gesehen!")
    await anna.page.locator("#chat-form button[type=submit]").click()
    message = await bernd.wait_for("chat.message", lambda m: m["channel"] == f"dm:{anna_id}")
    assert message["text"] == "Gesehen!"
