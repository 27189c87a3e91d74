"""The orjson encodings of the tick frame and snapshots say exactly what the documented
protocol models (`TickOut`, `SpaceSnapshotOut`) say."""

from __future__ import annotations

import json
from typing import Any

from venue.domain.looks import Emote
from venue.domain.people import Person, Role, Status
from venue.protocol.base import MoveOut, Outbound
from venue.protocol.presence import (
    DepartureOut,
    EmoteOut,
    LookOut,
    SpaceSnapshotOut,
    StatusOut,
    TickOut,
)
from venue.protocol.views import person_out
from venue.realtime.frames import TickFrame, people_json, snapshot_text

ANN = Person("ann", 'Ann "Ä" Œ', Role.MODERATOR, "plenary", 12, 34, Status.BUSY, look="b-3")
BOB = Person("bob", "Bob", Role.PARTICIPANT, "plenary", 56, 78, hand=True)


def _event(text: str) -> tuple[str, Any]:
    """A Socket.IO EVENT packet's name and argument."""
    assert text[0] == "2"
    name, data = json.loads(text[1:])
    return name, data


def _frame() -> TickFrame:
    return TickFrame(
        moves={"cy": (1, 2), "dee": (3, 4)},
        arrived={"ann": ANN, "bob": BOB},
        departed={"eve": "bar", "fay": None},
        status={"cy": Status.AWAY},
        looks={"dee": "a-1"},
        emotes=[("cy", Emote.WAVE), ("cy", Emote.WAVE)],
    )


def test_a_tick_frame_is_the_documented_tick() -> None:
    model = TickOut(
        space="plenary",
        moves=[MoveOut(id="cy", x=1, y=2), MoveOut(id="dee", x=3, y=4)],
        arrived=[person_out(ANN), person_out(BOB)],
        departed=[DepartureOut(id="eve", to="bar"), DepartureOut(id="fay", to=None)],
        status=[StatusOut(id="cy", status=Status.AWAY)],
        looks=[LookOut(id="dee", look="a-1")],
        emotes=[EmoteOut(id="cy", emote=Emote.WAVE)] * 2,
    )
    name, data = _event(_frame().text("plenary"))
    assert name == Outbound.TICK.value
    assert data == json.loads(model.model_dump_json())
    assert TickOut.model_validate(data) == model


def test_a_tick_frame_leaves_out_arrivals_a_snapshot_showed() -> None:
    frame = _frame()
    _name, data = _event(frame.text("plenary", frozenset({"ann"})))
    assert [p["id"] for p in data["arrived"]] == ["bob"]
    assert frame.news_for(frozenset({"ann", "bob"}))  # the moves are still news
    arrivals_only = TickFrame(arrived={"ann": ANN})
    assert not arrivals_only.news_for(frozenset({"ann"}))
    assert arrivals_only.news_for(frozenset())


def test_an_empty_frame_is_still_a_valid_tick() -> None:
    _name, data = _event(TickFrame().text("lobby"))
    assert TickOut.model_validate(data) == TickOut(space="lobby")


def test_a_snapshot_is_the_documented_snapshot() -> None:
    model = SpaceSnapshotOut(
        space="plenary", me=person_out(BOB), people=[person_out(ANN), person_out(BOB)]
    )
    name, data = _event(snapshot_text("plenary", BOB, people_json([ANN, BOB])))
    assert name == Outbound.SNAPSHOT.value
    assert data == json.loads(model.model_dump_json())
    assert SpaceSnapshotOut.model_validate(data) == model
