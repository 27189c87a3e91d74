"""Looks and emotes in the domain: what changes, what is replayed, what is refused."""

from __future__ import annotations

import pytest

from tests.factories import two_room_venue
from venue.domain.errors import DomainError
from venue.domain.events import Emoted, LookChanged
from venue.domain.looks import Colour, Emote, Figure, look_of
from venue.domain.people import Role
from venue.domain.presence import Presence


def present(*names: str) -> Presence:
    presence = Presence(two_room_venue(10))
    for name in names:
        presence.arrive(name, name.title(), Role.PARTICIPANT, now=0.0)
    return presence


def test_a_look_is_kept_and_told_once() -> None:
    presence = present("ann")
    look = look_of(Figure.CAP, Colour.PLUM)
    assert presence.set_look("ann", look) == [LookChanged("lobby", "ann", "cap-plum")]
    assert presence.set_look("ann", look) == []
    assert presence.require("ann").look == "cap-plum"


def test_a_raised_hand_stays_until_lowered_or_a_change_of_space() -> None:
    presence = present("ann")
    assert presence.emote("ann", Emote.HAND, now=1.0) == [Emoted("lobby", "ann", Emote.HAND)]
    assert presence.require("ann").hand
    presence.emote("ann", Emote.WAVE, now=2.0)
    assert presence.require("ann").hand  # a wave passes, the hand stays
    presence.emote("ann", Emote.HAND_DOWN, now=3.0)
    assert not presence.require("ann").hand
    presence.emote("ann", Emote.HAND, now=4.0)
    presence.go("ann", "hall", now=5.0)
    assert not presence.require("ann").hand


def test_three_emotes_in_a_row_then_one_per_two_seconds() -> None:
    presence = present("ann", "bob")
    for _ in range(3):
        presence.emote("ann", Emote.APPLAUSE, now=10.0)
    with pytest.raises(DomainError) as refused:
        presence.emote("ann", Emote.APPLAUSE, now=10.5)
    assert refused.value.code == "emote.too_often"
    assert presence.emote("bob", Emote.WAVE, now=10.5)  # every person has their own budget
    assert presence.emote("ann", Emote.WAVE, now=12.1)


def test_replicas_replay_looks_and_hands() -> None:
    here, there = present("ann"), present("ann")
    events = [*here.set_look("ann", "bun-sky"), *here.emote("ann", Emote.HAND, now=1.0)]
    assert all(there.replay(event, now=1.0) for event in events)
    assert there.require("ann") == here.require("ann")
