"""The stage over real Socket.IO clients: polls, upvotes and the queue, hands and the floor."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
from aiohttp.test_utils import TestServer

from tests.clocks import ManualClock
from tests.conftest import Participant, join_http
from tests.realtime.test_chat import moderator
from venue.app import create_app
from venue.settings import Settings
from venue.web.keys import VENUE

Join = Callable[[str], Awaitable[Participant]]


async def enter(space: str, *people: Participant) -> None:
    for person in people:
        ack = await person.call("space.enter", {"space": space})
        assert ack["ok"] or ack["error"]["code"] == "space.same", ack


def error(ack: dict[str, Any]) -> str:
    assert not ack["ok"], ack
    code: str = ack["error"]["code"]
    return code


async def stage_where(p: Participant, match: Callable[[Any], bool], since: int = 0) -> Any:
    return await p.wait_for("stage.state", match, since=since)


async def test_a_poll_counts_one_vote_per_person_live_and_is_kept_when_closed(
    join: Join, server: TestServer
) -> None:
    ann, bob = await join("Ann"), await join("Bob")
    mo = await moderator(server)
    try:
        await enter("plenary", ann, bob, mo)
        asked = await mo.call(
            "stage.poll",
            {"question": "Wo arbeiten Sie?", "options": ["Energie", "Bildung", "Gesundheit"]},
        )
        poll = asked["data"]
        assert poll["votes"] == [0, 0, 0] and not poll["closed"] and not poll["multiple"]
        await stage_where(bob, lambda s: [p["id"] for p in s["polls"]] == [poll["id"]])

        voted = await ann.call("stage.vote", {"poll": poll["id"], "choices": [1]})
        assert voted["data"]["votes"] == [0, 1, 0] and voted["data"]["voters"] == 1
        # one vote per person: a second one, even for another answer, is refused and not counted
        assert error(await ann.call("stage.vote", {"poll": poll["id"], "choices": [2]})) == (
            "poll.voted"
        )
        assert (await bob.call("stage.vote", {"poll": poll["id"], "choices": [1]}))["ok"]
        live = await stage_where(ann, lambda s: s["polls"] and s["polls"][0]["voters"] == 2)
        assert live["polls"][0]["votes"] == [0, 2, 0]

        view = (await ann.call("stage.view", {}))["data"]
        assert view["ballots"] == [{"poll": poll["id"], "choices": [1]}]

        since = bob.mark()
        closed = await mo.call("stage.close", {"poll": poll["id"]})
        assert closed["data"]["closed"] and closed["data"]["votes"] == [0, 2, 0]
        shown = await stage_where(bob, lambda s: s["polls"][0]["closed"], since=since)
        assert shown["polls"][0]["votes"] == [0, 2, 0]
        assert error(await bob.call("stage.vote", {"poll": poll["id"], "choices": [0]})) == (
            "poll.closed"
        )
        assert error(await mo.call("stage.close", {"poll": poll["id"]})) == "poll.closed"
    finally:
        await mo.sio.disconnect()


async def test_a_multiple_choice_poll_takes_several_distinct_answers(
    join: Join, server: TestServer
) -> None:
    ann = await join("Ann")
    mo = await moderator(server)
    try:
        await enter("plenary", ann, mo)
        payload = {"question": "Welche Felder?", "options": ["A", "B", "C"], "multiple": True}
        poll = (await mo.call("stage.poll", payload))["data"]
        assert error(await ann.call("stage.vote", {"poll": poll["id"], "choices": [0, 0]})) == (
            "poll.choice_invalid"
        )
        voted = await ann.call("stage.vote", {"poll": poll["id"], "choices": [2, 0]})
        assert voted["data"]["votes"] == [1, 0, 1] and voted["data"]["voters"] == 1
    finally:
        await mo.sio.disconnect()


async def test_bad_polls_and_votes_are_refused(join: Join, server: TestServer) -> None:
    ann, cy = await join("Ann"), await join("Cy")
    mo = await moderator(server)
    try:
        poll_in = {"question": "Ja oder nein?", "options": ["Ja", "Nein"]}
        # polls only on a stage, only by moderators
        assert error(await mo.call("stage.poll", poll_in)) == "stage.not_here"
        await enter("plenary", ann, mo)
        assert error(await ann.call("stage.poll", poll_in)) == "auth.forbidden"
        for bad, code in (
            ({**poll_in, "options": ["Ja"]}, "payload.invalid"),
            ({**poll_in, "options": ["Ja", "ja "]}, "poll.invalid"),
            ({**poll_in, "options": [str(i) for i in range(9)]}, "payload.invalid"),
            ({**poll_in, "question": "   "}, "poll.invalid"),
            ({**poll_in, "question": "a\u202eb"}, "poll.invalid"),
            ({**poll_in, "question": "x" * 201}, "payload.invalid"),
            ({**poll_in, "multiple": "yes"}, "payload.invalid"),
            ({"question": "Ja?"}, "payload.invalid"),
        ):
            assert error(await mo.call("stage.poll", bad)) == code, bad
        poll = (await mo.call("stage.poll", poll_in))["data"]
        for bad_vote, code in (
            ({"poll": poll["id"], "choices": [0, 1]}, "poll.choice_invalid"),
            ({"poll": poll["id"], "choices": [5]}, "poll.choice_invalid"),
            ({"poll": poll["id"], "choices": [-1]}, "payload.invalid"),
            ({"poll": poll["id"], "choices": []}, "payload.invalid"),
            ({"poll": poll["id"], "choices": ["0"]}, "payload.invalid"),
            ({"poll": poll["id"] + 1000, "choices": [0]}, "poll.unknown"),
            ({"poll": 2**31, "choices": [0]}, "payload.invalid"),
        ):
            assert error(await ann.call("stage.vote", bad_vote)) == code, bad_vote
        # someone outside the plenary cannot see or vote in its polls
        assert error(await cy.call("stage.vote", {"poll": poll["id"], "choices": [0]})) == (
            "stage.not_here"
        )
        assert error(await cy.call("stage.view", {})) == "stage.not_here"
        view = (await ann.call("stage.view", {}))["data"]
        assert view["stage"]["polls"][0]["voters"] == 0 and view["ballots"] == []
    finally:
        await mo.sio.disconnect()


async def test_questions_are_upvoted_once_and_queued_by_the_moderator(
    join: Join, server: TestServer
) -> None:
    ann, bob, cy = await join("Ann"), await join("Bob"), await join("Cy")
    mo = await moderator(server)
    try:
        await enter("plenary", ann, bob, cy, mo)
        first = (await ann.call("chat.question", {"text": "Wann ist Pause?"}))["data"]
        second = (await bob.call("chat.question", {"text": "Gibt es Folien?"}))["data"]
        await stage_where(mo, lambda s: len(s["questions"]) == 2)

        assert (await cy.call("stage.upvote", {"id": second["id"]}))["ok"]
        assert error(await cy.call("stage.upvote", {"id": second["id"]})) == "question.voted"
        assert error(await bob.call("stage.upvote", {"id": second["id"]})) == "question.own"
        assert error(await cy.call("stage.upvote", {"id": 2**31})) == "payload.invalid"
        assert error(await cy.call("stage.upvote", {"id": first["id"] + 99})) == (
            "question.unknown"
        )
        said = (await cy.call("chat.send", {"channel": "space:plenary", "text": "Hallo"}))["data"]
        assert error(await ann.call("stage.upvote", {"id": said["id"]})) == "question.unknown"
        assert error(await mo.call("stage.queue", {"id": said["id"], "action": "hide"})) == (
            "question.unknown"
        )
        # the most upvoted first
        ranked = await stage_where(
            ann, lambda s: [q["id"] for q in s["questions"]] == [second["id"], first["id"]]
        )
        assert ranked["questions"][0]["upvotes"] == 1
        assert (await ann.call("stage.view", {}))["data"]["upvoted"] == []
        assert (await cy.call("stage.view", {}))["data"]["upvoted"] == [second["id"]]

        # the moderator's queue: next, answered, hide
        assert error(await ann.call("stage.queue", {"id": second["id"], "action": "next"})) == (
            "auth.forbidden"
        )
        assert error(await mo.call("stage.queue", {"id": second["id"], "action": "skip"})) == (
            "payload.invalid"
        )
        since = ann.mark()
        assert (await mo.call("stage.queue", {"id": second["id"], "action": "next"}))["ok"]
        taken = await stage_where(ann, lambda s: s["current"] is not None, since=since)
        assert taken["current"]["id"] == second["id"]
        assert [q["id"] for q in taken["questions"]] == [first["id"]]
        since = ann.mark()
        assert (await mo.call("stage.queue", {"id": second["id"], "action": "answered"}))["ok"]
        await ann.wait_for("chat.changed", lambda c: c["id"] == second["id"] and c["answered"])
        after = await stage_where(ann, lambda s: s["current"] is None, since=since)
        assert [q["id"] for q in after["questions"]] == [first["id"]]
        since = bob.mark()
        assert (await mo.call("stage.queue", {"id": first["id"], "action": "hide"}))["ok"]
        hidden = await stage_where(bob, lambda s: s["questions"] == [], since=since)
        assert hidden["current"] is None
        # a hidden question stays in the chat but takes no more upvotes
        assert error(await cy.call("stage.upvote", {"id": first["id"]})) == "question.unknown"
        history = (await cy.call("chat.history", {"channel": "space:plenary"}))["data"]
        assert first["id"] in [m["id"] for m in history["messages"]]
    finally:
        await mo.sio.disconnect()


async def test_hands_are_seen_in_order_and_the_one_called_on_speaks_with_the_moderator(
    join: Join, server: TestServer
) -> None:
    ann, bob = await join("Ann"), await join("Bob")
    mo = await moderator(server)
    calling = {"on": True, "mic": True, "camera": False}
    try:
        await enter("plenary", ann, bob, mo)
        for person in (ann, bob, mo):
            assert (await person.call("call.state", calling))["ok"]
        assert error(await mo.call("stage.call_on", {"person": bob.id})) == "hand.not_raised"
        assert (await bob.call("presence.emote", {"emote": "hand"}))["ok"]
        assert (await ann.call("presence.emote", {"emote": "hand"}))["ok"]
        hands = await stage_where(mo, lambda s: len(s["hands"]) == 2)
        assert [h["id"] for h in hands["hands"]] == [bob.id, ann.id]  # first raised first

        assert error(await ann.call("stage.call_on", {"person": bob.id})) == "auth.forbidden"
        assert (await mo.call("stage.call_on", {"person": bob.id}))["ok"]
        called = await bob.wait_for("stage.called", lambda c: c["called"])
        assert called == {"space": "plenary", "called": True, "by": "Mo"}
        floor = await stage_where(ann, lambda s: s["speaker"] is not None)
        assert floor["speaker"]["id"] == bob.id and [h["id"] for h in floor["hands"]] == [ann.id]
        # Bob's hand went down for everyone; a call links him with the moderator
        await ann.wait_for(
            "space.tick", lambda f: {"id": bob.id, "emote": "hand_down"} in f["emotes"]
        )
        await bob.wait_for(
            "call.peers",
            lambda u: any(p["id"] == mo.id and p["call"] == "stage:plenary" for p in u["peers"]),
        )
        await mo.wait_for(
            "call.peers",
            lambda u: any(p["id"] == bob.id and p["call"] == "stage:plenary" for p in u["peers"]),
        )

        since = ann.mark()
        assert (await mo.call("stage.release", {}))["ok"]
        await bob.wait_for("stage.called", lambda c: not c["called"])
        await stage_where(ann, lambda s: s["speaker"] is None, since=since)
        await bob.wait_for(
            "call.peers", lambda u: not any(p["call"] == "stage:plenary" for p in u["peers"])
        )
    finally:
        await mo.sio.disconnect()


async def test_the_one_called_on_must_be_in_the_moderators_space(
    join: Join, server: TestServer
) -> None:
    ann = await join("Ann")
    mo = await moderator(server)
    try:
        assert (await ann.call("presence.emote", {"emote": "hand"}))["ok"]
        await enter("plenary", mo)
        assert error(await mo.call("stage.call_on", {"person": ann.id})) == "stage.not_here"
        assert error(await mo.call("stage.call_on", {"person": "x" * 65})) == "payload.invalid"
    finally:
        await mo.sio.disconnect()


async def test_applause_on_the_stage_is_seen_and_rate_limited(join: Join) -> None:
    ann, bob = await join("Ann"), await join("Bob")
    await enter("plenary", ann, bob)
    acks = [await ann.call("presence.emote", {"emote": "applause"}) for _ in range(4)]
    assert [a["ok"] for a in acks] == [True, True, True, False]
    assert acks[3]["error"]["code"] == "emote.too_often"
    applause = {"id": ann.id, "emote": "applause"}
    await bob.wait_for("space.tick", lambda f: applause in f["emotes"])
    await bob.round_trip()
    await ann.round_trip()
    # a sentinel after the flood: every frame with Ann's applause has arrived before it
    assert (await ann.call("presence.status", {"status": "busy"}))["ok"]
    await bob.wait_for("space.tick", lambda f: {"id": ann.id, "status": "busy"} in f["status"])
    seen = sum(f["emotes"].count(applause) for f in bob.events("space.tick"))
    assert seen == 3


async def test_a_closed_poll_is_kept_in_the_record_of_the_slot_it_was_asked_in(
    aiohttp_server: Callable[..., Awaitable[TestServer]], settings: Settings
) -> None:
    """At 11:20 the plenary's second talk runs: /programme shows the poll's result under it."""
    clock = ManualClock("11:20")
    update = {"clock": dt.datetime(2021, 11, 30, 11, 20)}
    server = await aiohttp_server(await create_app(settings.model_copy(update=update), clock=clock))
    body = await join_http(server, "Ann")
    ann = await Participant(server, body["token"], body["participant"]["id"], "Ann").connect()
    mo = await moderator(server)
    try:
        await enter("plenary", ann, mo)
        payload = {"question": "Kennen Sie das Bündnis?", "options": ["Ja", "Nein"]}
        poll = (await mo.call("stage.poll", payload))["data"]
        assert (await ann.call("stage.vote", {"poll": poll["id"], "choices": [0]}))["ok"]
        async with aiohttp.ClientSession() as http:
            async with http.get(server.make_url("/programme")) as response:
                assert "Kennen Sie das Bündnis?" not in await response.text()  # still open
            assert (await mo.call("stage.close", {"poll": poll["id"]}))["ok"]
            async with http.get(server.make_url("/programme?lang=en")) as response:
                page = await response.text()
    finally:
        await ann.sio.disconnect()
        await mo.sio.disconnect()
    slot = next(s for s in server.app[VENUE].programme.slots if s.title.startswith("Status quo"))
    article = re.search(rf'<article class="slot" id="slot-{slot.guid}">(.*?)</article>', page, re.S)
    assert article is not None
    shown = re.sub(r"\s+", " ", article.group(1))
    assert 'Poll: Kennen Sie das Bündnis? <span class="poll-voters">(voted: 1)' in shown
    assert 'Ja</span> <span class="poll-count">1 (100&nbsp;%)' in shown
    assert 'Nein</span> <span class="poll-count">0 (0&nbsp;%)' in shown
    assert page.count("Kennen Sie das Bündnis?") == 1  # under that slot only


async def test_the_floor_is_free_again_when_the_speaker_leaves_and_the_lobby_has_no_stage(
    join: Join, server: TestServer
) -> None:
    ann, bob, cy = await join("Ann"), await join("Bob"), await join("Cy")
    mo = await moderator(server)
    try:
        await enter("plenary", ann, bob, mo)
        assert (await bob.call("presence.emote", {"emote": "hand"}))["ok"]
        await stage_where(mo, lambda s: [h["id"] for h in s["hands"]] == [bob.id])
        assert (await mo.call("stage.call_on", {"person": bob.id}))["ok"]
        await stage_where(ann, lambda s: s["speaker"] is not None)
        since = ann.mark()
        await enter("lobby", bob)
        await stage_where(ann, lambda s: s["speaker"] is None, since=since)
        # Cy stayed in the lobby where hands went up and people came and went: no stage there
        await cy.round_trip()
        assert cy.events("stage.state") == []
    finally:
        await mo.sio.disconnect()
